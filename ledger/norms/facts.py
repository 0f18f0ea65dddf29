"""Plain facts the rules read (事实): units, teams, people, stock, equipment … on one date.

The service gathers them from the database; tests write them by hand. Nothing here knows
about SQL. :class:`Facts` builds its lookup tables once, on first use. Facts read by the
thousand (roster lines, posts, lots, equipment) are named tuples, made in one step.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property
from operator import attrgetter
from typing import NamedTuple

from ledger.core.enums import (
    Category,
    EquipmentStatus,
    Level,
    Nature,
    PostKind,
    ReserveMode,
    TeamType,
    Trainee,
)
from ledger.norms.model import Id

#: A person as rules count them: ("id", ID number) or ("name", name, birth date).
PersonKey = tuple[str, ...]


def person_key(name: str, id_number: str = "", birth_date: date | None = None) -> PersonKey:
    """Who a roster line is: by ID number, else by name and birth date."""
    number = id_number.strip().upper()
    if number:
        return ("id", number)
    return ("name", name.strip(), birth_date.isoformat() if birth_date else "")


def active(start: date | None, end: date | None, on: date) -> bool:
    """Whether ``start <= on < end`` (open ends count as always)."""
    return (start is None or start <= on) and (end is None or on < end)


@dataclass(frozen=True)
class UnitFact:
    """An org unit (行政区划) with its level, population, flags and own profile binding."""

    id: Id
    code: str
    name: str
    level: Level
    parent_id: Id | None = None
    population: int | None = None
    flags: frozenset[str] = frozenset()
    profile_id: str | None = None


@dataclass(frozen=True)
class TeamFact:
    """A rescue team (救援队伍) of a home unit."""

    id: Id
    code: str
    name: str
    unit_id: Id
    team_type: TeamType
    nature: Nature
    founded_on: date | None = None


class MemberFact(NamedTuple):
    """One roster line (队员) of a team."""

    id: Id
    team_id: Id
    name: str
    nature: Nature = Nature.PART_TIME
    id_number: str = ""
    birth_date: date | None = None
    joined_on: date | None = None
    left_on: date | None = None

    @property
    def person(self) -> PersonKey:
        """The person this line names (counted once per rule however many teams list them)."""
        return person_key(self.name, self.id_number, self.birth_date)


@dataclass(frozen=True)
class CertificateFact:
    """A member's certificate (证书) and its expiry."""

    id: Id
    member_id: Id
    name: str
    expires_on: date | None = None


class PostFact(NamedTuple):
    """A person named in a post of a unit (岗位人员)."""

    id: Id
    unit_id: Id
    kind: PostKind
    name: str
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True)
class ItemFact:
    """A catalogue item (物资)."""

    id: Id
    code: str
    name: str
    unit: str = ""
    category: Category = Category.OTHER
    serial_tracked: bool = False
    maintenance_interval_days: int | None = None
    spec: str = ""


@dataclass(frozen=True)
class DepotFact:
    """A depot (储备库) of a home unit, with its kind and floor area."""

    id: Id
    code: str
    name: str
    unit_id: Id
    kind: str = ""
    area_m2: Decimal | None = None


class LotFact(NamedTuple):
    """Stock of a depot, item and lot on the date (past ``Facts.exact_until``: summed per item)."""

    depot_id: Id
    item_id: Id
    quantity: Decimal
    lot: str = ""
    expiry: date | None = None


class EquipmentFact(NamedTuple):
    """A serial-numbered piece of equipment (装备) and who holds it."""

    id: Id
    serial: str
    item_id: Id
    holder_unit_id: Id | None = None
    holder_team_id: Id | None = None
    holder_depot_id: Id | None = None
    status: EquipmentStatus = EquipmentStatus.IN_STOCK
    purchased_on: date | None = None
    last_maintained_on: date | None = None
    next_due_on: date | None = None


