"""Editors of the org page: a unit, moving a unit, a post holder, a drill, a training record."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ledger.core.enums import KNOWN_FLAGS, Level, PostKind, Trainee
from ledger.services import norms, org
from ledger.ui.context import AppContext, Changes
from ledger.ui.dialogs.base import FormDialog
from ledger.ui.ops import Outcome, run_op
from ledger.ui.widgets.coords import CoordinatesField
from ledger.ui.widgets.fields import DateField, EnumCombo
from ledger.ui.widgets.tree import UnitTree


def enum_combo(members: Any, current: Any = None, parent: QWidget | None = None) -> EnumCombo:
    """A combo box of enum members showing their translated labels (``value()`` gives one)."""
    return EnumCombo(members, current, parent=parent)


class UnitDialog(FormDialog):
    """Add a unit below a parent, or edit one: code, name, level, population, flags, profile."""

    def __init__(
        self,
        ctx: AppContext,
        unit: org.UnitRow | None = None,
        parent_unit: org.UnitRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = self.tr("修改单位") if unit else self.tr("新增下级单位")
        super().__init__(ctx, title, parent)
        self.unit, self.parent_unit = unit, parent_unit
        self.code = QLineEdit(unit.code if unit else parent_unit.code if parent_unit else "")
        self.code.setPlaceholderText(self.tr("12位统计用区划代码"))
        self.name = QLineEdit(unit.name if unit else "")
        default_level = _child_level(parent_unit.level) if parent_unit else Level.COUNTY
        self.level = enum_combo(Level, unit.level if unit else default_level, self)
        self.population = QSpinBox()
        self.population.setRange(0, 50_000_000)
        self.population.setGroupSeparatorShown(True)
        self.population.setSpecialValueText(self.tr("未填"))
        self.population.setValue(unit.population or 0 if unit else 0)
        self.flags = {flag: QCheckBox(flag) for flag in KNOWN_FLAGS}
        grid = QGridLayout()
        box = QWidget()
        box.setLayout(grid)
        for number, (flag, check) in enumerate(self.flags.items()):
            check.setChecked(bool(unit and flag in unit.flags))
            grid.addWidget(check, number // 3, number % 3)
        self.profile = QComboBox()
        self.profile.addItem(self.tr("（继承上级单位的规划）"), None)
        for info in profile_choices():
            title = f"{info.name}（{info.number}）" if info.number else info.name
            self.profile.addItem(title, info.id)
        if unit and unit.profile_id:
            self.profile.setCurrentIndex(max(0, self.profile.findData(unit.profile_id)))
        self.note = QLineEdit(unit.note if unit else "")
        self.place = CoordinatesField(
            unit.latitude if unit else None, unit.longitude if unit else None
        )
        if parent_unit is not None:
            self.add_row(self.tr("上级单位"), QLineEdit(parent_unit.name, readOnly=True))
        self.add_row(self.tr("区划代码"), self.code)
        self.add_row(self.tr("名称"), self.name)
        self.add_row(self.tr("级别"), self.level)
        self.add_row(self.tr("常住人口"), self.population)
        self.add_row(self.tr("标志"), box)
        self.add_row(self.tr("适用规划"), self.profile)
        self.add_row(self.tr("经纬度"), self.place)
        self.add_row(self.tr("备注"), self.note)
        self.setMinimumWidth(560)

    def entry(self) -> org.UnitInput:
        """The unit as the form holds it."""
        return org.UnitInput(
            code=self.code.text(),
            name=self.name.text(),
            level=self.level.value(),
            parent_id=self.parent_unit.id if self.parent_unit else None,
            population=self.population.value() or None,
            flags=[flag for flag, check in self.flags.items() if check.isChecked()],
            profile_id=self.profile.currentData(),
            note=self.note.text(),
            latitude=self.place.values()[0],
            longitude=self.place.values()[1],
        )

    def save(self) -> Outcome[Any]:
        entry = self.entry()
        if self.unit is None:
            return run_op(
                self,
                self.ctx,
                lambda s, a: org.add_unit(s, a, entry),
                changes={Changes.ORG},
                target=self,
                done=self.tr("已新增单位：{name}").format(name=entry.name),
            )
        unit_id = self.unit.id
        return run_op(
            self,
            self.ctx,
            lambda s, a: org.update_unit(s, a, unit_id, entry) or unit_id,
            changes={Changes.ORG},
            target=self,
            done=self.tr("已保存单位：{name}").format(name=entry.name),
        )


def profile_choices() -> list[norms.ProfileInfo]:
    """The installed norm profiles a unit can be bound to."""
    infos, _problems = norms.list_profiles()
    return infos


def _child_level(level: Level) -> Level:
    return {
        Level.PROVINCE: Level.CITY,
        Level.CITY: Level.COUNTY,
        Level.COUNTY: Level.TOWN,
    }.get(level, Level.VILLAGE)


class MoveDialog(FormDialog):
    """Choose the new parent of a unit in the tree."""

    def __init__(
        self,
        ctx: AppContext,
        unit: org.UnitRow,
        units: list[org.UnitRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, self.tr("移动“{name}”").format(name=unit.name), parent)
        self.unit = unit
        self.tree = UnitTree(self)
        self.tree.set_units([u for u in units if u.id != unit.id])
        self.tree.view.expandAll()
        if unit.parent_id:
            self.tree.select(unit.parent_id)
        self.add_row(self.tr("移到下列单位之下"), self.tree)
        self.setMinimumHeight(480)

    def save(self) -> Outcome[Any]:
        node = self.tree.current()
        target = node.id if node is not None else None
        unit_id = self.unit.id
        return run_op(
            self,
            self.ctx,
            lambda s, a: org.move_unit(s, a, unit_id, target) or target,
            changes={Changes.ORG},
            target=self,
            done=self.tr("已移动：{name}").format(name=self.unit.name),
        )


class PostDialog(FormDialog):
    """A post holder of a unit: post, name, phone, dates."""

    def __init__(
        self,
        ctx: AppContext,
        unit_id: uuid.UUID,
        post: org.PostRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, self.tr("修改岗位人员") if post else self.tr("新增岗位人员"), parent)
        self.unit_id, self.post = unit_id, post
        self.kind = enum_combo(PostKind, post.kind if post else None, self)
        self.name = QLineEdit(post.name if post else "")
        self.phone = QLineEdit(post.phone if post else "")
        self.phone.setPlaceholderText(self.tr("手机号或固定电话"))
        self.since = DateField(post.since if post else None)
        self.until = DateField(post.until if post else None)
        self.add_row(self.tr("岗位"), self.kind)
        self.add_row(self.tr("姓名"), self.name)
        self.add_row(self.tr("联系电话"), self.phone)
        self.add_row(self.tr("任职日期"), self.since)
        self.add_row(self.tr("离任日期"), self.until)

    def save(self) -> Outcome[Any]:
        entry = org.PostInput(
            self.kind.value(),
            self.name.text(),
            self.phone.text(),
            self.since.date(),
            self.until.date(),
        )
        unit_id, post_id = self.unit_id, self.post.id if self.post else None
        return run_op(
            self,
            self.ctx,
            lambda s, a: org.save_post(s, a, unit_id, entry, post_id),
            changes={Changes.ORG},
            target=self,
        )


class DrillDialog(FormDialog):
    """A drill held: date, title, plan, participants."""

    def __init__(self, ctx: AppContext, unit_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("登记演练"), parent)
        self.unit_id = unit_id
        self.held_on = DateField(ctx.today())
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("如：2026年防汛应急演练"))
        self.plan = QLineEdit()
        self.plan.setPlaceholderText(self.tr("演练的应急预案"))
        self.participants = QSpinBox()
        self.participants.setRange(0, 100_000)
        self.comprehensive = QCheckBox(self.tr("综合演练"))
        self.add_row(self.tr("演练日期"), self.held_on)
        self.add_row(self.tr("演练名称"), self.title)
        self.add_row(self.tr("预案"), self.plan)
        self.add_row(self.tr("参演人数"), self.participants)
        self.add_row("", self.comprehensive)

    def save(self) -> Outcome[Any]:
        held_on = self.held_on.date()
        if held_on is None:
            self.show_refusal(self.tr("请填写演练日期（如 2026-11-22）"))
            return Outcome(False)
        entry = org.DrillInput(
            held_on,
            self.title.text(),
            self.plan.text(),
            self.participants.value(),
            self.comprehensive.isChecked(),
        )
        unit_id = self.unit_id
        return run_op(
            self,
            self.ctx,
            lambda s, a: org.add_drill(s, a, unit_id, entry),
            changes={Changes.ORG},
            target=self,
        )


class TrainingDialog(FormDialog):
    """A training record: person, whose training it is, ID number, start date, days, subject."""

    def __init__(self, ctx: AppContext, unit_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("登记培训"), parent)
        self.unit_id = unit_id
        self.person = QLineEdit()
        self.id_number = QLineEdit()
        self.id_number.setPlaceholderText(self.tr("可不填；填写则校验"))
        self.started_on = DateField(ctx.today())
        self.days = QLineEdit("1")
        self.days.setPlaceholderText(self.tr("天数，可有一位小数"))
        self.subject = QLineEdit()
        self.trainee = enum_combo(list(Trainee), Trainee.STAFF)
        self.trainee.setToolTip(
            self.tr(
                "机构工作人员的培训计入“应急管理机构工作人员集中培训”等要求；队伍技能培训选救援队员"
            )
        )
        self.add_row(self.tr("姓名"), self.person)
        self.add_row(self.tr("培训对象"), self.trainee)
        self.add_row(self.tr("身份证号"), self.id_number)
        self.add_row(self.tr("开始日期"), self.started_on)
        self.add_row(self.tr("培训天数"), self.days)
        self.add_row(self.tr("培训内容"), self.subject)

    def save(self) -> Outcome[Any]:
        started_on = self.started_on.date()
        if started_on is None:
            self.show_refusal(self.tr("请填写开始日期（如 2026-11-22）"))
            return Outcome(False)
        entry = org.TrainingInput(
            self.person.text(),
            started_on,
            self.days.text(),
            self.subject.text(),
            self.id_number.text(),
            trainee=self.trainee.value(),
        )
        unit_id = self.unit_id
        return run_op(
            self,
            self.ctx,
            lambda s, a: org.add_training(s, a, unit_id, entry),
            changes={Changes.ORG},
            target=self,
        )
