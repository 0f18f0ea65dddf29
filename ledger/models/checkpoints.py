"""Signed checkpoints (校验点): the heads of the movement and audit chains, signed with the
office's key at each month close, backup and exchange export, and those of other offices as
their packages bring them, so a history rewritten inside the file shows against them."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ledger.models.base import Base, Keyed, utcnow


class Checkpoint(Keyed, Base):
    """One signed checkpoint of an installation's chains (this office's or a sender's)."""

    __tablename__ = "checkpoints"

    installation_id: Mapped[uuid.UUID] = mapped_column(index=True)
    taken_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: "close" (月结), "backup" (备份) or "export" (数据交换包).
    occasion: Mapped[str] = mapped_column(String(10))
    #: The signed JSON: installation, occasion, time, audit head, movement heads per depot.
    payload: Mapped[str] = mapped_column(Text)
    #: SHA-256 of the payload (the ledger's fingerprint is taken from it).
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    #: Ed25519 signature of the payload (hex).
    signature: Mapped[str] = mapped_column(String(128))


Index("ix_checkpoints_taken", Checkpoint.installation_id, Checkpoint.taken_at)
