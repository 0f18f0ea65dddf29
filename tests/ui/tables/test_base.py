"""Table cells answer the roles they have (text, alignment, colours, tips, sorting) and no other."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ledger.ui.tables.base import (
    GREY_FG,
    RED_BG,
    ROW_ROLE,
    SORT_ROLE,
    Column,
    RowsModel,
)


@dataclass(frozen=True)
class Lot:
    name: str
    quantity: Decimal
    expired: bool


COLUMNS = [
    Column("名称", lambda r: r.name, tooltip=lambda r: f"批次 {r.name}" if r.expired else ""),
    Column("数量", lambda r: f"{r.quantity}件", sort=lambda r: r.quantity, numeric=True),
]


class LotsModel(RowsModel[Lot]):
    def background(self, row: Lot) -> QColor | None:
        return RED_BG if row.expired else None

    def foreground(self, row: Lot, column: int) -> QColor | None:
        return GREY_FG if row.expired and column == 1 else None


def test_each_role_of_a_cell(qapp) -> None:
    model = LotsModel(COLUMNS)
    fresh, old = Lot("L1", Decimal("12.5"), False), Lot("L2", Decimal(3), True)
    model.set_rows([fresh, old])
    name, qty = model.index(1, 0), model.index(1, 1)
    assert model.data(name) == "L2" and model.data(qty) == "3件"
    left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.data(name, Qt.ItemDataRole.TextAlignmentRole) == left
    assert model.data(qty, Qt.ItemDataRole.TextAlignmentRole) == right
    background = model.data(name, Qt.ItemDataRole.BackgroundRole)
    assert isinstance(background, QBrush) and background.color() == RED_BG
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(qty, Qt.ItemDataRole.ForegroundRole).color() == GREY_FG
    assert model.data(name, Qt.ItemDataRole.ForegroundRole) is None
    assert model.data(name, Qt.ItemDataRole.ToolTipRole) == "批次 L2"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole) is None
    assert model.data(qty, Qt.ItemDataRole.ToolTipRole) is None  # no tooltip in this column
    assert model.data(model.index(0, 1), SORT_ROLE) == 12.5
    assert model.data(name, SORT_ROLE) == "L2"
    assert model.data(qty, ROW_ROLE) is old
    for role in (Qt.ItemDataRole.FontRole, Qt.ItemDataRole.DecorationRole):
        assert model.data(name, role) is None
    assert model.data(QModelIndex()) is None


def test_a_colour_is_one_brush_however_many_cells_ask(qapp) -> None:
    model = LotsModel(COLUMNS)
    model.set_rows([Lot(f"L{n}", Decimal(n), True) for n in range(5)])
    brushes = {id(model.data(model.index(n, 0), Qt.ItemDataRole.BackgroundRole)) for n in range(5)}
    assert len(brushes) == 1
