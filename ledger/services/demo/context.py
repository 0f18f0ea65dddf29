"""What the demo builders share: the session, the seeded random source, dates, records so far."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.models import Depot, Equipment, Incident, Item, Member, OrgUnit, Post, Team
from ledger.services.demo.people import People

#: Statistical code of the fictional county 河清县 (province 41, city 19, county 21).
COUNTY_CODE = "411921000000"
REGION = COUNTY_CODE[:6]
#: Records added between two flushes.
BATCH = 200


@dataclass
class Context:
    """The demo under construction; builders add to it in order (places, teams, stock …)."""

    session: Session
    actor: Actor
    rng: random.Random
    today: date
    people: People
    units: dict[str, OrgUnit] = field(default_factory=dict)
    units_by_id: dict[uuid.UUID, OrgUnit] = field(default_factory=dict)
    posts_by_unit: dict[uuid.UUID, list[Post]] = field(default_factory=dict)
    towns: list[OrgUnit] = field(default_factory=list)
    villages: list[OrgUnit] = field(default_factory=list)
    town_of: dict[str, OrgUnit] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)
    members: dict[str, list[Member]] = field(default_factory=dict)
    items: dict[str, Item] = field(default_factory=dict)
    item_names: dict[str, Item] = field(default_factory=dict)
    items_by_id: dict[uuid.UUID, Item] = field(default_factory=dict)
    depots: dict[str, Depot] = field(default_factory=dict)
    depot_specs: dict[str, Any] = field(default_factory=dict)
    incidents: dict[str, Incident] = field(default_factory=dict)
    counterparties: dict[str, list[str]] = field(default_factory=dict)
    prices: dict[str, Decimal] = field(default_factory=dict)
    equipment: dict[str, Equipment] = field(default_factory=dict)
    _pending: int = 0

    @property
    def start(self) -> date:
        """The first day of the demo's year of movements."""
        return self.today - timedelta(days=364)

    @property
    def county(self) -> OrgUnit:
        """The county unit (河清县)."""
        return self.units[COUNTY_CODE]

    def add(self, obj: Any) -> Any:
        """Add a new record with its UUID set now, so others can point at it before a flush.

        Records are flushed in batches: the flush listeners' cost grows faster than the
        number of records flushed at once.
        """
        if getattr(obj, "id", None) is None:
            obj.id = uuid.uuid4()
        self.session.add(obj)
        self._pending += 1
        if self._pending >= BATCH:
            self.session.flush()
            self._pending = 0
        return obj

    def days_ago(self, low: int, high: int) -> date:
        """A random day between ``high`` and ``low`` days before the reference date."""
        return self.today - timedelta(days=self.rng.randint(low, high))

    def seasonal(self, month: int, day: int, *, margin: int = 0) -> date:
        """The last ``month``/``day`` on or before the reference date less ``margin`` days.

        Within the demo's year, so seasonal events (the flood in July, forest fires in spring)
        fall on their season whatever the reference date.
        """
        limit = self.today - timedelta(days=margin)
        for year in (limit.year, limit.year - 1):
            try:
                candidate = date(year, month, day)
            except ValueError:
                candidate = date(year, month, 28)
            if candidate <= limit:
                return max(candidate, self.start)
        return self.start

    def item(self, name: str) -> Item:
        """The catalogue item of that name (names are unique in the demo catalogue)."""
        return self.item_names[name]
