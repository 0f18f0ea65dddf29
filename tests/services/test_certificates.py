"""Members' certificates (证书): entered, changed, removed, and seen by the check's facts."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from ledger.core.actor import Actor
from ledger.core.enums import Level, Nature, TeamType
from ledger.core.errors import DuplicateRecord, InvalidValue, MissingField
from ledger.models import AuditRow
from ledger.models.engine import Database
from ledger.services.norms.facts import gather_facts
from ledger.services.org import member_certificates as certificates
from ledger.services.org import rescue_teams as teams
from ledger.services.org import tree as org


@pytest.fixture
def member(db: Database, actor: Actor):
    with db.transaction(actor) as s:
        town = org.add_unit(s, actor, org.UnitInput("410122100000", "城关镇", Level.TOWN))
        entry = teams.TeamInput("城关镇救援队", town, TeamType.COMPREHENSIVE, Nature.PART_TIME)
        team = teams.save_team(s, actor, entry)
        return teams.save_member(s, actor, team, teams.MemberInput("张三"))


def _save(db: Database, actor: Actor, member, entry, cid=None):
    with db.transaction(actor) as s:
        return certificates.save_certificate(s, actor, member, entry, cid)


def test_a_certificate_is_added_changed_and_removed(db: Database, actor: Actor, member) -> None:
    entry = certificates.CertificateInput("救护员证", "HJ-001", "县红十字会", date(2027, 6, 30))
    cid = _save(db, actor, member, entry)
    _save(db, actor, member, certificates.CertificateInput("电工证", "DG-9"))
    with db.read() as s:
        rows = certificates.certificates(s, member)
    assert [(r.name, r.number, r.issuer, r.expires_on) for r in rows] == [
        ("救护员证", "HJ-001", "县红十字会", date(2027, 6, 30)),
        ("电工证", "DG-9", "", None),
    ]
    assert rows[0].expired_on(date(2027, 7, 1)) and not rows[0].expired_on(date(2027, 6, 30))
    changed = certificates.CertificateInput("救护员证", "HJ-001", "市红十字会", date(2029, 6, 30))
    _save(db, actor, member, changed, cid)
    with db.transaction(actor) as s:
        certificates.remove_certificate(s, actor, rows[1].id)
    with db.read() as s:
        (row,) = certificates.certificates(s, member)
        actions = s.scalars(
            select(AuditRow.action).where(AuditRow.table == "certificates").order_by(AuditRow.id)
        ).all()
    assert (row.issuer, row.expires_on) == ("市红十字会", date(2029, 6, 30))
    assert actions == ["insert", "insert", "update", "delete"]


def test_wrong_certificates_are_refused(db: Database, actor: Actor, member) -> None:
    _save(db, actor, member, certificates.CertificateInput("救护员证", "HJ-001"))
    with pytest.raises(MissingField, match="证书名称"):
        _save(db, actor, member, certificates.CertificateInput(" "))
    with pytest.raises(DuplicateRecord, match="张三"):
        _save(db, actor, member, certificates.CertificateInput("救护员证", "HJ-001"))
    late = certificates.CertificateInput("电工证", "", "", date(2020, 1, 1), date(2021, 1, 1))
    with pytest.raises(InvalidValue, match="有效期至"):
        _save(db, actor, member, late)


def test_the_check_sees_an_entered_certificate(db: Database, actor: Actor, member) -> None:
    _save(db, actor, member, certificates.CertificateInput("救护员证", "", "", date(2026, 1, 1)))
    with db.read() as s:
        facts = gather_facts(s, date(2026, 3, 1))
    assert [(c.name, c.expires_on) for c in facts.certificates] == [("救护员证", date(2026, 1, 1))]
