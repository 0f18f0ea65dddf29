"""Office settings the shortfall check reads: minimums, per-person amounts, confirmations, deals.

- 最低库存: the office's minimum of an item in one of its depots (checked by ``office_minimum``).
- 人均储备定额: per-person amounts per item for a profile's scaled reserve rule (people x days);
  until an office sets them the rule reports "未配置".
- 属性确认: the office confirms, with a date, a composite attribute the ledger has no data for.
- 储备协议: agreements with suppliers and reserve enterprises (协议储备/产能储备).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import Category, ReserveMode
from ledger.core.errors import InvalidValue, MissingField, UnknownRecord
from ledger.core.quantity import format_quantity, to_decimal
from ledger.models import (
    Counterparty,
    Depot,
    Item,
    OrgUnit,
)
from ledger.models.norms import (
    AttributeConfirmation,
    PerCapitaAmount,
    PerCapitaNorm,
    ReserveAgreement,
    ReserveAgreementLine,
    StockMinimum,
)
from ledger.norms.kinds.reserves import Reserve
from ledger.services.accounts.permissions import Action, require
from ledger.services.common import lookup
from ledger.services.common.atomic import atomic
from ledger.services.norms import facts as norm_facts
from ledger.services.norms import profiles as norm_profiles

ZERO = Decimal(0)


@dataclass(frozen=True)
class MinimumRow:
    """A minimum of an item in a depot."""

    id: uuid.UUID
    depot_id: uuid.UUID
    depot: str
    item_id: uuid.UUID
    item: str
    measure: str
    quantity: Decimal


def minimums(session: Session, depot: str | uuid.UUID | None = None) -> list[MinimumRow]:
    """The minimums of one depot (or all), by depot and item code."""
    query = (
        select(StockMinimum, Depot, Item)
        .join(Depot, Depot.id == StockMinimum.depot_id)
        .join(Item, Item.id == StockMinimum.item_id)
        .order_by(Depot.code, Item.code)
    )
    if depot is not None:
        query = query.where(Depot.id == lookup.by_key(session, Depot, depot).id)
    return [
        MinimumRow(m.id, d.id, d.name, i.id, i.name, i.unit, m.quantity)
        for m, d, i in session.execute(query)
    ]


@atomic
def set_minimum(
    session: Session,
    actor: Actor,
    depot: str | uuid.UUID,
    item: str | uuid.UUID,
    quantity: Decimal | int | str | None,
) -> None:
    """Set (or with ``None`` or zero, remove) the minimum of an item in a depot.

    Raises:
        UnknownRecord, PermissionDenied, InvalidQuantity: no such depot or item, not the
            actor's depot, or not a number.
    """
    found_depot = lookup.by_key(session, Depot, depot)
    found_item = lookup.by_key(session, Item, item)
    require(session, actor, Action.EDIT_RECORDS, unit_id=found_depot.unit_id)
    amount = ZERO if quantity in (None, "") else to_decimal(quantity, what="最低库存")
    row = session.scalar(
        select(StockMinimum).where(
            StockMinimum.depot_id == found_depot.id, StockMinimum.item_id == found_item.id
        )
    )
    if amount <= 0:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(StockMinimum(depot_id=found_depot.id, item_id=found_item.id, quantity=amount))
    else:
        row.quantity = amount
    session.flush()


@dataclass(frozen=True)
class ScaledRule:
    """A profile's reserve rule scaled by people and days, whose amounts an office sets."""

    profile_id: str
    rule_id: str
    title: str
    people: int
    days: int
    category: Category | None


def scaled_rules(profile_id: str) -> list[ScaledRule]:
    """The scaled reserve rules of a profile (those that need per-person amounts)."""
    found = norm_profiles.profile(profile_id)
    return [
        ScaledRule(
            found.id,
            r.id,
            r.title,
            r.params.people,
            r.params.days,
            r.params.category,
        )
        for r in found.rules
        if r.kind == "reserve" and r.params.people is not None
    ]


@dataclass(frozen=True)
class PerCapitaRow:
    """A per-person amount an office set."""

    unit_id: uuid.UUID
    unit: str
    profile_id: str
    rule_id: str
    item_id: uuid.UUID
    item: str
    measure: str
    amount: Decimal
    per_day: bool


