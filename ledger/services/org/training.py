"""Drills held (演练) and training records (培训) of org units.

Plans ask for at least one drill a year and a number of training days per person a year;
these rows are what the norm checks count.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import Trainee
from ledger.core.errors import InvalidValue, MissingField
from ledger.core.quantity import to_decimal
from ledger.models import Drill, Team, Training
from ledger.services.accounts.permissions import Action, mask_id_number, require
from ledger.services.common.atomic import atomic
from ledger.services.org import people
from ledger.services.org.tree import get_unit


@dataclass(frozen=True)
class DrillRow:
    """A drill held by a unit (or one of its teams)."""

    id: uuid.UUID
    unit_id: uuid.UUID
    team_id: uuid.UUID | None
    team_name: str
    held_on: date
    title: str
    plan: str
    comprehensive: bool
    participants: int
    note: str


@dataclass(frozen=True)
class DrillInput:
    """A drill as entered."""

    held_on: date
    title: str
    plan: str = ""
    participants: int = 0
    comprehensive: bool = False
    team_id: uuid.UUID | None = None
    note: str = ""


def drills(session: Session, unit_id: uuid.UUID) -> list[DrillRow]:
    """The drills of a unit, newest first."""
    query = (
        select(Drill, Team.name)
        .outerjoin(Team, Team.id == Drill.team_id)
        .where(Drill.unit_id == unit_id)
        .order_by(Drill.held_on.desc(), Drill.title)
    )
    return [
        DrillRow(
            d.id,
            d.unit_id,
            d.team_id,
            team or "",
            d.held_on,
            d.title,
            d.plan,
            d.comprehensive,
            d.participants,
            d.note,
        )
        for d, team in session.execute(query)
    ]


@atomic
def add_drill(session: Session, actor: Actor, unit_id: uuid.UUID, entry: DrillInput) -> uuid.UUID:
    """Record a drill held by a unit.

    Raises:
        MissingField, InvalidValue: no title, a negative count or a date in the future.
    """
    require(session, actor, Action.EDIT_RECORDS, unit_id=unit_id)
    get_unit(session, unit_id)
    title = entry.title.strip()
    if not title:
        raise MissingField(where="演练", field="演练名称")
    if entry.participants < 0:
        raise InvalidValue(
            where=title, field="参演人数", value=str(entry.participants), reason="不能为负数"
        )
    if entry.held_on > date.today():
        raise InvalidValue(
            where=title, field="演练日期", value=entry.held_on.isoformat(), reason="不能晚于今天"
        )
    drill = Drill(
        id=uuid.uuid4(),
        unit_id=unit_id,
        team_id=entry.team_id,
        held_on=entry.held_on,
        title=title,
        plan=entry.plan.strip(),
        comprehensive=entry.comprehensive,
        participants=entry.participants,
        note=entry.note.strip(),
    )
    session.add(drill)
    session.flush()
    return drill.id


@dataclass(frozen=True)
class TrainingRow:
    """A person's training record; the ID number is masked."""

    id: uuid.UUID
    unit_id: uuid.UUID
    person: str
    id_masked: str
    started_on: date
    days: Decimal
    subject: str
    trainee: Trainee = Trainee.STAFF


@dataclass(frozen=True)
class TrainingInput:
    """A training record as entered."""

    person: str
    started_on: date
    days: Decimal | int | str
    subject: str = ""
    id_number: str = ""
    member_id: uuid.UUID | None = None
    #: Whose training it is; by default a team member's when a roster line is given, else staff.
    trainee: Trainee | None = None


def trainings(session: Session, unit_id: uuid.UUID) -> list[TrainingRow]:
    """The training records of a unit, newest first."""
    query = (
        select(Training)
        .where(Training.unit_id == unit_id)
        .order_by(Training.started_on.desc(), Training.person)
    )
    return [
        TrainingRow(
            t.id,
            t.unit_id,
            t.person,
            mask_id_number(t.id_number),
            t.started_on,
            t.days,
            t.subject,
            t.trainee,
        )
        for t in session.scalars(query)
    ]


@atomic
def add_training(
    session: Session, actor: Actor, unit_id: uuid.UUID, entry: TrainingInput
) -> uuid.UUID:
    """Record that a person of a unit was trained for some days on a subject.

    Raises:
        MissingField, InvalidValue: no name, days not above zero, or a bad ID number.
    """
    require(session, actor, Action.EDIT_RECORDS, unit_id=unit_id)
    get_unit(session, unit_id)
    person = entry.person.strip()
    if not person:
        raise MissingField(where="培训记录", field="姓名")
    days = to_decimal(entry.days, places=1, what="培训天数")
    if days <= 0:
        raise InvalidValue(where=person, field="培训天数", value=str(days), reason="必须大于零")
    number = people.normalize_id_number(entry.id_number)
    if number and (problem := people.id_number_problem(number)):
        raise InvalidValue(where=person, field="身份证号", value=number, reason=problem)
    record = Training(
        id=uuid.uuid4(),
        unit_id=unit_id,
        member_id=entry.member_id,
        person=person,
        id_number=number,
        started_on=entry.started_on,
        days=days,
        subject=entry.subject.strip(),
        trainee=entry.trainee or (Trainee.MEMBER if entry.member_id is not None else Trainee.STAFF),
    )
    session.add(record)
    session.flush()
    return record.id
