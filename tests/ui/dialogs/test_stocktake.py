"""Stocktake through the entry form: load the sheet off the GUI thread, count, decide, post."""

from __future__ import annotations

from decimal import Decimal

from ledger.core.enums import DocType
from ledger.services.stock.stocktake import Uncounted
from ledger.ui.dialogs import stocktake as stocktake_dialog
from ledger.ui.dialogs.stocktake import UncountedDialog
from tests.ui.dialogs.test_document_form import on_hand, open_form, post, type_cell


def loaded_form(qtbot, ctx, town):
    form = open_form(qtbot, ctx, DocType.STOCKTAKE, town.depot)
    task = form.stocktake.task
    assert task is not None, "the sheet loads when the form opens as a stocktake"
    if not task.outcome:
        with qtbot.waitSignal(task.ended):
            pass
    return form


def test_the_sheet_loads_in_the_background_with_book_quantities(qtbot, ctx, town) -> None:
    form = loaded_form(qtbot, ctx, town)
    assert form.stocktake.task.outcome == "done"
    rows = [
        (x.sheet.item_code, x.sheet.lot, x.sheet.book)
        for x in form.stocktake.model.lines
        if x.sheet
    ]
    assert rows == [
        ("FX001", "L0", 200),
        ("FX001", "L1", 1000),
        ("FX002", "J1", 50),
        ("SH001", "", 80),
    ]
    assert "未盘 4 个" in form.stocktake.summary.text()


def test_a_full_count_asks_about_uncounted_lots_and_posts_differences(
    qtbot, ctx, town, recorder, monkeypatch
) -> None:
    form = loaded_form(qtbot, ctx, town)
    asked = []

    def decide(lines, parent=None):
        dialog = UncountedDialog(lines, parent)
        qtbot.addWidget(dialog)
        asked.append([line.sheet.item_code for line in lines])
        dialog.accept()
        assert dialog.isVisible() or dialog.hint.text() == "还有批次没有选择处理方式"
        dialog.choose_all(Uncounted.ZERO)
        dialog.accept()
        return dialog.decisions()

    monkeypatch.setattr(stocktake_dialog.UncountedDialog, "ask", staticmethod(decide))
    form.approver.setText("李主任")
    form.stocktake.grid.start()
    for text in ("195", "1000", "", "82"):
        type_cell(qtbot, form.stocktake.grid, text)
    assert form.stocktake.model.lines[0].counted_text == "195"
    post(qtbot, form)
    assert asked == [["FX002"]]
    assert form.posted[0].number == "CG01-PD-2026-00001", recorder.messages
    assert on_hand(ctx, town.depot, "FX001") == {"L0": Decimal(195), "L1": Decimal(1000)}
    assert on_hand(ctx, town.depot, "FX002") == {}
    assert on_hand(ctx, town.depot, "SH001") == {"": Decimal(82)}


def test_going_back_to_counting_posts_nothing(qtbot, ctx, town, recorder, monkeypatch) -> None:
    form = loaded_form(qtbot, ctx, town)
    monkeypatch.setattr(stocktake_dialog.UncountedDialog, "ask", staticmethod(lambda *a: None))
    form.stocktake.grid.start()
    type_cell(qtbot, form.stocktake.grid, "190")
    post(qtbot, form)
    assert form.posted == []
    assert on_hand(ctx, town.depot, "FX001")["L0"] == 200


def test_a_partial_count_posts_only_what_was_counted(qtbot, ctx, town, recorder) -> None:
    form = loaded_form(qtbot, ctx, town)
    form.scope.setCurrentIndex(1)
    form.approver.setText("李主任")
    form.stocktake.grid.start()
    type_cell(qtbot, form.stocktake.grid, "210")
    post(qtbot, form)
    assert form.posted and on_hand(ctx, town.depot, "FX001")["L0"] == 210
    assert on_hand(ctx, town.depot, "SH001") == {"": Decimal(80)}
