"""首次启动向导: the office's county and town and their plan, a workbook, or the demo county.

Shown by :func:`ledger.ui.app.run_app` after the login dialog (which creates the administrator)
when the database holds no org units yet. The office either enters its county and town and the
plan (norm profile) that applies to them, imports a workbook (its 组织机构 sheet and whatever
else it holds), or opens the fictional demo county to look around first.
"""

from __future__ import annotations

import logging
import traceback
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ledger import paths
from ledger.core.actor import SYSTEM, Actor
from ledger.core.enums import Level
from ledger.core.errors import LedgerError
from ledger.services import norms, org
from ledger.services.database import Database
from ledger.services.org import statistical_code
from ledger.ui import messages, standard_catalogue
from ledger.ui.background import Progress, Task, run_in_background
from ledger.ui.dialogs.base import BANNER_STYLE
from ledger.ui.ops import Opening, run_op, run_query

log = logging.getLogger("ledger.ui")


class Start(Enum):
    """How the office starts."""

    OWN = "own"
    WORKBOOK = "workbook"
    DEMO = "demo"


def needs_first_start(db: Database) -> bool:
    """True when the database holds no org unit yet."""
    return not run_query(None, Opening(db, SYSTEM), org.has_units, True)


class FirstStartDialog(QDialog):
    """Set up an empty database; :attr:`done_with` says how once accepted."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.done_with: Start | None = None
        self.workbook = ""
        #: Where the demo county is built and opened: its own file in the data folder.
        self.demo_target = str(paths.demo_database())
        self.task: Task | None = None
        self.setWindowTitle(self.tr("首次启动 — 应急资源台账"))
        self.setMinimumWidth(520)
        intro = QLabel(
            self.tr(
                "欢迎使用应急资源台账。数据库还是空的：请填写本单位所在的县和乡镇及适用的规划，"
                "或导入已有的工作簿，也可以先打开演示县（虚构的河清县）看一看。"
            ),
            self,
        )
        intro.setWordWrap(True)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        self.choices = QButtonGroup(self)
        self.own = self._choice(self.tr("新建本单位：填写县和乡镇"), Start.OWN)
        self.from_workbook = self._choice(
            self.tr("导入工作簿（组织机构及其他工作表）…"), Start.WORKBOOK
        )
        self.demo = self._choice(
            self.tr("打开演示县（河清县，虚构数据，单独的演示文件）"), Start.DEMO
        )
        self.own.setChecked(True)
        self.unit_box = self._unit_box()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("以后再说"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.template_path = ""
        self.template_button = self.buttons.addButton(
            self.tr("保存空白模板…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.template_button.setAutoDefault(False)
        self.template_button.clicked.connect(self.save_template)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.banner)
        for button in (self.own, self.from_workbook, self.demo):
            layout.addWidget(button)
        layout.addWidget(self.unit_box)
        self.standard_catalogue = standard_catalogue.first_start_checkbox(self)
        layout.addWidget(self.standard_catalogue)
        layout.addWidget(self.buttons)
        self.choices.idToggled.connect(lambda *_: self._follow_choice())
        self._follow_choice()
        self.county.setFocus()

    def _choice(self, text: str, start: Start) -> QRadioButton:
        button = QRadioButton(text, self)
        button.setProperty("start", start.value)
        self.choices.addButton(button)
        return button

    def _unit_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("本单位"), self)
        self.county = QLineEdit(box)
        self.county.setPlaceholderText(self.tr("例如：荥阳市"))
        self.county_code = QLineEdit(box)
        self.county_code.setPlaceholderText(self.tr("12位统计用区划代码，如 410182000000"))
        self.county_code.setToolTip(
            self.tr("与导入模板相同的12位统计用区划代码；只填前6位时自动补零")
        )
        self.county_population = self._population(box)
        self.town = QLineEdit(box)
        self.town.setPlaceholderText(self.tr("例如：豫龙镇（县级应急局可不填）"))
        self.town_code = QLineEdit(box)
        self.town_code.setPlaceholderText(self.tr("12位统计用区划代码，如 410182101000"))
        self.town_code.setToolTip(
            self.tr("与导入模板相同的12位统计用区划代码；只填前9位时自动补零")
        )
        self.town_population = self._population(box)
        self.then_import = QCheckBox(self.tr("创建后导入本单位下级（村、社区）的工作簿…"), box)
        self.then_import.setToolTip(
            self.tr("工作簿中没有填写上级区划代码的单位，都放在刚创建的乡镇（或县）之下")
        )
        self.city = QCheckBox(self.tr("本单位是市级应急管理部门（下辖区县）"), box)
        self.city.setToolTip(
            self.tr("市级：上面填写本市，下面可填写一个下辖区县；各区县的数据由其数据包报送")
        )
        self.city.toggled.connect(self._follow_level)
        self.profile = QComboBox(box)
        self.profile.addItem(self.tr("（暂不选择）"), "")
        infos, _ = norms.list_profiles()
        for info in infos:
            self.profile.addItem(norms.profile_title(info.id), info.id)
        form = QFormLayout(box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow("", self.city)
        form.addRow(self.tr("县（市、区）"), self.county)
        form.addRow(self.tr("县区划代码"), self.county_code)
        form.addRow(self.tr("县常住人口"), self.county_population)
        form.addRow(self.tr("乡镇（街道）"), self.town)
        form.addRow(self.tr("乡镇区划代码"), self.town_code)
        form.addRow(self.tr("乡镇常住人口"), self.town_population)
        form.addRow(self.tr("适用规划"), self.profile)
        form.addRow("", self.then_import)
        self.form = form
        return box

    def _follow_level(self) -> None:
        """Name the fields for a city and one of its counties, or a county and a town."""
        city = self.city.isChecked()
        labels = (
            (self.county, self.tr("市（州、盟）"), self.tr("县（市、区）")),
            (self.county_code, self.tr("市区划代码"), self.tr("县区划代码")),
            (self.county_population, self.tr("市常住人口"), self.tr("县常住人口")),
            (self.town, self.tr("区县"), self.tr("乡镇（街道）")),
            (self.town_code, self.tr("区县区划代码"), self.tr("乡镇区划代码")),
            (self.town_population, self.tr("区县常住人口"), self.tr("乡镇常住人口")),
        )
        for field, as_city, as_county in labels:
            label = self.form.labelForField(field)
            if isinstance(label, QLabel):
                label.setText(as_city if city else as_county)
        self.county.setPlaceholderText(self.tr("例如：张掖市") if city else self.tr("例如：荥阳市"))
        self.town.setPlaceholderText(
            self.tr("例如：甘州区（可不填）")
            if city
            else self.tr("例如：豫龙镇（县级应急局可不填）")
        )
        self.then_import.setEnabled(not city)

    def _population(self, box: QWidget) -> QLineEdit:
        field = QLineEdit(box)
        field.setValidator(QIntValidator(0, 99_999_999, field))
        field.setPlaceholderText(self.tr("人（可以以后再填）"))
        return field

    @staticmethod
    def _people(field: QLineEdit) -> int | None:
        text = field.text().strip()
        return int(text) if text else None

    def save_template(self) -> None:
        """Save the blank import template where the user chooses (tests set
        :attr:`template_path`)."""
        from ledger.io.template import write_template  # Excel: only when asked

        path = self.template_path
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("保存空白导入模板"), "导入模板.xlsx", self.tr("Excel 工作簿 (*.xlsx)")
            )
        if not path:
            return
        try:
            write_template(Path(path))
        except OSError as error:
            messages.warning(
                self,
                self.tr("无法写入“{path}”：{reason}").format(
                    path=path, reason=error.strerror or error
                ),
            )
            return
        messages.info(
            self,
            self.tr(
                "已保存空白导入模板：{path}\n填好后选择“导入工作簿”或勾选“创建后导入”。"
            ).format(path=path),
        )

    def choice(self) -> Start:
        """The start the user picked."""
        checked = self.choices.checkedButton()
        return Start.OWN if checked is None else Start(checked.property("start"))

    def _follow_choice(self) -> None:
        start = self.choice()
        self.unit_box.setEnabled(start is Start.OWN)
        self.ok_button.setText(
            {
                Start.OWN: self.tr("创建并开始"),
                Start.WORKBOOK: self.tr("选择工作簿…"),
                Start.DEMO: self.tr("打开演示县"),
            }[start]
        )

    def choose_workbook(self) -> str:
        """Ask for the workbook to import (tests set :attr:`workbook` instead)."""
        from ledger.ui.dialogs.import_dialog import XLSX_FILTER  # Excel: only when chosen

        if self.workbook:
            return self.workbook
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择要导入的工作簿"), "", self.tr(XLSX_FILTER)
        )
        return path

    def accept(self) -> None:
        """Do what was chosen; stay open with the reason when it is refused."""
        self.banner.hide()
        start = self.choice()
        if start is Start.DEMO:
            self._start_demo()
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            done = self._create_own() if start is Start.OWN else self._import()
        except LedgerError as error:
            self.show_refusal(error.message)
            return
        except Exception:
            log.exception("first start failed")
            messages.crash(self, traceback.format_exc())
            return
        finally:
            QApplication.restoreOverrideCursor()
        if done:
            standard_catalogue.load_at_first_start(self)
            self.done_with = start
            super().accept()

    def show_refusal(self, text: str, line: int | None = None) -> None:
        """Show why the start was refused, above the form (which stays open)."""
        del line
        self.banner.setText(text)
        self.banner.show()

    def _create_own(self) -> bool:
        profile_id = self.profile.currentData() or None
        city = self.city.isChecked()
        top_label = self.tr("市区划代码") if city else self.tr("县区划代码")
        below_label = self.tr("区县区划代码") if city else self.tr("乡镇区划代码")
        county_code = statistical_code(self.county_code.text(), top_label)
        town_given = bool(self.town.text().strip() or self.town_code.text().strip())
        town_code = (
            statistical_code(self.town_code.text(), below_label, within=county_code)
            if town_given
            else ""
        )
        county = org.UnitInput(
            code=county_code,
            name=self.county.text(),
            level=Level.CITY if city else Level.COUNTY,
            profile_id=profile_id,
            population=self._people(self.county_population),
        )
        town_name, town_people = self.town.text(), self._people(self.town_population)

        def add_units(session: Any, actor: Actor) -> None:
            county_id = org.add_unit(session, actor, county)
            if town_given:
                town = org.UnitInput(
                    code=town_code,
                    name=town_name,
                    level=Level.COUNTY if city else Level.for_town_named(town_name),
                    parent_id=county_id,
                    population=town_people,
                )
                org.add_unit(session, actor, town)

        if not run_op(self, Opening(self.db, self.actor), add_units, target=self).ok:
            return False
        if self.then_import.isChecked() and not city:
            under = (town_code, Level.TOWN) if town_given else (county_code, Level.COUNTY)
            self._import(under)  # its errors are shown; the units created stay
        return True

    def _import(self, under: tuple[str, Level] | None = None) -> bool:
        from ledger.io.importer import import_workbook
        from ledger.ui.dialogs.import_dialog import ImportErrorsDialog

        path = self.choose_workbook()
        if not path:
            return False
        result = import_workbook(self.db, self.actor, Path(path), under=under)
        if result.errors:
            self.workbook = ""
            QApplication.restoreOverrideCursor()
            ImportErrorsDialog.ask(result.errors, path, self)
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            return False
        return True

    def _start_demo(self) -> None:
        """Build the demo county in its own file (never in the office's database), off the GUI
        thread, behind a cancellable progress dialog; an existing demo file is only opened."""
        from ledger.services.demo import ensure_demo_database

        target = self.demo_target
        steps = 7  # build_demo's progress notes

        def work(progress: Progress) -> None:
            done = iter(range(steps))
            ensure_demo_database(
                target, progress=lambda note: progress.report(next(done, steps), steps, note)
            )
            progress.report(steps, steps)

        self.ok_button.setEnabled(False)
        self.task = run_in_background(self, self.tr("正在生成演示县"), work, self._demo_built)
        self.task.ended.connect(lambda: self.ok_button.setEnabled(True))

    def _demo_built(self, _result: object) -> None:
        self.done_with = Start.DEMO
        super().accept()

    @classmethod
    def ask(cls, db: Database, actor: Actor, parent: QWidget | None = None) -> Start | None:
        """Show the wizard; how the database was set up, or ``None`` when postponed. With
        :attr:`Start.DEMO` the office's database is left empty and the demo file is to be
        opened instead (:meth:`ledger.ui.launch.Launcher.switch_to`)."""
        dialog = cls(db, actor, parent)
        return dialog.done_with if dialog.exec() == QDialog.DialogCode.Accepted else None
