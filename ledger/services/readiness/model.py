"""What a readiness plan (应急推演) says: needs, allocations, covers, teams; the org tree."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from ledger.core import geo
from ledger.core.enums import Level, Nature, ReserveMode, TeamType
from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.services.readiness.allocate import ZERO

CONTEXT = "Readiness"
#: The tiers depots are drawn in, nearest first.
TIERS = (
    QT_TRANSLATE_NOOP("Readiness", "本单位"),
    QT_TRANSLATE_NOOP("Readiness", "本乡镇"),
    QT_TRANSLATE_NOOP("Readiness", "县级"),
    QT_TRANSLATE_NOOP("Readiness", "邻近乡镇"),
    QT_TRANSLATE_NOOP("Readiness", "其他"),
)
#: A depot's distance from the units named, where the office recorded both places.
DISTANCE = QT_TRANSLATE_NOOP("Readiness", "约 {km} 公里")


@dataclass(frozen=True)
class Allocation:
    """One line of the plan: how much of which lot to draw from which depot."""

    depot_id: uuid.UUID
    depot_code: str
    depot_name: str
    unit_name: str
    tier: int
    lot: str
    expiry: date | None
    quantity: Decimal
    serials: tuple[str, ...] = ()
    #: On a line of a need in a measure (平方米, 升): the item drawn, its name and unit.
    item_id: uuid.UUID | None = None
    item_name: str = ""
    item_unit: str = ""
    #: Great-circle kilometres (to 0.1) from the middle of the units named to the depot, where
    #: both have coordinates.
    distance_km: Decimal | None = None

    @property
    def tier_label(self) -> str:
        """本单位, 本乡镇, 县级, 邻近乡镇 or 其他 (translate with context ``Readiness``)."""
        return TIERS[self.tier]

    @property
    def distance_text(self) -> str:
        """约 12.4 公里, or empty when the distance is not known."""
        return "" if self.distance_km is None else DISTANCE.format(km=self.distance_km)


@dataclass(frozen=True)
class Cover:
    """An agreement (协议储备) or capacity reserve (产能储备) that could cover a shortfall."""

    mode: ReserveMode
    supplier: str
    contact: str
    phone: str
    number: str
    unit_name: str
    quantity: Decimal
    ends_on: date | None


@dataclass(frozen=True)
class Need:
    """One item: what is needed, what usable stock there is, the draws and what is short."""

    item_id: uuid.UUID
    item_code: str
    item_name: str
    unit: str
    per_person: Decimal
    per_day: bool
    needed: Decimal
    available: Decimal
    allocations: tuple[Allocation, ...]
    covers: tuple[Cover, ...] = ()
    #: The catalogue items the need counts (several for a need in a measure such as 平方米).
    item_ids: tuple[uuid.UUID, ...] = ()

    @property
    def short(self) -> Decimal:
        """Need minus available, never below zero."""
        return max(ZERO, self.needed - self.available)


@dataclass(frozen=True)
class TeamRow:
    """A team that can be called, with its active headcount and usable equipment."""

    team_id: uuid.UUID
    code: str
    name: str
    unit_name: str
    team_type: TeamType
    nature: Nature
    leader: str
    phone: str
    headcount: int
    equipment: tuple[tuple[str, int, str], ...]


@dataclass(frozen=True)
class Plan:
    """The whole answer for N people over D days in some units."""

    unit_codes: tuple[str, ...]
    unit_names: tuple[str, ...]
    people: int
    days: int
    on: date
    needs: tuple[Need, ...]
    teams: tuple[TeamRow, ...]
    rule_id: str | None = None

    @property
    def last_day(self) -> date:
        """The last day of the period, through which stock must stay usable."""
        return self.on + timedelta(days=self.days - 1)

    @property
    def short(self) -> tuple[Need, ...]:
        """The items the depots cannot cover."""
        return tuple(n for n in self.needs if n.short > ZERO)


@dataclass(frozen=True)
class Unit:
    """A node of the org tree as the plan reads it."""

    id: uuid.UUID
    code: str
    name: str
    level: Level
    parent_id: uuid.UUID | None
    latitude: Decimal | None = None
    longitude: Decimal | None = None


class Tree:
    """The org tree, for ancestries and tiers."""

    def __init__(self, units: Iterable[Unit]) -> None:
        self.by_id = {u.id: u for u in units}

    def ancestry(self, unit_id: uuid.UUID | None) -> list[Unit]:
        """The unit itself, then its parent … up to the root."""
        out: list[Unit] = []
        while unit_id is not None and unit_id in self.by_id and len(out) < 16:
            out.append(self.by_id[unit_id])
            unit_id = self.by_id[unit_id].parent_id
        return out

    def place(self, unit_id: uuid.UUID) -> geo.Point | None:
        """Where the unit is: its own coordinates, else those of the nearest unit above."""
        for above in self.ancestry(unit_id):
            found = geo.point(above.latitude, above.longitude)
            if found is not None:
                return found
        return None

    def at_rank(self, unit_id: uuid.UUID, rank: int) -> uuid.UUID | None:
        """The unit's ancestor (or itself) at ``rank`` (3: town or zone, 2: county)."""
        for above in self.ancestry(unit_id):
            if above.level.rank == rank:
                return above.id
        return None