@dataclass(frozen=True)
class DrillFact:
    """A drill (演练) held by a unit (or one of its teams)."""

    id: Id
    unit_id: Id
    held_on: date
    comprehensive: bool = False
    title: str = ""


@dataclass(frozen=True)
class TrainingFact:
    """A training record (培训): a person trained for some days."""

    id: Id
    unit_id: Id
    person: str
    started_on: date
    days: Decimal
    member_id: Id | None = None
    id_number: str = ""
    subject: str = ""
    trainee: Trainee = Trainee.STAFF


@dataclass(frozen=True)
class AgreementFact:
    """One agreed item of a reserve agreement (协议储备/产能储备) with its contract period."""

    id: Id
    unit_id: Id
    counterparty: str
    item_id: Id
    quantity: Decimal
    mode: ReserveMode = ReserveMode.AGREEMENT
    starts_on: date | None = None
    ends_on: date | None = None
    number: str = ""

    def in_force(self, on: date) -> bool:
        """Whether the contract holds on ``on`` (an expired contract counts for nothing)."""
        return (self.starts_on is None or self.starts_on <= on) and (
            self.ends_on is None or on <= self.ends_on
        )


@dataclass(frozen=True)
class PerCapitaFact:
    """A per-person reserve amount the office set for one item of a scaled reserve rule."""

    unit_id: Id
    profile_id: str
    rule_id: str
    item_id: Id
    amount: Decimal
    per_day: bool = True


@dataclass(frozen=True)
class MappingFact:
    """An office's mapping: a catalogue item counts for an entry of an equipment rule."""

    unit_id: Id
    profile_id: str
    rule_id: str
    entry: str
    item_id: Id


@dataclass(frozen=True)
class OfficeNormFact:
    """The office's per-person amount of a catalogue item (人均储备定额 sheet), with its basis."""

    item_id: Id
    per_person: Decimal | None = None
    per_person_day: Decimal | None = None
    basis: str = ""


@dataclass(frozen=True)
class PerCapitaDefault:
    """A per-person amount for scaled reserves: the office's own for an item, or an entry of
    the shipped reference matched to the catalogue's items.

    A person needs ``once`` for the whole period plus ``daily`` each day, in ``measure``;
    ``factors`` says how much of ``measure`` one unit of each item holds (a 12m² tent: 12
    平方米); ``unconverted`` are the matching items whose 规格型号 gave no conversion.
    """

    key: str
    measure: str
    basis: str
    factors: tuple[tuple[Id, Decimal], ...]
    once: Decimal = Decimal(0)
    daily: Decimal = Decimal(0)
    unconverted: tuple[Id, ...] = ()
    office: bool = False

    def need(self, people: int, days: int) -> Decimal:
        """What ``people`` need for ``days``."""
        return self.once * people + self.daily * people * days


@dataclass(frozen=True)
class MinimumFact:
    """The office's own minimum (最低库存) of an item in a depot."""

    id: Id
    depot_id: Id
    item_id: Id
    quantity: Decimal


@dataclass(frozen=True)
class ConfirmationFact:
    """The office's dated confirmation that a unit has an attribute (e.g. 六有's 有班子)."""

    id: Id
    unit_id: Id
    attribute: str
    confirmed_on: date
    by: str = ""


def _group(rows: Iterable[object], attr: str) -> dict[Id, list[object]]:
    groups: dict[Id, list[object]] = defaultdict(list)
    for key, row in zip(map(attrgetter(attr), rows), rows, strict=True):
        groups[key].append(row)
    return groups


