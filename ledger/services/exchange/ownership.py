"""Who owns a record: its home unit, and the office that answers for that unit.

An office answers for its unit and the units below it, except those below that another office
answers for itself (a county answers for its own records, each town for its own). The units
offices answer for are the *claimed* units: the units this installation exports, and the units
of the senders registered here. A record's owner is the nearest claimed unit at or above its
home unit.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Table, false, or_, select
from sqlalchemy.orm import Session

from ledger.core.enums import Level
from ledger.models import OrgUnit
from ledger.models.exchange import Installation, Sender, SentPackage
from ledger.services.exchange import registry
from ledger.services.exchange.registry import ORG_UNITS

CHUNK = 500


@dataclass
class OrgTree:
    """The org units' parent links, codes and levels."""

    parent: dict[uuid.UUID, uuid.UUID | None] = field(default_factory=dict)
    code: dict[uuid.UUID, str] = field(default_factory=dict)
    level: dict[uuid.UUID, Level] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> OrgTree:
        """The tree as stored."""
        tree = cls()
        for unit_id, parent_id, code, level in session.execute(
            select(OrgUnit.id, OrgUnit.parent_id, OrgUnit.code, OrgUnit.level)
        ):
            tree.parent[unit_id] = parent_id
            tree.code[unit_id] = code
            tree.level[unit_id] = level
        return tree

    def copy(self) -> OrgTree:
        """An independent copy."""
        return OrgTree(dict(self.parent), dict(self.code), dict(self.level))

    def by_code(self, code: str) -> uuid.UUID | None:
        """The unit with ``code``."""
        return next((u for u, c in self.code.items() if c == code), None)

    def up(self, unit_id: uuid.UUID) -> Iterator[uuid.UUID]:
        """``unit_id`` and its ancestors, nearest first (safe against cycles)."""
        seen: set[uuid.UUID] = set()
        current: uuid.UUID | None = unit_id
        while current is not None and current not in seen and current in self.parent:
            seen.add(current)
            yield current
            current = self.parent[current]

    def subtree(self, root: uuid.UUID) -> set[uuid.UUID]:
        """``root`` and every unit below it."""
        children: dict[uuid.UUID | None, list[uuid.UUID]] = {}
        for unit_id, parent_id in self.parent.items():
            children.setdefault(parent_id, []).append(unit_id)
        found, todo = set(), [root]
        while todo:
            unit_id = todo.pop()
            if unit_id not in found:
                found.add(unit_id)
                todo += children.get(unit_id, [])
        return found

    def owner(self, unit_id: uuid.UUID | None, claimed: Collection[uuid.UUID]) -> uuid.UUID | None:
        """The nearest claimed unit at or above ``unit_id``."""
        if unit_id is None:
            return None
        return next((u for u in self.up(unit_id) if u in claimed), None)

    def owned_by(self, root: uuid.UUID, claimed: Collection[uuid.UUID]) -> set[uuid.UUID]:
        """The units below ``root`` (itself included) whose owner is ``root``."""
        claims = set(claimed) | {root}
        return {u for u in self.subtree(root) if self.owner(u, claims) == root}


def own_units(session: Session) -> set[uuid.UUID]:
    """The units this installation keeps: its office's unit and those it exported."""
    found = set(session.scalars(select(SentPackage.unit_id).distinct()))
    code = session.scalar(select(Installation.unit_code))
    unit_id = session.scalar(select(OrgUnit.id).where(OrgUnit.code == code)) if code else None
    return found | ({unit_id} if unit_id else set())


def sender_units(session: Session, tree: OrgTree) -> dict[uuid.UUID, uuid.UUID]:
    """Unit id → installation id of each active registered sender whose unit is known."""
    found = {}
    for installation_id, code in session.execute(
        select(Sender.installation_id, Sender.unit_code).where(Sender.retired_at.is_(None))
    ):
        unit_id = tree.by_code(code)
        if unit_id is not None:
            found[unit_id] = installation_id
    return found


# --- home units -------------------------------------------------------------------------


class HomeResolver:
    """Finds the home unit of rows, from rows in hand (a package) or else from the database."""

    def __init__(self, session: Session, overlay: dict[str, dict[uuid.UUID, dict[str, Any]]]):
        self.session = session
        self.overlay = overlay
        self._memo: dict[tuple[str, uuid.UUID], uuid.UUID | None] = {}

    def home(self, table_name: str, row: dict[str, Any]) -> uuid.UUID | None:
        """The home unit of ``row`` of ``table_name`` (``None`` when its path is broken)."""
        if table_name == ORG_UNITS:
            return row.get("id")
        tbl = registry.table(table_name)
        for column in registry.travel(table_name).home:
            value = row.get(column)
            if value is None:
                continue
            target = registry.target_of(tbl, column)
            return value if target.name == ORG_UNITS else self.home_of(target.name, value)
        return None

    def home_of(self, table_name: str, row_id: uuid.UUID) -> uuid.UUID | None:
        """The home unit of the row ``row_id`` of ``table_name``."""
        key = (table_name, row_id)
        if key not in self._memo:
            self._memo[key] = None  # a cycle of references ends here
            row = self.overlay.get(table_name, {}).get(row_id) or self._load(table_name, row_id)
            self._memo[key] = self.home(table_name, row) if row is not None else None
        return self._memo[key]

    def _load(self, table_name: str, row_id: uuid.UUID) -> dict[str, Any] | None:
        tbl = registry.table(table_name)
        columns = [tbl.c.id, *(tbl.c[c] for c in registry.travel(table_name).home if c != "id")]
        found = self.session.execute(select(*columns).where(tbl.c.id == row_id)).first()
        return dict(found._mapping) if found is not None else None


def home_clause(tbl: Table, unit_ids: Collection[uuid.UUID]) -> ColumnElement[bool]:
    """SQL: the rows of ``tbl`` whose home unit is one of ``unit_ids``."""
    if tbl.name == ORG_UNITS:
        return tbl.c.id.in_(list(unit_ids))
    clauses = []
    for column in registry.travel(tbl.name).home:
        target = registry.target_of(tbl, column)
        if target.name == ORG_UNITS:
            clauses.append(tbl.c[column].in_(list(unit_ids)))
        else:
            inner = select(target.c.id).where(home_clause(target, unit_ids))
            clauses.append(tbl.c[column].in_(inner))
    return or_(*clauses) if clauses else false()


def chunks(values: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    """``values`` in lists of at most ``size`` (for IN clauses)."""
    batch: list[Any] = []
    for value in values:
        batch.append(value)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def existing_ids(session: Session, tbl: Table, ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    """Which of ``ids`` are rows of ``tbl`` in the database."""
    found: set[uuid.UUID] = set()
    for batch in chunks(set(ids)):
        found.update(session.scalars(select(tbl.c.id).where(tbl.c.id.in_(batch))))
    return found
