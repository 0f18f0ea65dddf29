"""The document view and its reversal (红冲): never by Enter, always with a reason and a look."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QPushButton

from ledger.core.enums import DocType
from ledger.services import stock
from ledger.ui.dialogs import document_view
from ledger.ui.dialogs.document_view import DocumentViewDialog, ReverseDialog
from tests.ui.dialogs.test_document_form import on_hand


def issue_30_quilts(ctx) -> stock.Posted:
    with ctx.db.transaction(ctx.actor) as s:
        return stock.post_document(
            s,
            ctx.actor,
            stock.DocumentInput(DocType.ISSUE, "CG01", ctx.today(), [stock.LineInput("SH001", 30)]),
        )


def press_enter_in_modal_dialogs(qtbot, presses: list[str]) -> QTimer:
    """Press Enter in whichever modal dialog opens (as a user's habit would), noting its title;
    a dialog still open after that is closed so the test never hangs."""

    def tick() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog) and modal.isVisible():
            if len(presses) < 3:
                presses.append(modal.windowTitle())
                qtbot.keyClick(QApplication.focusWidget() or modal, Qt.Key.Key_Return)
            else:
                modal.reject()

    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(tick)
    timer.start()
    return timer


def test_two_enter_presses_in_the_document_view_do_not_reverse(qtbot, ctx, town) -> None:
    issued = issue_30_quilts(ctx)
    view = DocumentViewDialog(ctx, issued.id)
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitActive(view)
    presses: list[str] = []
    timer = press_enter_in_modal_dialogs(qtbot, presses)
    qtbot.keyClick(QApplication.focusWidget() or view, Qt.Key.Key_Return)
    qtbot.wait(300)
    timer.stop()
    assert on_hand(ctx, town.depot, "SH001") == {"": Decimal(50)}  # not reversed
    assert not view.isVisible()  # the first Enter closed the view
    assert presses == []  # and no reversal dialog was ever shown
    assert not view.reverse_button.isDefault() and not view.reverse_button.autoDefault()


def test_enter_in_the_reversal_dialog_cancels(qtbot, ctx, town, recorder) -> None:
    issued = issue_30_quilts(ctx)
    dialog = ReverseDialog(ctx, issued.id, issued.number, ctx.today())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    dialog.note.setText("数量录错")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()
    assert not dialog.ok_button.isDefault() and not dialog.ok_button.autoDefault()
    assert recorder.texts("confirm") == []
    assert on_hand(ctx, town.depot, "SH001") == {"": Decimal(50)}


def test_a_reversal_needs_a_reason(qtbot, ctx, town, recorder) -> None:
    issued = issue_30_quilts(ctx)
    dialog = ReverseDialog(ctx, issued.id, issued.number, ctx.today())
    qtbot.addWidget(dialog)
    dialog.ok_button.click()
    assert dialog.banner.text() == "请填写红冲原因"
    assert recorder.texts("confirm") == []
    assert on_hand(ctx, town.depot, "SH001") == {"": Decimal(50)}


def test_the_confirmation_repeats_number_depot_and_quantities(qtbot, ctx, town, recorder) -> None:
    issued = issue_30_quilts(ctx)
    dialog = ReverseDialog(ctx, issued.id, issued.number, ctx.today())
    qtbot.addWidget(dialog)
    dialog.note.setText("数量录错")
    recorder.answers.append(False)
    dialog.ok_button.click()
    (question,) = recorder.texts("confirm")
    assert f"出库单 {issued.number}" in question
    assert "仓库：城关镇储备库" in question
    assert "棉被 30床" in question and "原因：数量录错" in question
    assert on_hand(ctx, town.depot, "SH001") == {"": Decimal(50)}  # answered no
    recorder.answers.append(True)
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert on_hand(ctx, town.depot, "SH001") == {"": Decimal(80)}


def test_the_view_reverses_through_the_button(qtbot, ctx, town, monkeypatch) -> None:
    issued = issue_30_quilts(ctx)
    asked = []
    monkeypatch.setattr(
        document_view.ReverseDialog,
        "ask",
        staticmethod(lambda *args: asked.append(args[2]) or None),
    )
    view = DocumentViewDialog(ctx, issued.id)
    qtbot.addWidget(view)
    view.reverse_button.click()
    assert asked == [issued.number]


def test_no_destructive_button_is_a_default_button(qtbot, ctx, town) -> None:
    """Every button that reverses, deletes, restores or closes a month needs a click."""
    from ledger.ui.dialogs.norm_settings import AgreementsDialog
    from ledger.ui.pages.backups import BackupDialog
    from ledger.ui.pages.periods import PeriodsDialog

    issued = issue_30_quilts(ctx)
    view = DocumentViewDialog(ctx, issued.id)
    agreements = AgreementsDialog(ctx, town.town)
    periods = PeriodsDialog(ctx)
    dialogs = [view, agreements, periods, BackupDialog(ctx)]
    destructive = ("红冲", "删除", "恢复", "反结账")
    checked = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        for button in dialog.findChildren(QPushButton):
            if any(word in button.text() for word in destructive):
                assert not button.isDefault() and not button.autoDefault(), button.text()
                checked.append(button.text())
    assert len(checked) >= 4, checked
