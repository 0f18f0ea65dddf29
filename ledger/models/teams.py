"""Rescue teams (应急救援队伍), their members (队员) and members' certificates.

Members' ID numbers and phones and the leader's phone are sealed at rest
(:mod:`ledger.models.personal`).
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ledger.core.enums import Gender, Nature, TeamType
from ledger.models.base import Base, Disableable, Stamped
from ledger.models.org import OrgUnit, enum_type
from ledger.models.personal import EncryptedText


class Team(Disableable, Stamped, Base):
    """A rescue team of a home unit."""

    __tablename__ = "teams"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("org_units.id"), index=True)
    team_type: Mapped[TeamType] = mapped_column(enum_type(TeamType))
    nature: Mapped[Nature] = mapped_column(enum_type(Nature))
    leader: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str] = mapped_column(EncryptedText(20), default="")  # the leader's
    founded_on: Mapped[date | None]
    note: Mapped[str] = mapped_column(Text, default="")

    unit: Mapped[OrgUnit] = relationship()
    members: Mapped[list[Member]] = relationship(back_populates="team")


class Member(Disableable, Stamped, Base):
    """A person on a team roster; active between ``joined_on`` and ``left_on``."""

    __tablename__ = "members"

    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teams.id"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    gender: Mapped[Gender | None] = mapped_column(enum_type(Gender))
    birth_date: Mapped[date | None]
    id_number: Mapped[str] = mapped_column(EncryptedText(18), default="", index=True)
    phone: Mapped[str] = mapped_column(EncryptedText(20), default="")
    role: Mapped[str] = mapped_column(String(50), default="")
    nature: Mapped[Nature] = mapped_column(enum_type(Nature), default=Nature.PART_TIME)
    joined_on: Mapped[date | None]
    left_on: Mapped[date | None]
    training_hours: Mapped[Decimal] = mapped_column(default=Decimal(0))

    team: Mapped[Team] = relationship(back_populates="members")
    certificates: Mapped[list[Certificate]] = relationship(
        back_populates="member", cascade="all, delete-orphan"
    )

    def active_on(self, day: date) -> bool:
        """Whether the member is on the roster on ``day``."""
        joined = self.joined_on is None or self.joined_on <= day
        return joined and (self.left_on is None or self.left_on > day)


class Certificate(Stamped, Base):
    """A member's certificate (证书) with its expiry."""

    __tablename__ = "certificates"

    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("members.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    number: Mapped[str] = mapped_column(String(50), default="")
    issuer: Mapped[str] = mapped_column(String(100), default="", server_default=text("''"))
    issued_on: Mapped[date | None]
    expires_on: Mapped[date | None]

    member: Mapped[Member] = relationship(back_populates="certificates")
