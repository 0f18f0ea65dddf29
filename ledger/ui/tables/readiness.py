"""The 应急推演 page's models: needs (red when short), the draws of one item, and the teams."""

from __future__ import annotations

from PySide6.QtGui import QColor

from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.services.readiness import DISTANCE, Allocation, Cover, DraftRow, Need, TeamRow
from ledger.ui.formatting import fmt_date, fmt_qty
from ledger.ui.i18n import translate
from ledger.ui.tables.base import AMBER_BG, RED_BG, RED_FG, Column, RowsModel

PER_DAY = QT_TRANSLATE_NOOP("Readiness", "每人每天{qty}")
ONCE = QT_TRANSLATE_NOOP("Readiness", "每人{qty}")

NEED_COLUMNS: list[Column[Need]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "物资"), lambda n: n.item_name, width=120),
    Column(QT_TRANSLATE_NOOP("Columns", "人均定额"),
           lambda n: translate("Readiness", PER_DAY if n.per_day else ONCE).format(
               qty=fmt_qty(n.per_person, n.unit)),
           sort=lambda n: n.per_person, numeric=True, width=110),
    Column(QT_TRANSLATE_NOOP("Columns", "需要"), lambda n: fmt_qty(n.needed, n.unit),
           sort=lambda n: n.needed, numeric=True, width=90),
    Column(QT_TRANSLATE_NOOP("Columns", "可用"), lambda n: fmt_qty(n.available, n.unit),
           sort=lambda n: n.available, numeric=True, width=90),
    Column(QT_TRANSLATE_NOOP("Columns", "缺口"),
           lambda n: fmt_qty(n.short, n.unit) if n.short else "",
           sort=lambda n: n.short, numeric=True, width=90),
]  # fmt: skip


class NeedsModel(RowsModel[Need]):
    """Items needed; a short one in red."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(NEED_COLUMNS, parent)

    def background(self, row: Need) -> QColor | None:
        return RED_BG if row.short else None

    def foreground(self, row: Need, column: int) -> QColor | None:
        return RED_FG if row.short and column == 4 else None


#: One line under an item: a draw from a depot, or a reserve agreement that could cover it.
Line = tuple[Need, Allocation | Cover]


def _where(line: Line) -> str:
    part = line[1]
    if isinstance(part, Allocation):
        return f"{part.depot_name}（{part.unit_name}）"
    contact = "，".join(x for x in (part.contact, part.phone) if x)
    return part.supplier + (f"（{contact}）" if contact else "")


def _kind(line: Line) -> str:
    part = line[1]
    if isinstance(part, Allocation):
        return translate("Readiness", part.tier_label)
    return translate("Enum", part.mode.label)


def _quantity(line: Line) -> str:
    part = line[1]
    if isinstance(part, Allocation) and part.item_name:  # a need in a measure: the item drawn
        return f"{part.item_name} {fmt_qty(part.quantity, part.item_unit)}"
    return fmt_qty(part.quantity, line[0].unit)


def _distance(line: Line) -> str:
    part = line[1]
    if not isinstance(part, Allocation) or part.distance_km is None:
        return ""
    return translate("Readiness", DISTANCE).format(km=part.distance_km)


LINE_COLUMNS: list[Column[Line]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "来源"), _kind, width=80),
    Column(QT_TRANSLATE_NOOP("Columns", "仓库或协议单位"), _where, width=220),
    Column(QT_TRANSLATE_NOOP("Columns", "批次或协议编号"),
           lambda x: x[1].lot if isinstance(x[1], Allocation) else x[1].number, width=90),
    Column(QT_TRANSLATE_NOOP("Columns", "有效期至"),
           lambda x: fmt_date(x[1].expiry if isinstance(x[1], Allocation) else x[1].ends_on),
           width=90),
    Column(QT_TRANSLATE_NOOP("Columns", "数量"), lambda x: _quantity(x),
           numeric=True, width=90,
           tooltip=lambda x: "、".join(x[1].serials) if isinstance(x[1], Allocation) else ""),
    Column(QT_TRANSLATE_NOOP("Columns", "距离"), _distance, numeric=True, width=90,
           sort=lambda x: getattr(x[1], "distance_km", None) or 0),
]  # fmt: skip


class LinesModel(RowsModel[Line]):
    """The draws of the chosen item, then the agreements that could cover what is short."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(LINE_COLUMNS, parent)

    def foreground(self, row: Line, column: int) -> QColor | None:
        return RED_FG if isinstance(row[1], Cover) else None


TEAM_COLUMNS: list[Column[TeamRow]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "队伍类型"),
           lambda t: translate("Enum", t.team_type.label), width=90),
    Column(QT_TRANSLATE_NOOP("Columns", "队伍名称"), lambda t: t.name, width=200),
    Column(QT_TRANSLATE_NOOP("Columns", "所属单位"), lambda t: t.unit_name, width=100),
    Column(QT_TRANSLATE_NOOP("Columns", "性质"), lambda t: translate("Enum", t.nature.label),
           width=50),
    Column(QT_TRANSLATE_NOOP("Columns", "在队人数"), lambda t: str(t.headcount),
           sort=lambda t: t.headcount, numeric=True, width=70),
    Column(QT_TRANSLATE_NOOP("Columns", "队长"), lambda t: t.leader, width=70),
    Column(QT_TRANSLATE_NOOP("Columns", "联系电话"), lambda t: t.phone, width=100),
    Column(QT_TRANSLATE_NOOP("Columns", "装备"),
           lambda t: "、".join(f"{n}{c}{m}" for n, c, m in t.equipment), width=300),
]  # fmt: skip


class TeamsModel(RowsModel[TeamRow]):
    """The teams that can be called."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(TEAM_COLUMNS, parent)


def _draft_lines(row: DraftRow) -> str:
    return "；".join(
        f"{name}{f'（{lot}）' if lot else ''} {fmt_qty(quantity, measure)}"
        for name, lot, quantity, measure in row.lines
    )


DRAFT_COLUMNS: list[Column[DraftRow]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "状态"), lambda d: translate("Readiness", d.status_label),
           width=60),
    Column(QT_TRANSLATE_NOOP("Columns", "类型"), lambda d: translate("Enum", d.doc_type.label),
           width=60),
    Column(QT_TRANSLATE_NOOP("Columns", "调出仓库"), lambda d: d.depot, width=160),
    Column(QT_TRANSLATE_NOOP("Columns", "调入仓库"), lambda d: d.dest_depot, width=140),
    Column(QT_TRANSLATE_NOOP("Columns", "事件"), lambda d: d.incident, width=140),
    Column(QT_TRANSLATE_NOOP("Columns", "日期"), lambda d: fmt_date(d.doc_date), width=90),
    Column(QT_TRANSLATE_NOOP("Columns", "明细"), _draft_lines, width=360, tooltip=_draft_lines),
]  # fmt: skip


class DraftsModel(RowsModel[DraftRow]):
    """The drafts of confirmed plans; those still waiting in amber."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(DRAFT_COLUMNS, parent)

    def background(self, row: DraftRow) -> QColor | None:
        return AMBER_BG if row.status == "draft" else None
