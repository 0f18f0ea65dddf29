"""The shortfall check (短板检查): gather the facts on a date in bulk, evaluate the profiles.

Facts are read with a few column queries (no ORM objects), so a county of 600 villages and a
million movements is checked in a fraction of a second. Stock on a past date is the cached
balance minus the movements after that date.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TypeVar

from sqlalchemy import ColumnElement, Executable, and_, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from ledger.core.actor import Actor
from ledger.core.enums import EquipmentStatus
from ledger.core.errors import UnknownRecord
from ledger.models import (
    Balance,
    Certificate,
    Counterparty,
    Depot,
    Drill,
    Equipment,
    Item,
    Member,
    Movement,
    OrgUnit,
    Post,
    Team,
    Training,
)
from ledger.models.norms import (
    AttributeConfirmation,
    PerCapitaAmount,
    ReserveAgreement,
    ReserveAgreementLine,
    StockMinimum,
)
from ledger.norms import facts as f
from ledger.norms.evaluate import evaluate
from ledger.norms.model import Finding, Id
from ledger.services import lookup
from ledger.services.norm_profiles import load_all

T = TypeVar("T")

#: How far back drills and trainings are read: the longest window a rule may use.
LOOKBACK_DAYS = 730


@dataclass(frozen=True)
class UnitNode:
    """A unit of the checked tree, with its own and its effective profile."""

    id: uuid.UUID
    code: str
    name: str
    level_label: str
    parent_id: uuid.UUID | None
    profile_id: str | None
    effective_profile: str | None


@dataclass(frozen=True)
class CheckResult:
    """What a check found: findings in tree order, the units checked, and binding problems."""

    on: date
    profile_id: str | None
    findings: tuple[Finding, ...]
    units: tuple[UnitNode, ...]
    profiles: dict[str, str]
    unbound: tuple[str, ...] = ()
    unknown_profiles: tuple[str, ...] = ()


def check(
    session: Session,
    actor: Actor,
    *,
    on: date | None = None,
    profile_id: str | None = None,
    unit: str | uuid.UUID | None = None,
) -> CheckResult:
    """Evaluate the norms on ``on`` (today by default).

    Args:
        session: an open session (read only).
        actor: who asks (anyone may read the shortfalls).
        on: the date of the check.
        profile_id: check every unit against this profile; by default each unit against the
            profile bound to it (own or inherited).
        unit: only this unit (code or id) and the units below it.

    Raises:
        UnknownRecord: no such unit or profile.
    """
    del actor
    on = on or date.today()
    profiles, _, _ = load_all()
    if profile_id is not None and profile_id not in profiles:
        raise UnknownRecord(kind="规划", key=profile_id)
    facts = gather_facts(session, on)
    scope = _scope(session, facts, unit)
    findings: list[Finding] = []
    unbound, unknown = [], set()
    if profile_id is not None:
        findings = evaluate(profiles[profile_id], facts, on, units=[u.id for u in scope])
    else:
        by_profile: dict[str, list[Id]] = defaultdict(list)
        for u in scope:
            bound = facts.profile_of(u.id)
            if bound is None:
                unbound.append(u.name)
            elif bound not in profiles:
                unknown.add(bound)
            else:
                by_profile[bound].append(u.id)
        for pid, ids in by_profile.items():
            findings.extend(evaluate(profiles[pid], facts, on, units=ids))
    order = {u.id: i for i, u in enumerate(scope)}
    findings.sort(key=lambda x: order[x.unit_id])  # stable: rule order kept within a unit
    return CheckResult(
        on=on,
        profile_id=profile_id,
        findings=tuple(findings),
        units=tuple(_node(facts, u) for u in scope),
        profiles={pid: p.document for pid, p in profiles.items()},
        unbound=tuple(unbound),
        unknown_profiles=tuple(sorted(unknown)),
    )


def _node(facts: f.Facts, u: f.UnitFact) -> UnitNode:
    return UnitNode(
        id=u.id,  # type: ignore[arg-type]
        code=u.code,
        name=u.name,
        level_label=u.level.label,
        parent_id=u.parent_id,  # type: ignore[arg-type]
        profile_id=u.profile_id,
        effective_profile=facts.profile_of(u.id),
    )


def _scope(session: Session, facts: f.Facts, unit: str | uuid.UUID | None) -> list[f.UnitFact]:
    """The units checked, parents before children, siblings by code."""
    roots = (
        [facts.unit[lookup.by_key(session, OrgUnit, unit).id]]
        if unit is not None
        else sorted((u for u in facts.units if u.parent_id not in facts.unit), key=_code)
    )
    ordered: list[f.UnitFact] = []
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        ordered.append(node)
        stack.extend(sorted(facts.children.get(node.id, ()), key=_code, reverse=True))
    return ordered


def _code(u: f.UnitFact) -> str:
    return u.code


#: The columns each fact is made of, in the order of the fact's fields.
UNIT_COLUMNS = (OrgUnit.id, OrgUnit.code, OrgUnit.name, OrgUnit.level, OrgUnit.parent_id,
                OrgUnit.population, OrgUnit.flags, OrgUnit.profile_id)  # fmt: skip
TEAM_COLUMNS = (Team.id, Team.code, Team.name, Team.unit_id, Team.team_type, Team.nature,
                Team.founded_on)  # fmt: skip
MEMBER_COLUMNS = (Member.id, Member.team_id, Member.name, Member.nature, Member.id_number,
                  Member.birth_date, Member.joined_on, Member.left_on)  # fmt: skip
CERTIFICATE_COLUMNS = (Certificate.id, Certificate.member_id, Certificate.name,
                       Certificate.expires_on)  # fmt: skip
POST_COLUMNS = (Post.id, Post.unit_id, Post.kind, Post.name, Post.since, Post.until)
ITEM_COLUMNS = (Item.id, Item.code, Item.name, Item.unit, Item.category, Item.serial_tracked,
                Item.maintenance_interval_days)  # fmt: skip
DEPOT_COLUMNS = (Depot.id, Depot.code, Depot.name, Depot.unit_id, Depot.kind, Depot.area_m2)
EQUIPMENT_COLUMNS = (Equipment.id, Equipment.serial, Equipment.item_id, Equipment.holder_unit_id,
                     Equipment.holder_team_id, Equipment.holder_depot_id, Equipment.status,
                     Equipment.purchased_on, Equipment.last_maintained_on,
                     Equipment.next_due_on)  # fmt: skip
DRILL_COLUMNS = (Drill.id, Drill.unit_id, Drill.held_on, Drill.comprehensive, Drill.title)
TRAINING_COLUMNS = (Training.id, Training.unit_id, Training.person, Training.started_on,
                    Training.days, Training.member_id, Training.id_number,
                    Training.subject)  # fmt: skip
AGREEMENT_COLUMNS = (ReserveAgreementLine.id, ReserveAgreement.unit_id, Counterparty.name,
                     ReserveAgreementLine.item_id, ReserveAgreementLine.quantity,
                     ReserveAgreement.mode, ReserveAgreement.starts_on, ReserveAgreement.ends_on,
                     ReserveAgreement.number)  # fmt: skip
PER_CAPITA_COLUMNS = (PerCapitaAmount.unit_id, PerCapitaAmount.profile_id,
                      PerCapitaAmount.rule_id, PerCapitaAmount.item_id, PerCapitaAmount.amount,
                      PerCapitaAmount.per_day)  # fmt: skip
MINIMUM_COLUMNS = (StockMinimum.id, StockMinimum.depot_id, StockMinimum.item_id,
                   StockMinimum.quantity)  # fmt: skip
CONFIRMATION_COLUMNS = (AttributeConfirmation.id, AttributeConfirmation.unit_id,
                        AttributeConfirmation.attribute, AttributeConfirmation.confirmed_on,
                        AttributeConfirmation.confirmed_by)  # fmt: skip


def gather_facts(session: Session, on: date) -> f.Facts:
    """Everything the rules read, as it stood on ``on``, in a few bulk queries."""
    since = on - timedelta(days=LOOKBACK_DAYS)
    member_active = _active(Member.joined_on, Member.left_on, on)
    items = _rows(session, f.ItemFact, select(*ITEM_COLUMNS))
    return f.Facts(
        units=tuple(
            f.UnitFact(i, c, n, lv, pa, pop, frozenset(fl or ()), pr)
            for i, c, n, lv, pa, pop, fl, pr in session.execute(select(*UNIT_COLUMNS))
        ),
        teams=_rows(session, f.TeamFact, select(*TEAM_COLUMNS)),
        members=_rows(session, f.MemberFact, select(*MEMBER_COLUMNS).where(member_active)),
        certificates=_rows(
            session,
            f.CertificateFact,
            select(*CERTIFICATE_COLUMNS)
            .join(Member, Member.id == Certificate.member_id)
            .where(Certificate.expires_on.is_not(None), member_active),
        ),
        posts=_rows(
            session, f.PostFact, select(*POST_COLUMNS).where(_active(Post.since, Post.until, on))
        ),
        items=items,
        depots=_rows(session, f.DepotFact, select(*DEPOT_COLUMNS)),
        lots=_lots(session, on, [i.id for i in items]),
        equipment=_rows(
            session,
            f.EquipmentFact,
            select(*EQUIPMENT_COLUMNS).where(Equipment.status != EquipmentStatus.SCRAPPED),
        ),
        drills=_rows(
            session, f.DrillFact, select(*DRILL_COLUMNS).where(Drill.held_on.between(since, on))
        ),
        trainings=_rows(
            session,
            f.TrainingFact,
            select(*TRAINING_COLUMNS).where(Training.started_on.between(since, on)),
        ),
        agreements=_rows(
            session,
            f.AgreementFact,
            select(*AGREEMENT_COLUMNS)
            .join(ReserveAgreement, ReserveAgreement.id == ReserveAgreementLine.agreement_id)
            .join(Counterparty, Counterparty.id == ReserveAgreement.counterparty_id),
        ),
        per_capita=_rows(session, f.PerCapitaFact, select(*PER_CAPITA_COLUMNS)),
        minimums=_rows(session, f.MinimumFact, select(*MINIMUM_COLUMNS)),
        confirmations=_rows(
            session,
            f.ConfirmationFact,
            select(*CONFIRMATION_COLUMNS).where(AttributeConfirmation.confirmed_on <= on),
        ),
    )


def _rows(session: Session, cls: type[T], query: Executable) -> tuple[T, ...]:
    """The rows of ``query``, each made into a ``cls`` fact by position."""
    return tuple(cls(*row) for row in session.execute(query))


def _active(
    start: InstrumentedAttribute[date | None], end: InstrumentedAttribute[date | None], on: date
) -> ColumnElement[bool]:
    """``start <= on < end``, open ends counting as always."""
    return and_(or_(start.is_(None), start <= on), or_(end.is_(None), end > on))


def _lots(session: Session, on: date, item_ids: list[Id]) -> tuple[f.LotFact, ...]:
    """Stock per depot, item and lot on ``on``: the balance minus later movements."""
    later: dict[tuple[Id, Id, str], Decimal] = {}
    if item_ids:
        key = (Movement.depot_id, Movement.item_id, Movement.lot)
        later = {
            (d, i, lot): q
            for d, i, lot, q in session.execute(
                select(*key, func.sum(Movement.quantity))
                .where(Movement.item_id.in_(item_ids), Movement.occurred_on > on)
                .group_by(*key)
            )
        }
    lots = []
    for depot_id, item_id, lot, expiry, quantity in session.execute(
        select(Balance.depot_id, Balance.item_id, Balance.lot, Balance.expiry, Balance.quantity)
    ):
        held = quantity - later.get((depot_id, item_id, lot), Decimal(0))
        if held:
            lots.append(f.LotFact(depot_id, item_id, held, lot, expiry))
    return tuple(lots)
