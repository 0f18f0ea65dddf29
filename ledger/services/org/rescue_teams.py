"""Rescue teams (应急救援队伍) with their active headcount, and their members (队员).

Lists mask personal data (ID numbers, phones); :func:`member` returns it whole for the
editor. :func:`check_member` returns every problem of an entry as data, for live feedback;
:func:`save_member` refuses the first one.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import Gender, Nature, TeamType
from ledger.core.errors import DuplicateRecord, InvalidValue, MissingField, UnknownRecord
from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.models import Member, OrgUnit, Team
from ledger.services.accounts.permissions import (
    Action,
    effective,
    id_number_for,
    mask_id_number,
    mask_phone,
    phone_for,
    require,
)
from ledger.services.common.atomic import atomic
from ledger.services.org import people
from ledger.services.org.tree import descendants, get_unit


@dataclass(frozen=True)
class TeamRow:
    """A team with the number of members active on the query's date."""

    id: uuid.UUID
    code: str
    name: str
    unit_id: uuid.UUID
    unit_name: str
    team_type: TeamType
    nature: Nature
    leader: str
    phone: str
    founded_on: date | None
    headcount: int
    note: str
    disabled: bool = False  # 停用


@dataclass(frozen=True)
class TeamInput:
    """A team as entered; an empty code gets the next free one of its unit."""

    name: str
    unit_id: uuid.UUID
    team_type: TeamType
    nature: Nature
    code: str = ""
    leader: str = ""
    phone: str = ""
    founded_on: date | None = None
    note: str = ""


def _active(on: date) -> ColumnElement[bool]:
    return and_(
        or_(Member.joined_on.is_(None), Member.joined_on <= on),
        or_(Member.left_on.is_(None), Member.left_on > on),
    )


def teams(
    session: Session, actor: Actor, unit_id: uuid.UUID | None = None, on: date | None = None
) -> list[TeamRow]:
    """Teams of a unit and the units below it (all teams without ``unit_id``), by unit and name."""
    actor = effective(session, actor)  # personal data as the account may see it now
    on = on or date.today()
    headcount = (
        select(func.count(Member.id))
        .where(Member.team_id == Team.id, _active(on))
        .correlate(Team)
        .scalar_subquery()
    )
    query = select(Team, OrgUnit.name, headcount).join(OrgUnit, OrgUnit.id == Team.unit_id)
    if unit_id is not None:
        query = query.where(Team.unit_id.in_(descendants(session, unit_id)))
    query = query.order_by(OrgUnit.code, Team.code)
    return [
        TeamRow(
            t.id,
            t.code,
            t.name,
            t.unit_id,
            unit_name,
            t.team_type,
            t.nature,
            t.leader,
            phone_for(actor, t.phone),
            t.founded_on,
            int(count),
            t.note,
            t.disabled,
        )
        for t, unit_name, count in session.execute(query)
    ]


def team(session: Session, actor: Actor, team_id: uuid.UUID) -> TeamInput:
    """A team as the editor shows it (phone whole for those who may see it).

    Raises:
        UnknownRecord: no such team.
    """
    actor = effective(session, actor)  # personal data as the account may see it now
    found = _team(session, team_id)
    return TeamInput(
        found.name,
        found.unit_id,
        found.team_type,
        found.nature,
        found.code,
        found.leader,
        phone_for(actor, found.phone),
        found.founded_on,
        found.note,
    )


def _team(session: Session, team_id: uuid.UUID) -> Team:
    found = session.get(Team, team_id)
    if found is None:
        raise UnknownRecord(kind="队伍", key=str(team_id))
    return found


def _next_code(session: Session, unit_code: str) -> str:
    taken = set(session.scalars(select(Team.code).where(Team.code.like(f"{unit_code}-D%"))))
    number = 1
    while f"{unit_code}-D{number:02d}" in taken:
        number += 1
    return f"{unit_code}-D{number:02d}"


