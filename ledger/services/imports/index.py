"""What an import needs to know of the database: its records by code, loaded once per import."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.core.enums import Level
from ledger.models import Certificate, Depot, Equipment, Incident, Item, Member, OrgUnit, Post, Team


@dataclass
class Index:
    """The database's records by their import keys; new records are added as they are made."""

    units: dict[str, OrgUnit] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)
    items: dict[str, Item] = field(default_factory=dict)
    depots: dict[str, Depot] = field(default_factory=dict)
    equipment: dict[str, Equipment] = field(default_factory=dict)
    members: dict[tuple[str, str], Member] = field(default_factory=dict)
    posts: dict[tuple[str, object, str], Post] = field(default_factory=dict)
    incidents: dict[str, Incident] = field(default_factory=dict)
    certificates: dict[tuple[str, str, str, str], Certificate] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> Index:
        """Load every record an import may match, keyed as the workbook names them."""
        idx = cls(
            units={u.code: u for u in session.scalars(select(OrgUnit))},
            teams={t.code: t for t in session.scalars(select(Team))},
            items={i.code: i for i in session.scalars(select(Item))},
            depots={d.code: d for d in session.scalars(select(Depot))},
            equipment={e.serial: e for e in session.scalars(select(Equipment))},
        )
        team_codes = {t.id: code for code, t in idx.teams.items()}
        for member in session.scalars(select(Member)):
            key = member.id_number or f"name:{member.name}"
            idx.members[(team_codes[member.team_id], key)] = member
        unit_codes = idx.unit_codes()
        for post in session.scalars(select(Post)):
            idx.posts[(unit_codes[post.unit_id], post.kind, post.name)] = post
        idx.incidents = {i.code: i for i in session.scalars(select(Incident)) if i.code}
        members = {m.id: m for m in idx.members.values()}
        for cert in session.scalars(select(Certificate)):
            member = members[cert.member_id]
            held = (team_codes[member.team_id], member.name, cert.name, cert.number)
            idx.certificates[held] = cert
        return idx

    def members_named(self, team_code: str, name: str) -> list[Member]:
        """The members of a team (by code) called ``name``."""
        return [m for (team, _), m in self.members.items() if team == team_code and m.name == name]

    def codes(self) -> dict[str, set[str]]:
        """The codes of each kind, as plain sets."""
        return {
            "units": set(self.units),
            "teams": set(self.teams),
            "items": set(self.items),
            "depots": set(self.depots),
            "equipment": set(self.equipment),
        }

    def unit_codes(self) -> dict[uuid.UUID, str]:
        """Org unit codes by id."""
        return {u.id: code for code, u in self.units.items()}

    def unit_level(self, code: str) -> Level | None:
        """The level of the unit with ``code`` in the database, if there is one."""
        unit = self.units.get(code)
        return unit.level if unit else None

    def name_of(self, kind: str, code: str) -> str | None:
        """The name the database gives ``code`` of ``kind`` (units, teams, items, depots)."""
        record = getattr(self, kind).get(code)
        return record.name if record is not None else None
