"""Ledger entities: a new depot gets its chain head; movement hashes cover every field."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from ledger.core.actor import Actor
from ledger.models import ChainHead, Movement
from ledger.models.engine import Database
from ledger.models.stock import movement_hash
from tests.scenario import depot

GENESIS = "0" * 64


def test_a_new_depot_gets_the_head_of_its_chain(db: Database, actor: Actor) -> None:
    with db.transaction(actor) as s:
        made = depot(s, "一号库")
    with db.read() as s:
        head = s.get_one(ChainHead, made.id)
        assert (head.seq, head.hash) == (0, GENESIS)
        assert s.scalars(select(ChainHead)).all() == [head]


def _movement(**changes: object) -> Movement:
    fields: dict[str, object] = {
        "seq": 1,
        "depot_id": uuid.UUID(int=1),
        "item_id": uuid.UUID(int=2),
        "lot": "L1",
        "expiry": date(2027, 3, 1),
        "quantity": Decimal("10.5"),
        "occurred_on": date(2026, 3, 1),
        "posted_at": datetime(2026, 3, 1, 8, 0, tzinfo=UTC),
        "document_id": uuid.UUID(int=3),
        "line_id": uuid.UUID(int=4),
    }
    fields.update(changes)
    return Movement(**fields)


def test_movement_hash_is_the_same_for_equal_quantities_however_written() -> None:
    base = movement_hash(GENESIS, _movement())
    assert movement_hash(GENESIS, _movement(quantity=Decimal("10.500"))) == base
    assert movement_hash(GENESIS, _movement(quantity=Decimal("1.05E+1"))) == base


@pytest.mark.parametrize(
    "change",
    [
        {"seq": 2},
        {"depot_id": uuid.UUID(int=9)},
        {"item_id": uuid.UUID(int=9)},
        {"lot": "L2"},
        {"expiry": None},
        {"quantity": Decimal("10.501")},
        {"occurred_on": date(2026, 3, 2)},
        {"posted_at": datetime(2026, 3, 1, 8, 0, 0, 1, tzinfo=UTC)},
        {"document_id": uuid.UUID(int=9)},
        {"line_id": uuid.UUID(int=9)},
    ],
)
def test_movement_hash_changes_with_every_field(change: dict[str, object]) -> None:
    assert movement_hash(GENESIS, _movement(**change)) != movement_hash(GENESIS, _movement())


def test_movement_hash_depends_on_the_previous_link() -> None:
    assert movement_hash("1" * 64, _movement()) != movement_hash(GENESIS, _movement())
