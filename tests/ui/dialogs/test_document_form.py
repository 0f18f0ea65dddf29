"""Document entry through the keyboard: type, Enter, Ctrl+S, see the balance change."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ledger.core.enums import DocType
from ledger.services.stock_queries import StockFilter, stock_on_hand
from ledger.ui.dialogs.document_form import DocumentDialog


def type_cell(qtbot, grid, text: str) -> None:
    """Type into the cell being edited and press Enter."""
    editor = grid.indexWidget(grid.currentIndex())
    assert editor is not None, "no cell is being edited"
    qtbot.keyClicks(editor, text)
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
    assert form.posted and form.posted[0].number == "RK-2026-00002"
    assert on_hand(ctx, town.depot, "FX002")["J2"] == 30
