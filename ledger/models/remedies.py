"""Rectification records (整改台账): who fixes a shortfall finding, how, by when, and when done.

A finding is recomputed by every check, so a remedy is keyed by what identifies the problem
from one check to the next: the unit, the rule and the subject ("" when the rule has none).
The unit is also the remedy's home unit: only its office changes it, and it travels in
exchange packages with the unit's other records.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ledger.core.enums import RemedyStatus
from ledger.models.base import Base, Stamped
from ledger.models.org import enum_type


class Remedy(Stamped, Base):
    """The rectification of one finding: owner (责任单位/责任人), measure, due date, status."""

    __tablename__ = "remedies"
    __table_args__ = (UniqueConstraint("unit_id", "rule_id", "subject"),)

    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("org_units.id"), index=True)
    rule_id: Mapped[str] = mapped_column(String(64))
    #: The finding's subject (team, depot, item …); "" for a rule about the unit as a whole.
    subject: Mapped[str] = mapped_column(String(200), default="")
    owner: Mapped[str] = mapped_column(String(100))
    measure: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date]
    #: The day the remedy was recorded: checks of earlier dates do not settle it.
    set_on: Mapped[date]
    #: Stored ``open`` or ``done``; ``overdue`` is derived from the due date and the check.
    status: Mapped[RemedyStatus] = mapped_column(enum_type(RemedyStatus), default=RemedyStatus.OPEN)
    done_on: Mapped[date | None]
    #: Who marked it done, or 短板检查 when a check no longer found the problem.
    done_by: Mapped[str] = mapped_column(String(50), default="")
