"""Every list works like a spreadsheet: rows selected, copied (Ctrl+C), exported, sorted, added up.

:class:`SheetView` is the table view every page gets from ``table_view``; :class:`SheetProxy`
sorts any model on its real values (a paged model loads its remaining pages first). What is
copied or exported is what is shown: the rows in the view's order, after filter and sort.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QMimeData,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QWidget,
)

from ledger.core.quantity import format_quantity
from ledger.ui.tables.base import Column, RowsModel, load_all, translated

#: Shortcut of 导出Excel… in every table.
EXPORT_KEY = "Ctrl+E"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FOOTER_STYLE = "QLabel { color: #3c4043; background: #f1f3f4; border-top: 1px solid #dadce0; }"


class SheetProxy(QSortFilterProxyModel):
    """Sorts on the columns' real values; a paged source loads every page before it is sorted."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if column >= 0 and source is not None and source.canFetchMore(QModelIndex()):
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a large list: a moment
            try:
                load_all(source)
            finally:
                QApplication.restoreOverrideCursor()
        super().sort(column, order)


@dataclass(frozen=True)
class Shown:
    """A table as shown: its model (columns) and its frozen rows in the view's order."""

    model: RowsModel[Any]
    rows: list[Any]


def source_of(view: QTableView) -> RowsModel[Any] | None:
    """The rows model under ``view`` (through its proxy)."""
    model = view.model()
    if isinstance(model, QSortFilterProxyModel):
        model = model.sourceModel()
    return model if isinstance(model, RowsModel) else None


def shown_rows(view: QTableView, *, selected: bool = False, everything: bool = True) -> Shown:
    """The frozen rows in the view's order (only the selected ones with ``selected``).

    With ``everything`` a paged model first loads the rows not yet read.
    """
    model = view.model()
    source = source_of(view)
    if source is None:
        raise TypeError("a SheetView shows a RowsModel")
    if everything and not selected:
        load_all(model)
    if selected:
        numbers = sorted({i.row() for i in view.selectionModel().selectedRows()})
    else:
        numbers = list(range(model.rowCount()))
    rows = [source.row(model.index(n, 0)) for n in numbers]
    return Shown(source, [r for r in rows if r is not None])


_FORMULA = re.compile(r"^(?:[=+@]|-(?![\d.]))")


def _clean(text: str) -> str:
    """A cell's text on one line (tabs and line breaks would split it in a spreadsheet).

    Text a spreadsheet would run as a formula (= + - @) gets a leading ' so it pastes as text.
    """
    line = " ".join(str(text).split())
    return "'" + line if _FORMULA.match(line) else line


def as_text(shown: Shown) -> str:
    """Tab-separated rows with a header line, as Excel and WPS paste them."""
    columns = shown.model.columns
    lines = ["\t".join(_clean(translated(c.title)) for c in columns)]
    lines += ["\t".join(_clean(c.text(row)) for c in columns) for row in shown.rows]
    return "\r\n".join(lines) + "\r\n"


def as_html(shown: Shown) -> str:
    """The same rows as an HTML table (Excel keeps the cells as text, not numbers it guesses)."""
    columns = shown.model.columns
    head = "".join(f"<th>{html.escape(translated(c.title))}</th>" for c in columns)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td style=\"mso-number-format:'\\@'\">{html.escape(c.text(row))}</td>"
            for c in columns
        )
        + "</tr>"
        for row in shown.rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def copy_rows(view: QTableView) -> int:
    """Put the selected rows on the clipboard (text and HTML); return how many."""
    shown = shown_rows(view, selected=True)
    if not shown.rows:
        return 0
    mime = QMimeData()
    mime.setText(as_text(shown))
    mime.setHtml(as_html(shown))
    QApplication.clipboard().setMimeData(mime)
    return len(shown.rows)


def _cells(column: Column[Any], row: Any) -> list[Any]:
    """A row's cells for one column in a workbook: numbers as numbers, then the unit if any."""
    text = column.text(row)
    if column.numeric and column.sort is not None:
        value = column.sort(row)
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return [value] + ([column.unit(row)] if column.unit else [])
    if column.unit is not None:
        return [text, column.unit(row)]
    return [text]