def per_capita_amounts(session: Session, profile_id: str | None = None) -> list[PerCapitaRow]:
    """The per-person amounts set (for one profile, or all)."""
    query = (
        select(PerCapitaAmount, OrgUnit.name, Item)
        .join(OrgUnit, OrgUnit.id == PerCapitaAmount.unit_id)
        .join(Item, Item.id == PerCapitaAmount.item_id)
        .order_by(OrgUnit.code, PerCapitaAmount.rule_id, Item.code)
    )
    if profile_id is not None:
        query = query.where(PerCapitaAmount.profile_id == profile_id)
    return [
        PerCapitaRow(
            a.unit_id, unit, a.profile_id, a.rule_id, i.id, i.name, i.unit, a.amount, a.per_day
        )
        for a, unit, i in session.execute(query)
    ]


@atomic
def set_per_capita(
    session: Session,
    actor: Actor,
    unit: str | uuid.UUID,
    rule: ScaledRule,
    item: str | uuid.UUID,
    amount: Decimal | int | str | None,
    *,
    per_day: bool = True,
) -> None:
    """Set (or with ``None`` or zero, remove) a per-person amount of an item for a scaled rule.

    Raises:
        UnknownRecord, PermissionDenied, InvalidValue: no such unit or item, not the actor's
            unit, or an item outside the rule's category.
    """
    found_unit = lookup.by_key(session, OrgUnit, unit)
    found_item = lookup.by_key(session, Item, item)
    require(session, actor, Action.EDIT_RECORDS, unit_id=found_unit.id)
    params: Reserve = norm_profiles.profile(rule.profile_id).rule(rule.rule_id).params
    if params.category is not None and found_item.category is not params.category:
        raise InvalidValue(
            where=rule.title,
            field="物资",
            value=found_item.name,
            reason=f"不属于{params.category.label}类",
        )
    value = ZERO if amount in (None, "") else to_decimal(amount, what="人均数量")
    key = (
        PerCapitaAmount.unit_id == found_unit.id,
        PerCapitaAmount.profile_id == rule.profile_id,
        PerCapitaAmount.rule_id == rule.rule_id,
        PerCapitaAmount.item_id == found_item.id,
    )
    row = session.scalar(select(PerCapitaAmount).where(*key))
    if value <= 0:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(
            PerCapitaAmount(
                unit_id=found_unit.id,
                profile_id=rule.profile_id,
                rule_id=rule.rule_id,
                item_id=found_item.id,
                amount=value,
                per_day=per_day,
            )
        )
    else:
        row.amount, row.per_day = value, per_day
    session.flush()


@dataclass(frozen=True)
class ReferenceLine:
    """One entry of the shipped per-person reference, as the office reads it."""

    key: str
    amount: str
    basis: str


def reference_lines() -> list[ReferenceLine]:
    """The shipped per-person reference (the default of the office's 人均储备定额)."""
    lines = []
    for entry in norm_facts.reference():
        if entry.amount is None:
            lines.append(ReferenceLine(entry.key, "", entry.note))
            continue
        per = "每人每天" if entry.per_day else "每人"
        lines.append(
            ReferenceLine(
                entry.key, f"{per}{format_quantity(entry.amount, entry.measure)}", entry.basis
            )
        )
    return lines


@dataclass(frozen=True)
class NormRow:
    """The office's per-person amount of an item for every scaled reserve (人均储备定额)."""

    item_id: uuid.UUID
    item: str
    measure: str
    per_person: Decimal | None
    per_person_day: Decimal | None
    basis: str


def per_capita_norms(session: Session) -> list[NormRow]:
    """The office's per-person amounts per item, by item code."""
    query = select(PerCapitaNorm, Item).join(Item, Item.id == PerCapitaNorm.item_id)
    return [
        NormRow(i.id, i.name, i.unit, n.per_person, n.per_person_day, n.basis)
        for n, i in session.execute(query.order_by(Item.code))
    ]


