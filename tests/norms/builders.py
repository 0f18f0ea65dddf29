"""Hand-built facts for rule tests: a little world of units, teams and stock, and one-rule profiles.

Ids are the codes themselves, so expected findings read plainly::

    w = World()
    town = w.unit("T1", Level.TOWN)
    w.members(w.team(town, TeamType.COMPREHENSIVE), 12)
    findings = run(w, rule("team_headcount", levels=["乡镇"], team_types=["综合"], min_members=20))
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from ledger.core.enums import (
    Category,
    Level,
    Nature,
    PostKind,
    ReserveMode,
    TeamType,
)
from ledger.norms import facts as f
from ledger.norms.evaluate import evaluate
from ledger.norms.model import Finding, Profile
from ledger.norms.per_capita import ReferenceAmount, defaults
from ledger.norms.schema import parse_profile

ON = date(2026, 6, 1)
_ids = itertools.count(1)


def _id(prefix: str) -> str:
    return f"{prefix}{next(_ids)}"


@dataclass
class World:
    """Facts being built; ``facts()`` freezes them."""

    units: list[f.UnitFact] = field(default_factory=list)
    teams: list[f.TeamFact] = field(default_factory=list)
    members_: list[f.MemberFact] = field(default_factory=list)
    certificates: list[f.CertificateFact] = field(default_factory=list)
    posts: list[f.PostFact] = field(default_factory=list)
    items: list[f.ItemFact] = field(default_factory=list)
    depots: list[f.DepotFact] = field(default_factory=list)
    lots: list[f.LotFact] = field(default_factory=list)
    equipment: list[f.EquipmentFact] = field(default_factory=list)
    drills: list[f.DrillFact] = field(default_factory=list)
    trainings: list[f.TrainingFact] = field(default_factory=list)
    agreements: list[f.AgreementFact] = field(default_factory=list)
    per_capita: list[f.PerCapitaFact] = field(default_factory=list)
    minimums: list[f.MinimumFact] = field(default_factory=list)
    confirmations: list[f.ConfirmationFact] = field(default_factory=list)
    #: The per-person reference the check falls back on (none unless a test gives one).
    reference: tuple[ReferenceAmount, ...] = ()
    #: The office's per-item amounts (人均储备定额 sheet).
    norms: list[f.OfficeNormFact] = field(default_factory=list)
    #: The office's mappings of catalogue items to equipment entries (装备对应).
    mappings: list[f.MappingFact] = field(default_factory=list)

    def unit(
        self,
        code: str,
        level: Level = Level.TOWN,
        parent: str | None = None,
        *,
        flags: tuple[str, ...] = (),
        population: int | None = None,
        profile: str | None = None,
    ) -> str:
        """A unit whose id and name are its code."""
        self.units.append(
            f.UnitFact(code, code, code, level, parent, population, frozenset(flags), profile)
        )
        return code

    def team(
        self,
        unit: str,
        team_type: TeamType = TeamType.COMPREHENSIVE,
        nature: Nature = Nature.PART_TIME,
        *,
        name: str | None = None,
        founded_on: date | None = None,
    ) -> str:
        """A team of ``unit``."""
        tid = _id("team")
        self.teams.append(
            f.TeamFact(tid, tid, name or f"{unit}{team_type.label}队", unit, team_type, nature,
                       founded_on)
        )  # fmt: skip
        return tid

    def member(
        self,
        team: str,
        name: str,
        *,
        id_number: str = "",
        birth: date | None = None,
        nature: Nature = Nature.PART_TIME,
        joined: date | None = None,
        left: date | None = None,
    ) -> str:
        """One roster line."""
        mid = _id("m")
        self.members_.append(f.MemberFact(mid, team, name, nature, id_number, birth, joined, left))
        return mid

    def members(self, team: str, count: int, *, nature: Nature = Nature.PART_TIME) -> list[str]:
        """``count`` distinct people on ``team`` (each with an ID number of their own)."""
        return [
            self.member(team, f"队员{n}", id_number=f"ID{_id('')}", nature=nature)
            for n in range(count)
        ]

    def post(self, unit: str, kind: PostKind, name: str, **kw: Any) -> None:
        """A post holder."""
        self.posts.append(f.PostFact(_id("post"), unit, kind, name, **kw))

    def item(
        self, name: str, *, unit: str = "台", category: Category = Category.OTHER, **kw: Any
    ) -> str:
        """An item whose id and code are its name."""
        self.items.append(f.ItemFact(name, name, name, unit, category, **kw))
        return name

    def depot(
        self, unit: str, code: str, *, kind: str = "", area: Decimal | int | None = None
    ) -> str:
        """A depot whose id and name are its code."""
        self.depots.append(
            f.DepotFact(code, code, code, unit, kind, None if area is None else Decimal(area))
        )
        return code

    def lot(self, depot: str, item: str, quantity: int | str, **kw: Any) -> None:
        """Stock of a lot."""
        self.lots.append(f.LotFact(depot, item, Decimal(quantity), **kw))

    def equip(self, item: str, **kw: Any) -> str:
        """A piece of equipment; holder_unit_id / holder_team_id / holder_depot_id in ``kw``."""
        eid = _id("eq")
        self.equipment.append(f.EquipmentFact(eid, kw.pop("serial", eid), item, **kw))
        return eid

    def drill(self, unit: str, held_on: date, *, comprehensive: bool = False) -> None:
        """A drill held."""
        self.drills.append(f.DrillFact(_id("drill"), unit, held_on, comprehensive, "演练"))

    def training(
        self, unit: str, person: str, started_on: date, days: int | str, **kw: Any
    ) -> None:
        """A training record."""
        self.trainings.append(
            f.TrainingFact(_id("tr"), unit, person, started_on, Decimal(days), **kw)
        )

    def agreement(
        self, unit: str, item: str, quantity: int, mode: ReserveMode = ReserveMode.AGREEMENT,
        **kw: Any,
    ) -> None:  # fmt: skip
        """An agreed reserve of an item."""
        self.agreements.append(
            f.AgreementFact(_id("ag"), unit, "某储备企业", item, Decimal(quantity), mode, **kw)
        )

    def amount(self, unit: str, profile: str, rule: str, item: str, amount: str, **kw: Any) -> None:
        """A per-person amount the office set."""
        self.per_capita.append(f.PerCapitaFact(unit, profile, rule, item, Decimal(amount), **kw))

    def minimum(self, depot: str, item: str, quantity: int) -> None:
        """An office minimum."""
        self.minimums.append(f.MinimumFact(_id("min"), depot, item, Decimal(quantity)))

    def confirm(self, unit: str, attribute: str, on: date) -> None:
        """An office confirmation."""
        self.confirmations.append(f.ConfirmationFact(_id("cf"), unit, attribute, on))

    def certificate(self, member: str, name: str, expires_on: date | None) -> None:
        """A member's certificate."""
        self.certificates.append(f.CertificateFact(_id("cert"), member, name, expires_on))

    def facts(self) -> f.Facts:
        """The facts as built so far."""
        return f.Facts(
            units=tuple(self.units), teams=tuple(self.teams), members=tuple(self.members_),
            certificates=tuple(self.certificates), posts=tuple(self.posts),
            items=tuple(self.items), depots=tuple(self.depots), lots=tuple(self.lots),
            equipment=tuple(self.equipment), drills=tuple(self.drills),
            trainings=tuple(self.trainings), agreements=tuple(self.agreements),
            per_capita=tuple(self.per_capita), minimums=tuple(self.minimums),
            confirmations=tuple(self.confirmations), mappings=tuple(self.mappings),
            per_capita_defaults=defaults(self.reference, self.items, self.norms),
        )  # fmt: skip


