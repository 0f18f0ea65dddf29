"""Rectification (整改台账): for each shortfall finding an owner, a measure, a due date, a status.

A remedy is keyed by the finding's unit, rule and subject, because findings are recomputed by
every check. Its status is ``open`` until done; ``overdue`` when the check date is past the due
date and the problem is still found; ``done`` (已整改) with a date, either marked by the office
or set by :func:`settle` when a check on or after the day the remedy was recorded no longer
finds the problem (and the check's day is not in the future). ``ledger check`` and ``ledger
remedy list`` settle in the check's own transaction, the shortfall page right after its check;
reports only read (:func:`review`). A remedy of a unit another office keeps is shown done but
recorded by that office's own check.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import RemedyStatus
from ledger.core.errors import InvalidValue, MissingField, UnknownRecord
from ledger.models import OrgUnit
from ledger.models.remedies import Remedy
from ledger.norms.model import Finding
from ledger.services.accounts.permissions import Action, require
from ledger.services.common import lookup
from ledger.services.common.atomic import atomic
from ledger.services.exchange import guard
from ledger.services.norms.profiles import load_all
from ledger.services.norms.shortfalls import CheckResult

#: Who a remedy settled by a check is marked done by.
BY_CHECK = "短板检查"
KIND = "整改记录"

#: What identifies a finding from one check to the next: unit code, rule id, subject ("").
Key = tuple[str, str, str]


def key_of(finding: Finding) -> Key:
    """The identity of a finding across checks."""
    return (finding.unit_code, finding.rule_id, finding.subject or "")


@dataclass(frozen=True)
class RemedyRow:
    """A remedy as shown: its finding's identity, owner, measure, due date and status."""

    id: uuid.UUID
    unit_id: uuid.UUID
    unit_code: str
    unit_name: str
    rule_id: str
    subject: str
    owner: str
    measure: str
    due_on: date
    set_on: date
    status: RemedyStatus
    done_on: date | None
    done_by: str
    #: Done by the check this row comes from (not yet recorded until :func:`settle`).
    settled_now: bool = False

    @property
    def key(self) -> Key:
        """The identity of the finding this remedy is about."""
        return (self.unit_code, self.rule_id, self.subject)


def status_on(row: RemedyRow, on: date, found: bool | None = None) -> RemedyStatus:
    """The status of a remedy on ``on``.

    Args:
        row: the remedy as stored.
        on: the date of the check (or today).
        found: whether a check on ``on`` found the problem; ``None`` when no check covered it
            (an unsettled remedy's problem was still there at the last check).
    """
    if row.done_on is not None:
        return RemedyStatus.DONE
    if found is False and on >= row.set_on:
        return RemedyStatus.DONE
    return RemedyStatus.OVERDUE if on > row.due_on else RemedyStatus.OPEN


def remedies(
    session: Session, *, unit: str | uuid.UUID | None = None, on: date | None = None
) -> list[RemedyRow]:
    """The remedies (of one unit and the units below it, or all), by unit code and rule,
    with their status on ``on`` (today by default) as of the last check."""
    query = (
        select(Remedy, OrgUnit.code, OrgUnit.name)
        .join(OrgUnit, OrgUnit.id == Remedy.unit_id)
        .order_by(OrgUnit.code, Remedy.rule_id, Remedy.subject)
    )
    rows = [_row(r, code, name) for r, code, name in session.execute(query)]
    if unit is not None:
        below = _subtree(session, lookup.by_key(session, OrgUnit, unit).id)
        rows = [r for r in rows if r.unit_id in below]
    day = on or date.today()
    return [replace(r, status=status_on(r, day)) for r in rows]


def _row(r: Remedy, code: str, name: str) -> RemedyRow:
    return RemedyRow(
        r.id,
        r.unit_id,
        code,
        name,
        r.rule_id,
        r.subject,
        r.owner,
        r.measure,
        r.due_on,
        r.set_on,
        r.status,
        r.done_on,
        r.done_by,
    )


def _subtree(session: Session, root: uuid.UUID) -> set[uuid.UUID]:
    children: dict[uuid.UUID | None, list[uuid.UUID]] = {}
    for unit_id, parent_id in session.execute(select(OrgUnit.id, OrgUnit.parent_id)):
        children.setdefault(parent_id, []).append(unit_id)
    found, stack = set(), [root]
    while stack:
        node = stack.pop()
        found.add(node)
        stack.extend(children.get(node, ()))
    return found


