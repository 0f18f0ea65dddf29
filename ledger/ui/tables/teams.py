"""Column specs of the teams page: teams with headcount, members with masked personal data."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.services.org import MemberRow, TeamRow
from ledger.ui.formatting import fmt_date
from ledger.ui.i18n import label
from ledger.ui.tables.base import GREY_FG, Column, RowsModel, marked


def _status(row: MemberRow) -> str:
    text = "在队" if row.active else "已离队"
    return QCoreApplication.translate("Columns", text)


QT_TRANSLATE_NOOP("Columns", "在队")
QT_TRANSLATE_NOOP("Columns", "已离队")

TEAM_COLUMNS: list[Column[TeamRow]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "队伍名称"), lambda r: marked(r.name, r), width=220),
    Column(QT_TRANSLATE_NOOP("Columns", "所属单位"), lambda r: r.unit_name, width=110),
    Column(QT_TRANSLATE_NOOP("Columns", "类型"), lambda r: label(r.team_type), width=90),
    Column(QT_TRANSLATE_NOOP("Columns", "性质"), lambda r: label(r.nature), width=60),
    Column(
        QT_TRANSLATE_NOOP("Columns", "在队人数"),
        lambda r: str(r.headcount),
        sort=lambda r: r.headcount,
        numeric=True,
        width=70,
        total=True,
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "队长"), lambda r: r.leader, width=80),
    Column(QT_TRANSLATE_NOOP("Columns", "联系电话"), lambda r: r.phone, width=120),
    Column(QT_TRANSLATE_NOOP("Columns", "成立日期"), lambda r: fmt_date(r.founded_on), width=95),
    Column(QT_TRANSLATE_NOOP("Columns", "队伍编号"), lambda r: r.code),
]

MEMBER_COLUMNS: list[Column[MemberRow]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "姓名"), lambda r: marked(r.name, r), width=80),
    Column(
        QT_TRANSLATE_NOOP("Columns", "性别"),
        lambda r: label(r.gender) if r.gender else "",
        width=45,
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "出生日期"), lambda r: fmt_date(r.birth_date), width=95),
    Column(QT_TRANSLATE_NOOP("Columns", "身份证号"), lambda r: r.id_masked, width=150),
    Column(QT_TRANSLATE_NOOP("Columns", "手机号"), lambda r: r.phone_masked, width=100),
    Column(QT_TRANSLATE_NOOP("Columns", "职务"), lambda r: r.role, width=80),
    Column(QT_TRANSLATE_NOOP("Columns", "专兼职"), lambda r: label(r.nature), width=60),
    Column(QT_TRANSLATE_NOOP("Columns", "入队日期"), lambda r: fmt_date(r.joined_on), width=95),
    Column(QT_TRANSLATE_NOOP("Columns", "离队日期"), lambda r: fmt_date(r.left_on), width=95),
    Column(QT_TRANSLATE_NOOP("Columns", "状态"), _status),
]


class MembersModel(RowsModel[MemberRow]):
    """Members; those who left greyed."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(MEMBER_COLUMNS, parent)

    def foreground(self, row: MemberRow, column: int) -> QColor | None:
        return None if row.active else GREY_FG
