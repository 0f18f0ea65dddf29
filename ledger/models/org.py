"""Org units (行政区划), their posts (岗位人员), drills (演练) and training records (培训).

A post holder's phone and a trainee's ID number are sealed at rest (:mod:`ledger.models.personal`).
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from enum import Enum as PyEnum
from typing import Any

from sqlalchemy import JSON, Enum, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ledger.core import geo
from ledger.core.enums import Level, PostKind, Trainee
from ledger.models.base import Base, Disableable, ScaledDecimal, Stamped
from ledger.models.personal import EncryptedText


def enum_type(enum_cls: type[PyEnum]) -> Enum:
    """A portable enum column storing the member's code as text (no native DB enum)."""
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


class OrgUnit(Disableable, Stamped, Base):
    """A node of the administrative tree: province … village, or a functional zone."""

    __tablename__ = "org_units"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[Level] = mapped_column(enum_type(Level))
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    population: Mapped[int | None]
    flags: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: Norm profile id bound to this unit; ``None`` inherits the parent's.
    profile_id: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")
    #: WGS-84 decimal degrees of the unit's seat; both or neither.
    latitude: Mapped[Decimal | None] = mapped_column(ScaledDecimal(geo.SCALE))
    longitude: Mapped[Decimal | None] = mapped_column(ScaledDecimal(geo.SCALE))

    parent: Mapped[OrgUnit | None] = relationship(
        remote_side="OrgUnit.id", back_populates="children"
    )
    children: Mapped[list[OrgUnit]] = relationship(back_populates="parent")
    posts: Mapped[list[Post]] = relationship(back_populates="unit", cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<OrgUnit {self.code} {self.name}>"


class Post(Stamped, Base):
    """A named person in a post of a unit (应急管理员, 灾害信息员, 安全劝导员, 网格员, 执法人员)."""

    __tablename__ = "posts"

    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("org_units.id"), index=True)
    kind: Mapped[PostKind] = mapped_column(enum_type(PostKind))
    name: Mapped[str] = mapped_column(String(50))
    phone: Mapped[str] = mapped_column(EncryptedText(20), default="")
    since: Mapped[date | None]
    until: Mapped[date | None]

    unit: Mapped[OrgUnit] = relationship(back_populates="posts")


class Drill(Stamped, Base):
    """A drill (演练) held by a unit or one of its teams."""

    __tablename__ = "drills"

    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("org_units.id"), index=True)
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("teams.id"))
    held_on: Mapped[date]
    title: Mapped[str] = mapped_column(String(200))
    #: The emergency plan (预案) the drill exercised.
    plan: Mapped[str] = mapped_column(String(200), default="")
    comprehensive: Mapped[bool] = mapped_column(default=False)
    participants: Mapped[int] = mapped_column(default=0)
    note: Mapped[str] = mapped_column(Text, default="")


class Training(Stamped, Base):
    """A training record (培训): a person trained for a number of days on a subject."""

    __tablename__ = "trainings"

    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("org_units.id"), index=True)
    member_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("members.id"), index=True)
    person: Mapped[str] = mapped_column(String(50))
    id_number: Mapped[str] = mapped_column(EncryptedText(18), default="")
    started_on: Mapped[date]
    days: Mapped[Decimal]
    subject: Mapped[str] = mapped_column(String(200), default="")
    #: Whose training it is: the office's staff (机构工作人员), team members or others.
    trainee: Mapped[Trainee] = mapped_column(
        enum_type(Trainee), default=Trainee.STAFF, server_default=Trainee.STAFF.value
    )


Index("ix_drills_unit_date", Drill.unit_id, Drill.held_on)
Index("ix_trainings_unit_date", Training.unit_id, Training.started_on)

__all__: list[Any] = ["Drill", "OrgUnit", "Post", "Training", "enum_type"]
