"""The shortfall dashboard's models: findings (red missing, amber short) and the unit tree."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.norms.model import Finding, Id, Severity
from ledger.services.norms import Key, RemedyRow, UnitNode, key_of
from ledger.ui.formatting import fmt_qty
from ledger.ui.i18n import translate
from ledger.ui.tables.base import AMBER_BG, AMBER_FG, GREY_FG, RED_BG, RED_FG, Column, RowsModel
from ledger.ui.tables.remedies import remedy_columns
from ledger.ui.widgets.tree import Node, TreeModel

Index = QModelIndex | QPersistentModelIndex


def severity_text(finding: Finding) -> str:
    """The severity in the user's language."""
    return translate("Norms", finding.severity.label)


def _what(finding: Finding) -> str:
    if finding.subject and finding.subject != finding.title:
        return f"{finding.title}：{finding.subject}"
    return finding.title


def _quote(finding: Finding) -> str:
    """The plan's own words, shown as the tooltip of the document column."""
    return f"{finding.source_text}「{finding.citation.quote}」"


FINDING_COLUMNS: list[Column[Finding]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "单位"), lambda f: f.unit_name, width=110),
    Column(
        QT_TRANSLATE_NOOP("Columns", "状态"),
        severity_text,
        width=60,
        sort=lambda f: list(Severity).index(f.severity),
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "要求事项"), _what, width=300, tooltip=lambda f: f.detail),
    Column(
        QT_TRANSLATE_NOOP("Columns", "要求"),
        lambda f: fmt_qty(f.required, f.measure),
        sort=lambda f: f.required,
        numeric=True,
        width=80,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "现有"),
        lambda f: fmt_qty(f.actual, f.measure),
        sort=lambda f: f.actual,
        numeric=True,
        width=80,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "差距"),
        lambda f: fmt_qty(f.gap, f.measure),
        sort=lambda f: f.gap,
        numeric=True,
        width=80,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "依据"), lambda f: f.source_text, width=260, tooltip=_quote
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "规则编号"), lambda f: f.rule_id, width=70),
]
SEVERITY_COLUMN = 1
#: The severities the tree counts, column by column: missing, short, due, waiting.
TREE_GROUPS: tuple[frozenset[Severity], ...] = (
    frozenset({Severity.MISSING}),
    frozenset({Severity.SHORT}),
    frozenset({Severity.EXPIRING, Severity.OVERDUE}),
    frozenset({Severity.UNCONFIRMED}),
)
TREE_COLOURS = (RED_FG, AMBER_FG, AMBER_FG, GREY_FG)


class FindingsModel(RowsModel[Finding]):
    """Findings: missing rows red, short, expiring and overdue amber, the rest (待确认,
    未配置, 待生效) grey."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__([*FINDING_COLUMNS, *remedy_columns(self.remedy_of)], parent)
        #: Each finding's rectification record (整改), set before the rows.
        self.remedies: dict[Key, RemedyRow] = {}

    def remedy_of(self, finding: Finding) -> RemedyRow | None:
        """The remedy of a finding, if one is recorded."""
        return self.remedies.get(key_of(finding))

    def background(self, row: Finding) -> QColor | None:
        return RED_BG if row.red else AMBER_BG if row.amber else None

    def foreground(self, row: Finding, column: int) -> QColor | None:
        if row.red:
            return RED_FG if column == SEVERITY_COLUMN else None
        if row.amber:
            return AMBER_FG if column == SEVERITY_COLUMN else None
        return GREY_FG


class ShortfallTreeModel(TreeModel):
    """The unit tree with each unit's counts per severity (itself and the units below)."""

    HEADERS = (
        QT_TRANSLATE_NOOP("ShortfallTree", "单位"),
        QT_TRANSLATE_NOOP("ShortfallTree", "缺失"),
        QT_TRANSLATE_NOOP("ShortfallTree", "不足"),
        QT_TRANSLATE_NOOP("ShortfallTree", "临期/逾期"),
        QT_TRANSLATE_NOOP("ShortfallTree", "待确认"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.counts: dict[Id, tuple[int, ...]] = {}

    def set_result(self, units: Sequence[UnitNode], findings: Sequence[Finding]) -> None:
        """Show the checked units with the counts of their findings."""
        own: dict[Id, Counter[int]] = defaultdict(Counter)
        for finding in findings:
            for column, group in enumerate(TREE_GROUPS):
                if finding.severity in group:
                    own[finding.unit_id][column] += 1
        root = Node("root", None, "")
        nodes = {u.id: Node("unit", u.id, u.name, u.level_label) for u in units}  # type: ignore[arg-type]
        for unit in units:
            node = nodes[unit.id]
            node.parent = nodes.get(unit.parent_id) or root if unit.parent_id is not None else root
            node.parent.children.append(node)
        self.counts = {}
        self._total(root, own)
        self.set_root(root)

    def _total(self, node: Node, own: dict[Id, Counter[int]]) -> tuple[int, ...]:
        mine = own[node.id] if node.id is not None else Counter()
        sums = [mine[c] for c in range(len(TREE_GROUPS))]
        for child in node.children:
            sums = [a + b for a, b in zip(sums, self._total(child, own), strict=True)]
        if node.id is not None:
            self.counts[node.id] = tuple(sums)
        return tuple(sums)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() == 0:
            return super().data(index, role)
        column = index.column() - 1
        value = self.counts.get(self.node(index).id, (0,) * len(TREE_GROUPS))[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(value) if value else ""
        if role == Qt.ItemDataRole.ForegroundRole and value:
            return QBrush(TREE_COLOURS[column])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.HEADERS):
            return translate("ShortfallTree", self.HEADERS[section])
        return None
