"""Local accounts (用户): role, password hash, lockout state, and a keeper's depots and units.

A keeper (保管员) posts only in the depots listed for it; an office (应急办) works on its home
units and their subordinate units. The password hash is an argon2 string; the audit log records
that it changed, never its value (see ``info={"secret": True}``).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ledger.core.enums import Role
from ledger.models.base import Base, Keyed, Stamped
from ledger.models.org import enum_type


class User(Stamped, Base):
    """An account that logs in; rows are disabled, never deleted, so the audit keeps its name."""

    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(50), unique=True)
    display_name: Mapped[str] = mapped_column(String(50), default="")
    role: Mapped[Role] = mapped_column(enum_type(Role))
    password_hash: Mapped[str] = mapped_column(String(200), default="", info={"secret": True})
    failed_attempts: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    must_change_password: Mapped[bool] = mapped_column(default=True)
    active: Mapped[bool] = mapped_column(default=True)
    last_login_at: Mapped[datetime | None]
    #: argon2 hash of an administrator's offline recovery code (kept on paper), or "".
    recovery_hash: Mapped[str] = mapped_column(
        String(200), default="", server_default=text("''"), info={"secret": True}
    )

    depots: Mapped[list[UserDepot]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )
    units: Mapped[list[UserUnit]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role.value}>"


class UserDepot(Keyed, Base):
    """A depot a keeper looks after (its posting rights)."""

    __tablename__ = "user_depots"
    __table_args__ = (UniqueConstraint("user_id", "depot_id"),)

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    depot_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("depots.id"))

    user: Mapped[User] = relationship(back_populates="depots")


class UserUnit(Keyed, Base):
    """A home unit of an office account; its subordinate units come with it."""

    __tablename__ = "user_units"
    __table_args__ = (UniqueConstraint("user_id", "unit_id"),)

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("org_units.id"))

    user: Mapped[User] = relationship(back_populates="units")
