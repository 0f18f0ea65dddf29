"""打开数据库失败: why the database could not be opened, and what the user can do instead.

A damaged file, a file that is no database, a database of a newer program, a read-only folder,
a full disk or a second window on the same file: the program still starts and offers to open
another database, create a new one or restore a backup. The file that failed is never touched.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ledger.core.errors import LedgerError
from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.services.database import create_ledger
from ledger.ui import messages
from ledger.ui.dialogs.base import BANNER_STYLE

DB_FILTER = QT_TRANSLATE_NOOP(
    "OpenProblemDialog", "台账数据库 (*.db *.sqlite *.ledger);;所有文件 (*)"
)
BACKUP_FILTER = QT_TRANSLATE_NOOP(
    "OpenProblemDialog", "备份文件 (*.db *.bak *.sqlite);;所有文件 (*)"
)

#: Restores a backup file over a database path and returns the path to open (or raises).
Restorer = Callable[[Path, Path], Path]


class OpenProblemDialog(QDialog):
    """The reason a database did not open, with buttons for what to do next."""

    def __init__(
        self,
        reason: str,
        target: str,
        restorer: Restorer | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.target = target
        self.restorer = restorer
        self.choice: str | None = None
        self.setWindowTitle(self.tr("无法打开数据库"))
        self.setMinimumWidth(520)
        self.reason = QLabel(reason, self)
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet(BANNER_STYLE)
        hint = QLabel(self.tr("原文件没有被改动。您可以："), self)
        self.open_button = QPushButton(self.tr("打开其他数据库…"), self)
        self.new_button = QPushButton(self.tr("新建数据库…"), self)
        self.restore_button = QPushButton(self.tr("从备份恢复…"), self)
        self.quit_button = QPushButton(self.tr("退出"), self)
        self.restore_button.setVisible(restorer is not None and "://" not in target)
        self.open_button.clicked.connect(self.open_other)
        self.new_button.clicked.connect(self.create_new)
        self.restore_button.clicked.connect(self.restore_backup)
        self.quit_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        for button in (self.open_button, self.new_button, self.restore_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.quit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reason)
        layout.addWidget(hint)
        layout.addLayout(row)

    def _folder(self) -> str:
        return str(Path(self.target).parent) if "://" not in self.target else ""

    def open_other(self) -> None:
        """Choose an existing database file."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("打开数据库"), self._folder(), self.tr(DB_FILTER)
        )
        self.choose(path)

    def create_new(self) -> None:
        """Choose where a new, empty database goes."""
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("新建数据库"), self._folder(), self.tr(DB_FILTER)
        )
        if path and not Path(path).exists():
            try:
                create_ledger(path)  # the one place the GUI makes a database: the user asked
            except LedgerError as error:
                messages.warning(self, error.message)
                return
        self.choose(path)

    def restore_backup(self) -> None:
        """Choose a backup; it is checked, and restored beside or over the failed file."""
        if self.restorer is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择备份文件"), self._folder(), self.tr(BACKUP_FILTER)
        )
        if not path:
            return
        try:
            restored = self.restorer(Path(path), Path(self.target))
        except LedgerError as error:
            self.reason.setText(error.message)
            return
        self.choose(str(restored))

    def choose(self, path: str) -> None:
        """Close with ``path`` as the database to try next (nothing when empty)."""
        if path:
            self.choice = path
            self.accept()

    @classmethod
    def ask(cls, reason: str, target: str, restorer: Restorer | None = None) -> str | None:
        """Show the dialog; the database to try next, or ``None`` to quit."""
        dialog = cls(reason, target, restorer)
        return dialog.choice if dialog.exec() == QDialog.DialogCode.Accepted else None
