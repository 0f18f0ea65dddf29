"""The org unit tree (行政区划树), optionally with each unit's teams and depots below it.

One model for the org page, the teams page and the equipment page; a filter box narrows it
to matching names and keeps their parents.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QVBoxLayout, QWidget

from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.services.org import UnitRow
from ledger.ui.i18n import label
from ledger.ui.icons import icon
from ledger.ui.tables.base import marked
from ledger.ui.widgets.fields import SearchBox

Index = QModelIndex | QPersistentModelIndex
KIND_LABELS = {
    "team": QT_TRANSLATE_NOOP("UnitTree", "队伍"),
    "depot": QT_TRANSLATE_NOOP("UnitTree", "仓库"),
}
NODE_ROLE = Qt.ItemDataRole.UserRole + 20


@dataclass(eq=False)
class Node:
    """A node of the tree: a unit, or a team or depot held under one."""

    kind: str
    id: uuid.UUID | None
    text: str
    detail: str = ""
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)

    def row(self) -> int:
        """This node's position among its siblings."""
        return self.parent.children.index(self) if self.parent else 0


@dataclass(frozen=True)
class Extra:
    """A team or depot to show below its unit."""

    kind: str
    id: uuid.UUID
    unit_id: uuid.UUID
    text: str


def build(units: Sequence[UnitRow], extras: Sequence[Extra] = ()) -> Node:
    """The tree's root node (invisible) with every unit below its parent."""
    root = Node("root", None, "")
    nodes = {u.id: Node("unit", u.id, marked(u.name, u), label(u.level)) for u in units}
    for unit in units:
        node = nodes[unit.id]
        parent = nodes.get(unit.parent_id) if unit.parent_id else None
        node.parent = parent or root
        node.parent.children.append(node)
    for extra in extras:
        owner = nodes.get(extra.unit_id)
        if owner is not None:
            detail = QCoreApplication.translate("UnitTree", KIND_LABELS.get(extra.kind, ""))
            owner.children.append(Node(extra.kind, extra.id, extra.text, detail, owner))
    return root


class TreeModel(QAbstractItemModel):
    """Two columns: name and level (or kind)."""

    ICONS = {"unit": "unit", "team": "teams", "depot": "depot"}

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.root = Node("root", None, "")

    def set_root(self, root: Node) -> None:
        """Show another tree."""
        self.beginResetModel()
        self.root = root
        self.endResetModel()

    def node(self, index: Index) -> Node:
        """The node of an index (the root for an invalid one)."""
        return index.internalPointer() if index.isValid() else self.root

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self.node(parent).children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        up = self.node(index).parent
        if up is None or up is self.root:
            return QModelIndex()
        return self.createIndex(up.row(), 0, up)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 2

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self.node(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return node.text if index.column() == 0 else node.detail
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return icon(self.ICONS.get(node.kind, "unit"))
        if role == NODE_ROLE:
            return node
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("名称"), self.tr("级别")][section] if section in (0, 1) else None
        return None

    def find(self, node_id: uuid.UUID, node: Node | None = None) -> QModelIndex:
        """The index of the node with ``node_id`` (invalid when absent)."""
        start = node or self.root
        for child in start.children:
            if child.id == node_id:
                return self.createIndex(child.row(), 0, child)
            found = self.find(node_id, child)
            if found.isValid():
                return found
        return QModelIndex()


class UnitTree(QWidget):
    """A filterable unit tree; :attr:`selected` carries the chosen :class:`Node` (or None)."""

    selected = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = TreeModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = SearchBox(self.tr("查找单位"), self)
        self.filter.search.connect(self._filter)
        self.view = QTreeView(self)
        self.view.setModel(self.proxy)
        self.view.setUniformRowHeights(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # the level is a hint: a narrow column, so names keep the width in every language
        self.view.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.view.header().resizeSection(1, 64)
        self.view.header().setStretchLastSection(False)
        self.view.selectionModel().currentChanged.connect(self._current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.view)

    def set_units(self, units: Sequence[UnitRow], extras: Sequence[Extra] = ()) -> None:
        """Show the units (and extras), keeping the selection where it still exists."""
        current = self.current()
        self.model.set_root(build(units, extras))
        self.view.expandToDepth(1)
        if current is not None and current.id is not None:
            self.select(current.id)

    def current(self) -> Node | None:
        """The selected node."""
        index = self.view.currentIndex()
        return self.model.node(self.proxy.mapToSource(index)) if index.isValid() else None

    def select(self, node_id: uuid.UUID, *, expand: bool = False) -> bool:
        """Select the node with ``node_id`` (and show its children); ``False`` if not shown."""
        source = self.model.find(node_id)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            return False
        self.view.setCurrentIndex(index)
        if expand:
            self.view.expand(index)
        self.view.scrollTo(index)
        return True

    def _current(self, current: QModelIndex, previous: QModelIndex) -> None:
        del previous
        self.selected.emit(
            self.model.node(self.proxy.mapToSource(current)) if current.isValid() else None
        )

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        if text:
            self.view.expandAll()
