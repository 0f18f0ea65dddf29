"""Column specs of the catalogue and the depot list."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.services.catalogue import DepotRow, ItemRow
from ledger.ui.formatting import fmt_decimal
from ledger.ui.i18n import label
from ledger.ui.tables.base import Column, marked


def _months(row: ItemRow) -> str:
    if not row.shelf_life_months:
        return ""
    return QCoreApplication.translate("Columns", "{n}个月").format(n=row.shelf_life_months)


def _days(row: ItemRow) -> str:
    if not row.maintenance_interval_days:
        return ""
    return QCoreApplication.translate("Columns", "{n}天").format(n=row.maintenance_interval_days)


def _yes(value: bool) -> str:
    return QCoreApplication.translate("Columns", "是") if value else ""


ITEM_COLUMNS: list[Column[ItemRow]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "物资编码"), lambda r: r.code, width=90),
    Column(QT_TRANSLATE_NOOP("Columns", "物资名称"), lambda r: marked(r.name, r), width=150),
    Column(QT_TRANSLATE_NOOP("Columns", "规格型号"), lambda r: r.spec, width=170),
    Column(QT_TRANSLATE_NOOP("Columns", "单位"), lambda r: r.unit, width=50),
    Column(QT_TRANSLATE_NOOP("Columns", "类别"), lambda r: label(r.category), width=90),
    Column(QT_TRANSLATE_NOOP("Columns", "保质期"), _months, width=70),
    Column(QT_TRANSLATE_NOOP("Columns", "保养周期"), _days, width=70),
    Column(QT_TRANSLATE_NOOP("Columns", "按序列号"), lambda r: _yes(r.serial_tracked), width=70),
    Column(QT_TRANSLATE_NOOP("Columns", "备注"), lambda r: r.note),
]

DEPOT_COLUMNS: list[Column[DepotRow]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "仓库编号"), lambda r: r.code, width=90),
    Column(QT_TRANSLATE_NOOP("Columns", "仓库名称"), lambda r: marked(r.name, r), width=180),
    Column(QT_TRANSLATE_NOOP("Columns", "所属单位"), lambda r: r.unit_name, width=110),
    Column(QT_TRANSLATE_NOOP("Columns", "类型"), lambda r: r.kind, width=110),
    Column(
        QT_TRANSLATE_NOOP("Columns", "面积(㎡)"),
        lambda r: fmt_decimal(r.area_m2),
        sort=lambda r: r.area_m2,
        numeric=True,
        width=80,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "在库批次"),
        lambda r: str(r.lots),
        sort=lambda r: r.lots,
        numeric=True,
        width=70,
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "保管员"), lambda r: r.keepers, width=110),
    Column(QT_TRANSLATE_NOOP("Columns", "地址"), lambda r: r.address),
]
