"""Declarative base and the column types every entity uses: UUID keys, exact decimals, UTC times."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, MetaData, String, TypeDecorator, Uuid, false
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from ledger.core.quantity import PRICE_SCALE, QTY_SCALE, from_scaled, to_decimal, to_scaled

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class ScaledDecimal(TypeDecorator[Decimal]):
    """An exact decimal stored as a scaled 64-bit integer (SQLite's NUMERIC is a float)."""

    impl = BigInteger
    cache_ok = True

    def __init__(self, scale: int = QTY_SCALE) -> None:
        super().__init__()
        self.scale = scale

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        places = len(str(self.scale)) - 1
        return to_scaled(to_decimal(value, places=places), self.scale)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else from_scaled(int(value), self.scale)


def Quantity() -> ScaledDecimal:
    """Column type of a quantity: three decimal places."""
    return ScaledDecimal(QTY_SCALE)


def Money() -> ScaledDecimal:
    """Column type of a unit price: four decimal places."""
    return ScaledDecimal(PRICE_SCALE)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as UTC and returned timezone-aware on every database."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment: datetime = value
        if moment.tzinfo is None:
            raise ValueError("naive datetime")
        return moment.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        stored: datetime = value
        return stored.replace(tzinfo=UTC) if stored.tzinfo is None else stored.astimezone(UTC)


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Base of every entity: constraint names are stable so migrations can refer to them."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {
        uuid.UUID: Uuid(),
        datetime: UTCDateTime(),
        Decimal: ScaledDecimal(QTY_SCALE),
        str: String(),
    }


class Keyed:
    """Mixin: a UUID primary key, so offices' records merge without collisions."""

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)


class Stamped(Keyed):
    """Mixin: a UUID key plus creation and update times (UTC)."""

    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Disableable:
    """Mixin: a record that can be 停用 (hidden from pickers and checks, kept in history)."""

    disabled: Mapped[bool] = mapped_column(default=False, server_default=false())
