"""Column types: exact decimals as scaled integers, UTC timestamps, UUID keys."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import StatementError

from ledger.core.actor import Actor
from ledger.models import Depot, Item, OrgUnit
from ledger.models.engine import Database
from tests.scenario import depot, item, unit


def test_decimals_are_stored_as_scaled_integers_and_read_back_exactly(
    db: Database, actor: Actor
) -> None:
    with db.transaction(actor) as s:
        depot(s, "一号库", area_m2=Decimal("350.125"))
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT area_m2 FROM depots")).scalar_one() == 350125
    with db.read() as s:
        area = s.scalars(select(Depot.area_m2)).one()
    assert area == Decimal("350.125") and isinstance(area, Decimal)


def test_a_decimal_with_too_many_places_is_refused(db: Database, actor: Actor) -> None:
    with pytest.raises(StatementError), db.transaction(actor) as s:
        depot(s, "一号库", area_m2=Decimal("1.0001"))


def test_timestamps_are_stored_in_utc_and_read_back_aware(db: Database, actor: Actor) -> None:
    beijing = timezone(timedelta(hours=8))
    with db.transaction(actor) as s:
        town = unit(s, "城关镇")
        town.created_at = datetime(2026, 3, 1, 8, 0, tzinfo=beijing)
    with db.read() as s:
        created = s.scalars(select(OrgUnit.created_at)).one()
    assert created == datetime(2026, 3, 1, 0, 0, tzinfo=UTC)
    assert created.tzinfo is not None and created.utcoffset() == timedelta(0)


def test_a_naive_timestamp_is_refused(db: Database, actor: Actor) -> None:
    with pytest.raises(StatementError), db.transaction(actor) as s:
        town = unit(s, "城关镇")
        town.created_at = datetime(2026, 3, 1, 8, 0)


def test_keys_are_uuids_and_stamps_are_set(db: Database, actor: Actor) -> None:
    with db.transaction(actor) as s:
        made = item(s, "编织袋", "条")
    assert isinstance(made.id, uuid.UUID)
    with db.read() as s:
        stored = s.get_one(Item, made.id)
        assert stored.created_at.tzinfo is not None
        assert stored.updated_at >= stored.created_at
