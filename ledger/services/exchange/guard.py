"""Records another office keeps (外单位记录): read here, changed only through its packages.

Once a town's PC is registered here as the sender for the town, the town's records in this
database are copies of the town's own: a change made here would be lost with the town's next
package, or break its depot's movement chain. A flush guard refuses such changes, naming the
record and its office; the import of a package is the one writer allowed to change them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, inspect, select
from sqlalchemy.orm import Session

from ledger.core.errors import RecordOwnedElsewhere
from ledger.models import Base, OrgUnit, guards
from ledger.models.exchange import Installation, Sender, SentPackage
from ledger.services.exchange import ownership, registry
from ledger.services.exchange.ownership import HomeResolver
from ledger.services.exchange.registry import ORG_UNITS

IMPORTING = "exchange_importing"
CACHE = guards.OWNERS


@dataclass(frozen=True)
class Owners:
    """Which units this database keeps itself and which other offices keep.

    Walks up from a unit through the session (parents already loaded cost nothing), so a
    check reads a handful of rows however large the tree is.
    """

    session: Session
    claimed: frozenset[uuid.UUID]
    senders: frozenset[uuid.UUID]
    moved: dict[uuid.UUID, uuid.UUID | None] = field(default_factory=dict)
    memo: dict[uuid.UUID, uuid.UUID | None] = field(default_factory=dict)

    def elsewhere(self, unit_id: uuid.UUID | None) -> uuid.UUID | None:
        """The registered sender's unit that keeps ``unit_id``, if another office keeps it."""
        if unit_id in self.memo:
            return self.memo[unit_id]
        seen: set[uuid.UUID] = set()
        current, keeper = unit_id, None
        while current is not None and current not in seen:
            if current in self.claimed:
                keeper = current if current in self.senders else None
                break
            seen.add(current)
            current = self._parent(current)
        if unit_id is not None and not self.moved:
            self.memo[unit_id] = keeper
        return keeper

    def _parent(self, unit_id: uuid.UUID) -> uuid.UUID | None:
        if unit_id in self.moved:
            return self.moved[unit_id]
        unit = self.session.get(OrgUnit, unit_id)
        return unit.parent_id if unit is not None else None

    def with_units(self, rows: dict[uuid.UUID, dict[str, Any]]) -> Owners:
        """The owners once units being added or moved stand where they will."""
        if not rows:
            return self
        moved = {unit_id: row.get("parent_id") for unit_id, row in rows.items()}
        return Owners(self.session, self.claimed, self.senders, moved)


#: Built once: the guard asks on every flush that touches a kept record (every posting).
_ACTIVE_SENDERS = select(Sender.unit_code).where(Sender.retired_at.is_(None))
_UNITS_BY_CODE = select(OrgUnit.id).where(OrgUnit.code.in_(bindparam("codes", expanding=True)))


def owners(session: Session) -> Owners | None:
    """The owners of units here, or ``None`` when no other office is registered."""
    codes = set(session.scalars(_ACTIVE_SENDERS))
    if not codes:
        return None
    senders = set(session.scalars(_UNITS_BY_CODE, {"codes": sorted(codes)}))
    own = ownership.own_units(session)
    return Owners(session, frozenset(own | senders), frozenset(senders - own))


@contextmanager
def importing(session: Session) -> Iterator[None]:
    """Let the import of a package change the records its sender keeps."""
    session.info[IMPORTING] = True
    try:
        yield
    finally:
        session.info.pop(IMPORTING, None)


@guards.guard_others_records  # not run once a read found no other office (guards.OWNERS)
def _refuse_changes_to_others_records(session: Session, context: Any, instances: Any) -> None:
    if session.info.get(IMPORTING):
        return
    pending = (*session.new, *session.dirty, *session.deleted)
    if any(isinstance(o, Installation | Sender | SentPackage) for o in pending):
        session.info.pop(CACHE, None)  # who keeps what may change with this flush
    changed: list[Any] = [
        obj
        for obj in pending
        if isinstance(obj, Base)
        and registry.is_home_table(obj.__tablename__)
        and (obj in session.new or obj in session.deleted or session.is_modified(obj))
    ]
    stored = frozenset(id(obj) for obj in changed if obj not in session.new)
    _refuse(session, changed, stored)


def _refuse(session: Session, changed: list[Any], stored: frozenset[int]) -> None:
    """Refuse the first of ``changed`` another office keeps, before or after the change
    (``stored``: the ``id()`` of those already in the database, whose old home counts too)."""
    if not changed:
        return
    if CACHE not in session.info:
        session.info[CACHE] = owners(session)
    found: Owners | None = session.info[CACHE]
    if found is None:
        return
    overlay: dict[str, dict[uuid.UUID, dict[str, Any]]] = {}
    for obj in changed:
        if obj.id is None:
            obj.id = uuid.uuid4()
        overlay.setdefault(obj.__tablename__, {})[obj.id] = _values(obj)
    placed = found.with_units(overlay.get(ORG_UNITS, {}))
    after, before = HomeResolver(session, overlay), HomeResolver(session, {})
    for obj in changed:
        table_name, row = obj.__tablename__, overlay[obj.__tablename__][obj.id]
        keepers = [placed.elsewhere(after.home(table_name, row))]
        if id(obj) in stored:
            keepers.append(found.elsewhere(before.home_of(table_name, obj.id)))
        unit_id = next((k for k in keepers if k is not None), None)
        if unit_id is not None:
            what = registry.describe(table_name, row)
            raise RecordOwnedElsewhere(what=what, unit=_unit_name(unit_id, session))


def _values(obj: Any) -> dict[str, Any]:
    mapper = inspect(obj).mapper
    return {
        column.name: getattr(obj, mapper.get_property_by_column(column).key)
        for column in mapper.columns
    }


def _unit_name(unit_id: uuid.UUID, session: Session) -> str:
    unit = session.get(OrgUnit, unit_id)
    return f"{unit.name}（{unit.code}）" if unit else str(unit_id)
