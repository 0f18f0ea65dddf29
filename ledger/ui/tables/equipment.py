"""Equipment lists: status, maintenance due (overdue red, due soon amber), and the log."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from ledger.core.enums import EquipmentStatus
from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.services.catalogue import EquipmentRow, HolderKind, MaintenanceRow
from ledger.ui.formatting import fmt_date
from ledger.ui.i18n import label
from ledger.ui.tables.base import (
    AMBER_BG,
    AMBER_FG,
    GREY_FG,
    RED_BG,
    RED_FG,
    Column,
    PagedModel,
    marked,
)

HOLDER_KINDS = {
    HolderKind.UNIT: QT_TRANSLATE_NOOP("Columns", "单位"),
    HolderKind.TEAM: QT_TRANSLATE_NOOP("Columns", "队伍"),
    HolderKind.DEPOT: QT_TRANSLATE_NOOP("Columns", "仓库"),
}


def _holder(row: EquipmentRow) -> str:
    kind = QCoreApplication.translate("Columns", HOLDER_KINDS[row.holder_kind])
    return f"{row.holder_name}（{kind}）"


def _interval(row: EquipmentRow) -> str:
    if not row.interval_days:
        return ""
    return QCoreApplication.translate("Columns", "{n}天").format(n=row.interval_days)


EQUIPMENT_COLUMNS: list[Column[EquipmentRow]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "序列号"), lambda r: marked(r.serial, r), width=140),
    Column(QT_TRANSLATE_NOOP("Columns", "装备"), lambda r: r.item_name, width=120),
    Column(QT_TRANSLATE_NOOP("Columns", "配备给"), _holder, width=200),
    Column(QT_TRANSLATE_NOOP("Columns", "状态"), lambda r: label(r.status), width=50),
    Column(QT_TRANSLATE_NOOP("Columns", "下次保养"), lambda r: fmt_date(r.next_due_on), width=95),
    Column(
        QT_TRANSLATE_NOOP("Columns", "上次保养"), lambda r: fmt_date(r.last_maintained_on), width=95
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "保养周期"), _interval, width=70),
    Column(QT_TRANSLATE_NOOP("Columns", "购置日期"), lambda r: fmt_date(r.purchased_on), width=95),
    Column(QT_TRANSLATE_NOOP("Columns", "规格型号"), lambda r: r.spec, width=140),
]
DUE_COLUMN = 4


def due_state(row: EquipmentRow, today: date, warning_days: int) -> str:
    """``overdue``, ``due`` (within the warning days) or ``""`` (scrapped pieces never due)."""
    if row.next_due_on is None or row.status is EquipmentStatus.SCRAPPED:
        return ""
    if row.next_due_on < today:
        return "overdue"
    return "due" if row.next_due_on <= today + timedelta(days=warning_days) else ""


class EquipmentModel(PagedModel[EquipmentRow]):
    """Equipment with maintenance overdue red and due soon amber; scrapped greyed."""

    def __init__(
        self,
        count: Callable[[], int],
        fetch: Callable[[int, int], list[EquipmentRow]],
        clock: Callable[[], tuple[date, int]],
        parent: Any = None,
    ) -> None:
        super().__init__(EQUIPMENT_COLUMNS, count, fetch, parent=parent)
        self._clock = clock

    def background(self, row: EquipmentRow) -> QColor | None:
        state = due_state(row, *self._clock())
        return RED_BG if state == "overdue" else AMBER_BG if state == "due" else None

    def foreground(self, row: EquipmentRow, column: int) -> QColor | None:
        if row.status is EquipmentStatus.SCRAPPED:
            return GREY_FG
        state = due_state(row, *self._clock())
        if column == DUE_COLUMN and state:
            return RED_FG if state == "overdue" else AMBER_FG
        return None


LOG_COLUMNS: list[Column[MaintenanceRow]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "日期"), lambda r: fmt_date(r.done_on), width=95),
    Column(QT_TRANSLATE_NOOP("Columns", "类型"), lambda r: r.kind, width=60),
    Column(QT_TRANSLATE_NOOP("Columns", "保养人"), lambda r: r.done_by, width=90),
    Column(QT_TRANSLATE_NOOP("Columns", "情况说明"), lambda r: r.note),
]
