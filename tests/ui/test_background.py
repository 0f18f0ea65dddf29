"""Long work off the GUI thread: progress, cancel, refusals and crashes reported."""

from __future__ import annotations

import threading

from ledger.core.errors import MissingField
from ledger.ui.background import Progress, run_in_background


def test_work_reports_progress_and_returns_its_result(qtbot, recorder) -> None:
    results = []

    def work(progress: Progress) -> int:
        for step in range(3):
            progress.report(step, 3, f"第{step}步")
        return 42

    task = run_in_background(None, "测试", work, results.append)
    with qtbot.waitSignal(task.ended):
        pass
    assert (task.outcome, results) == ("done", [42])


def test_cancel_stops_the_work_at_its_next_report(qtbot, recorder) -> None:
    started = threading.Event()
    results = []

    def work(progress: Progress) -> None:
        started.set()
        while True:
            progress.report(1, 2)

    task = run_in_background(None, "测试", work, results.append)
    assert started.wait(5)
    with qtbot.waitSignal(task.ended):
        task.dialog.canceled.emit()
    assert (task.outcome, results) == ("cancelled", [])
    assert recorder.texts("status") == ["已取消"]


def test_a_refusal_is_shown_and_a_crash_says_nothing_was_saved(qtbot, recorder) -> None:
    def refuse(progress: Progress) -> None:
        raise MissingField(where="盘点表", field="审批人")

    task = run_in_background(None, "测试", refuse, lambda _r: None)
    with qtbot.waitSignal(task.ended):
        pass
    assert recorder.texts("refusal") == ["盘点表缺少必填项：审批人"]

    def crash(progress: Progress) -> None:
        raise ZeroDivisionError

    task = run_in_background(None, "测试", crash, lambda _r: None)
    with qtbot.waitSignal(task.ended):
        pass
    (message,) = recorder.kinds("crash")
    assert "没有保存任何内容" in message.text and "ZeroDivisionError" in message.detail
    recorder.messages.clear()  # the crash was the point of this test


def test_a_cancel_after_the_last_report_comes_too_late(qtbot, recorder) -> None:
    results = []

    def work(progress: Progress) -> str:
        progress.report(1, 1)
        progress.cancel()  # the user presses 取消 while the work commits, after its last report
        return "已导入"

    task = run_in_background(None, "测试", work, results.append)
    with qtbot.waitSignal(task.ended):
        pass
    assert (task.outcome, results) == ("done", ["已导入"])
    assert "已取消" not in recorder.texts("status")
