"""Document entry through the keyboard: type, Enter, Ctrl+S, see the balance change."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from ledger.core.enums import DocType, Reason
from ledger.services.stock.queries import StockFilter, stock_on_hand
from ledger.ui.dialogs.document_form import DocumentDialog
from ledger.ui.widgets.fields import select_data


def type_cell(qtbot, grid, text: str) -> None:
    """Type into the cell being edited and press Enter."""
    editor = grid.indexWidget(grid.currentIndex())
    assert editor is not None, "no cell is being edited"
    if text.isascii():
        qtbot.keyClicks(editor, text)
    else:  # Chinese arrives from the input method as committed text
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(editor, event)
    with qtbot.waitSignal(grid.moved):
        qtbot.keyClick(editor, Qt.Key.Key_Return)


def open_form(qtbot, ctx, doc_type: DocType, depot) -> DocumentDialog:
    """The entry form, shown and active, with the cursor in the first cell."""
    form = DocumentDialog(ctx, doc_type, depot)
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    qtbot.waitActive(form)
    form.active_grid().start()
    return form


def press(qtbot, form, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """Press a key where the keyboard focus is (shortcuts act as for the user).

    The offscreen platform does not give activation back after a completer popup closes,
    as a window manager would, so the form is activated again first.
    """
    if QApplication.activeWindow() is not form:
        form.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    qtbot.keyClick(QApplication.focusWidget() or form, key, modifier)


def on_hand(ctx, depot, code: str) -> dict[str, Decimal]:
    rows = ctx.read(lambda s: stock_on_hand(s, StockFilter(depot_id=depot, search=code)))
    return {r.lot: r.quantity for r in rows if r.item_code == code}


def test_a_receipt_typed_with_the_keyboard_is_posted(qtbot, ctx, town, recorder) -> None:
    form = open_form(qtbot, ctx, DocType.RECEIPT, town.depot)
    for text in ("FX002", "J2", "2028-05-01", "30", "12.5"):
        type_cell(qtbot, form.grid, text)
    line = form.lines.lines[0]
    assert (line.item.code, line.lot, line.quantity_text) == ("FX002", "J2", "30")
    press(qtbot, form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert recorder.messages == [], recorder.messages
    assert form.posted and form.posted[0].number == "CG01-RK-2026-00002"
    assert on_hand(ctx, town.depot, "FX002")["J2"] == 30


def fill_line(qtbot, form, *cells: str) -> None:
    """Type one line, cell after cell, pressing Enter after each."""
    for text in cells:
        type_cell(qtbot, form.grid, text)


def post(qtbot, form) -> None:
    press(qtbot, form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_an_issue_suggests_the_lot_expiring_first_and_splits_the_quantity(
    qtbot, ctx, town, recorder
) -> None:
    form = open_form(qtbot, ctx, DocType.ISSUE, town.depot)
    type_cell(qtbot, form.grid, "编织袋")
    line = form.lines.lines[0]
    assert (line.lot, line.suggested, line.available) == ("L0", True, 200)
    assert line.expiry_text == "2026-12-01"
    fill_line(qtbot, form, "", "250")
    assert [(x.lot, x.quantity_text) for _, x in form.lines.filled()] == [
        ("L0", "200"),
        ("L1", "50"),
    ]
    assert "按先到期先出分到 2 个批次" in recorder.texts("status")[-1]
    post(qtbot, form)
    assert form.posted[0].number == "CG01-CK-2026-00001"
    assert on_hand(ctx, town.depot, "FX001") == {"L1": Decimal(950)}


def test_an_issue_larger_than_stock_is_refused_at_its_line(qtbot, ctx, town, recorder) -> None:
    form = open_form(qtbot, ctx, DocType.ISSUE, town.depot)
    fill_line(qtbot, form, "SH001", "", "10")
    fill_line(qtbot, form, "FX001", "L1", "1200")
    post(qtbot, form)
    (refusal,) = recorder.kinds("refusal")
    assert refusal.line == 2
    assert "编织袋（批次 L1）现有 1000条，要求出库 1200条" in refusal.text
    assert form.banner.text().startswith("第2行：")
    assert form.lines.lines[1].error and not form.lines.lines[0].error
    assert form.grid.currentIndex().row() == 1
    assert form.posted == []
    assert on_hand(ctx, town.depot, "SH001") == {"": Decimal(80)}


def test_an_expired_lot_needs_an_override_reason(qtbot, ctx, town, recorder) -> None:
    form = open_form(qtbot, ctx, DocType.ISSUE, town.depot)
    fill_line(qtbot, form, "FX002", "J1", "5")
    post(qtbot, form)
    assert recorder.kinds("refusal")[-1].line == 1
    assert "已于 2026-10-01 过期" in form.banner.text()
    override = form.lines.index(0, form.lines.columnCount() - 1)
    form.lines.setData(override, "抗洪急用，经检查完好")
    post(qtbot, form)
    assert form.posted and form.posted[0].doc_type is DocType.ISSUE


def test_an_unknown_item_is_marked_and_refused_before_posting(qtbot, ctx, town, recorder) -> None:
    form = open_form(qtbot, ctx, DocType.RECEIPT, town.depot)
    fill_line(qtbot, form, "发电机", "", "", "1", "")
    assert form.lines.lines[0].item is None
    assert "物资目录中没有“发电机”" in form.lines.item_problem(form.lines.lines[0])
    post(qtbot, form)
    assert recorder.kinds("refusal")[-1].line == 1
    assert form.posted == []


def test_a_transfer_moves_stock_between_depots(qtbot, ctx, town, recorder) -> None:
    form = open_form(qtbot, ctx, DocType.TRANSFER, town.depot)
    select_data(form.dest, town.depot2)
    form.grid.start()
    fill_line(qtbot, form, "SH001", "", "30")
    post(qtbot, form)
    assert form.posted[0].number.startswith("CG01-DB-2026-")
    assert on_hand(ctx, town.depot, "SH001") == {"": Decimal(50)}
    assert on_hand(ctx, town.depot2, "SH001") == {"": Decimal(30)}


def test_a_write_off_needs_an_approver_then_posts(qtbot, ctx, town, recorder) -> None:
    form = open_form(qtbot, ctx, DocType.WRITE_OFF, town.depot)
    form.reason.set_value(Reason.DAMAGED)
    form.grid.start()
    fill_line(qtbot, form, "SH001", "", "3")
    post(qtbot, form)
    assert "审批人" in recorder.kinds("refusal")[-1].text
    assert recorder.kinds("refusal")[-1].line is None
    form.approver.setText("李主任")
    post(qtbot, form)
    assert form.posted[0].number.startswith("CG01-BS-2026-")
    assert on_hand(ctx, town.depot, "SH001") == {"": Decimal(77)}


def test_a_return_brings_back_what_an_issue_took(qtbot, ctx, town, recorder) -> None:
    issue = open_form(qtbot, ctx, DocType.ISSUE, town.depot)
    fill_line(qtbot, issue, "SH001", "", "20")
    post(qtbot, issue)
    number = issue.posted[0].number
    form = open_form(qtbot, ctx, DocType.RETURN, town.depot)
    form.source.setText(number)
    form.grid.start()
    fill_line(qtbot, form, "SH001", "", "", "25")
    post(qtbot, form)
    assert "超过出库单" in recorder.kinds("refusal")[-1].text
    form.lines.setData(form.lines.index(0, 3), "15")
    post(qtbot, form)
    assert form.posted[0].number.startswith("CG01-GH-2026-")
    assert on_hand(ctx, town.depot, "SH001") == {"": Decimal(75)}


def test_escape_asks_before_dropping_typed_lines(qtbot, ctx, town, recorder) -> None:
    form = open_form(qtbot, ctx, DocType.RECEIPT, town.depot)
    fill_line(qtbot, form, "SH001")
    recorder.answers.append(False)
    press(qtbot, form, Qt.Key.Key_Escape)
    press(qtbot, form, Qt.Key.Key_Escape)
    assert form.isVisible()
    assert recorder.texts("confirm") == ["这张单据还没有过账，放弃录入的内容吗？"]
    recorder.answers.append(True)
    form.reject()
    assert not form.isVisible()


def test_after_posting_the_form_is_ready_for_the_next_document(qtbot, ctx, town, recorder):
    form = open_form(qtbot, ctx, DocType.RECEIPT, town.depot)
    fill_line(qtbot, form, "SH001", "", "", "5", "")
    post(qtbot, form)
    assert "已过账：入库单 CG01-RK-2026-00002" in form.banner.text()
    assert form.lines.filled() == []
    fill_line(qtbot, form, "SH001", "", "", "6", "")
    post(qtbot, form)
    assert [p.number for p in form.posted] == ["CG01-RK-2026-00002", "CG01-RK-2026-00003"]
    assert on_hand(ctx, town.depot, "SH001") == {"": Decimal(91)}
