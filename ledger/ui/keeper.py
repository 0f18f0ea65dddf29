"""A keeper's day: the keeper's own depot is the one chosen first wherever a depot is asked."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Protocol

from ledger.core.actor import Actor
from ledger.core.enums import Role


class HasId(Protocol):
    """A depot as listed (its id)."""

    @property
    def id(self) -> uuid.UUID:
        """The depot's id."""


def own_depot(actor: Actor, depots: Iterable[HasId]) -> uuid.UUID | None:
    """The first of ``depots`` a keeper keeps; ``None`` for other roles or none kept."""
    if actor.role is not Role.KEEPER:
        return None
    return next((d.id for d in depots if d.id in actor.depot_ids), None)


def keeper_name(actor: Actor) -> str:
    """What the 保管员 field starts with: the keeper's own name (others fill it in)."""
    return actor.name if actor.role is Role.KEEPER else ""
