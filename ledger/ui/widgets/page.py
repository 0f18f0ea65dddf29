"""The base of every page: refreshed when shown after a change it cares about; layout kept."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QTableView,
    QWidget,
)

from ledger.core.actor import Actor
from ledger.services.accounts import Action, role_may
from ledger.ui.context import AppContext, Changes
from ledger.ui.tables.base import SORT_ROLE, RowsModel
from ledger.ui.widgets.sheet_view import SheetProxy, SheetView


class Page(QWidget):
    """A page of the main window. Subclasses set :attr:`interests` and write :meth:`refresh`."""

    interests: ClassVar[frozenset[Changes]] = frozenset()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        self._remembered: dict[str, QSplitter | QHeaderView] = {}
        ctx.changed.connect(self._changed)

    def refresh(self) -> None:
        """Read again what the page shows."""

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    def _changed(self, kinds: frozenset[Changes]) -> None:
        if not kinds & self.interests:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def remember(self, name: str, widget: QSplitter | QHeaderView) -> None:
        """Keep a splitter's sizes or a header's column widths between runs."""
        key = f"{type(self).__name__}/{name}"
        self._remembered[key] = widget
        saved = self.ctx.settings.state(key)
        if saved is not None:
            widget.restoreState(saved)

    def save_layout(self) -> None:
        """Store every remembered layout (the main window calls this on close)."""
        for key, widget in self._remembered.items():
            self.ctx.settings.set_state(key, widget.saveState())


def table_view(
    model: RowsModel[Any],
    parent: QWidget | None = None,
    *,
    sortable: bool = True,
    stretch: int | None = None,
) -> SheetView:
    """A read-only table over ``model`` that works like a spreadsheet (see :mod:`sheet_view`).

    Rows are selected whole, several at a time (Ctrl+C copies them, Ctrl+E exports the
    table); every column sorts on its real values (a paged model loads its remaining pages
    first; ``sortable=False`` keeps the model's own order until a header is clicked).
    ``stretch`` is the column that takes the spare width (the last one if none).
    """
    del sortable  # every list sorts by any column header now
    view = SheetView(parent)
    proxy = SheetProxy(view)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view.setModel(proxy)
    header = view.horizontalHeader()
    header.setSortIndicatorClearable(True)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the model's order (no page read)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(26)
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for number, column in enumerate(model.columns):
        if column.width:
            view.setColumnWidth(number, column.width)
    if stretch is not None:
        header.setStretchLastSection(False)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def row_of(view: QTableView) -> object | None:
    """The frozen row under the view's current index (through a proxy if there is one)."""
    index = view.currentIndex()
    if not index.isValid():
        return None
    model = view.model()
    if isinstance(model, QSortFilterProxyModel):
        index = model.mapToSource(index)
        model = model.sourceModel()
    if isinstance(model, RowsModel):
        return model.row(index)
    return None


def permit(actor: Actor, action: Action, *widgets: QWidget) -> bool:
    """Disable ``widgets`` (with a note why) when the actor's role may not do ``action``.

    The services refuse anyway; this spares a viewer buttons that could only be refused.
    """
    allowed = role_may(actor, action)
    for widget in widgets:
        if not allowed:
            widget.setEnabled(False)
            widget.setToolTip(QCoreApplication.translate("Page", "您的角色无权进行此操作"))
    return allowed
