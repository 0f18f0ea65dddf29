"""Members' certificates (证书): list, add, change and remove, with their expiry."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.errors import DuplicateRecord, InvalidValue, MissingField, UnknownRecord
from ledger.models import Certificate, Member, Team
from ledger.services.accounts.permissions import Action, require
from ledger.services.common.atomic import atomic


@dataclass(frozen=True)
class CertificateInput:
    """A certificate as entered."""

    name: str
    number: str = ""
    issuer: str = ""
    expires_on: date | None = None
    issued_on: date | None = None


@dataclass(frozen=True)
class CertificateRow:
    """A certificate of a member."""

    id: uuid.UUID
    member_id: uuid.UUID
    name: str
    number: str
    issuer: str
    issued_on: date | None
    expires_on: date | None

    def expired_on(self, day: date) -> bool:
        """Whether the certificate is no longer valid on ``day``."""
        return self.expires_on is not None and self.expires_on < day


def certificates(session: Session, member_id: uuid.UUID) -> list[CertificateRow]:
    """The certificates of a member, by name."""
    query = select(Certificate).where(Certificate.member_id == member_id)
    return [
        CertificateRow(c.id, c.member_id, c.name, c.number, c.issuer, c.issued_on, c.expires_on)
        for c in session.scalars(query.order_by(Certificate.name, Certificate.number))
    ]


def _member(session: Session, actor: Actor, member_id: uuid.UUID) -> Member:
    found = session.get(Member, member_id)
    if found is None:
        raise UnknownRecord(kind="队员", key=str(member_id))
    team = session.get(Team, found.team_id)
    require(session, actor, Action.EDIT_RECORDS, unit_id=team.unit_id if team else None)
    return found


@atomic
def save_certificate(
    session: Session,
    actor: Actor,
    member_id: uuid.UUID,
    entry: CertificateInput,
    certificate_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """Add a certificate to a member, or change one (``certificate_id``).

    Raises:
        MissingField: no certificate name.
        InvalidValue: valid until before issued.
        DuplicateRecord: the member already holds this certificate name and number.
    """
    member = _member(session, actor, member_id)
    name, number = entry.name.strip(), entry.number.strip()
    if not name:
        raise MissingField(where=f"队员“{member.name}”的证书", field="证书名称")
    if entry.issued_on and entry.expires_on and entry.expires_on < entry.issued_on:
        raise InvalidValue(
            where=f"证书“{name}”",
            field="有效期至",
            value=entry.expires_on.isoformat(),
            reason=f"早于发证日期 {entry.issued_on.isoformat()}",
        )
    same = select(Certificate.id).where(
        Certificate.member_id == member_id, Certificate.name == name, Certificate.number == number
    )
    other = session.scalar(same)
    if other is not None and other != certificate_id:
        raise DuplicateRecord(kind=f"队员“{member.name}”的证书", key=f"{name} {number}".strip())
    if certificate_id is None:
        found = Certificate(id=uuid.uuid4(), member_id=member_id)
    else:
        existing = session.get(Certificate, certificate_id)
        if existing is None or existing.member_id != member_id:
            raise UnknownRecord(kind="证书", key=str(certificate_id))
        found = existing
    found.name, found.number, found.issuer = name, number, entry.issuer.strip()
    found.issued_on, found.expires_on = entry.issued_on, entry.expires_on
    session.add(found)
    session.flush()
    return found.id


@atomic
def remove_certificate(session: Session, actor: Actor, certificate_id: uuid.UUID) -> None:
    """Remove a certificate entered by mistake (audited like every change).

    Raises:
        UnknownRecord: no such certificate.
    """
    found = session.get(Certificate, certificate_id)
    if found is None:
        raise UnknownRecord(kind="证书", key=str(certificate_id))
    _member(session, actor, found.member_id)
    session.delete(found)
    session.flush()