@atomic
def set_per_capita_norm(
    session: Session,
    actor: Actor,
    item: str | uuid.UUID,
    per_person: Decimal | int | str | None,
    per_person_day: Decimal | int | str | None,
    basis: str = "",
) -> None:
    """Set the office's per-person amount of an item (both empty or zero: remove it), used by
    every scaled reserve rule that covers the item in place of the shipped reference.

    Raises:
        UnknownRecord, PermissionDenied, InvalidQuantity: no such item, a role that may not
            edit, or not a number.
    """
    found = lookup.by_key(session, Item, item)
    require(session, actor, Action.EDIT_RECORDS)
    once, daily = (
        None if value in (None, "") else to_decimal(value, what="人均数量")
        for value in (per_person, per_person_day)
    )
    once = once if once and once > 0 else None
    daily = daily if daily and daily > 0 else None
    row = session.scalar(select(PerCapitaNorm).where(PerCapitaNorm.item_id == found.id))
    if once is None and daily is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(
            PerCapitaNorm(
                item_id=found.id, per_person=once, per_person_day=daily, basis=basis.strip()
            )
        )
    else:
        row.per_person, row.per_person_day, row.basis = once, daily, basis.strip()
    session.flush()


@dataclass(frozen=True)
class ConfirmationRow:
    """An office's confirmation of an attribute."""

    id: uuid.UUID
    attribute: str
    confirmed_on: date
    confirmed_by: str
    note: str


def confirmations(session: Session, unit: str | uuid.UUID) -> list[ConfirmationRow]:
    """A unit's confirmations, newest first."""
    found = lookup.by_key(session, OrgUnit, unit)
    query = (
        select(AttributeConfirmation)
        .where(AttributeConfirmation.unit_id == found.id)
        .order_by(AttributeConfirmation.confirmed_on.desc(), AttributeConfirmation.attribute)
    )
    return [
        ConfirmationRow(c.id, c.attribute, c.confirmed_on, c.confirmed_by, c.note)
        for c in session.scalars(query)
    ]


@atomic
def confirm_attribute(
    session: Session, actor: Actor, unit: str | uuid.UUID, attribute: str, on: date, note: str = ""
) -> uuid.UUID:
    """Record that a unit has ``attribute`` (e.g. "班子"), as confirmed on ``on``.

    Raises:
        UnknownRecord, PermissionDenied, MissingField: no such unit, not the actor's, no name.
    """
    found = lookup.by_key(session, OrgUnit, unit)
    require(session, actor, Action.EDIT_RECORDS, unit_id=found.id)
    if not attribute.strip():
        raise MissingField(where="属性确认", field="属性")
    row = AttributeConfirmation(
        id=uuid.uuid4(),
        unit_id=found.id,
        attribute=attribute.strip(),
        confirmed_on=on,
        confirmed_by=actor.name,
        note=note.strip(),
    )
    session.add(row)
    session.flush()
    return row.id


@atomic
def confirm_waiting(
    session: Session,
    actor: Actor,
    unit: str | uuid.UUID,
    attributes: Sequence[str],
    on: date,
    note: str = "",
) -> list[uuid.UUID]:
    """Confirm at once every attribute a finding waits on (its 待确认 parts), dated ``on``.

    Raises:
        UnknownRecord, PermissionDenied, MissingField: no such unit, not the actor's, nothing
            to confirm.
    """
    if not any(a.strip() for a in attributes):
        raise MissingField(where="属性确认", field="属性")
    return [confirm_attribute(session, actor, unit, a, on, note) for a in attributes if a.strip()]


@atomic
def confirm_waiting_many(
    session: Session,
    actor: Actor,
    waiting: Sequence[tuple[str | uuid.UUID, Sequence[str]]],
    on: date,
    note: str = "",
) -> list[uuid.UUID]:
    """Confirm, in one transaction, what several findings wait on: (unit, attributes) each.

    An attribute named twice for the same unit is confirmed once; if any unit is refused,
    nothing is confirmed.

    Raises:
        UnknownRecord, PermissionDenied, MissingField: as :func:`confirm_waiting`.
    """
    seen: set[tuple[str, str]] = set()
    pairs: list[tuple[str | uuid.UUID, str]] = []
    for unit, attributes in waiting:
        for attribute in attributes:
            key = (str(unit), attribute.strip())
            if key[1] and key not in seen:
                seen.add(key)
                pairs.append((unit, key[1]))
    if not pairs:
        raise MissingField(where="属性确认", field="属性")
    return [confirm_attribute(session, actor, u, a, on, note) for u, a in pairs]


