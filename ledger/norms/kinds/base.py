"""What every rule kind shares: the evaluation context, the kind record and small helpers."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from ledger.core.enums import Nature, TeamType
from ledger.norms.facts import (
    EquipmentFact,
    Facts,
    ItemFact,
    LotFact,
    MemberFact,
    PersonKey,
    TeamFact,
    UnitFact,
)
from ledger.norms.model import Gap, Id, RecordRef, Rule, Severity
from ledger.norms.names import name_matches

ZERO = Decimal(0)


@dataclass
class Context:
    """One evaluation: the facts, the date, the profile, and caches shared by the rules."""

    facts: Facts
    on: date
    profile_id: str
    #: The profile's rules, for rules that are judged together (two depots asked separately).
    rules: tuple[Rule, ...] = ()
    _cache: dict[tuple[Any, ...], Any] = field(default_factory=dict)

    def cached(self, key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
        """The value cached under ``key``, made once."""
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def active_members(self, team_id: Id) -> list[MemberFact]:
        """Roster lines of a team active on the date (``joined_on <= on < left_on``)."""
        found = self._cache.get(("members", team_id))
        if found is None:
            on = self.on
            found = self._cache[("members", team_id)] = [
                m
                for m in self.facts.members_of.get(team_id, ())
                if (m.joined_on is None or m.joined_on <= on)
                and (m.left_on is None or on < m.left_on)
            ]
        return found

    def live_teams(self, unit_id: Id) -> list[TeamFact]:
        """Teams of a unit that exist on the date: founded by then, with an active member."""
        return self.cached(  # type: ignore[no-any-return]
            ("teams", unit_id),
            lambda: [
                t
                for t in self.facts.teams_of.get(unit_id, ())
                if (t.founded_on is None or t.founded_on <= self.on) and self.active_members(t.id)
            ],
        )

    def equipment(self, unit_id: Id) -> list[EquipmentFact]:
        """Equipment (not scrapped, bought by the date) held by a unit, its teams and depots."""
        return [
            e
            for e in self.facts.equipment_of_unit.get(unit_id, ())
            if e.purchased_on is None or e.purchased_on <= self.on
        ]

    def has_duty(self, unit: UnitFact, flags: frozenset[str]) -> bool:
        """Whether the unit or a unit below it carries one of ``flags`` (empty: always)."""
        if not flags:
            return True
        below: frozenset[str] = self.cached(
            ("subtree flags", unit.id),
            lambda: frozenset(unit.flags).union(
                *(u.flags for u in self.facts.descendants(unit.id))
            ),
        )
        return bool(flags & below)

    def good_lots(self, unit_id: Id) -> list[LotFact]:
        """Positive, unexpired stock in the depots of a unit (expired stock counts for nothing)."""
        return [
            lot
            for depot in self.facts.depots_of.get(unit_id, ())
            for lot in self.facts.lots_of.get(depot.id, ())
            if lot.quantity > 0 and (lot.expiry is None or lot.expiry >= self.on)
        ]


Check = Callable[[Rule, Any, UnitFact, Context], Iterable[Gap]]


@dataclass(frozen=True)
class Kind:
    """A rule kind: its name in profiles, Chinese label, parameter class and check function."""

    name: str
    label: str
    params: type[Any]
    check: Check
    doc: str = ""


def team_matches(
    team: TeamFact,
    team_types: frozenset[TeamType],
    natures: frozenset[Nature],
    name_contains: tuple[str, ...] = (),
) -> bool:
    """Whether a team is of one of the types and natures (empty means any) and name words."""
    if team_types and team.team_type not in team_types:
        return False
    if natures and team.nature not in natures:
        return False
    return not name_contains or any(word in team.name for word in name_contains)


def persons(
    ctx: Context, teams: Iterable[TeamFact], member_natures: frozenset[Nature] = frozenset()
) -> dict[PersonKey, list[MemberFact]]:
    """Active people on ``teams``, each person once however many lines name them."""
    found: dict[PersonKey, list[MemberFact]] = {}
    for team in teams:
        for member in ctx.active_members(team.id):
            if member_natures and member.nature not in member_natures:
                continue
            found.setdefault(member.person, []).append(member)
    return found


def item_matches(item: ItemFact, names: tuple[str, ...]) -> bool:
    """Whether an item's name or code is one of ``names`` (catalogue naming habits allowed:
    see :mod:`ledger.norms.names`)."""
    return name_matches(item.name, item.code, names)


def shortfall(
    required: Decimal | int,
    actual: Decimal | int,
    *,
    subject: str | None,
    measure: str = "",
    detail: str = "",
    records: Iterable[RecordRef] = (),
) -> Gap | None:
    """A gap when ``actual`` is below ``required``: missing when there is none at all."""
    need, have = Decimal(required), Decimal(actual)
    if have >= need:
        return None
    return Gap(
        severity=Severity.MISSING if have <= 0 else Severity.SHORT,
        subject=subject,
        required=need,
        actual=have,
        gap=need - have,
        measure=measure,
        detail=detail,
        records=tuple(records),
    )


def team_refs(teams: Iterable[TeamFact]) -> tuple[RecordRef, ...]:
    """References to teams for the dashboard."""
    return tuple(RecordRef("team", t.id, t.name) for t in teams)


def names(values: Iterable[str], limit: int = 8) -> str:
    """Up to ``limit`` names joined by 、, with … when there are more."""
    items = list(values)
    shown = "、".join(items[:limit])
    return shown + ("等" if len(items) > limit else "")


def gaps(*found: Gap | None) -> Iterator[Gap]:
    """The gaps that are not None."""
    return (g for g in found if g is not None)