@atomic
def save_team(
    session: Session, actor: Actor, entry: TeamInput, team_id: uuid.UUID | None = None
) -> uuid.UUID:
    """Add a team, or change one (``team_id``).

    Raises:
        MissingField, InvalidValue, DuplicateRecord: what is wrong with the entry.
    """
    name = entry.name.strip()
    if not name:
        raise MissingField(where="队伍", field="队伍名称")
    unit = get_unit(session, entry.unit_id)
    require(session, actor, Action.EDIT_RECORDS, unit_id=unit.id)
    if team_id is not None:
        require(session, actor, Action.EDIT_RECORDS, unit_id=_team(session, team_id).unit_id)
    if entry.phone.strip() and (problem := people.phone_problem(entry.phone)):
        raise InvalidValue(where=name, field="联系电话", value=entry.phone, reason=problem)
    code = entry.code.strip() or _next_code(session, unit.code)
    other = session.scalar(select(Team.id).where(Team.code == code))
    if other is not None and other != team_id:
        raise DuplicateRecord(kind="队伍编号", key=code)
    found = _team(session, team_id) if team_id else Team(id=uuid.uuid4())
    found.code, found.name, found.unit_id = code, name, unit.id
    found.team_type, found.nature = entry.team_type, entry.nature
    found.leader, found.phone = entry.leader.strip(), people.normalize_phone(entry.phone)
    found.founded_on, found.note = entry.founded_on, entry.note.strip()
    session.add(found)
    session.flush()
    return found.id


@dataclass(frozen=True)
class MemberRow:
    """A member as lists show it: ID number and phone masked."""

    id: uuid.UUID
    team_id: uuid.UUID
    name: str
    gender: Gender | None
    birth_date: date | None
    id_masked: str
    phone_masked: str
    role: str
    nature: Nature
    joined_on: date | None
    left_on: date | None
    active: bool
    disabled: bool = False  # 停用


