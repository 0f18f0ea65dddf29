"""Editors of the catalogue (物资目录) and of depots (仓库)."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import QCheckBox, QLineEdit, QSpinBox, QWidget

from ledger.core.enums import Category
from ledger.services import catalogue, org
from ledger.ui.context import AppContext, Changes
from ledger.ui.dialogs.base import FormDialog
from ledger.ui.dialogs.teams import unit_combo
from ledger.ui.formatting import fmt_decimal
from ledger.ui.ops import Outcome, run_op
from ledger.ui.widgets.coords import CoordinatesField
from ledger.ui.widgets.fields import EnumCombo


def _optional_spin(value: int | None, maximum: int, none_text: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, maximum)
    spin.setSpecialValueText(none_text)
    spin.setValue(value or 0)
    return spin


class ItemDialog(FormDialog):
    """A catalogue item: code, name, specification, unit, category, shelf life, upkeep."""

    def __init__(
        self, ctx: AppContext, item: catalogue.ItemRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, self.tr("修改物资") if item else self.tr("新增物资"), parent)
        self.item = item
        self.code = QLineEdit(item.code if item else "")
        self.code.setPlaceholderText(self.tr("如 FX001；扫码枪可直接扫入"))
        self.name = QLineEdit(item.name if item else "")
        self.spec = QLineEdit(item.spec if item else "")
        self.unit = QLineEdit(item.unit if item else "")
        self.unit.setPlaceholderText(self.tr("如 条、件、台、套、吨"))
        self.category = EnumCombo(Category, item.category if item else None)
        self.shelf_life = _optional_spin(
            item.shelf_life_months if item else None, 600, self.tr("不限")
        )
        self.shelf_life.setSuffix(self.tr(" 个月"))
        self.interval = _optional_spin(
            item.maintenance_interval_days if item else None, 3650, self.tr("无需保养")
        )
        self.interval.setSuffix(self.tr(" 天"))
        self.serial = QCheckBox(self.tr("按序列号管理（装备）"))
        self.serial.setChecked(bool(item and item.serial_tracked))
        self.note = QLineEdit(item.note if item else "")
        for title, field in (
            (self.tr("物资编码"), self.code),
            (self.tr("物资名称"), self.name),
            (self.tr("规格型号"), self.spec),
            (self.tr("计量单位"), self.unit),
            (self.tr("类别"), self.category),
            (self.tr("保质期"), self.shelf_life),
            (self.tr("保养周期"), self.interval),
            ("", self.serial),
            (self.tr("备注"), self.note),
        ):
            self.add_row(title, field)

    def save(self) -> Outcome[Any]:
        entry = catalogue.ItemInput(
            self.code.text(),
            self.name.text(),
            self.unit.text(),
            self.category.value(),
            self.spec.text(),
            self.shelf_life.value() or None,
            self.interval.value() or None,
            self.serial.isChecked(),
            self.note.text(),
        )
        item_id = self.item.id if self.item else None
        return run_op(
            self,
            self.ctx,
            lambda s, a: catalogue.save_item(s, a, entry, item_id),
            changes={Changes.CATALOGUE},
            target=self,
            done=self.tr("已保存物资：{name}").format(name=entry.name),
        )


class DepotDialog(FormDialog):
    """A depot: code, name, home unit, kind, floor area, address, keepers, coordinates."""

    def __init__(
        self,
        ctx: AppContext,
        units: list[org.UnitRow],
        depot: catalogue.DepotRow | None = None,
        unit_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, self.tr("修改仓库") if depot else self.tr("新增仓库"), parent)
        self.depot = depot
        self.code = QLineEdit(depot.code if depot else "")
        self.name = QLineEdit(depot.name if depot else "")
        self.name.setPlaceholderText(self.tr("如：城关镇应急物资储备库"))
        self.unit = unit_combo(units, depot.unit_id if depot else unit_id)
        self.kind = QLineEdit(depot.kind if depot else "")
        self.kind.setPlaceholderText(self.tr("如：乡镇储备库、村级储备点"))
        self.area = QLineEdit(fmt_decimal(depot.area_m2) if depot else "")
        self.area.setPlaceholderText(self.tr("平方米"))
        self.address = QLineEdit(depot.address if depot else "")
        self.keepers = QLineEdit(depot.keepers if depot else "")
        self.place = CoordinatesField(
            depot.latitude if depot else None, depot.longitude if depot else None
        )
        for title, field in (
            (self.tr("仓库编号"), self.code),
            (self.tr("仓库名称"), self.name),
            (self.tr("所属单位"), self.unit),
            (self.tr("仓库类型"), self.kind),
            (self.tr("面积"), self.area),
            (self.tr("地址"), self.address),
            (self.tr("保管员"), self.keepers),
            (self.tr("经纬度"), self.place),
        ):
            self.add_row(title, field)

    def save(self) -> Outcome[Any]:
        entry = catalogue.DepotInput(
            self.code.text(),
            self.name.text(),
            self.unit.currentData(),
            self.kind.text(),
            self.area.text().strip() or None,
            self.address.text(),
            self.keepers.text(),
            *self.place.values(),
        )
        depot_id = self.depot.id if self.depot else None
        return run_op(
            self,
            self.ctx,
            lambda s, a: catalogue.save_depot(s, a, entry, depot_id),
            changes={Changes.DEPOTS},
            target=self,
            done=self.tr("已保存仓库：{name}").format(name=entry.name),
        )
