"""Incidents with their numbers, certificates with their issuers and 停用 travel in packages."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ledger.core.actor import SYSTEM
from ledger.core.enums import IncidentKind
from ledger.models import Certificate, Incident, Member, Team
from ledger.services.org import incident_records as incidents
from ledger.services.org import member_certificates as certificates
from ledger.services.org.lifecycle import RecordKind, set_disabled
from tests.services.exchange_world import Office, set_up_town, unit_id
from tests.services.test_exchange import make_db, world  # noqa: F401 - fixtures


def test_a_towns_incident_certificate_and_disabled_team_reach_the_county(
    world: tuple[Office, Office, Office],  # noqa: F811
) -> None:
    county, a, _ = world
    set_up_town(a, "A")
    with a.tx() as s:
        entry = incidents.IncidentInput(
            unit_id(s, a.unit), IncidentKind.FLOOD, "7·20 暴雨", date(2026, 7, 20), place="河口村"
        )
        incidents.save_incident(s, SYSTEM, entry)
        member = s.scalars(select(Member).where(Member.name == "张三")).one()
        cert = certificates.CertificateInput("救护员证", "HJ-1", "县红十字会", date(2027, 1, 1))
        certificates.save_certificate(s, SYSTEM, member.id, cert)
    a.send_to(county)
    with a.tx() as s:
        team = s.scalars(select(Team).where(Team.code == "A-T1")).one()
        set_disabled(s, SYSTEM, RecordKind.TEAM, team.id, True)
    a.send_to(county)
    with county.db.read() as s:
        flood = s.scalars(select(Incident)).one()
        held = s.scalars(select(Certificate)).one()
        team = s.scalars(select(Team).where(Team.code == "A-T1")).one()
    assert (flood.code, flood.place) == ("SJ-2026-001", "河口村")
    assert (held.issuer, held.expires_on) == ("县红十字会", date(2027, 1, 1))
    assert team.disabled
