"""Table models as thin adapters: a list of frozen rows and columns declared as data.

:class:`RowsModel` holds a short list in memory. :class:`PagedModel` knows only how to count
and how to fetch a page, and loads pages as the view scrolls (``canFetchMore``/``fetchMore``),
so a table of a hundred thousand rows never loads them all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

#: Role carrying the raw value a column sorts on.
SORT_ROLE = Qt.ItemDataRole.UserRole
#: Role carrying the whole frozen row.
ROW_ROLE = Qt.ItemDataRole.UserRole + 1

RED_BG = QColor("#fde2e1")
RED_FG = QColor("#a61b1b")
AMBER_BG = QColor("#fff3cd")
AMBER_FG = QColor("#8a5a00")
GREY_FG = QColor("#8a8f98")
GREEN_FG = QColor("#1d7a3a")

_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.ToolTipRole,
        SORT_ROLE,
        ROW_ROLE,
    }
)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_BRUSHES: dict[int, QBrush] = {}


def _brush(color: QColor | None) -> QBrush | None:
    """One brush per colour, made once (views ask for it for every cell they paint)."""
    if color is None:
        return None
    key = color.rgba()
    brush = _BRUSHES.get(key)
    if brush is None:
        brush = _BRUSHES[key] = QBrush(color)
    return brush


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its title (context ``Columns``), how to show a row, and how it looks."""

    title: str
    text: Callable[[R], str]
    sort: Callable[[R], Any] | None = None
    numeric: bool = False
    width: int = 0
    tooltip: Callable[[R], str] | None = None
    #: The measuring unit of a quantity column (totals are added up per unit).
    unit: Callable[[R], str] | None = None
    #: Whether the column adds up to a 合计 under the table.
    total: bool = False


def translated(title: str) -> str:
    """A column title in the user's language."""
    return QCoreApplication.translate("Columns", title)


#: Text colour of records that are 停用.
DISABLED_FG = QColor("#9aa0a6")


def marked(text: str, row: Any) -> str:
    """A record's name, marked （已停用） when it is 停用."""
    if getattr(row, "disabled", False):
        return text + QCoreApplication.translate("Columns", "（已停用）")
    return text


class RowsModel(QAbstractTableModel, Generic[R]):
    """A read-only table of frozen rows held in memory."""

    def __init__(self, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[R] = []

    # Qt overrides -----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES:  # most of what a view asks (fonts, icons, sizes…): nothing
            return None
        number = index.row()  # -1 for an invalid index
        if not 0 <= number < len(self.rows):
            return None
        row, column = self.rows[number], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.numeric else _LEFT
        if role == Qt.ItemDataRole.BackgroundRole:
            return _brush(self.background(row))
        if role == Qt.ItemDataRole.ForegroundRole:
            if getattr(row, "disabled", False):  # 停用 records stay listed, greyed
                return _brush(DISABLED_FG)
            return _brush(self.foreground(row, index.column()))
        if role == SORT_ROLE:
            return self.sort_value(row, column)
        if role == ROW_ROLE:
            return row
        if column.tooltip is not None:  # ToolTipRole
            return column.tooltip(row) or None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return translated(self.columns[section].title)
            if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[section].numeric:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    # Looks -------------------------------------------------------------------------------
    def background(self, row: R) -> QColor | None:
        """The row's background colour (none by default)."""
        del row
        return None

    def foreground(self, row: R, column: int) -> QColor | None:
        """A cell's text colour (none by default)."""
        del row, column
        return None

    def sort_value(self, row: R, column: Column[R]) -> Any:
        """What ``column`` sorts ``row`` on: its real value, numbers for numeric columns."""
        value = column.sort(row) if column.sort else column.text(row)
        if column.numeric:
            return _number(value)
        return _sortable(value)

    # Rows --------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[R]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row(self, index: Index | int) -> R | None:
        """The frozen row at a view index (through the view's sorting proxy) or row number."""
        if not isinstance(index, int):
            index = _to_source(self, index)
        number = index if isinstance(index, int) else index.row()
        return self.rows[number] if 0 <= number < len(self.rows) else None


def _sortable(value: Any) -> Any:
    """A value Qt can compare: None sorts first, decimals as floats, others as text."""
    if value is None:
        return ""
    if isinstance(value, int | float | str):
        return value
    try:
        return float(value)
    except (TypeError, ValueError):
        return str(value)


_NUMBER = re.compile(r"^\s*([-+]?[\d,]*\.?\d+)")


def _number(value: Any) -> float:
    """A numeric column's value as a float (its leading number for text; blank sorts first)."""
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, int | float | Decimal):
        return float(value)
    found = _NUMBER.match(str(value or ""))
    return float(found.group(1).replace(",", "")) if found else float("-inf")


def _to_source(model: QAbstractItemModel, index: Index) -> Index:
    """``index`` of a proxy (or chain of proxies) over ``model`` as an index of ``model``."""
    while index.isValid() and index.model() is not model:
        proxy = index.model()
        if not isinstance(proxy, QAbstractProxyModel):
            break
        index = proxy.mapToSource(index)
    return index


def load_all(model: QAbstractItemModel) -> None:
    """Fetch every remaining page of a paged model (before sorting, exporting or adding up)."""
    root = QModelIndex()
    while model.canFetchMore(root):
        before = model.rowCount(root)
        model.fetchMore(root)
        if model.rowCount(root) == before and model.canFetchMore(root):
            break


class PagedModel(RowsModel[R]):
    """A table that counts in SQL and fetches a page at a time as the view scrolls."""

    def __init__(
        self,
        columns: Sequence[Column[R]],
        count: Callable[[], int],
        fetch: Callable[[int, int], list[R]],
        *,
        page_size: int = 200,
        parent: Any = None,
    ) -> None:
        super().__init__(columns, parent)
        self._count, self._fetch = count, fetch
        self.page_size = page_size
        self.total = 0

    def reload(self) -> None:
        """Count again and load the first page only."""
        self.beginResetModel()
        self.total = self._count()
        self.rows = self._fetch(0, self.page_size) if self.total else []
        self.endResetModel()

    def set_source(self, count: Callable[[], int], fetch: Callable[[int, int], list[R]]) -> None:
        """Query something else (a new filter) and reload."""
        self._count, self._fetch = count, fetch
        self.reload()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        more = self._fetch(len(self.rows), self.page_size)
        if not more:
            self.total = len(self.rows)
            return
        start = len(self.rows)
        self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()


class CursorModel(RowsModel[R]):
    """A table that reads the page after the last row it holds, however long the list is.

    ``fetch(cursor, limit)`` returns the rows after ``cursor`` (the start for ``None``) and
    the cursor after them, or ``None`` when nothing follows.
    """

    def __init__(
        self,
        columns: Sequence[Column[R]],
        fetch: Callable[[Any, int], tuple[list[R], Any]],
        *,
        page_size: int = 200,
        parent: Any = None,
    ) -> None:
        super().__init__(columns, parent)
        self._fetch = fetch
        self.page_size = page_size
        self._cursor: Any = None
        self._more = False

    def reload(self) -> None:
        """Load the first page only."""
        self.beginResetModel()
        self.rows, self._cursor = self._fetch(None, self.page_size)
        self._more = self._cursor is not None
        self.endResetModel()

    def set_source(self, fetch: Callable[[Any, int], tuple[list[R], Any]]) -> None:
        """Read something else and reload."""
        self._fetch = fetch
        self.reload()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more:
            return
        more, self._cursor = self._fetch(self._cursor, self.page_size)
        self._more = self._cursor is not None
        if not more:
            return
        start = len(self.rows)
        self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()
