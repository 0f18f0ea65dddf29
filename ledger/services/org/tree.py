"""Org units (行政区划) as a tree, and their posts (岗位人员); drills are in ``drills``.

Queries return frozen rows; edits take ``(session, actor, ...)``, refuse with a
:class:`~ledger.core.errors.LedgerError` naming the field, and never commit.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.core import geo
from ledger.core.actor import Actor
from ledger.core.enums import KNOWN_FLAGS, Level, PostKind
from ledger.core.errors import DuplicateRecord, InvalidValue, MissingField, UnknownRecord
from ledger.models import OrgUnit, Post
from ledger.services.accounts.permissions import Action, effective, phone_for, require
from ledger.services.common.atomic import atomic
from ledger.services.norms import profiles as norm_profiles
from ledger.services.org import people


@dataclass(frozen=True)
class UnitRow:
    """One org unit; ``profile`` is the norm profile in force (own or inherited)."""

    id: uuid.UUID
    code: str
    name: str
    level: Level
    parent_id: uuid.UUID | None
    population: int | None
    flags: tuple[str, ...]
    profile_id: str | None
    profile: str | None
    note: str
    disabled: bool = False  # 停用
    latitude: Decimal | None = None  # WGS-84 decimal degrees
    longitude: Decimal | None = None


@dataclass(frozen=True)
class UnitInput:
    """An org unit as entered; the parent is changed with :func:`move_unit`."""

    code: str
    name: str
    level: Level
    parent_id: uuid.UUID | None = None
    population: int | None = None
    flags: Sequence[str] = ()
    profile_id: str | None = None
    note: str = ""
    latitude: Decimal | str | None = None  # WGS-84 decimal degrees, both or neither
    longitude: Decimal | str | None = None


def units(session: Session) -> list[UnitRow]:
    """Every unit, parents before children, by level then code."""
    found = session.scalars(select(OrgUnit)).all()
    by_id = {u.id: u for u in found}

    def profile(unit: OrgUnit) -> str | None:
        seen: set[uuid.UUID] = set()
        node: OrgUnit | None = unit
        while node is not None and node.id not in seen:
            if node.profile_id:
                return node.profile_id
            seen.add(node.id)
            node = by_id.get(node.parent_id) if node.parent_id else None
        return None

    rows = [
        UnitRow(
            u.id,
            u.code,
            u.name,
            u.level,
            u.parent_id,
            u.population,
            tuple(u.flags or ()),
            u.profile_id,
            profile(u),
            u.note,
            u.disabled,
            u.latitude,
            u.longitude,
        )
        for u in found
    ]
    return sorted(rows, key=lambda r: (r.level.rank, r.code))


def has_units(session: Session) -> bool:
    """Whether the database holds any org unit (an empty one gets the first-start wizard)."""
    return session.scalar(select(OrgUnit.id).limit(1)) is not None


def root_profiles(session: Session) -> list[str]:
    """The norm profiles set on the top units (those without a parent), sorted."""
    chosen = select(OrgUnit.profile_id).where(
        OrgUnit.parent_id.is_(None), OrgUnit.profile_id.is_not(None)
    )
    return sorted(set(session.scalars(chosen)))


def unit(session: Session, unit_id: uuid.UUID) -> UnitRow:
    """One unit by id.

    Raises:
        UnknownRecord: no such unit.
    """
    for row in units(session):
        if row.id == unit_id:
            return row
    raise UnknownRecord(kind="单位", key=str(unit_id))


def descendants(session: Session, unit_id: uuid.UUID) -> set[uuid.UUID]:
    """The ids of a unit and every unit below it."""
    children: dict[uuid.UUID | None, list[uuid.UUID]] = {}
    for uid, parent in session.execute(select(OrgUnit.id, OrgUnit.parent_id)):
        children.setdefault(parent, []).append(uid)
    found, todo = set(), [unit_id]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(children.get(current, []))
    return found


def get_unit(session: Session, unit_id: uuid.UUID) -> OrgUnit:
    """The unit entity of an id (for other services).

    Raises:
        UnknownRecord: no such unit.
    """
    found = session.get(OrgUnit, unit_id)
    if found is None:
        raise UnknownRecord(kind="单位", key=str(unit_id))
    return found


def _check_unit(session: Session, entry: UnitInput, own_id: uuid.UUID | None) -> None:
    code, name = entry.code.strip(), entry.name.strip()
    if not code:
        raise MissingField(where="单位", field="区划代码")
    if not name:
        raise MissingField(where=f"单位“{code}”", field="名称")
    if any(ch.isspace() for ch in code):
        raise InvalidValue(where="单位", field="区划代码", value=code, reason="不能含空格")
    other = session.scalar(select(OrgUnit.id).where(OrgUnit.code == code))
    if other is not None and other != own_id:
        raise DuplicateRecord(kind="区划代码", key=code)
    if entry.population is not None and entry.population < 0:
        raise InvalidValue(
            where=name, field="常住人口", value=str(entry.population), reason="不能为负数"
        )
    if entry.profile_id:
        norm_profiles.profile(entry.profile_id)
    unknown = [f for f in entry.flags if f not in KNOWN_FLAGS]
    if unknown:
        raise InvalidValue(
            where=name, field="标志", value=unknown[0], reason="可选：" + "、".join(KNOWN_FLAGS)
        )
    geo.pair(entry.latitude, entry.longitude, f"单位“{name}”")


def _check_parent(session: Session, level: Level, parent_id: uuid.UUID | None) -> None:
    if parent_id is None:
        return
    parent = get_unit(session, parent_id)
    if parent.level.rank >= level.rank:
        raise InvalidValue(
            where="单位",
            field="上级单位",
            value=parent.name,
            reason=f"{level.label}不能隶属于{parent.level.label}",
        )


@atomic
def add_unit(session: Session, actor: Actor, entry: UnitInput) -> uuid.UUID:
    """Add an org unit below ``entry.parent_id``.

    Raises:
        MissingField, InvalidValue, DuplicateRecord: what is wrong with the entry.
    """
    require(session, actor, Action.EDIT_RECORDS, unit_id=entry.parent_id)
    _check_unit(session, entry, None)
    _check_parent(session, entry.level, entry.parent_id)
    new = OrgUnit(
        id=uuid.uuid4(),
        code=entry.code.strip(),
        name=entry.name.strip(),
        level=entry.level,
        parent_id=entry.parent_id,
        population=entry.population,
        flags=list(entry.flags),
        profile_id=entry.profile_id or None,
        note=entry.note.strip(),
    )
    new.latitude, new.longitude = geo.pair(entry.latitude, entry.longitude, new.name)
    session.add(new)
    session.flush()
    return new.id


@atomic
def update_unit(session: Session, actor: Actor, unit_id: uuid.UUID, entry: UnitInput) -> None:
    """Change a unit's code, name, level, population, flags, profile and note."""
    require(session, actor, Action.EDIT_RECORDS, unit_id=unit_id)
    found = get_unit(session, unit_id)
    _check_unit(session, entry, unit_id)
    _check_parent(session, entry.level, found.parent_id)
    for child in found.children:
        if child.level.rank <= entry.level.rank:
            raise InvalidValue(
                where=found.name,
                field="级别",
                value=entry.level.label,
                reason=f"下级单位“{child.name}”是{child.level.label}",
            )
    found.code, found.name, found.level = entry.code.strip(), entry.name.strip(), entry.level
    found.population, found.flags = entry.population, list(entry.flags)
    found.profile_id, found.note = entry.profile_id or None, entry.note.strip()
    found.latitude, found.longitude = geo.pair(entry.latitude, entry.longitude, found.name)
    session.flush()


