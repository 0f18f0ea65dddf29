"""Stock on hand, a stock card and the document list, as paged table models."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.services.stock import CardRow, DocumentRow, ItemTotalRow, StockRow
from ledger.ui.formatting import fmt_date, fmt_qty
from ledger.ui.i18n import label
from ledger.ui.tables.base import (
    AMBER_BG,
    AMBER_FG,
    GREY_FG,
    RED_BG,
    RED_FG,
    Column,
    CursorModel,
    PagedModel,
)

STOCK_COLUMNS: list[Column[StockRow]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "仓库"), lambda r: r.depot_name, width=180),
    Column(QT_TRANSLATE_NOOP("Columns", "物资编码"), lambda r: r.item_code, width=90),
    Column(QT_TRANSLATE_NOOP("Columns", "物资名称"), lambda r: r.item_name, width=130),
    Column(QT_TRANSLATE_NOOP("Columns", "规格型号"), lambda r: r.spec, width=120),
    Column(QT_TRANSLATE_NOOP("Columns", "类别"), lambda r: label(r.category), width=80),
    Column(QT_TRANSLATE_NOOP("Columns", "批次"), lambda r: r.lot or "—", width=100),
    Column(QT_TRANSLATE_NOOP("Columns", "有效期至"), lambda r: fmt_date(r.expiry), width=95),
    Column(
        QT_TRANSLATE_NOOP("Columns", "数量"),
        lambda r: fmt_qty(r.quantity, r.unit),
        sort=lambda r: r.quantity,
        numeric=True,
        width=100,
        unit=lambda r: r.unit,
        total=True,
    ),
]


def expiry_state(expiry: date | None, today: date, warning_days: int) -> str:
    """``expired``, ``expiring`` (within the warning days) or ``""``."""
    if expiry is None:
        return ""
    if expiry < today:
        return "expired"
    if expiry <= today + timedelta(days=warning_days):
        return "expiring"
    return ""


class StockModel(PagedModel[StockRow]):
    """Stock rows: expired lots red, lots expiring within the warning days amber."""

    EXPIRY_COLUMN = 6

    def __init__(
        self,
        count: Callable[[], int],
        fetch: Callable[[int, int], list[StockRow]],
        clock: Callable[[], tuple[date, int]],
        parent: Any = None,
    ) -> None:
        super().__init__(STOCK_COLUMNS, count, fetch, parent=parent)
        self._clock = clock
        self._today = clock()

    def reload(self) -> None:
        """Read the working date and warning days once, then count and load the first page."""
        self._today = self._clock()
        super().reload()

    def state(self, row: StockRow) -> str:
        """The row's expiry state on the working date (as it was when the rows were read)."""
        today, days = self._today
        return expiry_state(row.expiry, today, days)

    def background(self, row: StockRow) -> QColor | None:
        state = self.state(row)
        return RED_BG if state == "expired" else AMBER_BG if state == "expiring" else None

    def foreground(self, row: StockRow, column: int) -> QColor | None:
        state = self.state(row)
        if column != self.EXPIRY_COLUMN or not state:
            return None
        return RED_FG if state == "expired" else AMBER_FG


def _doc_type(row: CardRow | DocumentRow) -> str:
    text = label(row.doc_type)
    if row.is_reversal:
        return QCoreApplication.translate("Columns", "红冲{type}").format(type=text)
    return text


def _blank_zero(value: Any, unit: str = "") -> str:
    return fmt_qty(value, unit) if value else ""


CARD_COLUMNS: list[Column[CardRow]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "日期"), lambda r: fmt_date(r.occurred_on), width=95),
    Column(QT_TRANSLATE_NOOP("Columns", "单据号"), lambda r: r.number, width=185),
    Column(QT_TRANSLATE_NOOP("Columns", "类型"), _doc_type, width=90),
    Column(QT_TRANSLATE_NOOP("Columns", "往来单位"), lambda r: r.counterparty, width=140),
    Column(QT_TRANSLATE_NOOP("Columns", "批次"), lambda r: r.lot or "—", width=90),
    Column(QT_TRANSLATE_NOOP("Columns", "有效期至"), lambda r: fmt_date(r.expiry), width=95),
    Column(
        QT_TRANSLATE_NOOP("Columns", "收入"),
        lambda r: _blank_zero(r.inflow),
        sort=lambda r: r.inflow,
        numeric=True,
        total=True,
        width=80,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "发出"),
        lambda r: _blank_zero(r.outflow),
        sort=lambda r: r.outflow,
        numeric=True,
        total=True,
        width=80,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "结存"), lambda r: fmt_qty(r.balance), numeric=True, width=90
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "摘要"), lambda r: r.note),
]


