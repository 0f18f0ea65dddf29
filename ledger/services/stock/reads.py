"""What a posting reads before it writes, in few Core statements: depots, items, chain heads.

A small posting's cost is mostly the statements it runs, and an ORM statement that builds
objects costs several times a Core one. The depot and items of a document are found with
Core statements, and each depot's chain head is locked with what else a posting asks once
per depot (whether a close covers the date, the counterparty, whether other offices are
registered) in the same statement. Refusals are those of :mod:`ledger.services.lookup` and
:mod:`ledger.services.periods`, raised by them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import cast

from sqlalchemy import Table, bindparam, select
from sqlalchemy.orm import Session

from ledger.models import ChainHead, Counterparty, Depot, Item
from ledger.services import lookup, periods
from ledger.services.exchange import guard
from ledger.services.stock import rules
from ledger.services.stock.journal import Chain, flushed_connection, lock_chains

_HEADS = cast(Table, ChainHead.__table__)
_COUNTERPARTY = select(Counterparty.id).where(Counterparty.name == bindparam("name"))
#: A depot's chain head, locked, with what else a posting reads once per depot: whether a
#: close covers the date, the counterparty's id, whether other offices are registered.
_CHAIN = (
    select(
        _HEADS.c.seq,
        _HEADS.c.hash,
        rules.closed_on(_HEADS.c.depot_id).label("closed"),
        _COUNTERPARTY.scalar_subquery().label("counterparty_id"),
        guard.ANY_SENDER.label("any_sender"),
    )
    .where(_HEADS.c.depot_id == bindparam("depot_id"))
    .with_for_update(of=_HEADS)
)
_DEPOT = select(Depot.id, Depot.name, Depot.code).where(Depot.code == bindparam("code"))
_ITEM = select(Item.id, Item.name, Item.code).where(Item.code == bindparam("code"))


@dataclass(frozen=True)
class Found:
    """A depot or item a document names: its id, name and code."""

    id: uuid.UUID
    name: str
    code: str


def find(session: Session, model: type[Depot] | type[Item], key: str | uuid.UUID) -> Found:
    """The depot or item whose code or id is ``key`` (as :func:`ledger.services.lookup.by_key`
    finds it, without building the ORM object).

    Raises:
        UnknownRecord: nothing matches.
    """
    if isinstance(key, uuid.UUID):
        record = _by_key(session, model, key)
        return Found(record.id, record.name, record.code)
    query = _DEPOT if model is Depot else _ITEM
    row = flushed_connection(session).execute(query, {"code": key.strip()}).first()
    if row is None:
        _by_key(session, model, key)  # refuses, naming what was not found
        raise AssertionError("unreachable")
    return Found(*row)


def _by_key(
    session: Session, model: type[Depot] | type[Item], key: str | uuid.UUID
) -> Depot | Item:
    if model is Depot:
        return lookup.by_key(session, Depot, key)
    return lookup.by_key(session, Item, key)


def counterparty_id(session: Session, name: str) -> uuid.UUID | None:
    """The id of the registered counterparty called ``name`` (``None``: free text)."""
    if not name.strip():
        return None
    return session.scalar(_COUNTERPARTY, {"name": name.strip()})


def open_chains(
    session: Session, depot_ids: set[uuid.UUID], on: date, counterparty: str
) -> tuple[dict[uuid.UUID, Chain], uuid.UUID | None]:
    """Lock the depots' chain heads in a fixed order, reading with each in the same statement
    whether a close covers ``on``, the counterparty's id and whether other offices are
    registered; return the chains and the counterparty's id.

    Raises:
        PeriodClosed: a close of one of the depots covers ``on``.
    """
    conn = session.connection()
    params = {"on": on, "name": counterparty.strip() or None}
    chains: dict[uuid.UUID, Chain] = {}
    found: uuid.UUID | None = None
    for depot_id in sorted(depot_ids):
        row = conn.execute(_CHAIN, {**params, "depot_id": depot_id}).first()
        if row is None:  # no chain head yet (a database from before heads came with depots)
            chains.update(lock_chains(session, {depot_id}))
            periods.ensure_open(session, depot_id, on)
            found = counterparty_id(session, counterparty)
            continue
        seq, link, closed, found, any_sender = row
        if closed:
            periods.ensure_open(session, depot_id, on)  # refuses, naming the period
        if not any_sender:
            guard.found_no_sender(session)
        chains[depot_id] = Chain(depot_id, seq, link)
    return chains, found
