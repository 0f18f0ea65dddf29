"""Records of the import workbook (导入记录): one frozen dataclass per sheet row, and problems.

The Excel layer (:mod:`ledger.io`) turns rows into these records; the services check them
against each other and the database (:mod:`ledger.services.imports.batch`) and write them.
Export reads the database back into the same records, so a round trip is exact by design.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ledger.core.enums import (
    Category,
    EquipmentStatus,
    Gender,
    IncidentKind,
    Level,
    Nature,
    PostKind,
    TeamType,
)


@dataclass(frozen=True, order=True)
class Ref:
    """Where a record came from: a sheet and its row number as Excel shows it."""

    sheet: str
    row: int


NOWHERE = Ref("", 0)


@dataclass(frozen=True)
class Problem:
    """One reason a record cannot be imported, naming the record field it is about."""

    ref: Ref
    field: str
    value: str
    reason: str


@dataclass(frozen=True)
class UnitRecord:
    """组织机构: an org unit."""

    code: str
    name: str
    level: Level
    parent_code: str = ""
    population: int | None = None
    flags: tuple[str, ...] = ()
    profile_id: str = ""
    ref: Ref = field(default=NOWHERE, compare=False)
    latitude: Decimal | None = None  # WGS-84 decimal degrees
    longitude: Decimal | None = None

    def __post_init__(self) -> None:
        # Workbooks made before 街道 was a level of its own filed 街道 under 乡镇.
        if self.level is Level.TOWN:
            object.__setattr__(self, "level", Level.for_town_named(self.name))


@dataclass(frozen=True)
class TeamRecord:
    """队伍: a rescue team."""

    code: str
    name: str
    unit_code: str
    team_type: TeamType
    nature: Nature
    leader: str = ""
    phone: str = ""
    founded_on: date | None = None
    ref: Ref = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class MemberRecord:
    """队员: a team member; identified by team and ID number (or name without one)."""

    team_code: str
    name: str
    gender: Gender | None = None
    id_number: str = ""
    phone: str = ""
    role: str = ""
    nature: Nature = Nature.PART_TIME
    joined_on: date | None = None
    left_on: date | None = None
    ref: Ref = field(default=NOWHERE, compare=False)

    @property
    def key(self) -> tuple[str, str]:
        """Team code and ID number, or the name when the ID number is not known."""
        return (self.team_code, self.id_number or f"name:{self.name}")


@dataclass(frozen=True)
class ItemRecord:
    """物资目录: a catalogue item."""

    code: str
    name: str
    unit: str
    category: Category
    spec: str = ""
    shelf_life_months: int | None = None
    maintenance_interval_days: int | None = None
    serial_tracked: bool = False
    ref: Ref = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class PostRecord:
    """岗位人员: a named person in a post of a unit."""

    unit_code: str
    kind: PostKind
    name: str
    phone: str = ""
    since: date | None = None
    until: date | None = None
    ref: Ref = field(default=NOWHERE, compare=False)

    @property
    def key(self) -> tuple[str, PostKind, str]:
        """Unit, post and person: a unit may have several grid workers."""
        return (self.unit_code, self.kind, self.name)


@dataclass(frozen=True)
class DepotRecord:
    """仓库: a depot."""

    code: str
    name: str
    unit_code: str
    kind: str = ""
    area_m2: Decimal | None = None
    address: str = ""
    keepers: str = ""
    ref: Ref = field(default=NOWHERE, compare=False)
    latitude: Decimal | None = None  # WGS-84 decimal degrees
    longitude: Decimal | None = None


@dataclass(frozen=True)
class StockRecord:
    """期初库存: opening stock of one depot, item and lot."""

    depot_code: str
    item_code: str
    quantity: Decimal
    lot: str = ""
    expiry: date | None = None
    unit_price: Decimal | None = None
    ref: Ref = field(default=NOWHERE, compare=False)

    @property
    def key(self) -> tuple[str, str, str]:
        """Depot, item and lot: one opening balance each."""
        return (self.depot_code, self.item_code, self.lot)


@dataclass(frozen=True)
class EquipmentRecord:
    """装备: a serial-numbered piece of equipment and who holds it."""

    serial: str
    item_code: str
    holder_code: str
    status: EquipmentStatus = EquipmentStatus.IN_STOCK
    purchased_on: date | None = None
    last_maintained_on: date | None = None
    ref: Ref = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class IncidentRecord:
    """事件: a flood, fire or drill that issue documents may serve."""

    code: str
    name: str
    kind: IncidentKind
    started_on: date
    unit_code: str
    ended_on: date | None = None
    place: str = ""
    ref: Ref = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class PerCapitaRecord:
    """人均储备定额: the office's per-person amount of a catalogue item and its basis."""

    item_code: str
    per_person: Decimal | None = None
    per_person_day: Decimal | None = None
    basis: str = ""
    ref: Ref = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class CertificateRecord:
    """证书: a member's certificate; the member is named by team code and name."""

    team_code: str
    member_name: str
    name: str
    number: str = ""
    issuer: str = ""
    expires_on: date | None = None
    ref: Ref = field(default=NOWHERE, compare=False)

    @property
    def key(self) -> tuple[str, str, str, str]:
        """Team, member, certificate name and number: one certificate each."""
        return (self.team_code, self.member_name, self.name, self.number)


@dataclass(frozen=True)
class Batch:
    """Every record of one workbook, and per kind the fields its sheet had columns for.

    A field whose column is absent is left as it is on existing records (a blank cell in a
    present column clears it).
    """

    units: tuple[UnitRecord, ...] = ()
    teams: tuple[TeamRecord, ...] = ()
    members: tuple[MemberRecord, ...] = ()
    items: tuple[ItemRecord, ...] = ()
    posts: tuple[PostRecord, ...] = ()
    depots: tuple[DepotRecord, ...] = ()
    stock: tuple[StockRecord, ...] = ()
    equipment: tuple[EquipmentRecord, ...] = ()
    incidents: tuple[IncidentRecord, ...] = ()
    certificates: tuple[CertificateRecord, ...] = ()
    per_capita: tuple[PerCapitaRecord, ...] = ()
    present: dict[str, frozenset[str]] = field(default_factory=dict)

    def has(self, kind: str, name: str) -> bool:
        """Whether the sheet of ``kind`` had a column for field ``name`` (all when unknown)."""
        fields = self.present.get(kind)
        return fields is None or name in fields


@dataclass
class Counts:
    """What an import did to one kind of record."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class Summary:
    """What an import did, per kind (units, teams …), and the opening-stock documents posted."""

    counts: dict[str, Counts] = field(default_factory=dict)
    documents: list[str] = field(default_factory=list)
    zero_skipped: int = 0

    def of(self, kind: str) -> Counts:
        """The counts of ``kind``, created on first use."""
        return self.counts.setdefault(kind, Counts())

    @property
    def changed(self) -> bool:
        """Whether anything was created, updated or posted."""
        return bool(self.documents) or any(c.created or c.updated for c in self.counts.values())
