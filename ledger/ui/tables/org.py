"""Column specs of the org page's tables: posts, drills, training records."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.services.org import DrillRow, PostRow, TrainingRow
from ledger.ui.formatting import fmt_date, fmt_decimal
from ledger.ui.i18n import label
from ledger.ui.tables.base import GREY_FG, Column, RowsModel


def _yes(value: bool) -> str:
    return QCoreApplication.translate("Columns", "是") if value else ""


POST_COLUMNS: list[Column[PostRow]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "岗位"), lambda r: label(r.kind), width=120),
    Column(QT_TRANSLATE_NOOP("Columns", "姓名"), lambda r: r.name, width=90),
    Column(QT_TRANSLATE_NOOP("Columns", "联系电话"), lambda r: r.phone, width=120),
    Column(QT_TRANSLATE_NOOP("Columns", "任职日期"), lambda r: fmt_date(r.since), width=95),
    Column(QT_TRANSLATE_NOOP("Columns", "离任日期"), lambda r: fmt_date(r.until), width=95),
]

DRILL_COLUMNS: list[Column[DrillRow]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "日期"), lambda r: fmt_date(r.held_on), width=95),
    Column(QT_TRANSLATE_NOOP("Columns", "演练名称"), lambda r: r.title, width=200),
    Column(QT_TRANSLATE_NOOP("Columns", "预案"), lambda r: r.plan, width=160),
    Column(
        QT_TRANSLATE_NOOP("Columns", "参演人数"),
        lambda r: str(r.participants),
        sort=lambda r: r.participants,
        numeric=True,
        width=70,
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "综合演练"), lambda r: _yes(r.comprehensive), width=70),
    Column(QT_TRANSLATE_NOOP("Columns", "队伍"), lambda r: r.team_name),
]

TRAINING_COLUMNS: list[Column[TrainingRow]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "开始日期"), lambda r: fmt_date(r.started_on), width=95),
    Column(QT_TRANSLATE_NOOP("Columns", "姓名"), lambda r: r.person, width=90),
    Column(QT_TRANSLATE_NOOP("Columns", "培训对象"), lambda r: label(r.trainee), width=100),
    Column(QT_TRANSLATE_NOOP("Columns", "身份证号"), lambda r: r.id_masked, width=160),
    Column(
        QT_TRANSLATE_NOOP("Columns", "天数"),
        lambda r: fmt_decimal(r.days),
        sort=lambda r: r.days,
        numeric=True,
        width=60,
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "培训内容"), lambda r: r.subject),
]


class PostsModel(RowsModel[PostRow]):
    """Post holders; those who left greyed."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(POST_COLUMNS, parent)

    def foreground(self, row: PostRow, column: int) -> QColor | None:
        return GREY_FG if row.until is not None else None