def export_rows(view: QTableView, path: Path, title: str = "") -> int:
    """Write what ``view`` shows (its filter and sort) to an .xlsx; return the row count."""
    from ledger.io.view_export import export_view

    shown = shown_rows(view)
    headers: list[str] = []
    kinds: list[str] = []
    places: dict[str, int] = {}  # a column's title → its cell in the workbook's row
    for column in shown.model.columns:
        places[translated(column.title)] = len(headers)
        headers.append(translated(column.title))
        numeric = column.numeric and column.sort is not None
        kinds.append("quantity" if numeric else "text")
        if column.unit is not None:
            headers.append(QCoreApplication.translate("SheetView", "计量单位"))
            kinds.append("text")
    rows = []
    for row in shown.rows:
        cells: list[Any] = []
        for column in shown.model.columns:
            cells += _cells(column, row)
        rows.append(cells)
    for number, kind in enumerate(kinds):  # a column of ISO dates is written as dates
        values = [r[number] for r in rows if r[number]]
        if kind == "text" and values and all(_ISO_DATE.match(str(v)) for v in values):
            kinds[number] = "date"
    return export_view(
        path,
        headers,
        rows,
        kinds,
        title or QCoreApplication.translate("SheetView", "导出"),
        footer=_total_rows(totals(shown.model, shown.rows), places, len(headers)),
    )


def _total_rows(
    found: list[tuple[str, dict[str, Decimal]]], places: dict[str, int], width: int
) -> list[list[Any]]:
    """The 合计 rows under an export: one per measuring unit, each sum beside its unit."""
    units = list(dict.fromkeys(u for _, by_unit in found for u in by_unit))
    label = QCoreApplication.translate("SheetView", "合计")
    lines = []
    for unit in units:
        cells: list[Any] = [""] * width
        cells[0] = label if len(units) == 1 or not unit else f"{label}（{unit}）"
        for title, by_unit in found:
            if unit in by_unit:
                at = places[title]
                cells[at] = by_unit[unit]
                if unit and at + 1 < width:
                    cells[at + 1] = unit
        lines.append(cells)
    return lines


def totals(model: RowsModel[Any], rows: list[Any]) -> list[tuple[str, dict[str, Decimal]]]:
    """Per column that adds up: its title and the sum per measuring unit, in first-seen order."""
    found = []
    for column in model.columns:
        if not column.total or column.sort is None:
            continue
        by_unit: dict[str, Decimal] = {}
        for row in rows:
            value = column.sort(row)
            if value is None:
                continue
            unit = column.unit(row) if column.unit else ""
            by_unit[unit] = by_unit.get(unit, Decimal(0)) + Decimal(value)
        found.append((translated(column.title), by_unit))
    return found


def total_text(title: str, by_unit: dict[str, Decimal]) -> tuple[str, str]:
    """What the 合计 line says for one column, and its tooltip (one line per unit)."""
    if not by_unit:
        return f"{title}：0", ""
    if len(by_unit) == 1:
        ((unit, value),) = by_unit.items()
        return f"{title}：{format_quantity(value, unit)}", ""
    lines = [format_quantity(v, u) for u, v in sorted(by_unit.items())]
    text = QCoreApplication.translate(
        "SheetView", "{title}：{n} 种计量单位，不能相加（指向此处查看各单位合计）"
    ).format(title=title, n=len(by_unit))
    return text, QCoreApplication.translate("SheetView", "{title}按计量单位合计：").format(
        title=title
    ) + "\n" + "\n".join(lines)


