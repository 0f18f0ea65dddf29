"""Find records by code or id, raising a Chinese refusal that names what was not found."""

from __future__ import annotations

import functools
import uuid
from typing import TypeVar

from sqlalchemy import ColumnElement, Select, bindparam, exists, or_, select
from sqlalchemy.orm import Session

from ledger.core.errors import UnknownRecord
from ledger.models import Depot, Document, Item, OrgUnit, Team

T = TypeVar("T", Depot, Item, OrgUnit, Team)

_KIND = {Depot: "仓库", Item: "物资", OrgUnit: "单位", Team: "队伍"}


@functools.cache
def _by_code(model: type[T]) -> Select[T]:
    """The statement finding ``model`` by code, built once (it runs on every posting)."""
    return select(model).where(model.code == bindparam("code"))


def by_key(session: Session, model: type[T], key: str | uuid.UUID) -> T:
    """Return the record of ``model`` whose id or code is ``key``.

    Raises:
        UnknownRecord: nothing matches.
    """
    found: T | None
    if isinstance(key, uuid.UUID):
        found = session.get(model, key)
    else:
        found = session.scalar(_by_code(model), {"code": key.strip()})
    if found is None:
        raise UnknownRecord(kind=_KIND[model], key=str(key))
    return found


def number_is(key: str) -> ColumnElement[bool]:
    """Documents numbered ``key``, as printed or with or without the depot's code: an old
    ``CK-2026-00012`` of depot K01 is found as ``K01-CK-2026-00012`` too, and a new
    ``K01-CK-2026-00012`` as ``CK-2026-00012``."""
    key = key.strip()
    return or_(
        Document.number == key,
        exists().where(
            Depot.id == Document.depot_id,
            or_(
                Depot.code.concat("-").concat(Document.number) == key,
                Document.number == Depot.code.concat("-" + key),
            ),
        ),
    )


def document(session: Session, key: str | uuid.UUID, depot: Depot | None = None) -> Document:
    """Return a document by id, or by number in either form (within ``depot`` when given);
    the number as printed wins over the other form.

    Raises:
        UnknownRecord: nothing matches.
    """
    found: Document | None
    if isinstance(key, uuid.UUID):
        found = session.get(Document, key)
    else:
        query = select(Document).where(number_is(key))
        if depot is not None:
            query = query.where(Document.depot_id == depot.id)
        found = session.scalars(
            query.order_by((Document.number == key.strip()).desc(), Document.posted_at)
        ).first()
    if found is None:
        raise UnknownRecord(kind="单据", key=str(key))
    return found
