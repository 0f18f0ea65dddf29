"""On confirmation of a 调拨方案: draft transfers or issues per depot, posted later by a keeper.

A draft (:class:`ledger.models.drafts.DraftDocument`) is not a document: it has no number, no
movements and changes no balance. Posting one runs the ordinary posting service with the stock
as it then stands (a lot issued meanwhile is refused there, and the draft stays a draft); the
draft then records the document it became and cannot be posted again.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import DocType
from ledger.core.errors import InvalidValue, UnknownRecord
from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.models import Depot, Incident
from ledger.models.drafts import DRAFT, POSTED, WITHDRAWN, DraftDocument, DraftLine
from ledger.services import stock
from ledger.services.accounts.permissions import Action, require
from ledger.services.common import lookup
from ledger.services.common.atomic import atomic
from ledger.services.readiness.model import Allocation, Plan

STATUS_LABELS = {
    DRAFT: QT_TRANSLATE_NOOP("Readiness", "待登记"),
    POSTED: QT_TRANSLATE_NOOP("Readiness", "已登记"),
    WITHDRAWN: QT_TRANSLATE_NOOP("Readiness", "已撤回"),
}


@dataclass(frozen=True)
class DraftRow:
    """A draft as listed: where from and to, for which incident, its lines and status."""

    id: uuid.UUID
    doc_type: DocType
    depot: str
    dest_depot: str
    incident: str
    doc_date: date
    status: str
    document_id: uuid.UUID | None
    lines: tuple[tuple[str, str, Decimal, str], ...]  # item name, lot, quantity, unit

    @property
    def status_label(self) -> str:
        """待登记, 已登记 or 已撤回."""
        return STATUS_LABELS[self.status]


@atomic
def draft_plan(
    session: Session,
    actor: Actor,
    found: Plan,
    incident_id: uuid.UUID | str,
    dest_depot: str | uuid.UUID | None = None,
) -> list[uuid.UUID]:
    """One draft per source depot of the plan: a transfer to ``dest_depot`` or, without one, an
    issue against the incident (by id or name). Lines drawn from ``dest_depot`` itself need no
    document.

    Raises:
        UnknownRecord: no such incident or depot.
        PermissionDenied: the actor may not edit the incident's unit's records.
        InvalidValue: the plan draws nothing.
    """
    incident = (
        session.scalars(select(Incident).where(Incident.name == incident_id.strip())).first()
        if isinstance(incident_id, str)
        else session.get(Incident, incident_id)
    )
    if incident is None:
        raise UnknownRecord(kind="事件", key=str(incident_id))
    require(session, actor, Action.EDIT_RECORDS, unit_id=incident.unit_id)
    dest = lookup.by_key(session, Depot, dest_depot) if dest_depot is not None else None
    by_depot: dict[uuid.UUID, list[tuple[uuid.UUID, Allocation]]] = defaultdict(list)
    for need in found.needs:
        for line in need.allocations:
            if dest is None or line.depot_id != dest.id:
                by_depot[line.depot_id].append((line.item_id or need.item_id, line))
    if not by_depot:
        raise InvalidValue(
            where="调拨方案", field="调拨明细", value="无", reason="没有可调拨的物资"
        )
    made = []
    plan_note = f"应急推演：{'、'.join(found.unit_names)} 安置{found.people}人{found.days}天"
    for depot_id, lines in by_depot.items():
        draft = DraftDocument(
            id=uuid.uuid4(),
            doc_type=DocType.TRANSFER if dest is not None else DocType.ISSUE,
            depot_id=depot_id,
            dest_depot_id=dest.id if dest is not None else None,
            incident_id=incident.id,
            doc_date=found.on,
            status=DRAFT,
            drafted_by=actor.username,
            note=plan_note,
        )
        for number, (item_id, line) in enumerate(lines, start=1):
            draft.lines.append(
                DraftLine(
                    line_no=number,
                    item_id=item_id,
                    lot=line.lot,
                    quantity=line.quantity,
                    serials=",".join(line.serials),
                )
            )
        session.add(draft)
        made.append(draft.id)
    session.flush()
    return made


def drafts(session: Session, incident_id: uuid.UUID | None = None) -> list[DraftRow]:
    """The drafts (of one incident, or all), newest first."""
    query = select(DraftDocument).order_by(DraftDocument.created_at.desc())
    if incident_id is not None:
        query = query.where(DraftDocument.incident_id == incident_id)
    return [
        DraftRow(
            d.id,
            d.doc_type,
            d.depot.name,
            d.dest_depot.name if d.dest_depot else "",
            d.incident.name,
            d.doc_date,
            d.status,
            d.document_id,
            tuple((x.item.name, x.lot, x.quantity, x.item.unit) for x in d.lines),
        )
        for d in session.scalars(query)
    ]


def _open_draft(session: Session, draft_id: uuid.UUID) -> DraftDocument:
    draft = session.get(DraftDocument, draft_id)
    if draft is None:
        raise UnknownRecord(kind="单据草稿", key=str(draft_id))
    if draft.status != DRAFT:
        raise InvalidValue(
            where="单据草稿",
            field="状态",
            value=STATUS_LABELS[draft.status],
            reason="只能登记待登记的草稿",
        )
    return draft


@atomic
def post_draft(
    session: Session, actor: Actor, draft_id: uuid.UUID, on: date | None = None, keeper: str = ""
) -> stock.Posted:
    """Post a draft as a real document (dated ``on``, by default the draft's date).

    Raises:
        LedgerError: the draft is not waiting, or the posting refuses (stock, rights, dates).
    """
    draft = _open_draft(session, draft_id)
    posted = stock.post_document(
        session,
        actor,
        stock.DocumentInput(
            doc_type=draft.doc_type,
            depot=draft.depot_id,
            doc_date=on or draft.doc_date,
            lines=[
                stock.LineInput(
                    x.item_id,
                    x.quantity,
                    x.lot,
                    serials=tuple(s for s in x.serials.split(",") if s),
                )
                for x in draft.lines
            ],
            dest_depot=draft.dest_depot_id,
            keeper=keeper,
            counterparty=draft.incident.name if draft.doc_type is DocType.ISSUE else "",
            incident_id=draft.incident_id,
            note=draft.note,
        ),
    )
    draft.status, draft.document_id = POSTED, posted.id
    session.flush()
    return posted


@atomic
def withdraw_draft(session: Session, actor: Actor, draft_id: uuid.UUID) -> None:
    """Withdraw a draft that will not be posted (it stays listed as 已撤回)."""
    draft = _open_draft(session, draft_id)
    require(session, actor, Action.EDIT_RECORDS, unit_id=draft.incident.unit_id)
    draft.status = WITHDRAWN
    session.flush()
