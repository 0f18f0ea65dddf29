"""Questions put to the user: the safe answer is the default, so a habitual Enter says no."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ledger.ui import messages


def test_enter_on_a_question_answers_no(qtbot) -> None:
    seen: list[str] = []

    def press_enter() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.defaultButton().text())
            qtbot.keyClick(box, Qt.Key.Key_Return)

    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(press_enter)
    timer.start()
    answer = messages.confirm(None, "删除这条记录吗？", yes="删除", no="继续录入")
    timer.stop()
    assert seen == ["继续录入"]
    assert answer is False
