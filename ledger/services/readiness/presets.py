"""Starting points of a readiness plan: the profiles' scaled reserve rules and the incidents."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.models import Incident, OrgUnit
from ledger.services.norms import profiles as norm_profiles
from ledger.services.norms import settings as norm_settings


@dataclass(frozen=True)
class Preset:
    """People, days (and units, date, incident when it comes from one) to start a plan from."""

    title: str
    people: int | None
    days: int | None
    profile_id: str | None = None
    rule_id: str | None = None
    unit_codes: tuple[str, ...] = ()
    on: date | None = None
    incident_id: uuid.UUID | None = None


def presets(session: Session) -> list[Preset]:
    """The scaled reserve rules of every installed profile (e.g. 5千人15天), then the incidents
    (their unit and start date; the days they lasted when they ended), newest first."""
    out: list[Preset] = []
    infos, _ = norm_profiles.list_profiles()
    for info in infos:
        for rule in norm_settings.scaled_rules(info.id):
            out.append(
                Preset(f"{info.name}：{rule.title}", rule.people, rule.days, info.id, rule.rule_id)
            )
    rows = session.execute(
        select(Incident, OrgUnit.code)
        .join(OrgUnit, OrgUnit.id == Incident.unit_id)
        .order_by(Incident.started_on.desc(), Incident.name)
    ).all()
    for incident, code in rows:
        days = (incident.ended_on - incident.started_on).days + 1 if incident.ended_on else None
        out.append(
            Preset(
                incident.name,
                None,
                days,
                unit_codes=(code,),
                on=incident.started_on,
                incident_id=incident.id,
            )
        )
    return out
