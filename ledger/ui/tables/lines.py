"""The editable lines of a document being entered (明细行), as a Qt table model.

A line is a mutable draft until it is posted: the item as typed (resolved against the
catalogue), lot, expiry, quantity, price, reason, override and serials. Columns are declared
as data with the document types they apply to and whether Enter stops at them. The model
keeps one blank line at the end to type into.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush

from ledger.core.enums import DocType, Reason
from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.core.scancodes import ScanCode, ScanKind, parse_scan
from ledger.services.catalogue import ItemRow
from ledger.ui.formatting import fmt_date, fmt_qty, parse_date
from ledger.ui.i18n import label
from ledger.ui.tables.base import AMBER_BG, GREY_FG, RED_BG, RED_FG, translated
from ledger.ui.widgets.item_picker import ItemIndex, display

Index = QModelIndex | QPersistentModelIndex
OUTGOING = frozenset({DocType.ISSUE, DocType.TRANSFER, DocType.WRITE_OFF})


@dataclass
class LineDraft:
    """One line as typed so far."""

    item_text: str = ""
    item: ItemRow | None = None
    lot: str = ""
    expiry_text: str = ""
    quantity_text: str = ""
    price_text: str = ""
    reason: Reason | None = None
    override: str = ""
    serials: str = ""
    available: Decimal | None = None
    suggested: bool = False
    scanned: bool = False
    error: str = ""
    notes: list[str] = field(default_factory=list)

    def is_blank(self) -> bool:
        """Whether nothing was typed on this line."""
        return not (self.item_text.strip() or self.quantity_text.strip() or self.lot.strip())

    def expiry(self) -> date | None:
        """The typed expiry (``ValueError`` when it is not a date)."""
        return parse_date(self.expiry_text)

    def over_available(self, doc_type: DocType) -> bool:
        """Whether an outgoing quantity is more than the lot holds."""
        if doc_type not in OUTGOING or self.available is None or not self.quantity_text:
            return False
        try:
            return Decimal(self.quantity_text.replace(",", "")) > self.available
        except InvalidOperation:
            return False

    def copy(self) -> LineDraft:
        """What a new line copied from this one holds (Ctrl+D): not its serials or marks."""
        return LineDraft(
            self.item_text,
            self.item,
            self.lot,
            self.expiry_text,
            self.quantity_text,
            self.price_text,
            self.reason,
            self.override,
            available=self.available,
        )


@dataclass(frozen=True)
class LineColumn:
    """A column of the entry grid: key, title, where it shows, whether Enter stops there."""

    key: str
    title: str
    width: int
    types: frozenset[DocType] | None = None
    editable: bool = True
    numeric: bool = False
    flow: Callable[[LineDraft, DocType], bool] | None = None

    def shown_for(self, doc_type: DocType) -> bool:
        """Whether the column belongs to this document type."""
        return self.types is None or doc_type in self.types

    def stops(self, line: LineDraft, doc_type: DocType) -> bool:
        """Whether Enter stops at this column on ``line``."""
        if not self.editable or not self.shown_for(doc_type):
            return False
        return self.flow(line, doc_type) if self.flow else True


def _not_outgoing(line: LineDraft, doc_type: DocType) -> bool:
    return doc_type not in OUTGOING


def _serial_tracked(line: LineDraft, doc_type: DocType) -> bool:
    return bool(line.item and line.item.serial_tracked)


def _never(line: LineDraft, doc_type: DocType) -> bool:
    return False


def _not_scanned(line: LineDraft, doc_type: DocType) -> bool:
    return not line.scanned  # a scanned lot label filled it


LINE_COLUMNS: tuple[LineColumn, ...] = (
    LineColumn("item", QT_TRANSLATE_NOOP("Columns", "物资（编码或名称）"), 230),
    LineColumn("lot", QT_TRANSLATE_NOOP("Columns", "批次"), 100, flow=_not_scanned),
    LineColumn("expiry", QT_TRANSLATE_NOOP("Columns", "有效期至"), 100, flow=_not_outgoing),
    LineColumn("quantity", QT_TRANSLATE_NOOP("Columns", "数量"), 90, numeric=True),
    LineColumn("unit", QT_TRANSLATE_NOOP("Columns", "单位"), 45, editable=False),
    LineColumn(
        "available",
        QT_TRANSLATE_NOOP("Columns", "可用"),
        90,
        OUTGOING,
        editable=False,
        numeric=True,
    ),
    LineColumn(
        "price",
        QT_TRANSLATE_NOOP("Columns", "单价(元)"),
        80,
        frozenset({DocType.RECEIPT}),
        numeric=True,
    ),
    LineColumn(
        "reason", QT_TRANSLATE_NOOP("Columns", "报损原因"), 90, frozenset({DocType.WRITE_OFF})
    ),
    LineColumn(
        "serials", QT_TRANSLATE_NOOP("Columns", "序列号（逗号分隔）"), 160, flow=_serial_tracked
    ),
    LineColumn(
        "override", QT_TRANSLATE_NOOP("Columns", "过期放行理由"), 130, OUTGOING, flow=_never
    ),
)

KEYS = [c.key for c in LINE_COLUMNS]


class LinesModel(QAbstractTableModel):
    """The lines of the document being entered."""

    #: Emitted with the row whose item was just chosen (the form suggests a lot).
    item_chosen = Signal(int)
    #: Emitted with the row whose quantity was just typed.
    quantity_typed = Signal(int)
    #: Emitted with the row whose lot was just typed.
    lot_typed = Signal(int)

    def __init__(self, items: ItemIndex, parent: Any = None) -> None:
        super().__init__(parent)
        self.items = items
        self.doc_type = DocType.RECEIPT
        self.lines: list[LineDraft] = [LineDraft()]
        #: The catalogue item a scanned equipment serial (EQ: label) belongs to, if any.
        self.serial_item: Callable[[str], ItemRow | None] = lambda _serial: None

    # Structure ------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(LINE_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(LINE_COLUMNS):
            return translated(LINE_COLUMNS[section].title)
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if LINE_COLUMNS[index.column()].editable:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    # Reading ---------------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.lines):
            return None
        line, key = self.lines[index.row()], KEYS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(line, key)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_text(line, key)
        if role == Qt.ItemDataRole.TextAlignmentRole and LINE_COLUMNS[index.column()].numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and line.error:
            return QBrush(RED_BG)
        over = key == "quantity" and line.over_available(self.doc_type)
        if role == Qt.ItemDataRole.BackgroundRole and over:
            return QBrush(RED_BG)
        if role == Qt.ItemDataRole.BackgroundRole and key == "lot" and line.suggested:
            return QBrush(AMBER_BG)
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "item" and line.item_text and line.item is None:
                return QBrush(RED_FG)
            if not LINE_COLUMNS[index.column()].editable:
                return QBrush(GREY_FG)
        if role == Qt.ItemDataRole.ToolTipRole:
            if over:
                return "\n".join([self.over_text(line), *line.notes])
            return line.error or self.item_problem(line) or "\n".join(line.notes) or None
        return None

    def _display(self, line: LineDraft, key: str) -> str:
        if key == "item":
            return display(line.item) if line.item else line.item_text
        if key == "unit":
            return line.item.unit if line.item else ""
        if key == "available":
            unit = line.item.unit if line.item else ""
            return fmt_qty(line.available, unit) if line.available is not None else ""
        if key == "reason":
            return label(line.reason) if line.reason else ""
        if key == "expiry":
            try:
                return fmt_date(line.expiry()) or line.expiry_text
            except ValueError:
                return line.expiry_text
        return str(self._edit_text(line, key))

    @staticmethod
    def _edit_text(line: LineDraft, key: str) -> Any:  # text, or the reason member
        values = {
            "item": line.item.code if line.item else line.item_text,
            "lot": line.lot,
            "expiry": line.expiry_text,
            "quantity": line.quantity_text,
            "price": line.price_text,
            "override": line.override,
            "serials": line.serials,
            "reason": line.reason,
        }
        return values.get(key, "")

    # Editing ---------------------------------------------------------------------------------
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if not LINE_COLUMNS[index.column()].editable:
            return False
        row, key = index.row(), KEYS[index.column()]
        line = self.lines[row]
        line.error = ""
        chosen = False
        scanned = parse_scan(str(value or "")) if key == "item" else None
        if scanned is not None and scanned.kind is not ScanKind.PLAIN:
            chosen = self._set_scanned(line, scanned)
        elif key == "item":
            line.scanned = False
            chosen = self._set_item(line, str(value or ""))
        elif key == "reason":
            line.reason = value if isinstance(value, Reason) else None
        elif key == "lot":
            lot = str(value or "").strip()
            line.suggested = line.suggested and lot == line.lot
            line.lot = lot
        else:
            attribute = {
                "expiry": "expiry_text",
                "quantity": "quantity_text",
                "price": "price_text",
                "override": "override",
                "serials": "serials",
            }
            setattr(line, attribute[key], str(value or "").strip())
        self._row_changed(row)
        if chosen:
            self.item_chosen.emit(row)
        if chosen and line.scanned and scanned is not None and scanned.lot:
            line.lot, line.suggested = scanned.lot, False
            self._row_changed(row)
            self.lot_typed.emit(row)
        if key == "quantity" and line.quantity_text:
            self.quantity_typed.emit(row)
        if key == "lot":
            self.lot_typed.emit(row)
        self._keep_blank_line()
        return True

    def item_problem(self, line: LineDraft) -> str:
        """Why the typed item is not one catalogue item (empty when it is, or nothing typed)."""
        if line.item is not None or not line.item_text:
            return ""
        if self.items.retired(line.item_text) is not None:
            text = QCoreApplication.translate(
                "Entry", "物资“{text}”已停用；需要时请在物资目录中启用"
            )
        elif self.items.matches(line.item_text):
            text = QCoreApplication.translate("Entry", "有多个物资与“{text}”相符，请从列表中选择")
        else:
            text = QCoreApplication.translate("Entry", "物资目录中没有“{text}”")
        return text.format(text=line.item_text)

    def over_text(self, line: LineDraft) -> str:
        """What a quantity above the available amount is told."""
        unit = line.item.unit if line.item else ""
        return QCoreApplication.translate("Entry", "超出可用数量：本批次可用 {qty}").format(
            qty=fmt_qty(line.available or Decimal(0), unit)
        )

    def _set_scanned(self, line: LineDraft, scanned: ScanCode) -> bool:
        """A scanned label: a lot label gives item and lot, an equipment label item and serial."""
        if scanned.kind is ScanKind.ITEM:
            chosen = self._set_item(line, scanned.item_code)
            line.scanned = line.item is not None and bool(scanned.lot)
            return chosen
        item = self.serial_item(scanned.serial)
        if item is None:
            line.item_text, line.item, line.scanned = scanned.serial, None, False
            return False
        chosen = self._set_item(line, item.code)
        line.serials, line.quantity_text = scanned.serial, line.quantity_text or "1"
        return chosen or line.item is not None

    def copy_previous(self, row: int) -> bool:
        """Ctrl+D: fill ``row`` with the line above it (an empty row only)."""
        if not 0 < row < len(self.lines) or not self.lines[row].is_blank():
            return False
        if self.lines[row - 1].is_blank():
            return False
        self.lines[row] = self.lines[row - 1].copy()
        self._row_changed(row)
        self._keep_blank_line()
        return True

    def set_lines(self, lines: list[LineDraft]) -> None:
        """Start with these lines (a copied document), a blank one after them."""
        self.beginResetModel()
        self.lines = [*lines, LineDraft()]
        self.endResetModel()

    def _set_item(self, line: LineDraft, text: str) -> bool:
        """Resolve the typed item; whether another item was chosen."""
        previous = line.item
        line.item_text = text.strip()
        line.item = self.items.resolve(text)
        if line.item == previous:
            return False
        line.lot, line.suggested, line.available, line.expiry_text = "", False, None, ""
        return line.item is not None

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(LINE_COLUMNS) - 1))

    def _keep_blank_line(self) -> None:
        if not self.lines[-1].is_blank():
            self.beginInsertRows(QModelIndex(), len(self.lines), len(self.lines))
            self.lines.append(LineDraft())
            self.endInsertRows()

    # The form's use --------------------------------------------------------------------------
    def set_doc_type(self, doc_type: DocType) -> None:
        """Switch the document type (columns shown and Enter's path change)."""
        self.doc_type = doc_type
        self.dataChanged.emit(self.index(0, 0), self.index(len(self.lines) - 1, len(KEYS) - 1))

    def update_line(self, row: int, **changes: Any) -> None:
        """Change fields of a line from the form (a suggested lot, what is available)."""
        for name, value in changes.items():
            setattr(self.lines[row], name, value)
        self._row_changed(row)

    def insert_lines(self, row: int, lines: list[LineDraft]) -> None:
        """Insert lines after ``row`` (a quantity split over several lots)."""
        if not lines:
            return
        self.beginInsertRows(QModelIndex(), row + 1, row + len(lines))
        self.lines[row + 1 : row + 1] = lines
        self.endInsertRows()

    def remove_line(self, row: int) -> None:
        """Delete a line (a blank one stays at the end)."""
        if 0 <= row < len(self.lines):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.lines[row]
            self.endRemoveRows()
        if not self.lines:
            self.beginInsertRows(QModelIndex(), 0, 0)
            self.lines.append(LineDraft())
            self.endInsertRows()
        self._keep_blank_line()

    def clear(self) -> None:
        """Start over with one blank line."""
        self.beginResetModel()
        self.lines = [LineDraft()]
        self.endResetModel()

    def filled(self) -> list[tuple[int, LineDraft]]:
        """The lines that hold something, with their row numbers."""
        return [(row, line) for row, line in enumerate(self.lines) if not line.is_blank()]

    def set_error(self, row: int, text: str) -> None:
        """Mark a line as the one a refusal concerns."""
        for number, line in enumerate(self.lines):
            if line.error and number != row:
                line.error = ""
                self._row_changed(number)
        if 0 <= row < len(self.lines):
            self.lines[row].error = text
            self._row_changed(row)

    def start_row(self) -> int:
        """Where typing starts: the first blank line."""
        return next((r for r, line in enumerate(self.lines) if line.is_blank()), 0)

    def next_row(self, row: int) -> int:
        """The line Enter goes to after ``row``: the next one, unless it was filled for the
        user (a quantity split over lots), then the first blank line."""
        following = row + 1
        if following < len(self.lines) and self.lines[following].suggested:
            return self.start_row()
        return following

    def first_stop(self, row: int) -> int:
        """The first column Enter stops at on a row."""
        return self.next_stop(row, -1)

    def next_stop(self, row: int, column: int) -> int:
        """The next column after ``column`` Enter stops at on ``row`` (-1: none)."""
        line = self.lines[row]
        for number in range(column + 1, len(LINE_COLUMNS)):
            if LINE_COLUMNS[number].stops(line, self.doc_type):
                return number
        return -1