@atomic
def set_remedy(
    session: Session,
    actor: Actor,
    *,
    unit: str | uuid.UUID,
    rule_id: str,
    subject: str | None = None,
    owner: str,
    measure: str,
    due_on: date,
    on: date | None = None,
) -> uuid.UUID:
    """Record (or change) the rectification of a finding; a done one opens again.

    Args:
        unit, rule_id, subject: the finding (``subject`` as the check reports it, or none).
        owner: 责任单位/责任人.
        measure: 整改措施.
        due_on: 时限.
        on: the day it is recorded (today by default).

    Raises:
        UnknownRecord, PermissionDenied, MissingField, InvalidValue: no such unit or rule,
            not the actor's unit, no owner or measure, a due date before the day recorded.
    """
    found = lookup.by_key(session, OrgUnit, unit)
    require(session, actor, Action.EDIT_RECORDS, unit_id=found.id)
    day = on or date.today()
    rule = _known_rule(rule_id)
    for field, value in (("责任单位/责任人", owner), ("整改措施", measure)):
        if not value.strip():
            raise MissingField(where="整改记录", field=field)
    if due_on < day:
        raise InvalidValue(
            where="整改记录", field="时限", value=due_on.isoformat(), reason="早于登记日期"
        )
    row = _find(session, found.id, rule, subject)
    if row is None:
        row = Remedy(id=uuid.uuid4(), unit_id=found.id, rule_id=rule, subject=_subject(subject))
        session.add(row)
    row.owner, row.measure, row.due_on, row.set_on = owner.strip(), measure.strip(), due_on, day
    row.status, row.done_on, row.done_by = RemedyStatus.OPEN, None, ""
    session.flush()
    return row.id


@atomic
def mark_done(
    session: Session,
    actor: Actor,
    *,
    unit: str | uuid.UUID,
    rule_id: str,
    subject: str | None = None,
    on: date | None = None,
) -> None:
    """Mark a remedy done (已整改) on ``on`` (today by default); done already changes nothing.

    Raises:
        UnknownRecord, PermissionDenied: no such unit or remedy, not the actor's unit.
    """
    found = lookup.by_key(session, OrgUnit, unit)
    require(session, actor, Action.EDIT_RECORDS, unit_id=found.id)
    row = _find(session, found.id, rule_id.strip(), subject)
    if row is None:
        what = "，".join(t for t in (found.name, rule_id.strip(), _subject(subject)) if t)
        raise UnknownRecord(kind=KIND, key=what)
    if row.done_on is None:
        row.status, row.done_on, row.done_by = RemedyStatus.DONE, on or date.today(), actor.name
        session.flush()


def review(session: Session, result: CheckResult) -> dict[Key, RemedyRow]:
    """The remedies of the checked units with their status on the check's date: one whose
    problem the check covered and no longer found is done on that date (read only; reports
    use it, :func:`settle` records it)."""
    return {row.key: row for _remedy, row in _reviewed(session, result)}


def settle(session: Session, actor: Actor, result: CheckResult) -> dict[Key, RemedyRow]:
    """Mark done, on the check's date, each open remedy whose problem the check covered and no
    longer found; return what :func:`review` returns.

    Settling is what the check found, not a decision of the actor's, so it needs no right;
    the audit records who ran the check. A remedy of a unit another office keeps (a town's,
    at the county) is shown done but left to that office's own check and package.
    """
    del actor
    kept = guard.owners(session)
    shown: dict[Key, RemedyRow] = {}
    for remedy, row in _reviewed(session, result):
        theirs = kept is not None and kept.elsewhere(remedy.unit_id) is not None
        if row.done_on is not None and remedy.done_on is None and not theirs:
            remedy.status, remedy.done_on, remedy.done_by = row.status, row.done_on, row.done_by
        shown[row.key] = row
    session.flush()
    return shown


def _reviewed(session: Session, result: CheckResult) -> list[tuple[Remedy, RemedyRow]]:
    nodes = {u.id: u for u in result.units}
    profiles, _, _ = load_all()
    rules = {pid: {r.id for r in p.rules} for pid, p in profiles.items()}
    found = {key_of(f) for f in result.findings}
    reviewed = []
    for remedy in session.scalars(select(Remedy)):  # an office keeps tens, not thousands
        node = nodes.get(remedy.unit_id)
        if node is None:
            continue
        row = _row(remedy, node.code, node.name)
        profile = result.profile_id or node.effective_profile
        # a check of a future day (planning ahead) settles nothing
        covered = remedy.rule_id in rules.get(profile or "", ()) and result.on <= date.today()
        status = status_on(row, result.on, (row.key in found) if covered else None)
        row = replace(row, status=status)
        if status is RemedyStatus.DONE and row.done_on is None:
            row = replace(row, done_on=result.on, done_by=BY_CHECK, settled_now=True)
        reviewed.append((remedy, row))
    return reviewed


def _known_rule(rule_id: str) -> str:
    rule = rule_id.strip()
    profiles, _, _ = load_all()
    if not any(r.id == rule for p in profiles.values() for r in p.rules):
        raise UnknownRecord(kind="规则", key=rule)
    return rule


def _subject(subject: str | None) -> str:
    return (subject or "").strip()


def _find(session: Session, unit_id: uuid.UUID, rule_id: str, subject: str | None) -> Remedy | None:
    return session.scalar(
        select(Remedy).where(
            Remedy.unit_id == unit_id,
            Remedy.rule_id == rule_id,
            Remedy.subject == _subject(subject),
        )
    )


def completion(rows: Iterable[RemedyRow]) -> tuple[int, int]:
    """(done, all) of some remedies, for a 整改完成率."""
    listed = list(rows)
    return sum(r.status is RemedyStatus.DONE for r in listed), len(listed)
