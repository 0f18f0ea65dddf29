"""期末结账: closing a month in one depot or all, the refusal it brings, and reopening."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from ledger.core.actor import Actor
from ledger.core.enums import DocType, Role
from ledger.core.errors import PeriodClosed
from ledger.services import stock
from ledger.services.closing import periods
from ledger.ui.context import AppContext
from ledger.ui.pages.periods import PeriodsDialog, last_ended_month


def _dialog(qtbot, ctx: AppContext) -> PeriodsDialog:
    dialog = PeriodsDialog(ctx)
    qtbot.addWidget(dialog)
    return dialog


def test_the_last_ended_month_is_offered() -> None:
    assert last_ended_month(date(2026, 11, 22)) == QDate(2026, 10, 1)
    assert last_ended_month(date(2027, 1, 5)) == QDate(2026, 12, 1)


def test_closing_a_month_in_one_depot_refuses_documents_of_it(qtbot, ctx, town, recorder) -> None:
    dialog = _dialog(qtbot, ctx)
    dialog.depot.setCurrentIndex(dialog.depot.findData("CG01"))
    assert dialog.period() == periods.month(2026, 10)
    recorder.answers.append(True)
    dialog.close_selected()
    assert "已结账 1 个仓库：2026年10月" in recorder.texts("info")[-1]
    assert [(r.depot_code, r.period.label) for r in dialog.model.rows] == [("CG01", "2026年10月")]
    line = stock.LineInput("FX001", 5, "L1")
    document = stock.DocumentInput(DocType.ISSUE, "CG01", date(2026, 10, 30), [line])
    try:
        with ctx.db.transaction(ctx.actor) as s:
            stock.post_document(s, ctx.actor, document)
    except PeriodClosed as error:
        assert "2026年10月" in error.message
    else:
        raise AssertionError("a document in the closed month was posted")


def test_closing_all_depots_then_again_names_those_already_closed(
    qtbot, ctx, town, recorder
) -> None:
    dialog = _dialog(qtbot, ctx)
    recorder.answers.extend([True, True])
    dialog.close_selected()
    assert "已结账 2 个仓库" in recorder.texts("info")[-1]
    dialog.close_selected()
    assert "此前已结账：" in recorder.texts("info")[-1]
    assert len(dialog.model.rows) == 2


def test_a_year_close_and_a_month_not_ended_is_refused(qtbot, ctx, town, recorder) -> None:
    dialog = _dialog(qtbot, ctx)
    dialog.kind.setCurrentIndex(dialog.kind.findData(periods.YEAR))
    dialog.when.setDate(QDate(2026, 1, 1))
    dialog.depot.setCurrentIndex(dialog.depot.findData("CG02"))
    assert dialog.period() == periods.year(2026)
    recorder.answers.append(True)
    dialog.close_selected()
    assert "2026年度" in recorder.texts("refusal")[-1]
    assert dialog.model.rows == []


def test_reopening_the_selected_close(qtbot, ctx, town, recorder) -> None:
    dialog = _dialog(qtbot, ctx)
    dialog.depot.setCurrentIndex(dialog.depot.findData("CG01"))
    recorder.answers.extend([True, True])
    dialog.close_selected()
    dialog.view.selectRow(0)
    dialog.reopen_selected()
    assert dialog.model.rows == []
    with ctx.db.read() as s:
        assert periods.closes(s) == []


def test_a_keeper_sees_the_list_but_may_not_close(qtbot, sqlite_db, settings, town) -> None:
    keeper = AppContext(sqlite_db, Actor("keeper", Role.KEEPER, "保管员"), settings)
    dialog = _dialog(qtbot, keeper)
    assert not dialog.close_button.isEnabled() and not dialog.reopen_button.isEnabled()


def test_a_close_copies_to_the_clipboard_with_its_line_count(qtbot, ctx, town, recorder) -> None:
    dialog = _dialog(qtbot, ctx)
    dialog.depot.setCurrentIndex(dialog.depot.findData("CG01"))
    recorder.answers.append(True)
    dialog.close_selected()
    dialog.view.selectRow(0)
    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    mime = QApplication.clipboard().mimeData()
    lines = str(dialog.model.rows[0].lines)
    assert mime.text().split("\r\n")[1].split("\t")[3] == lines
    assert f">{lines}</td>" in mime.html()
    QApplication.clipboard().clear()  # the offscreen clipboard must not outlive the application
