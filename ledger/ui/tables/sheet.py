"""A stocktake count sheet being filled (盘点表): book quantities, counts, differences.

Lines on the books come from the sheet the service computes; the keeper types each counted
quantity (Enter goes down the 实盘数 column) and may add lines for lots found but not on the
books (盘盈). A line left empty is an uncounted lot.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush

from ledger.core.enums import Reason
from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.services.catalogue import ItemRow
from ledger.services.stock import SheetRow
from ledger.ui.formatting import fmt_date, fmt_qty, parse_date
from ledger.ui.i18n import label
from ledger.ui.tables.base import AMBER_BG, GREEN_FG, GREY_FG, RED_BG, RED_FG, translated
from ledger.ui.widgets.item_picker import ItemIndex, display

Index = QModelIndex | QPersistentModelIndex
ZERO = Decimal(0)


@dataclass
class CountDraft:
    """One line of the sheet: a lot on the books, or one the keeper added."""

    sheet: SheetRow | None = None
    item_text: str = ""
    item: ItemRow | None = None
    lot: str = ""
    expiry_text: str = ""
    counted_text: str = ""
    reason: Reason | None = None
    error: str = ""

    def is_blank(self) -> bool:
        """An added line with nothing typed (a line on the books is never blank)."""
        return self.sheet is None and not (self.item_text.strip() or self.counted_text.strip())

    @property
    def book(self) -> Decimal:
        """The book quantity (zero for a lot not on the books)."""
        return self.sheet.book if self.sheet else ZERO

    def counted(self) -> Decimal | None:
        """The counted quantity, or ``None`` when not counted (or not a number)."""
        text = self.counted_text.replace(",", "").strip()
        if not text:
            return None
        try:
            return Decimal(text)
        except InvalidOperation:
            return None

    def expiry(self) -> date | None:
        """The lot's expiry: the books' or as typed."""
        return self.sheet.expiry if self.sheet else parse_date(self.expiry_text)

    def unit(self) -> str:
        """The item's unit."""
        return self.sheet.unit if self.sheet else self.item.unit if self.item else ""


COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("item", QT_TRANSLATE_NOOP("Columns", "物资"), 230),
    ("lot", QT_TRANSLATE_NOOP("Columns", "批次"), 100),
    ("expiry", QT_TRANSLATE_NOOP("Columns", "有效期至"), 100),
    ("book", QT_TRANSLATE_NOOP("Columns", "账面数"), 90),
    ("counted", QT_TRANSLATE_NOOP("Columns", "实盘数"), 90),
    ("diff", QT_TRANSLATE_NOOP("Columns", "盈亏"), 90),
    ("reason", QT_TRANSLATE_NOOP("Columns", "原因"), 90),
)
KEYS = [key for key, _, _ in COLUMNS]
NUMERIC = {"book", "counted", "diff"}