@dataclass(frozen=True)
class MemberInput:
    """A member as entered (whole personal data)."""

    name: str
    id_number: str = ""
    phone: str = ""
    gender: Gender | None = None
    birth_date: date | None = None
    role: str = ""
    nature: Nature = Nature.PART_TIME
    joined_on: date | None = None
    left_on: date | None = None


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an entry: the field (attribute name), its Chinese label, and why."""

    field: str
    label: str
    reason: str


def members(
    session: Session, team_id: uuid.UUID, on: date | None = None, include_left: bool = True
) -> list[MemberRow]:
    """The members of a team, active ones first, then by name."""
    on = on or date.today()
    query = select(Member).where(Member.team_id == team_id)
    if not include_left:
        query = query.where(_active(on))
    rows = [_member_row(m, on) for m in session.scalars(query)]
    return sorted(rows, key=lambda r: (not r.active, r.joined_on or date.min, r.name))


def _member_row(m: Member, on: date) -> MemberRow:
    return MemberRow(
        m.id,
        m.team_id,
        m.name,
        m.gender,
        m.birth_date,
        mask_id_number(m.id_number),
        mask_phone(m.phone),
        m.role,
        m.nature,
        m.joined_on,
        m.left_on,
        m.active_on(on),
        m.disabled,
    )


def members_with_id(
    session: Session, id_number: str, on: date | None = None
) -> list[tuple[MemberRow, str]]:
    """The members of every team with the full ID number ``id_number``, each with its team's
    name; masked as :func:`members` lists them.

    ID numbers are stored sealed (:mod:`ledger.models.personal`); the sealed text of the
    number sought is the lookup key, so the search is one indexed equality.
    """
    number = people.normalize_id_number(id_number)
    if not number:
        return []
    on = on or date.today()
    query = (
        select(Member, Team.name)
        .join(Team, Team.id == Member.team_id)
        .where(Member.id_number == number)
        .order_by(Team.code, Member.name)
    )
    return [(_member_row(m, on), team_name) for m, team_name in session.execute(query)]


def member(session: Session, actor: Actor, member_id: uuid.UUID) -> MemberInput:
    """A member for the editor: personal data whole for those who may see it.

    Raises:
        UnknownRecord: no such member.
    """
    actor = effective(session, actor)  # personal data as the account may see it now
    m = session.get(Member, member_id)
    if m is None:
        raise UnknownRecord(kind="队员", key=str(member_id))
    return MemberInput(
        m.name,
        id_number_for(actor, m.id_number),
        phone_for(actor, m.phone),
        m.gender,
        m.birth_date,
        m.role,
        m.nature,
        m.joined_on,
        m.left_on,
    )


def check_member(entry: MemberInput, today: date | None = None) -> list[Problem]:
    """Every problem of a member entry: name, ID number (GB 11643), mobile, dates."""
    found: list[Problem] = []
    if not entry.name.strip():
        found.append(Problem("name", "姓名", QT_TRANSLATE_NOOP("People", "必须填写")))
    number = people.normalize_id_number(entry.id_number)
    if number and (problem := people.id_number_problem(number, today)):
        found.append(Problem("id_number", "身份证号", problem))
    elif number and entry.birth_date and people.id_birth_date(number) != entry.birth_date:
        found.append(
            Problem(
                "birth_date", "出生日期", QT_TRANSLATE_NOOP("People", "与身份证号中的出生日期不符")
            )
        )
    if entry.phone.strip() and (problem := people.mobile_problem(entry.phone)):
        found.append(Problem("phone", "手机号", problem))
    if entry.joined_on and entry.left_on and entry.left_on <= entry.joined_on:
        found.append(
            Problem("left_on", "离队日期", QT_TRANSLATE_NOOP("People", "必须晚于入队日期"))
        )
    return found


@atomic
def save_member(
    session: Session,
    actor: Actor,
    team_id: uuid.UUID,
    entry: MemberInput,
    member_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """Add a member to a team, or change one (``member_id``).

    Birth date and gender are taken from the ID number when left empty.

    Raises:
        MissingField, InvalidValue: the first problem :func:`check_member` finds.
        DuplicateRecord: the ID number is already on this team's roster.
    """
    require(session, actor, Action.EDIT_RECORDS, unit_id=_team(session, team_id).unit_id)
    problems = check_member(entry)
    name = entry.name.strip()
    if problems:
        first = problems[0]
        if first.field == "name":
            raise MissingField(where="队员", field="姓名")
        raise InvalidValue(
            where=f"队员“{name}”",
            field=first.label,
            value=_value(entry, first),
            reason=first.reason,
        )
    number = people.normalize_id_number(entry.id_number)
    if number:
        other = session.scalar(
            select(Member.id).where(Member.team_id == team_id, Member.id_number == number)
        )
        if other is not None and other != member_id:
            raise DuplicateRecord(kind="身份证号", key=mask_id_number(number))
    found = session.get(Member, member_id) if member_id else Member(id=uuid.uuid4())
    if found is None:
        raise UnknownRecord(kind="队员", key=str(member_id))
    found.team_id, found.name, found.id_number = team_id, name, number
    found.phone = people.normalize_phone(entry.phone)
    found.gender = entry.gender or (people.id_gender(number) if number else None)
    found.birth_date = entry.birth_date or (people.id_birth_date(number) if number else None)
    found.role, found.nature = entry.role.strip(), entry.nature
    found.joined_on, found.left_on = entry.joined_on, entry.left_on
    session.add(found)
    session.flush()
    return found.id


def _value(entry: MemberInput, problem: Problem) -> str:
    values = {
        "id_number": mask_id_number(people.normalize_id_number(entry.id_number)),
        "phone": entry.phone,
        "birth_date": entry.birth_date.isoformat() if entry.birth_date else "",
        "left_on": entry.left_on.isoformat() if entry.left_on else "",
    }
    return values.get(problem.field, "")
