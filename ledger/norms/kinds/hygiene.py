"""The ledger's own hygiene: no expired stock, no overdue maintenance, no expired certificates.

A lot is expired after its expiry date (the date itself is still good) and "expiring" when it
runs out within ``warn_days``; the same for certificates. Maintenance is due on the
equipment's next due date, else its last maintenance plus the item's interval.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from ledger.core.enums import EquipmentStatus, TeamType
from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.norms import params as p
from ledger.norms.facts import EquipmentFact, UnitFact
from ledger.norms.kinds.base import Context, Kind, team_matches
from ledger.norms.model import Gap, Id, RecordRef, Rule, Severity


def _dated(expires: date, on: date, warn_days: int) -> tuple[Severity, Decimal] | None:
    """Overdue (with days past) after ``expires``; expiring within ``warn_days``; else None."""
    if expires < on:
        return Severity.OVERDUE, Decimal((on - expires).days)
    if expires <= on + timedelta(days=warn_days):
        return Severity.EXPIRING, Decimal((expires - on).days)
    return None


@dataclass(frozen=True, kw_only=True)
class ExpiredStock:
    """Stock past or near its expiry in the unit's depots."""

    warn_days: int = p.param(p.integer, 30, "提前多少天提示临期")


def check_expired_stock(
    rule: Rule, prm: ExpiredStock, unit: UnitFact, ctx: Context
) -> Iterator[Gap]:
    """Expired stock (and stock expiring soon).

    Raises:
        ValueError: the facts summed lots that expire within ``warn_days`` (a caller's bug).
    """
    horizon = ctx.on + timedelta(days=prm.warn_days)
    if ctx.facts.exact_until is not None and ctx.facts.exact_until < horizon:
        raise ValueError(f"facts hold lots one by one only up to {ctx.facts.exact_until}")
    for depot in ctx.facts.depots_of.get(unit.id, ()):
        for lot in ctx.facts.lots_of.get(depot.id, ()):
            if lot.quantity <= 0 or lot.expiry is None:
                continue
            state = _dated(lot.expiry, ctx.on, prm.warn_days)
            if state is None:
                continue
            item = ctx.facts.item.get(lot.item_id)
            name = item.name if item else "?"
            when = "已于" if state[0] is Severity.OVERDUE else "将于"
            yield Gap(
                severity=state[0],
                subject=f"{depot.name}·{name}（批次 {lot.lot or '无'}）",
                required=None,
                actual=lot.quantity,
                gap=lot.quantity,
                measure=item.unit if item else "",
                detail=f"{when} {lot.expiry.isoformat()} 过期",
                records=(RecordRef("depot", depot.id, depot.name), RecordRef("item", lot.item_id)),
            )


@dataclass(frozen=True, kw_only=True)
class Maintenance:
    """Equipment whose maintenance is overdue (or due within ``warn_days``)."""

    warn_days: int = p.param(p.integer, 0, "提前多少天提示到期保养")


def due_date(piece: EquipmentFact, interval: int | None) -> date | None:
    """When a piece is next due for maintenance, if anyone can tell."""
    if piece.next_due_on is not None:
        return piece.next_due_on
    if piece.last_maintained_on is not None and interval:
        return piece.last_maintained_on + timedelta(days=interval)
    return None


def check_maintenance(rule: Rule, prm: Maintenance, unit: UnitFact, ctx: Context) -> Iterator[Gap]:
    """Maintenance overdue (a piece in repair is being seen to: not reported)."""
    for piece in ctx.equipment(unit.id):
        if piece.status is EquipmentStatus.REPAIR:
            continue
        item = ctx.facts.item.get(piece.item_id)
        due = due_date(piece, item.maintenance_interval_days if item else None)
        state = _dated(due, ctx.on, prm.warn_days) if due else None
        if state is None:
            continue
        yield Gap(
            severity=state[0],
            subject=f"{item.name if item else '?'}（{piece.serial}）",
            required=None,
            actual=None,
            gap=state[1],
            measure="天",
            detail=f"应于 {due.isoformat()} 保养" if due else "",
            records=(RecordRef("equipment", piece.id, piece.serial),),
        )


@dataclass(frozen=True, kw_only=True)
class Certificates:
    """Certificates of active members that are expired (or expire within ``warn_days``)."""

    warn_days: int = p.param(p.integer, 30, "提前多少天提示证书到期")
    team_types: frozenset[TeamType] = p.param(p.team_types, frozenset(), "队伍类型")


def _certificate_teams(ctx: Context) -> set[Id]:
    """The teams with a roster line that holds a certificate (the others have none to check)."""
    holders = ctx.facts.certificates_of
    return {m.team_id for m in ctx.facts.members if m.id in holders} if holders else set()


def check_certificates(
    rule: Rule, prm: Certificates, unit: UnitFact, ctx: Context
) -> Iterator[Gap]:
    """Certificates expired."""
    seen: set[tuple[object, ...]] = set()
    holding = ctx.cached(("certificate teams",), lambda: _certificate_teams(ctx))
    for team in ctx.live_teams(unit.id):
        if team.id not in holding or not team_matches(team, prm.team_types, frozenset()):
            continue
        for member in ctx.active_members(team.id):
            for cert in ctx.facts.certificates_of.get(member.id, ()):
                key = (member.person, cert.name, cert.expires_on)
                state = _dated(cert.expires_on, ctx.on, prm.warn_days) if cert.expires_on else None
                if state is None or key in seen:
                    continue
                seen.add(key)
                yield Gap(
                    severity=state[0],
                    subject=f"{member.name}·{cert.name}",
                    required=None,
                    actual=None,
                    gap=state[1],
                    measure="天",
                    detail=f"有效期至 {cert.expires_on.isoformat()}" if cert.expires_on else "",
                    records=(RecordRef("member", member.id, member.name),),
                )


def expiry_lookahead(rules: Iterable[Rule]) -> int:
    """How many days past the date of a check ``rules`` look at lot expiries (0 for none)."""
    return max((r.params.warn_days for r in rules if r.kind == "expired_stock"), default=0)


KINDS = (
    Kind(
        "expired_stock", QT_TRANSLATE_NOOP("Norms", "过期物资"), ExpiredStock, check_expired_stock
    ),
    Kind("maintenance", QT_TRANSLATE_NOOP("Norms", "保养逾期"), Maintenance, check_maintenance),
    Kind("certificates", QT_TRANSLATE_NOOP("Norms", "证书过期"), Certificates, check_certificates),
)