class SheetModel(QAbstractTableModel):
    """The count sheet being filled."""

    def __init__(self, items: ItemIndex, parent: Any = None) -> None:
        super().__init__(parent)
        self.items = items
        self.lines: list[CountDraft] = [CountDraft()]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return translated(COLUMNS[section][1])
        return section + 1 if orientation == Qt.Orientation.Vertical else None

    def _editable(self, line: CountDraft, key: str) -> bool:
        if key in ("counted", "reason"):
            return True
        return line.sheet is None and key in ("item", "lot", "expiry")

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._editable(self.lines[index.row()], KEYS[index.column()]):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.lines):
            return None
        line, key = self.lines[index.row()], KEYS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(line, key)
        if role == Qt.ItemDataRole.EditRole:
            return {"item": line.item.code if line.item else line.item_text, "lot": line.lot,
                    "expiry": line.expiry_text, "counted": line.counted_text,
                    "reason": line.reason}.get(key, "")  # fmt: skip
        if role == Qt.ItemDataRole.TextAlignmentRole and key in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if line.error:
                return QBrush(RED_BG)
            if key == "counted" and line.sheet is not None and not line.counted_text:
                return QBrush(AMBER_BG)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(line, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return line.error or None
        return None

    def _display(self, line: CountDraft, key: str) -> str:
        unit = line.unit()
        if key == "item":
            if line.sheet is not None:
                return "  ".join(p for p in (line.sheet.item_code, line.sheet.item_name,
                                             line.sheet.spec) if p)  # fmt: skip
            return display(line.item) if line.item else line.item_text
        if key == "lot":
            return (line.sheet.lot if line.sheet else line.lot) or "—"
        if key == "expiry":
            return fmt_date(line.sheet.expiry) if line.sheet else line.expiry_text
        if key == "book":
            return fmt_qty(line.book, unit) if line.sheet else ""
        if key == "counted":
            return line.counted_text
        if key == "diff":
            counted = line.counted()
            if counted is None:
                return QCoreApplication.translate("Entry", "未盘") if line.sheet else ""
            diff = counted - line.book
            return ("+" if diff > 0 else "") + fmt_qty(diff, unit) if diff else "0"
        if key == "reason":
            return label(line.reason) if line.reason else ""
        return ""

    def _foreground(self, line: CountDraft, key: str) -> QBrush | None:
        if key == "diff":
            counted = line.counted()
            if counted is None:
                return QBrush(GREY_FG)
            return QBrush(GREEN_FG if counted > line.book else RED_FG) if counted != line.book \
                else None  # fmt: skip
        if key == "item" and line.item_text and line.item is None and line.sheet is None:
            return QBrush(RED_FG)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row, key = index.row(), KEYS[index.column()]
        line = self.lines[row]
        if not self._editable(line, key):
            return False
        line.error = ""
        text = "" if value is None or isinstance(value, Reason) else str(value).strip()
        if key == "item":
            line.item_text, line.item = text, self.items.resolve(text)
        elif key == "reason":
            line.reason = value if isinstance(value, Reason) else None
        else:
            setattr(line, {"lot": "lot", "expiry": "expiry_text", "counted": "counted_text"}[key],
                    text)  # fmt: skip
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        if not self.lines[-1].is_blank():
            self.beginInsertRows(QModelIndex(), len(self.lines), len(self.lines))
            self.lines.append(CountDraft())
            self.endInsertRows()
        return True

    # The form's use ---------------------------------------------------------------------------
    def set_sheet(self, rows: list[SheetRow]) -> None:
        """Show the book quantities of a depot (counts typed so far are dropped)."""
        self.beginResetModel()
        self.lines = [CountDraft(sheet=row) for row in rows] + [CountDraft()]
        self.endResetModel()

    def clear(self) -> None:
        """Drop every count and the sheet itself."""
        self.set_sheet([])

    def filled(self) -> list[tuple[int, CountDraft]]:
        """Lines counted or added, with their row numbers."""
        return [(r, line) for r, line in enumerate(self.lines) if line.counted_text.strip()
                or (line.sheet is None and not line.is_blank())]  # fmt: skip

    def uncounted(self) -> list[CountDraft]:
        """Lots on the books left without a count."""
        return [line for line in self.lines if line.sheet is not None and not line.counted_text]

    def remove_line(self, row: int) -> None:
        """Delete an added line (lines on the books stay)."""
        if (
            0 <= row < len(self.lines)
            and self.lines[row].sheet is None
            and row < len(self.lines) - 1
        ):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.lines[row]
            self.endRemoveRows()

    def set_error(self, row: int, text: str) -> None:
        """Mark the line a refusal concerns."""
        for number, line in enumerate(self.lines):
            if line.error or number == row:
                line.error = text if number == row else ""
                self.dataChanged.emit(self.index(number, 0), self.index(number, len(COLUMNS) - 1))

    def start_row(self) -> int:
        """Where counting starts: the first lot on the books not counted yet."""
        for row, line in enumerate(self.lines):
            if line.sheet is not None and not line.counted_text:
                return row
        return len(self.lines) - 1

    def next_row(self, row: int) -> int:
        """The line Enter goes to after ``row``: the next one (counting goes down the sheet)."""
        return row + 1

    def first_stop(self, row: int) -> int:
        """Where Enter starts on a line: the count on the books, the item on an added line."""
        return KEYS.index("counted") if self.lines[row].sheet else KEYS.index("item")

    def next_stop(self, row: int, column: int) -> int:
        """Down the count column on the books; across item, lot, expiry, count when added."""
        if self.lines[row].sheet is not None:
            return -1
        path = [KEYS.index(k) for k in ("item", "lot", "expiry", "counted")]
        later = [c for c in path if c > column]
        return later[0] if later else -1