@atomic
def move_unit(
    session: Session, actor: Actor, unit_id: uuid.UUID, parent_id: uuid.UUID | None
) -> None:
    """Put a unit (with everything below it) under another parent.

    Raises:
        InvalidValue: the new parent is the unit itself, below it, or of a lower level.
    """
    require(session, actor, Action.EDIT_RECORDS, unit_id=unit_id)
    if parent_id is not None:
        require(session, actor, Action.EDIT_RECORDS, unit_id=parent_id)
    found = get_unit(session, unit_id)
    if parent_id is not None and parent_id in descendants(session, unit_id):
        raise InvalidValue(
            where=found.name,
            field="上级单位",
            value=get_unit(session, parent_id).name,
            reason="不能移到自身或自己的下级之下",
        )
    _check_parent(session, found.level, parent_id)
    found.parent_id = parent_id
    session.flush()


@dataclass(frozen=True)
class PostRow:
    """A person in a post of a unit."""

    id: uuid.UUID
    unit_id: uuid.UUID
    kind: PostKind
    name: str
    phone: str
    since: date | None
    until: date | None


@dataclass(frozen=True)
class PostInput:
    """A post holder as entered."""

    kind: PostKind
    name: str
    phone: str = ""
    since: date | None = None
    until: date | None = None


def posts(session: Session, actor: Actor, unit_id: uuid.UUID) -> list[PostRow]:
    """The posts of a unit, in the order of :class:`PostKind`, current holders first.

    Phones are whole only for those who may see personal data.
    """
    actor = effective(session, actor)  # personal data as the account may see it now
    order = {k: i for i, k in enumerate(PostKind)}
    found = session.scalars(select(Post).where(Post.unit_id == unit_id)).all()
    rows = [
        PostRow(p.id, p.unit_id, p.kind, p.name, phone_for(actor, p.phone), p.since, p.until)
        for p in found
    ]
    return sorted(rows, key=lambda r: (order[r.kind], r.until is not None, r.name))


@atomic
def save_post(
    session: Session,
    actor: Actor,
    unit_id: uuid.UUID,
    entry: PostInput,
    post_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """Add a post holder to a unit, or change one (``post_id``).

    Raises:
        MissingField, InvalidValue: no name, a bad phone number or dates out of order.
    """
    require(session, actor, Action.EDIT_RECORDS, unit_id=unit_id)
    get_unit(session, unit_id)
    name = entry.name.strip()
    if not name:
        raise MissingField(where=entry.kind.label, field="姓名")
    if entry.phone.strip() and (problem := people.phone_problem(entry.phone)):
        raise InvalidValue(where=name, field="联系电话", value=entry.phone, reason=problem)
    if entry.since and entry.until and entry.until < entry.since:
        raise InvalidValue(
            where=name, field="离任日期", value=entry.until.isoformat(), reason="早于任职日期"
        )
    post = session.get(Post, post_id) if post_id else Post(id=uuid.uuid4(), unit_id=unit_id)
    if post is None:
        raise UnknownRecord(kind="岗位人员", key=str(post_id))
    post.kind, post.name, post.phone = entry.kind, name, people.normalize_phone(entry.phone)
    post.since, post.until = entry.since, entry.until
    session.add(post)
    session.flush()
    return post.id


@atomic
def remove_post(session: Session, actor: Actor, post_id: uuid.UUID) -> None:
    """Delete a post record entered by mistake (a holder who left gets a 离任日期 instead)."""
    post = session.get(Post, post_id)
    if post is None:
        raise UnknownRecord(kind="岗位人员", key=str(post_id))
    require(session, actor, Action.EDIT_RECORDS, unit_id=post.unit_id)
    session.delete(post)
    session.flush()
