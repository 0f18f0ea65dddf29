"""Who may import what (导入权限): an office imports only records of its own units.

Admin imports anything. An office (应急办) may import a workbook only when every row lands in
its home units or below them: new units under one of its units, teams, posts, depots and
equipment of those units, members of their teams, opening stock of their depots. Catalogue
items are shared and any office may add them. Keepers and viewers import nothing. The first
row out of bounds is named in the refusal, and nothing of the workbook is written.
"""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import Role
from ledger.core.errors import PermissionDenied
from ledger.models import Equipment
from ledger.services.accounts.permissions import Action, in_units, role_may
from ledger.services.imports.index import Index
from ledger.services.imports.records import Batch, Ref


def require_import(session: Session, actor: Actor, batch: Batch, idx: Index) -> None:
    """Refuse the import unless the actor may write every row of ``batch``.

    Raises:
        PermissionDenied: naming the first sheet and row outside the actor's units.
    """
    if not role_may(actor, Action.IMPORT):
        raise PermissionDenied(user=actor.name, action="导入数据")
    if actor.role is Role.ADMIN:
        return
    anchors = _Anchors(batch, idx)
    for ref, what, unit_id in _rows(batch, idx, anchors):
        if unit_id is None or not in_units(session, actor, unit_id):
            raise PermissionDenied(
                user=actor.name,
                action=f"导入“{ref.sheet}”第{ref.row}行（{what}不属于本账户管辖的单位）",
            )


class _Anchors:
    """The existing unit each code of the workbook hangs from (None when it hangs nowhere)."""

    def __init__(self, batch: Batch, idx: Index) -> None:
        self.idx = idx
        self.units = {u.code: u for u in batch.units}
        self.teams = {t.code: t for t in batch.teams}
        self.depots = {d.code: d for d in batch.depots}

    def unit(self, code: str, seen: frozenset[str] = frozenset()) -> uuid.UUID | None:
        if code in self.idx.units:
            return self.idx.units[code].id
        record = self.units.get(code)
        if record is None or code in seen or not record.parent_code:
            return None
        return self.unit(record.parent_code, seen | {code})

    def team(self, code: str) -> uuid.UUID | None:
        if code in self.idx.teams:
            return self.idx.teams[code].unit_id
        record = self.teams.get(code)
        return self.unit(record.unit_code) if record is not None else None

    def depot(self, code: str) -> uuid.UUID | None:
        if code in self.idx.depots:
            return self.idx.depots[code].unit_id
        record = self.depots.get(code)
        return self.unit(record.unit_code) if record is not None else None

    def holder(self, code: str) -> uuid.UUID | None:
        return self.unit(code) or self.team(code) or self.depot(code)


def _rows(batch: Batch, idx: Index, anchors: _Anchors) -> list[tuple[Ref, str, uuid.UUID | None]]:
    """Every row with the unit(s) it touches: where it is now and where it goes."""
    rows: list[tuple[Ref, str, uuid.UUID | None]] = []
    for u in batch.units:
        existing = idx.units.get(u.code)
        parent = anchors.unit(u.parent_code)
        if existing is not None:
            rows.append((u.ref, f"单位“{u.name}”", existing.id))
        if existing is None or (u.parent_code and existing.parent_id != parent):
            rows.append((u.ref, f"上级单位“{u.parent_code or '无'}”", parent))
    for t in batch.teams:
        if t.code in idx.teams:
            rows.append((t.ref, f"队伍“{t.name}”", idx.teams[t.code].unit_id))
        rows.append((t.ref, f"单位“{t.unit_code}”", anchors.unit(t.unit_code)))
    for m in batch.members:
        rows.append((m.ref, f"队伍“{m.team_code}”", anchors.team(m.team_code)))
    for p in batch.posts:
        rows.append((p.ref, f"单位“{p.unit_code}”", anchors.unit(p.unit_code)))
    for d in batch.depots:
        if d.code in idx.depots:
            rows.append((d.ref, f"仓库“{d.name}”", idx.depots[d.code].unit_id))
        rows.append((d.ref, f"单位“{d.unit_code}”", anchors.unit(d.unit_code)))
    for s in batch.stock:
        rows.append((s.ref, f"仓库“{s.depot_code}”", anchors.depot(s.depot_code)))
    for i in batch.incidents:
        if i.code in idx.incidents:
            rows.append((i.ref, f"事件“{i.name}”", idx.incidents[i.code].unit_id))
        rows.append((i.ref, f"单位“{i.unit_code}”", anchors.unit(i.unit_code)))
    for c in batch.certificates:
        rows.append((c.ref, f"队伍“{c.team_code}”", anchors.team(c.team_code)))
    for e in batch.equipment:
        held = idx.equipment.get(e.serial)
        if held is not None:
            rows.append((e.ref, f"装备“{e.serial}”的现配备单位", _holder_unit(held, idx)))
        rows.append((e.ref, f"配备单位“{e.holder_code}”", anchors.holder(e.holder_code)))
    return rows


def _holder_unit(equipment: Equipment, idx: Index) -> uuid.UUID | None:
    if equipment.holder_unit_id is not None:
        return equipment.holder_unit_id
    if equipment.holder_team_id is not None:
        team = next((t for t in idx.teams.values() if t.id == equipment.holder_team_id), None)
        return team.unit_id if team is not None else None
    if equipment.holder_depot_id is not None:
        depot = next((d for d in idx.depots.values() if d.id == equipment.holder_depot_id), None)
        return depot.unit_id if depot is not None else None
    return None