PROFILE_ID = "test-profile"


def profile(
    *rules: dict[str, Any], pid: str = PROFILE_ID, effective: date = date(2022, 1, 1)
) -> Profile:
    """A profile of the given rule tables, read through the real schema."""
    tables = []
    for index, table in enumerate(rules, start=1):
        full = {"id": f"R{index}", "title": f"规则{index}",
                "citation": {"section": "一、", "quote": "原文"}, **table}  # fmt: skip
        tables.append(full)
    data = {"profile": {"id": pid, "name": "测试规划", "effective": effective}, "rule": tables}
    return parse_profile(data, name="test.toml")


def rule(kind: str, **params: Any) -> dict[str, Any]:
    """A rule table of ``kind`` with ``params``."""
    return {"kind": kind, **params}


def run(
    world: World, *rules: dict[str, Any], on: date = ON, units: list[str] | None = None
) -> list[Finding]:
    """Evaluate the rules on every unit of the world (or ``units``)."""
    facts = world.facts()
    return evaluate(profile(*rules), facts, on, units=units or [u.id for u in facts.units])


def rows(findings: list[Finding]) -> list[tuple[Any, ...]]:
    """Findings as (unit, subject, required, actual, gap, severity) for exact comparison."""

    def num(value: Decimal | None) -> int | float | None:
        if value is None:
            return None
        return int(value) if value == value.to_integral_value() else float(value)

    return [
        (x.unit_code, x.subject, num(x.required), num(x.actual), num(x.gap), x.severity.value)
        for x in findings
    ]