@dataclass(frozen=True)
class AgreementInput:
    """A reserve agreement as entered: counterparty, mode, period and agreed (item, quantity)."""

    unit: str | uuid.UUID
    counterparty: str
    mode: ReserveMode
    lines: Sequence[tuple[str | uuid.UUID, Decimal | int | str]]
    starts_on: date | None = None
    ends_on: date | None = None
    number: str = ""
    note: str = ""


@dataclass(frozen=True)
class AgreementRow:
    """A reserve agreement with its lines as (item, quantity, measure)."""

    id: uuid.UUID
    unit: str
    counterparty: str
    mode: ReserveMode
    number: str
    starts_on: date | None
    ends_on: date | None
    lines: tuple[tuple[str, Decimal, str], ...]

    def in_force(self, on: date) -> bool:
        """Whether the contract holds on ``on``."""
        return (self.starts_on is None or self.starts_on <= on) and (
            self.ends_on is None or on <= self.ends_on
        )


def agreements(session: Session, unit: str | uuid.UUID | None = None) -> list[AgreementRow]:
    """Reserve agreements (of one unit, or all), newest contracts first."""
    query = select(ReserveAgreement).order_by(ReserveAgreement.starts_on.desc())
    if unit is not None:
        query = query.where(ReserveAgreement.unit_id == lookup.by_key(session, OrgUnit, unit).id)
    return [
        AgreementRow(
            a.id,
            a.unit.name,
            a.counterparty.name,
            a.mode,
            a.number,
            a.starts_on,
            a.ends_on,
            tuple((x.item.name, x.quantity, x.item.unit) for x in a.lines),
        )
        for a in session.scalars(query)
    ]


@atomic
def save_agreement(session: Session, actor: Actor, entry: AgreementInput) -> uuid.UUID:
    """Register a reserve agreement with a registered supplier or reserve enterprise.

    Raises:
        UnknownRecord, PermissionDenied, InvalidValue, MissingField: what is wrong and where.
    """
    found_unit = lookup.by_key(session, OrgUnit, entry.unit)
    require(session, actor, Action.EDIT_RECORDS, unit_id=found_unit.id)
    party = session.scalar(select(Counterparty).where(Counterparty.name == entry.counterparty))
    if party is None:
        raise UnknownRecord(kind="往来单位", key=entry.counterparty)
    if entry.mode is ReserveMode.PHYSICAL:
        raise InvalidValue(
            where="储备协议",
            field="储备方式",
            value=entry.mode.label,
            reason="协议只能是协议储备或产能储备",
        )
    if entry.starts_on and entry.ends_on and entry.ends_on < entry.starts_on:
        raise InvalidValue(
            where="储备协议",
            field="截止日期",
            value=entry.ends_on.isoformat(),
            reason="早于起始日期",
        )
    if not entry.lines:
        raise MissingField(where="储备协议", field="协议物资")
    deal = ReserveAgreement(
        id=uuid.uuid4(),
        unit_id=found_unit.id,
        counterparty_id=party.id,
        number=entry.number.strip(),
        mode=entry.mode,
        starts_on=entry.starts_on,
        ends_on=entry.ends_on,
        note=entry.note.strip(),
    )
    for key, quantity in entry.lines:
        item = lookup.by_key(session, Item, key)
        amount = to_decimal(quantity, what=f"{item.name}的协议数量")
        if amount <= 0:
            raise InvalidValue(
                where="储备协议", field=item.name, value=str(quantity), reason="数量须大于零"
            )
        deal.lines.append(ReserveAgreementLine(item_id=item.id, quantity=amount))
    session.add(deal)
    session.flush()
    return deal.id


@atomic
def remove_agreement(session: Session, actor: Actor, agreement_id: uuid.UUID) -> None:
    """Remove a reserve agreement entered by mistake (an expired one simply stops counting)."""
    deal = session.get(ReserveAgreement, agreement_id)
    if deal is None:
        raise UnknownRecord(kind="储备协议", key=str(agreement_id))
    require(session, actor, Action.EDIT_RECORDS, unit_id=deal.unit_id)
    for line in list(deal.lines):  # through the session, so each deletion is audited
        session.delete(line)
    session.delete(deal)
    session.flush()