#: Movements a stock card reads at a time: a few screens, so it opens fast and scrolls smoothly.
CARD_PAGE = 100


class CardModel(CursorModel[CardRow]):
    """A stock card: every movement with the running balance; reversals greyed."""

    def __init__(
        self,
        fetch: Callable[[Any, int], tuple[list[CardRow], Any]],
        unit: str = "",
        parent: Any = None,
    ) -> None:
        columns = list(CARD_COLUMNS)
        if unit:
            same_unit: Callable[[CardRow], str] = lambda r: unit  # noqa: E731
            columns[6] = replace(
                columns[6], text=lambda r: _blank_zero(r.inflow, unit), width=90, unit=same_unit
            )
            columns[7] = replace(
                columns[7], text=lambda r: _blank_zero(r.outflow, unit), width=90, unit=same_unit
            )
            columns[8] = Column(
                columns[8].title,
                lambda r: fmt_qty(r.balance, unit),
                sort=lambda r: r.balance,
                numeric=True,
                width=100,
            )
        super().__init__(columns, fetch, page_size=CARD_PAGE, parent=parent)

    def foreground(self, row: CardRow, column: int) -> QColor | None:
        return GREY_FG if row.is_reversal else None


DOCUMENT_COLUMNS: list[Column[DocumentRow]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "日期"), lambda r: fmt_date(r.doc_date), width=95),
    Column(QT_TRANSLATE_NOOP("Columns", "单据号"), lambda r: r.number, width=185),
    Column(QT_TRANSLATE_NOOP("Columns", "类型"), _doc_type, width=90),
    Column(QT_TRANSLATE_NOOP("Columns", "仓库"), lambda r: r.depot_name, width=180),
    Column(QT_TRANSLATE_NOOP("Columns", "调入仓库"), lambda r: r.dest_depot_name, width=120),
    Column(QT_TRANSLATE_NOOP("Columns", "往来单位"), lambda r: r.counterparty, width=140),
    Column(QT_TRANSLATE_NOOP("Columns", "经办人"), lambda r: r.handler, width=70),
    Column(
        QT_TRANSLATE_NOOP("Columns", "行数"), lambda r: str(r.line_count), numeric=True, width=50
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "红冲"), lambda r: r.reversed_by, width=120),
    Column(QT_TRANSLATE_NOOP("Columns", "备注"), lambda r: r.note),
]


class DocumentsModel(PagedModel[DocumentRow]):
    """The document list; reversed documents and reversals greyed."""

    def __init__(
        self,
        count: Callable[[], int],
        fetch: Callable[[int, int], list[DocumentRow]],
        parent: Any = None,
    ) -> None:
        super().__init__(DOCUMENT_COLUMNS, count, fetch, parent=parent)

    def foreground(self, row: DocumentRow, column: int) -> QColor | None:
        if row.is_reversal or row.reversed_by:
            return RED_FG if row.is_reversal and column in (1, 2) else GREY_FG
        return None


ITEM_TOTAL_COLUMNS: list[Column[ItemTotalRow]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "物资编码"), lambda r: r.item_code, width=90),
    Column(QT_TRANSLATE_NOOP("Columns", "物资名称"), lambda r: r.item_name, width=150),
    Column(QT_TRANSLATE_NOOP("Columns", "规格型号"), lambda r: r.spec, width=140),
    Column(QT_TRANSLATE_NOOP("Columns", "类别"), lambda r: label(r.category), width=80),
    Column(
        QT_TRANSLATE_NOOP("Columns", "数量"),
        lambda r: fmt_qty(r.quantity, r.unit),
        sort=lambda r: r.quantity,
        numeric=True,
        width=110,
        unit=lambda r: r.unit,
        total=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "仓库数"),
        lambda r: str(r.depots),
        sort=lambda r: r.depots,
        numeric=True,
        width=60,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "批次数"),
        lambda r: str(r.lots),
        sort=lambda r: r.lots,
        numeric=True,
        width=60,
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "最早有效期"), lambda r: fmt_date(r.earliest_expiry)),
]