@dataclass(frozen=True)
class Facts:
    """Everything an evaluation reads, as tuples of plain facts, with lookup tables built lazily."""

    units: tuple[UnitFact, ...] = ()
    teams: tuple[TeamFact, ...] = ()
    members: tuple[MemberFact, ...] = ()
    certificates: tuple[CertificateFact, ...] = ()
    posts: tuple[PostFact, ...] = ()
    items: tuple[ItemFact, ...] = ()
    depots: tuple[DepotFact, ...] = ()
    lots: tuple[LotFact, ...] = ()
    equipment: tuple[EquipmentFact, ...] = ()
    drills: tuple[DrillFact, ...] = ()
    trainings: tuple[TrainingFact, ...] = ()
    agreements: tuple[AgreementFact, ...] = ()
    per_capita: tuple[PerCapitaFact, ...] = ()
    #: The shipped reference amounts, used for a scaled rule the office set nothing for.
    per_capita_defaults: tuple[PerCapitaDefault, ...] = ()
    minimums: tuple[MinimumFact, ...] = ()
    confirmations: tuple[ConfirmationFact, ...] = ()
    mappings: tuple[MappingFact, ...] = ()
    #: Lots expiring after this date may come summed per depot and item; no rule looks further.
    exact_until: date | None = None

    @cached_property
    def unit(self) -> dict[Id, UnitFact]:
        """Units by id."""
        return {u.id: u for u in self.units}

    @cached_property
    def children(self) -> dict[Id, list[UnitFact]]:
        """Child units by parent id."""
        return _group(self.units, "parent_id")  # type: ignore[return-value]

    @cached_property
    def item(self) -> dict[Id, ItemFact]:
        """Items by id."""
        return {i.id: i for i in self.items}

    @cached_property
    def team(self) -> dict[Id, TeamFact]:
        """Teams by id."""
        return {t.id: t for t in self.teams}

    @cached_property
    def depot(self) -> dict[Id, DepotFact]:
        """Depots by id."""
        return {d.id: d for d in self.depots}

    @cached_property
    def member(self) -> dict[Id, MemberFact]:
        """Roster lines by id."""
        return {m.id: m for m in self.members}

    @cached_property
    def teams_of(self) -> dict[Id, list[TeamFact]]:
        """Teams by home unit."""
        return _group(self.teams, "unit_id")  # type: ignore[return-value]

    @cached_property
    def members_of(self) -> dict[Id, list[MemberFact]]:
        """Roster lines by team."""
        return _group(self.members, "team_id")  # type: ignore[return-value]

    @cached_property
    def certificates_of(self) -> dict[Id, list[CertificateFact]]:
        """Certificates by roster line."""
        return _group(self.certificates, "member_id")  # type: ignore[return-value]

    @cached_property
    def posts_of(self) -> dict[Id, list[PostFact]]:
        """Post holders by unit."""
        return _group(self.posts, "unit_id")  # type: ignore[return-value]

    @cached_property
    def depots_of(self) -> dict[Id, list[DepotFact]]:
        """Depots by home unit."""
        return _group(self.depots, "unit_id")  # type: ignore[return-value]

    @cached_property
    def lots_of(self) -> dict[Id, list[LotFact]]:
        """Stock lots by depot."""
        return _group(self.lots, "depot_id")  # type: ignore[return-value]

    @cached_property
    def drills_of(self) -> dict[Id, list[DrillFact]]:
        """Drills by unit."""
        return _group(self.drills, "unit_id")  # type: ignore[return-value]

    @cached_property
    def trainings_of(self) -> dict[Id, list[TrainingFact]]:
        """Training records by unit."""
        return _group(self.trainings, "unit_id")  # type: ignore[return-value]

    @cached_property
    def agreements_of(self) -> dict[Id, list[AgreementFact]]:
        """Agreed reserve items by unit."""
        return _group(self.agreements, "unit_id")  # type: ignore[return-value]

    @cached_property
    def minimums_of(self) -> dict[Id, list[MinimumFact]]:
        """Office minimums by depot."""
        return _group(self.minimums, "depot_id")  # type: ignore[return-value]

    @cached_property
    def confirmations_of(self) -> dict[Id, list[ConfirmationFact]]:
        """Attribute confirmations by unit."""
        return _group(self.confirmations, "unit_id")  # type: ignore[return-value]

    @cached_property
    def equipment_of_unit(self) -> dict[Id, list[EquipmentFact]]:
        """Equipment (not scrapped) held by a unit, its teams or its depots, by unit."""
        held: dict[Id, list[EquipmentFact]] = defaultdict(list)
        for piece in self.equipment:
            if piece.status is EquipmentStatus.SCRAPPED:
                continue
            owner = self._holder_unit(piece)
            if owner is not None:
                held[owner].append(piece)
        return held

    @cached_property
    def scrapped_of_unit(self) -> dict[Id, list[EquipmentFact]]:
        """Scrapped equipment last held by a unit, its teams or its depots, by unit."""
        held: dict[Id, list[EquipmentFact]] = defaultdict(list)
        for piece in self.equipment:
            owner = self._holder_unit(piece)
            if piece.status is EquipmentStatus.SCRAPPED and owner is not None:
                held[owner].append(piece)
        return held

    def _holder_unit(self, piece: EquipmentFact) -> Id | None:
        if piece.holder_unit_id is not None:
            return piece.holder_unit_id
        if piece.holder_team_id is not None and piece.holder_team_id in self.team:
            return self.team[piece.holder_team_id].unit_id
        if piece.holder_depot_id is not None and piece.holder_depot_id in self.depot:
            return self.depot[piece.holder_depot_id].unit_id
        return None

    @cached_property
    def parents_only(self) -> frozenset[Id]:
        """Units above the ledger's own top unit, kept only as parents: not checked.

        From each root down, a province or city with exactly one child and no records of its
        own (teams, posts, depots, equipment, drills, trainings, agreements, confirmations) is
        only the parent of the ledger's own unit (a county's province and city); the first
        unit that is a county or below, holds records, or has several children or none is the
        ledger's own top unit.
        """
        found: set[Id] = set()
        for unit in self.units:
            if unit.parent_id is not None and unit.parent_id in self.unit:
                continue
            current = unit
            while (
                current.level.rank < Level.COUNTY.rank
                and not self._holds_records(current.id)
                and len(self.children.get(current.id, ())) == 1
            ):
                found.add(current.id)
                current = self.children[current.id][0]
        return frozenset(found)

    def _holds_records(self, unit_id: Id) -> bool:
        """Whether a unit has records of its own (not counting its children's)."""
        return any(
            unit_id in table
            for table in (
                self.teams_of, self.posts_of, self.depots_of, self.drills_of,
                self.trainings_of, self.agreements_of, self.confirmations_of,
                self.equipment_of_unit,
            )
        )  # fmt: skip

    def descendants(self, unit_id: Id) -> Iterator[UnitFact]:
        """Every unit below ``unit_id`` (not the unit itself), depth first."""
        stack = list(self.children.get(unit_id, ()))
        while stack:
            unit = stack.pop()
            yield unit
            stack.extend(self.children.get(unit.id, ()))

    def ancestry(self, unit_id: Id) -> Iterator[UnitFact]:
        """The unit itself, then its parent, up to the root."""
        seen: set[Id] = set()
        current = self.unit.get(unit_id)
        while current is not None and current.id not in seen:
            seen.add(current.id)
            yield current
            current = self.unit.get(current.parent_id) if current.parent_id is not None else None

    def profile_of(self, unit_id: Id) -> str | None:
        """The profile bound to a unit: its own, else the nearest ancestor's."""
        bound = self._bound
        if unit_id in bound:
            return bound[unit_id]
        # Up to the first unit bound (or known): every unit passed gets the same answer.
        passed: list[Id] = []
        found: str | None = None
        for unit in self.ancestry(unit_id):
            if unit.profile_id:
                found = unit.profile_id
                passed.append(unit.id)
                break
            if unit.id in bound:
                found = bound[unit.id]
                break
            passed.append(unit.id)
        bound.update(dict.fromkeys(passed, found))
        return found

    @cached_property
    def _bound(self) -> dict[Id, str | None]:
        """The profiles :meth:`profile_of` found, by unit: each unit's ancestry walked once."""
        return {}
