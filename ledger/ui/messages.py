"""The one path for every message the user sees: information, refusals, crashes, questions.

No widget calls ``QMessageBox`` itself. Tests call :func:`record` to capture messages instead
of showing modal boxes, and queue the answers to questions.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget


@dataclass(frozen=True)
class Message:
    """A message as shown: its kind, its text, optional detail and the line it concerns."""

    kind: str
    text: str
    detail: str = ""
    line: int | None = None


@dataclass
class Recorder:
    """Captures messages; answers questions from :attr:`answers` (then :attr:`default`)."""

    messages: list[Message] = field(default_factory=list)
    answers: deque[bool] = field(default_factory=deque)
    default: bool = True

    def kinds(self, kind: str) -> list[Message]:
        """The messages of one kind, in order."""
        return [m for m in self.messages if m.kind == kind]

    def texts(self, kind: str | None = None) -> list[str]:
        """The texts of every message (of one kind)."""
        return [m.text for m in self.messages if kind is None or m.kind == kind]


class InlineTarget(Protocol):
    """A form that shows a refusal beside what it concerns instead of in a box."""

    def show_refusal(self, text: str, line: int | None) -> None:
        """Show ``text`` at ``line`` (1-based; ``None`` for the whole form)."""


class _Hub(QObject):
    """Carries status-bar messages to the main window."""

    status = Signal(str)


hub = _Hub()
_recorder: Recorder | None = None


@contextmanager
def record() -> Iterator[Recorder]:
    """Capture every message (no modal box appears) while the block runs."""
    global _recorder
    previous, _recorder = _recorder, Recorder()
    try:
        yield _recorder
    finally:
        _recorder = previous


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, message: Message) -> None:
    box = QMessageBox(icon, title, message.text, QMessageBox.StandardButton.Ok, parent)
    if message.detail:
        box.setDetailedText(message.detail)
    box.exec()


def info(parent: QWidget | None, text: str) -> None:
    """Tell the user something went as asked."""
    message = Message("info", text)
    if _recorder is not None:
        _recorder.messages.append(message)
        return
    _box(
        parent,
        QMessageBox.Icon.Information,
        QCoreApplication.translate("Messages", "提示"),
        message,
    )


def warning(parent: QWidget | None, text: str, detail: str = "") -> None:
    """Warn about something the user should fix (a file, a setting)."""
    message = Message("warning", text, detail)
    if _recorder is not None:
        _recorder.messages.append(message)
        return
    _box(parent, QMessageBox.Icon.Warning, QCoreApplication.translate("Messages", "注意"), message)


def refusal(
    parent: QWidget | None,
    text: str,
    *,
    line: int | None = None,
    target: InlineTarget | None = None,
) -> None:
    """Show why the ledger refused an action; inline at ``line`` when a form can show it."""
    message = Message("refusal", text, line=line)
    if _recorder is not None:
        _recorder.messages.append(message)
    if target is not None:
        target.show_refusal(text, line)
    elif _recorder is None:
        _box(
            parent,
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("Messages", "未能保存"),
            message,
        )


def crash(parent: QWidget | None, detail: str, *, reading: bool = False) -> None:
    """Tell the user an unexpected error happened and that nothing was saved (``reading``:
    that a read failed and nothing was changed)."""
    text = (
        QCoreApplication.translate(
            "Messages", "读取数据时出现意外错误，数据没有任何改动。\n请把详细信息发给技术支持人员。"
        )
        if reading
        else QCoreApplication.translate(
            "Messages",
            "程序出现意外错误，本次操作没有保存任何内容。\n请把详细信息发给技术支持人员。",
        )
    )
    message = Message("crash", text, detail)
    if _recorder is not None:
        _recorder.messages.append(message)
        return
    _box(
        parent,
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("Messages", "意外错误"),
        message,
    )


def confirm(parent: QWidget | None, question: str, *, yes: str = "", no: str = "") -> bool:
    """Ask a yes/no question; ``True`` for yes. The safe answer (no) is the default button
    and Esc, so Enter pressed by habit never confirms a destructive action."""
    message = Message("confirm", question)
    if _recorder is not None:
        _recorder.messages.append(message)
        return _recorder.answers.popleft() if _recorder.answers else _recorder.default
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("Messages", "请确认"),
        question,
        parent=parent,
    )
    yes_button = box.addButton(
        yes or QCoreApplication.translate("Messages", "确定"), QMessageBox.ButtonRole.AcceptRole
    )
    no_button = box.addButton(
        no or QCoreApplication.translate("Messages", "取消"), QMessageBox.ButtonRole.RejectRole
    )
    yes_button.setAutoDefault(False)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def status(text: str) -> None:
    """Show a short note in the status bar (a document posted, a record saved)."""
    if _recorder is not None:
        _recorder.messages.append(Message("status", text))
    hub.status.emit(text)
