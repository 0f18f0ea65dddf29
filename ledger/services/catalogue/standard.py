"""The standard catalogue of emergency goods (标准物资目录) shipped in resources/catalogue/.

A new office starts with an empty catalogue; this loads ~200 real items of the plans'
categories (codes, names, specs, units, shelf life, maintenance cycle) into it, audited.
"""

from __future__ import annotations

import csv
import uuid
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import Category
from ledger.core.errors import CatalogueNotEmpty
from ledger.models import Item
from ledger.paths import resource
from ledger.services.accounts.permissions import Action, require
from ledger.services.catalogue.register import ItemInput
from ledger.services.common.atomic import atomic

HEADERS = ("物资编码", "物资名称", "规格型号", "计量单位", "类别", "保质期(月)", "保养周期(天)")


def standard_file() -> Path:
    """The shipped catalogue file."""
    return resource("catalogue", "standard.csv")


def standard_items(path: Path | None = None) -> list[ItemInput]:
    """Every item of the standard catalogue, in file order (by category, then number)."""
    with (path or standard_file()).open(encoding="utf-8", newline="") as f:
        lines = (line for line in f if not line.startswith("#"))
        rows = list(csv.DictReader(lines))
    return [
        ItemInput(
            code=row["物资编码"].strip(),
            name=row["物资名称"].strip(),
            unit=row["计量单位"].strip(),
            category=Category.from_label(row["类别"].strip()),
            spec=row["规格型号"].strip(),
            shelf_life_months=int(row["保质期(月)"]) if row["保质期(月)"].strip() else None,
            maintenance_interval_days=(
                int(row["保养周期(天)"]) if row["保养周期(天)"].strip() else None
            ),
            serial_tracked=row["按序列号管理"].strip() == "是",
        )
        for row in rows
    ]


def suggest_code(session: Session, category: Category) -> str:
    """The next free code in the standard scheme: the category's two digits and a number
    (防汛抗旱 01 → 010036 after 010035)."""
    prefix = f"{list(Category).index(category) + 1:02d}"
    codes = session.scalars(select(Item.code).where(Item.code.like(f"{prefix}____")))
    numbers = [int(c[2:]) for c in codes if len(c) == 6 and c.isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


def catalogue_is_empty(session: Session) -> bool:
    """Whether the catalogue has no item yet."""
    return not session.scalar(select(func.count(Item.id)))


@atomic
def load_standard_catalogue(session: Session, actor: Actor) -> int:
    """Fill an empty catalogue with the standard one; returns how many items it added.

    Raises:
        CatalogueNotEmpty: the catalogue already has items (nothing is changed).
        PermissionDenied: the actor may not edit the catalogue.
    """
    require(session, actor, Action.EDIT_CATALOGUE)
    count = session.scalar(select(func.count(Item.id))) or 0
    if count:
        raise CatalogueNotEmpty(count=count)
    entries = standard_items()
    for e in entries:
        session.add(
            Item(
                id=uuid.uuid4(),
                code=e.code,
                name=e.name,
                spec=e.spec,
                unit=e.unit,
                category=e.category,
                shelf_life_months=e.shelf_life_months,
                maintenance_interval_days=e.maintenance_interval_days,
                serial_tracked=e.serial_tracked,
                note="",
            )
        )
    session.flush()
    return len(entries)
