"""备份与恢复: automatic backups on exit (folder, how many), a backup now, a checked restore.

Opened from 文件 → 备份与恢复. Administrators and offices may back up; only administrators may
restore. A restore replaces the file this window has open, so the program closes afterwards
and opens the restored database (migrated if it is older) at the next start; the replaced
file is kept beside it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ledger.core.errors import LedgerError
from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.services.accounts import Action, role_may
from ledger.services.backup import (
    BackupFile,
    backup_database,
    backups,
    default_folder,
    restore_database,
    sqlite_path,
)
from ledger.ui import extensions, messages
from ledger.ui.context import AppContext
from ledger.ui.settings import BACKUP_FOLDER, BACKUP_KEEP, BACKUP_ON_EXIT
from ledger.ui.startup import backup_folder
from ledger.ui.tables.base import Column, RowsModel
from ledger.ui.widgets.page import row_of, table_view

if TYPE_CHECKING:
    from ledger.ui.main_window import MainWindow

FILTER = QT_TRANSLATE_NOOP("Backups", "备份文件 (*.db *.bak *.sqlite);;所有文件 (*)")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Backups", text)


BACKUP_COLUMNS: list[Column[BackupFile]] = [
    Column(
        QT_TRANSLATE_NOOP("Columns", "备份时间"),
        lambda b: b.taken_at.strftime("%Y-%m-%d %H:%M:%S"),
        width=160,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "大小"),
        lambda b: f"{b.size / 1024:,.0f} KB",
        numeric=True,
        width=100,
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "文件"), lambda b: b.path.name),
]


class BackupDialog(QDialog):
    """Backup settings, the automatic backups so far, and backup / restore buttons."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.database = sqlite_path(ctx.db.path)
        self.restored: Path | None = None
        self.setWindowTitle(QCoreApplication.translate("Backups", "备份与恢复"))
        self.resize(720, 480)
        settings = ctx.settings
        self.on_exit = QCheckBox(
            QCoreApplication.translate("Backups", "关闭程序时自动备份（有改动时）")
        )
        self.on_exit.setChecked(settings.get(BACKUP_ON_EXIT))
        self.folder = QLineEdit(settings.get(BACKUP_FOLDER))
        self.folder.setPlaceholderText(str(default_folder()))
        browse = QPushButton(QCoreApplication.translate("Backups", "选择…"))
        browse.clicked.connect(self.choose_folder)
        self.keep = QSpinBox()
        self.keep.setRange(1, 365)
        self.keep.setValue(max(1, settings.get(BACKUP_KEEP)))
        self.keep.setSuffix(QCoreApplication.translate("Backups", " 份"))
        self.keep.setMaximumWidth(120)
        save = QPushButton(QCoreApplication.translate("Backups", "保存设置"))
        save.clicked.connect(self.save_settings)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        box = QGroupBox(QCoreApplication.translate("Backups", "自动备份"))
        form = QFormLayout(box)
        form.addRow("", self.on_exit)
        form.addRow(QCoreApplication.translate("Backups", "备份文件夹"), folder_row)
        form.addRow(QCoreApplication.translate("Backups", "保留最近"), self.keep)
        save_row = QHBoxLayout()
        save_row.addWidget(save)
        save_row.addStretch(1)
        form.addRow("", save_row)
        self.model: RowsModel[BackupFile] = RowsModel(BACKUP_COLUMNS, self)
        self.view = table_view(self.model, self)
        self.backup_button = QPushButton(QCoreApplication.translate("Backups", "立即备份到…"))
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(QCoreApplication.translate("Backups", "从备份恢复…"))
        self.restore_button.clicked.connect(self.restore)
        self.restore_button.setAutoDefault(False)  # Enter never restores over the ledger
        self.backup_button.setEnabled(role_may(ctx.actor, Action.BACKUP) and bool(self.database))
        self.restore_button.setEnabled(role_may(ctx.actor, Action.RESTORE) and bool(self.database))
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.refresh()

    def current_folder(self) -> Path:
        """The folder the automatic backups go to."""
        return backup_folder(self.ctx.settings) or default_folder()

    def refresh(self) -> None:
        """List this database's automatic backups, newest first."""
        found = backups(self.current_folder(), self.database) if self.database else []
        self.model.set_rows(found)

    def choose_folder(self) -> None:
        """Pick the backup folder."""
        chosen = QFileDialog.getExistingDirectory(
            self, QCoreApplication.translate("Backups", "备份文件夹"), self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def save_settings(self) -> None:
        """Store the backup preferences of this computer."""
        settings = self.ctx.settings
        settings.set(BACKUP_ON_EXIT, self.on_exit.isChecked())
        settings.set(BACKUP_FOLDER, self.folder.text().strip())
        settings.set(BACKUP_KEEP, self.keep.value())
        settings.sync()
        self.refresh()
        messages.status(QCoreApplication.translate("Backups", "备份设置已保存"))

    def backup_now(self, target: str = "") -> None:
        """Write a consistent copy to a file the user names."""
        if not target:
            name = f"{self.database.stem if self.database else 'ledger'}-备份-"
            suggested = self.current_folder() / f"{name}{datetime.now():%Y%m%d-%H%M}.db"
            target, _ = QFileDialog.getSaveFileName(
                self, QCoreApplication.translate("Backups", "备份到"), str(suggested), _tr(FILTER)
            )
        if not target:
            return
        try:
            result = backup_database(self.ctx.db.path, target)
        except LedgerError as error:
            messages.refusal(self, error.message)
            return
        text = QCoreApplication.translate("Backups", "已备份到 {path}").format(path=result.path)
        if result.key is not None:
            note = QCoreApplication.translate(
                "Backups",
                "备份中的身份证号和电话已加密，不含密钥。在另一台电脑上恢复时，还需要密钥文件"
                "“{key}”：请另行妥善保管（不要与备份放在一起）。",
            )
            text += "\n\n" + note.format(key=result.key)
        messages.info(self, text)

    def restore(self, backup: str = "") -> None:
        """Check a backup and put it in place of this database, then close the program."""
        if not backup:
            selected = row_of(self.view)
            start = str(selected.path) if isinstance(selected, BackupFile) else ""
            backup, _ = QFileDialog.getOpenFileName(
                self,
                QCoreApplication.translate("Backups", "选择备份文件"),
                start or str(self.current_folder()),
                _tr(FILTER),
            )
        if not backup or self.database is None:
            return
        question = QCoreApplication.translate(
            "Backups",
            "用备份“{backup}”替换当前数据库？\n当前数据库会改名保留；恢复后程序将关闭，请重新启动。",
        ).format(backup=Path(backup).name)
        if not messages.confirm(self, question, yes=QCoreApplication.translate("Backups", "恢复")):
            return
        self.ctx.db.dispose()
        try:
            result = restore_database(backup, self.database)
        except LedgerError as error:
            messages.refusal(self, error.message)
            return
        self.restored = result.target
        messages.info(
            self,
            QCoreApplication.translate(
                "Backups", "已恢复。原数据库保留为 {kept}。程序现在关闭，请重新启动。"
            ).format(kept=result.kept),
        )
        self.accept()
        QApplication.closeAllWindows()


def open_backups(window: MainWindow) -> None:
    """Menu handler: backup settings, backup now, restore."""
    BackupDialog(window.ctx, window).exec()


extensions.register_action(
    extensions.ActionSpec(
        "file",
        QT_TRANSLATE_NOOP("Backups", "备份与恢复(&B)…"),
        open_backups,
        order=800,
        context="Backups",
    )
)
