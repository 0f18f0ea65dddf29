"""Find records by code or id, raising a Chinese refusal that names what was not found."""

from __future__ import annotations

import functools
import uuid
from typing import TypeVar

from sqlalchemy import Select, bindparam, select
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


def document(session: Session, key: str | uuid.UUID, depot: Depot | None = None) -> Document:
    """Return a document by id, or by number (within ``depot`` when given).

    Raises:
        UnknownRecord: nothing matches.
    """
    found: Document | None
    if isinstance(key, uuid.UUID):
        found = session.get(Document, key)
    else:
        query = select(Document).where(Document.number == key.strip())
        if depot is not None:
            query = query.where(Document.depot_id == depot.id)
        found = session.scalars(query).first()
    if found is None:
        raise UnknownRecord(kind="单据", key=str(key))
    return found
