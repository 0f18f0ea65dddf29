"""Editors of the teams page: a team, and a member with checks as the user types."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from ledger.core.enums import Gender, Nature, TeamType
from ledger.services import org
from ledger.ui.context import AppContext, Changes
from ledger.ui.dialogs.base import FormDialog
from ledger.ui.dialogs.certificates import CertificatesBox
from ledger.ui.dialogs.org import enum_combo
from ledger.ui.i18n import label, translate
from ledger.ui.ops import Outcome, read_or_stop, run_op
from ledger.ui.widgets.fields import DateField, EnumCombo, select_data


def unit_combo(units: list[org.UnitRow], current: uuid.UUID | None) -> QComboBox:
    """A combo of units, indented by level, showing the level."""
    combo = QComboBox()
    for unit in units:
        if unit.disabled and unit.id != current:
            continue  # 停用 units are not offered
        combo.addItem(
            "　" * max(0, unit.level.rank - 2) + f"{unit.name}（{label(unit.level)}）", unit.id
        )
    if current is not None:
        select_data(combo, current)
    return combo


class TeamDialog(FormDialog):
    """A team: name, home unit, type, nature, leader, phone, founding date."""

    def __init__(
        self,
        ctx: AppContext,
        units: list[org.UnitRow],
        unit_id: uuid.UUID | None,
        team_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, self.tr("修改队伍") if team_id else self.tr("新增队伍"), parent)
        self.team_id = team_id
        current = (
            read_or_stop(parent, ctx, lambda s: org.team(s, ctx.actor, team_id))
            if team_id
            else None
        )
        self.name = QLineEdit(current.name if current else "")
        self.name.setPlaceholderText(self.tr("如：城关镇综合应急救援队"))
        self.unit = unit_combo(units, current.unit_id if current else unit_id)
        self.team_type = enum_combo(TeamType, current.team_type if current else None, self)
        self.nature = enum_combo(Nature, current.nature if current else Nature.PART_TIME, self)
        self.leader = QLineEdit(current.leader if current else "")
        self.phone = QLineEdit(current.phone if current else "")
        self.founded_on = DateField(current.founded_on if current else None)
        self.code = QLineEdit(current.code if current else "")
        self.code.setPlaceholderText(self.tr("留空自动编号"))
        self.note = QLineEdit(current.note if current else "")
        for title, field in (
            (self.tr("队伍名称"), self.name),
            (self.tr("所属单位"), self.unit),
            (self.tr("队伍类型"), self.team_type),
            (self.tr("性质"), self.nature),
            (self.tr("队长"), self.leader),
            (self.tr("联系电话"), self.phone),
            (self.tr("成立日期"), self.founded_on),
            (self.tr("队伍编号"), self.code),
            (self.tr("备注"), self.note),
        ):
            self.add_row(title, field)

    def save(self) -> Outcome[Any]:
        entry = org.TeamInput(
            self.name.text(),
            self.unit.currentData(),
            self.team_type.value(),
            self.nature.value(),
            self.code.text(),
            self.leader.text(),
            self.phone.text(),
            self.founded_on.date(),
            self.note.text(),
        )
        team_id = self.team_id
        return run_op(
            self,
            self.ctx,
            lambda s, a: org.save_team(s, a, entry, team_id),
            changes={Changes.TEAMS},
            target=self,
            done=self.tr("已保存队伍：{name}").format(name=entry.name),
        )


class MemberDialog(FormDialog):
    """A member: personal data checked as typed (GB 11643 ID, mobile, dates)."""

    def __init__(
        self,
        ctx: AppContext,
        team_id: uuid.UUID,
        member_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, self.tr("修改队员") if member_id else self.tr("新增队员"), parent)
        self.team_id, self.member_id = team_id, member_id
        m = (
            read_or_stop(parent, ctx, lambda s: org.member(s, ctx.actor, member_id))
            if member_id
            else None
        )
        self.name = QLineEdit(m.name if m else "")
        self.id_number = QLineEdit(m.id_number if m else "")
        self.id_number.setMaxLength(18)
        self.id_number.setPlaceholderText(self.tr("18位居民身份证号码"))
        self.gender = EnumCombo(Gender, m.gender if m else None, self.tr("（按身份证号）"))
        self.birth_date = DateField(m.birth_date if m else None)
        self.phone = QLineEdit(m.phone if m else "")
        self.phone.setPlaceholderText(self.tr("11位手机号"))
        self.role = QLineEdit(m.role if m else "")
        self.role.setPlaceholderText(self.tr("如：队长、副队长、队员"))
        self.nature = enum_combo(Nature, m.nature if m else Nature.PART_TIME, self)
        self.joined_on = DateField(m.joined_on if m else ctx.today())
        self.left_on = DateField(m.left_on if m else None)
        self.hints: dict[str, QLabel] = {}
        rows: list[tuple[str, str, QWidget]] = [
            ("name", self.tr("姓名"), self.name),
            ("id_number", self.tr("身份证号"), self.id_number),
            ("gender", self.tr("性别"), self.gender),
            ("birth_date", self.tr("出生日期"), self.birth_date),
            ("phone", self.tr("手机号"), self.phone),
            ("role", self.tr("职务"), self.role),
            ("nature", self.tr("专兼职"), self.nature),
            ("joined_on", self.tr("入队日期"), self.joined_on),
            ("left_on", self.tr("离队日期"), self.left_on),
        ]
        for key, title, field in rows:
            self.hints[key] = self.hint_label()
            self.add_row(title, field, self.hints[key])
        for field in (
            self.name,
            self.id_number,
            self.phone,
            self.birth_date,
            self.joined_on,
            self.left_on,
        ):
            field.textChanged.connect(self.check)
        self.id_number.editingFinished.connect(self._fill_from_id)
        self.certificates = CertificatesBox(ctx, member_id, self)
        self.form.addRow(self.certificates)

    def entry(self) -> org.MemberInput:
        """The member as the form holds it."""
        return org.MemberInput(
            name=self.name.text(),
            id_number=self.id_number.text(),
            phone=self.phone.text(),
            gender=self.gender.value(),
            birth_date=self.birth_date.date(),
            role=self.role.text(),
            nature=self.nature.value(),
            joined_on=self.joined_on.date(),
            left_on=self.left_on.date(),
        )

    def check(self) -> list[org.Problem]:
        """Show what is wrong with each field now; return the problems."""
        problems = org.check_member(self.entry(), self.ctx.today())
        shown = {p.field: translate("People", p.reason) for p in problems}
        if not self.name.text().strip():
            shown.pop("name", None)  # not nagging before the user got there
        for field in ("birth_date", "joined_on", "left_on"):
            widget = getattr(self, field)
            if not widget.is_valid():
                shown[field] = self.tr("不是有效日期，请按 2026-11-22 的格式填写")
        for key, hint in self.hints.items():
            self.set_hint(hint, shown.get(key, ""))
        return problems

    def _fill_from_id(self) -> None:
        number = self.id_number.text()
        if org.id_number_problem(number, self.ctx.today()) is not None:
            return
        if self.birth_date.date() is None:
            self.birth_date.set_date(org.id_birth_date(number))
        if self.gender.value() is None:
            self.gender.set_value(org.id_gender(number))

    def save(self) -> Outcome[Any]:
        self.check()
        entry, team_id, member_id = self.entry(), self.team_id, self.member_id
        return run_op(
            self,
            self.ctx,
            lambda s, a: org.save_member(s, a, team_id, entry, member_id),
            changes={Changes.TEAMS},
            target=self,
            done=self.tr("已保存队员：{name}").format(name=entry.name.strip()),
        )