class SheetView(QTableView):
    """A read-only table with Ctrl+C, 导出Excel… (Ctrl+E) and a 合计 line where columns add up."""

    #: Chooses the file to export to (tests replace it); empty when cancelled.
    choose: Callable[[QWidget, str, str], str] | None = None
    _footer_height = 0  # room kept under the rows for the 合计 line
    _in_geometry = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.export_title = ""
        self.copy_action = QAction(QCoreApplication.translate("SheetView", "复制选中行"), self)
        self.copy_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_action.triggered.connect(lambda _=False: copy_rows(self))
        self.export_action = QAction(QCoreApplication.translate("SheetView", "导出Excel…"), self)
        self.export_action.setShortcut(QKeySequence(EXPORT_KEY))
        self.export_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.export_action.triggered.connect(lambda _=False: self.export())
        self.addAction(self.copy_action)
        self.addAction(self.export_action)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.footer = QLabel(self)
        self.footer.setStyleSheet(FOOTER_STYLE)
        self.footer.setContentsMargins(8, 0, 8, 0)
        self.footer.setTextFormat(Qt.TextFormat.RichText)
        self.footer.linkActivated.connect(lambda _link: self.add_up_everything())
        self.footer.hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):  # rows, not the current cell's text
            copy_rows(self)
            return
        if QKeySequence(event.keyCombination()) == QKeySequence(EXPORT_KEY):
            self.export()
            return
        super().keyPressEvent(event)

    def table_actions(self) -> list[QAction]:
        """复制 and 导出Excel…, for a page's own context menu."""
        return [self.copy_action, self.export_action]

    # Export ------------------------------------------------------------------------------
    def shown_title(self) -> str:
        """What the user calls this table: its tab's title, else its window's."""
        widget: QWidget | None = self
        while widget is not None:
            parent = widget.parentWidget()
            tabs = parent.parentWidget() if parent is not None else None
            if isinstance(parent, QStackedWidget) and isinstance(tabs, QTabWidget):
                return tabs.tabText(tabs.indexOf(widget)).replace("&", "")
            widget = parent
        return self.window().windowTitle() or QCoreApplication.translate("SheetView", "导出")

    def export(self) -> str:
        """Ask for a file and write what the table shows to it; the path written (or empty)."""
        from ledger.ui import messages
        from ledger.ui.pages.excel import choose_file

        title = self.export_title or self.shown_title()
        suggested = f"{title}-{QDate.currentDate().toString('yyyy-MM-dd')}.xlsx"
        chooser = type(self).choose
        path = (
            chooser(self, QCoreApplication.translate("SheetView", "导出Excel"), suggested)
            if chooser is not None
            else choose_file(
                self,
                QCoreApplication.translate("SheetView", "导出Excel"),
                save=True,
                suggested=suggested,
            )
        )
        if not path:
            return ""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            count = export_rows(self, Path(path), title)
        except OSError as error:
            QApplication.restoreOverrideCursor()
            messages.refusal(
                self,
                QCoreApplication.translate("SheetView", "无法写入 {path}：{error}").format(
                    path=path, error=error
                ),
            )
            return ""
        QApplication.restoreOverrideCursor()
        messages.info(
            self,
            QCoreApplication.translate("SheetView", "已导出 {n} 行到 {path}").format(
                n=count, path=path
            ),
        )
        return path

    # Totals ------------------------------------------------------------------------------
    def setModel(self, model: Any) -> None:
        super().setModel(model)
        if model is None:
            return
        for signal in (
            model.modelReset,
            model.rowsInserted,
            model.rowsRemoved,
            model.layoutChanged,
        ):
            signal.connect(self.update_totals)
        model.modelReset.connect(self._keep_sorted)
        self.update_totals()

    def _keep_sorted(self) -> None:
        """A sorted paged table read again (a new filter) reads all its rows again to sort them."""
        header = self.horizontalHeader()
        if self.isSortingEnabled() and header.sortIndicatorSection() >= 0:
            load_all(self.model())
            self.model().sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def add_up_everything(self) -> None:
        """Load every row (of a paged model) and add them all up."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            load_all(self.model())
        finally:
            QApplication.restoreOverrideCursor()
        self.update_totals()

    def update_totals(self, *_: object) -> None:
        """Show the 合计 line when a column adds up (per unit), over the rows shown."""
        source = source_of(self)
        if source is None or not any(c.total for c in source.columns):
            self.footer.hide()
            self._footer_height = 0
            self.updateGeometries()
            return
        model = self.model()
        if model.canFetchMore(QModelIndex()):
            loaded = model.rowCount()
            text = QCoreApplication.translate(
                "SheetView", "合计：已显示 {n} 行，还有未读取的行。<a href='all'>计算全部合计</a>"
            ).format(n=f"{loaded:,}")
            tip = ""
        else:
            parts, tips = [], []
            for title, by_unit in totals(source, shown_rows(self, everything=False).rows):
                part, tip_part = total_text(title, by_unit)
                parts.append(html.escape(part))
                if tip_part:
                    tips.append(tip_part)
            text = (
                "<b>"
                + QCoreApplication.translate("SheetView", "合计")
                + "</b>　"
                + "　".join(parts)
            )
            tip = "\n\n".join(tips)
        self.footer.setText(text)
        self.footer.setToolTip(tip)
        self._footer_height = self.fontMetrics().height() + 10
        self.footer.show()
        self.updateGeometries()

    def _place_footer(self) -> None:
        """Keep room under the rows for the 合计 line (the header margins Qt sets stay)."""
        if self._in_geometry:
            return
        self._in_geometry = True
        try:
            margins = self.viewportMargins()
            if margins.bottom() != self._footer_height:
                self.setViewportMargins(
                    margins.left(), margins.top(), margins.right(), self._footer_height
                )
            if self._footer_height:
                rect = self.viewport().geometry()
                self.footer.setGeometry(
                    rect.left(), rect.bottom() + 1, rect.width(), self._footer_height
                )
        finally:
            self._in_geometry = False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_footer()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        self._place_footer()
