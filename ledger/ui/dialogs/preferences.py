"""设置: data folder, backups, the office's default plan, language, expiry warning, report font.

Per-machine choices go to :class:`ledger.ui.settings.Settings`; the data folder to the pointer
file of :mod:`ledger.paths` (read before Qt starts); the default plan is the norm profile bound
to the top units (the others inherit it), so it is stored in the database. The report font
reaches the report builders through ``LEDGER_REPORT_FONT``, which their font finder reads:
reports never import Qt.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ledger import paths
from ledger.core.actor import Actor
from ledger.core.errors import LedgerError
from ledger.services import norms, org
from ledger.ui.context import AppContext, Changes
from ledger.ui.dialogs.base import BANNER_STYLE
from ledger.ui.i18n import LANGUAGES
from ledger.ui.ops import run_op, run_query
from ledger.ui.settings import (
    BACKUP_FOLDER,
    BACKUP_KEEP,
    BACKUP_ON_EXIT,
    DOCUMENT_DAYS_BACK,
    EXPIRY_WARNING_DAYS,
    LANGUAGE,
    MAINTENANCE_WARNING_DAYS,
    Setting,
    Settings,
)

#: A TrueType font file for PDF reports ("" = search the system's Chinese fonts).
REPORT_FONT = Setting("reports/font", str, "")


def apply_report_font(settings: Settings) -> None:
    """Hand the chosen report font to the report builders (through ``LEDGER_REPORT_FONT``)."""
    chosen = settings.get(REPORT_FONT).strip()
    if chosen:
        from ledger.reports.fonts import ENV_VAR  # reportlab: only when a font was chosen

        os.environ[ENV_VAR] = chosen


def _folder_row(parent: QWidget, edit: QLineEdit, title: str, file_filter: str = "") -> QWidget:
    row = QWidget(parent)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    browse = QPushButton(QCoreApplication.translate("PreferencesDialog", "浏览…"), row)

    def choose() -> None:
        if file_filter:
            path, _ = QFileDialog.getOpenFileName(parent, title, edit.text(), file_filter)
        else:
            path = QFileDialog.getExistingDirectory(parent, title, edit.text())
        if path:
            edit.setText(path)

    browse.clicked.connect(choose)
    layout.addWidget(edit, 1)
    layout.addWidget(browse)
    return row


class PreferencesDialog(QDialog):
    """Edit the settings; :meth:`accept` stores them or shows why it cannot."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("设置 — 应急资源台账"))
        self.setMinimumWidth(560)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        self.data_folder = QLineEdit(self)
        self.data_folder.setPlaceholderText(str(paths.data_dir()))
        self.backup_folder = QLineEdit(self)
        self.backup_folder.setPlaceholderText(self.tr("默认：数据文件夹中的 backups"))
        self.backup_on_exit = QCheckBox(self.tr("关闭程序时自动备份"), self)
        self.backup_keep = QSpinBox(self)
        self.backup_keep.setRange(1, 999)
        self.profile = QComboBox(self)
        self.profile.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.profile.setMinimumContentsLength(30)
        self.profile.setToolTip(self.tr("绑定到最上级单位的规划；未单独绑定规划的下级单位都沿用它"))
        self.profile.addItem(self.tr("（未设置）"), "")
        infos, _ = norms.list_profiles()
        for info in infos:
            self.profile.addItem(norms.profile_title(info.id), info.id)
        self.unmatched = QLabel(self)
        self.unmatched.setWordWrap(True)
        self.unmatched.setStyleSheet(BANNER_STYLE)
        self.unmatched.hide()
        self.profile.currentIndexChanged.connect(self._show_unmatched)
        self.language = QComboBox(self)
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.expiry_days = QSpinBox(self)
        self.expiry_days.setRange(0, 3650)
        self.expiry_days.setSuffix(self.tr(" 天"))
        self.maintenance_days = QSpinBox(self)
        self.maintenance_days.setRange(0, 3650)
        self.maintenance_days.setSuffix(self.tr(" 天"))
        self.expiry_days.setToolTip(self.tr("有效期在此天数内的批次标黄"))
        self.maintenance_days.setToolTip(self.tr("下次保养在此天数内的装备标黄"))
        self.days_back = QSpinBox(self)
        self.days_back.setRange(0, 3650)
        self.days_back.setSuffix(self.tr(" 天"))
        self.days_back.setToolTip(self.tr("单据日期早于这么多天前（或晚于今天）时，过账前先确认"))
        self.report_font = QLineEdit(self)
        self.report_font.setPlaceholderText(self.tr("默认：自动查找系统中的中文字体"))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(
            self.tr("数据文件夹"), _folder_row(self, self.data_folder, self.tr("数据文件夹"))
        )
        form.addRow(
            self.tr("备份文件夹"), _folder_row(self, self.backup_folder, self.tr("备份文件夹"))
        )
        form.addRow(self.tr("保留备份份数"), self.backup_keep)
        form.addRow("", self.backup_on_exit)
        form.addRow(self.tr("默认规划"), self.profile)
        form.addRow("", self.unmatched)
        form.addRow(self.tr("界面语言"), self.language)
        form.addRow(self.tr("临期提醒天数"), self.expiry_days)
        form.addRow(self.tr("保养提醒天数"), self.maintenance_days)
        form.addRow(self.tr("单据可补录天数"), self.days_back)
        form.addRow(
            self.tr("报表字体"),
            _folder_row(
                self, self.report_font, self.tr("报表字体"), self.tr("字体文件 (*.ttf *.ttc)")
            ),
        )
        note = QLabel(self.tr("数据文件夹和界面语言在重新启动程序后生效；已有数据不会被移动。"))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self._load()

    def _roots(self) -> list[org.UnitRow]:
        return [u for u in run_query(self, self.ctx, org.units, []) if u.parent_id is None]

    def _load(self) -> None:
        settings = self.ctx.settings
        chosen = paths.chosen_data_dir()
        self.data_folder.setText(str(chosen) if chosen else "")
        self.backup_folder.setText(settings.get(BACKUP_FOLDER))
        self.backup_keep.setValue(max(1, settings.get(BACKUP_KEEP)))
        self.backup_on_exit.setChecked(settings.get(BACKUP_ON_EXIT))
        bound = {u.profile_id for u in self._roots() if u.profile_id}
        current = bound.pop() if len(bound) == 1 else ""
        self.profile.setCurrentIndex(max(0, self.profile.findData(current)))
        self.initial_profile = self.profile.currentData()
        self._show_unmatched()
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.expiry_days.setValue(settings.expiry_warning_days)
        self.maintenance_days.setValue(settings.maintenance_warning_days)
        self.days_back.setValue(settings.get(DOCUMENT_DAYS_BACK))
        self.report_font.setText(settings.get(REPORT_FONT))

    def _show_unmatched(self) -> None:
        """Warn of the chosen plan's equipment the catalogue has no name for."""
        chosen = self.profile.currentData()
        found: list[norms.UnmatchedName] = []
        if chosen:
            plan = norms.profile(chosen)
            found = [
                u
                for u in run_query(self, self.ctx, lambda s: norms.unmatched_names(s, plan), [])
                if u.always_missing
            ]
        self.unmatched.setVisible(bool(found))
        self.unmatched.setText(
            self.tr(
                "物资目录中没有以下装备的名称，检查时将一直报缺失（请在物资目录中使用规划的名称，"
                "或复制规划文件并在 accept 中加入目录里的名称）：{items}"
            ).format(items="；".join(f"{u.rule_title}·{u.entry}" for u in found))
        )

    def accept(self) -> None:
        """Check the font, store everything; stay open with the reason when refused."""
        from ledger.reports.fonts import ENV_VAR, report_fonts

        self.banner.hide()
        font = self.report_font.text().strip()
        try:
            if font:
                report_fonts(font)
        except LedgerError as error:
            self.show_refusal(error.message)
            return
        if not self._save_profile():
            return
        settings = self.ctx.settings
        folder = self.data_folder.text().strip()
        paths.choose_data_dir(Path(folder) if folder else None)
        settings.set(BACKUP_FOLDER, self.backup_folder.text().strip())
        settings.set(BACKUP_KEEP, self.backup_keep.value())
        settings.set(BACKUP_ON_EXIT, self.backup_on_exit.isChecked())
        settings.set(LANGUAGE, self.language.currentData())
        settings.set(EXPIRY_WARNING_DAYS, self.expiry_days.value())
        settings.set(MAINTENANCE_WARNING_DAYS, self.maintenance_days.value())
        settings.set(DOCUMENT_DAYS_BACK, self.days_back.value())
        settings.set(REPORT_FONT, font)
        settings.sync()
        if font:
            os.environ[ENV_VAR] = font
        self.ctx.announce({Changes.SETTINGS})
        super().accept()

    def show_refusal(self, text: str, line: int | None = None) -> None:
        """Show why the preferences were not stored, above the form (which stays open)."""
        del line
        self.banner.setText(text)
        self.banner.show()

    def _save_profile(self) -> bool:
        """Bind the chosen plan to every top unit, as one operation; whether it went."""
        chosen = self.profile.currentData() or None
        if chosen == (self.initial_profile or None):
            return True
        roots = [unit.id for unit in self._roots()]

        def bind(session: Any, actor: Actor) -> None:
            for unit_id in roots:
                norms.bind_profile(session, actor, unit_id, chosen)

        return run_op(self, self.ctx, bind, changes={Changes.ORG}, target=self).ok
