"""The base of record editors: a form, a refusal banner, OK and Cancel, and ``ask()``.

OK runs the save as one operation while the dialog stays open, so a refusal appears in the
dialog's banner and the user corrects it in place. ``ask()`` returns what was saved (or
``None``); tests replace it, or build the dialog and press its buttons.
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ledger.ui import messages
from ledger.ui.context import AppContext
from ledger.ui.ops import Outcome, Unreadable

BANNER_STYLE = (
    "QLabel { background: #fde2e1; color: #8b1a1a; border: 1px solid #f2b8b5;"
    " border-radius: 4px; padding: 6px 8px; }"
)
HINT_STYLE = "QLabel { color: #a61b1b; font-size: 12px; }"


def typed_into(widget: QWidget) -> bool:
    """Whether any text field under ``widget`` was edited by hand (not filled by the program)."""
    if any(edit.isModified() for edit in widget.findChildren(QLineEdit)):
        return True
    plain = widget.findChildren(QPlainTextEdit)
    rich = widget.findChildren(QTextEdit)
    return any(e.document().isModified() for e in plain) or any(
        e.document().isModified() for e in rich
    )


def ask_discard(parent: QWidget) -> bool:
    """Ask whether to throw away what was typed; 继续录入 is the default answer."""
    return messages.confirm(
        parent,
        QCoreApplication.translate("FormDialog", "录入的内容还没有保存，放弃吗？"),
        yes=QCoreApplication.translate("FormDialog", "放弃"),
        no=QCoreApplication.translate("FormDialog", "继续录入"),
    )


class FormDialog(QDialog):
    """A dialog with a form; subclasses add rows and write :meth:`save`."""

    minimum_width: ClassVar[int] = 460

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result_value: Any = None
        self.setWindowTitle(title)
        self.setMinimumWidth(self.minimum_width)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def add_row(self, title: str, field: QWidget, hint: QLabel | None = None) -> None:
        """Add a labelled field; ``hint`` is a line under it for what is wrong with it."""
        if hint is None:
            self.form.addRow(title, field)
            return
        box = QWidget(self)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(2)
        inner.addWidget(field)
        inner.addWidget(hint)
        self.form.addRow(title, box)

    @staticmethod
    def hint_label() -> QLabel:
        """An empty, hidden line for a field's problem."""
        hint = QLabel()
        hint.setStyleSheet(HINT_STYLE)
        hint.setWordWrap(True)
        hint.hide()
        return hint

    @staticmethod
    def set_hint(hint: QLabel, text: str) -> None:
        """Show (or hide, for empty text) a field's problem."""
        hint.setText(text)
        hint.setVisible(bool(text))

    def show_refusal(self, text: str, line: int | None = None) -> None:
        """Show a refusal in the banner at the top of the form."""
        del line
        self.banner.setText(text)
        self.banner.show()

    def save(self) -> Outcome[Any]:
        """Save what the form holds as one operation (subclasses)."""
        raise NotImplementedError

    def typed(self) -> bool:
        """Whether the user typed anything into the form (a field edited by hand)."""
        return typed_into(self)

    def reject(self) -> None:
        """Esc, 取消 or the close button: close, after asking when something was typed."""
        if self.typed() and not ask_discard(self):
            return
        super().reject()

    def accept(self) -> None:
        """Save; close only when the save went through."""
        self.banner.hide()
        outcome = self.save()
        if outcome.ok:
            self.result_value = outcome.value
            super().accept()

    @classmethod
    def ask(cls, *args: Any, **kwargs: Any) -> Any:
        """Open the dialog modally; return what was saved, or ``None`` when cancelled (or
        when the record to edit could not be read: the user was told why)."""
        try:
            dialog = cls(*args, **kwargs)
        except Unreadable:
            return None
        return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None
