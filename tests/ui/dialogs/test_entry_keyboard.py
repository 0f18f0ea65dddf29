"""Keyboard and scanner entry: the cursor starts in 物资, the type is fixed, one Enter takes a
suggestion, scanned labels fill item and lot or serial, over-available is red, Ctrl+D copies."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from ledger.core.enums import Category, DocType
from ledger.core.scancodes import equipment_code, item_code
from ledger.services import stock
from ledger.services.catalogue import equipment_register as equipment
from ledger.services.catalogue import register as catalogue
from ledger.services.catalogue.equipment_register import EquipmentInput, HolderKind
from ledger.ui.dialogs.document_form import DocumentDialog
from ledger.ui.dialogs.document_view import DocumentViewDialog
from ledger.ui.tables.base import RED_BG
from ledger.ui.tables.lines import KEYS
from tests.ui.dialogs.test_document_form import fill_line, on_hand, open_form, post, type_cell


def shown(qtbot, ctx, kind: DocType, depot) -> DocumentDialog:
    form = DocumentDialog(ctx, kind, depot)
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    qtbot.waitActive(form)
    return form


def test_the_form_opens_in_line_ones_item_cell(qtbot, ctx, town) -> None:
    form = shown(qtbot, ctx, DocType.ISSUE, town.depot)
    qtbot.waitUntil(lambda: form.grid.indexWidget(form.grid.currentIndex()) is not None)
    assert (form.grid.currentIndex().row(), form.grid.currentIndex().column()) == (0, 0)
    assert QApplication.focusWidget() is form.grid.indexWidget(form.grid.currentIndex())


def test_the_document_type_is_a_label_no_key_can_turn(qtbot, ctx, town) -> None:
    form = shown(qtbot, ctx, DocType.ISSUE, town.depot)
    assert form.type_label.text() == "出库单" and form.type_label.isVisible()
    assert not form.doc_type.isVisible()
    assert all(c is not form.doc_type for c in form.header.findChildren(QComboBox))
    form.depot.setFocus()
    qtbot.keyClick(form.depot, Qt.Key.Key_Down)
    assert form.current_type() is DocType.ISSUE


def test_the_destination_depot_starts_empty_and_is_asked_for(qtbot, ctx, town, recorder) -> None:
    form = open_form(qtbot, ctx, DocType.TRANSFER, town.depot)
    assert form.dest.currentData() is None and form.dest.currentText() == ""
    fill_line(qtbot, form, "SH001", "", "5")
    post(qtbot, form)
    assert "调入仓库" in recorder.kinds("refusal")[-1].text
    assert form.posted == []


def test_one_enter_in_the_popup_takes_the_only_suggestion_and_moves_on(qtbot, ctx, town) -> None:
    form = open_form(qtbot, ctx, DocType.RECEIPT, town.depot)
    editor = form.grid.indexWidget(form.grid.currentIndex())
    qtbot.keyClicks(editor, "FX00")  # two items match: nothing highlighted yet
    popup = editor.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)  # highlight the first
    with qtbot.waitSignal(form.grid.moved):
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert form.lines.lines[0].item.code == "FX001"
    assert form.grid.currentIndex().column() == KEYS.index("lot")
    form.grid.finish_editing()
    form.grid.setCurrentIndex(form.lines.index(1, 0))
    form.grid.edit(form.lines.index(1, 0))
    editor = form.grid.indexWidget(form.grid.currentIndex())
    qtbot.keyClicks(editor, "SH0")  # one match, none highlighted: Enter takes it
    popup = editor.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    with qtbot.waitSignal(form.grid.moved):
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert form.lines.lines[1].item.code == "SH001"
    assert form.grid.currentIndex() == form.lines.index(1, KEYS.index("lot"))


def test_a_scanned_lot_label_fills_item_and_lot(qtbot, ctx, town, recorder) -> None:
    form = open_form(qtbot, ctx, DocType.ISSUE, town.depot)
    type_cell(qtbot, form.grid, item_code("FX001", "L1"))
    line = form.lines.lines[0]
    assert (line.item.code, line.lot, line.suggested, line.available) == (
        "FX001",
        "L1",
        False,
        Decimal(1000),
    )
    assert form.grid.currentIndex().column() == KEYS.index("quantity")  # lot is skipped
    type_cell(qtbot, form.grid, "7")
    post(qtbot, form)
    assert on_hand(ctx, town.depot, "FX001")["L1"] == 993


def test_a_scanned_equipment_label_fills_item_and_serial(qtbot, ctx, town) -> None:
    def add(s, a):
        catalogue.save_item(
            s,
            a,
            catalogue.ItemInput(
                "ZB001", "发电机", "台", Category.LIGHTING_POWER, serial_tracked=True
            ),
        )
        equipment.add_equipment(
            s, a, EquipmentInput("GEN-7", "ZB001", HolderKind.DEPOT, town.depot)
        )

    ctx.db.run(lambda s: add(s, ctx.actor), ctx.actor)
    form = open_form(qtbot, ctx, DocType.ISSUE, town.depot)
    type_cell(qtbot, form.grid, equipment_code("GEN-7"))
    line = form.lines.lines[0]
    assert (line.item.code, line.serials, line.quantity_text) == ("ZB001", "GEN-7", "1")


def test_a_quantity_above_what_is_available_is_red_at_once(qtbot, ctx, town, recorder) -> None:
    with ctx.db.transaction(ctx.actor) as s:
        stock.post_document(
            s,
            ctx.actor,
            stock.DocumentInput(
                DocType.RECEIPT, "CG02", ctx.today(), [stock.LineInput("SH001", 40)]
            ),
        )
    form = open_form(qtbot, ctx, DocType.ISSUE, town.depot)
    fill_line(qtbot, form, "SH001", "", "100")
    cell = form.lines.index(0, KEYS.index("quantity"))
    assert form.lines.data(cell, Qt.ItemDataRole.BackgroundRole).color() == RED_BG
    tip = form.lines.data(cell, Qt.ItemDataRole.ToolTipRole)
    assert "可用 80床" in tip and "东村存储点 40床" in tip
    assert "东村存储点 40床" in recorder.texts("status")[-1]
    form.lines.setData(cell, "80")
    assert form.lines.data(cell, Qt.ItemDataRole.BackgroundRole) is None


def test_ctrl_d_copies_the_line_above(qtbot, ctx, town) -> None:
    form = open_form(qtbot, ctx, DocType.RECEIPT, town.depot)
    fill_line(qtbot, form, "FX002", "J9", "2029-01-01", "12", "3.5")
    qtbot.waitUntil(lambda: form.grid.currentIndex().row() == 1)
    editor = form.grid.indexWidget(form.grid.currentIndex())  # line 2's 物资, being edited
    qtbot.keyClick(editor, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: form.lines.lines[1].item is not None)
    first, second = form.lines.lines[0], form.lines.lines[1]
    assert (second.item, second.lot, second.quantity_text, second.price_text) == (
        first.item,
        "J9",
        "12",
        "3.5",
    )
    assert len(form.lines.filled()) == 2


def test_copy_document_opens_a_new_form_with_its_lines_dated_today(qtbot, ctx, town) -> None:
    with ctx.db.transaction(ctx.actor) as s:
        issued = stock.post_document(
            s,
            ctx.actor,
            stock.DocumentInput(
                DocType.ISSUE,
                "CG01",
                ctx.today(),
                [stock.LineInput("SH001", 10), stock.LineInput("FX001", 5, "L1")],
                counterparty="城关镇政府",
            ),
        )
    view = DocumentViewDialog(ctx, issued.id)
    qtbot.addWidget(view)
    view.copy_button.click()
    form = view.copy_form
    assert form.current_type() is DocType.ISSUE and form.depot_id() == town.depot
    assert [(x.item.code, x.lot, x.quantity_text) for _, x in form.lines.filled()] == [
        ("SH001", "", "10"),
        ("FX001", "L1", "5"),
    ]
    assert form.lines.lines[1].available == 995  # what lot L1 holds after the first issue
    assert form.counterparty.currentText() == "城关镇政府"
    form.post()
    assert form.posted and form.posted[0].number != issued.number
    assert on_hand(ctx, town.depot, "SH001") == {"": Decimal(60)}
