"""Flush guards: posted documents, their lines and movements can never be changed or deleted;
no text holds control characters; another office's records are changed only by its packages."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from ledger.core.errors import InvalidValue, PostedDocumentImmutable
from ledger.core.text import CONTROL, control_problem, visible
from ledger.models.exchange import Installation, Sender, SentPackage
from ledger.models.stock import Document, DocumentLine, Movement

_WHAT = {Document: "单据", DocumentLine: "单据明细", Movement: "出入库流水"}

#: ``session.info`` key: who keeps which units, as the guard of other offices' records
#: (:mod:`ledger.services.exchange.guard`) found them in this transaction; ``None`` when no
#: other office is registered (a read of this transaction, such as a posting's chain read
#: asking :data:`ANY_OTHER_OFFICE`, may set it so). Forgotten at commit and rollback.
OWNERS = "exchange_owners"
#: SQL: whether another office is registered here (a sender PC not retired).
ANY_OTHER_OFFICE = select(Sender.installation_id).where(Sender.retired_at.is_(None)).exists()
#: Records whose change may change who keeps what (a sender registered or retired).
_OFFICE_RECORDS = (Installation, Sender, SentPackage)
_OTHERS_RECORDS: list[Callable[[Session, Any, Any], None]] = []


@event.listens_for(Session, "before_flush")
def _refuse_changes_to_posted(session: Session, flush_context: Any, instances: Any) -> None:
    for obj in session.deleted:
        if type(obj) in _WHAT:
            raise PostedDocumentImmutable(what=_WHAT[type(obj)])
    for obj in session.dirty:
        if type(obj) in _WHAT and session.is_modified(obj, include_collections=False):
            raise PostedDocumentImmutable(what=_WHAT[type(obj)])


@event.listens_for(Session, "before_flush")
def _refuse_control_characters(session: Session, flush_context: Any, instances: Any) -> None:
    """Names and other text with control characters are refused, whichever service wrote them
    (they break every export later)."""
    for obj in (*session.new, *session.dirty):
        state = inspect(obj)
        values = {attr.key: state.dict.get(attr.key) for attr in state.mapper.column_attrs}
        refuse_control_characters(
            lambda obj=obj, state=state: getattr(obj, "name", None) or state.mapper.class_.__name__,
            values,
        )


def refuse_control_characters(where: Any, values: Mapping[str, Any]) -> None:
    """Refuse a record whose text ``values`` hold a control character: the flush guard's
    check, and the one for records the unit of work does not see (a package's, inserted in
    bulk). ``where`` names the record, or is a function that does, asked only on a hit.

    Raises:
        InvalidValue: the first such value, with its field and the character.
    """
    for key, value in values.items():
        if value.__class__ is not str or CONTROL.search(value) is None:
            continue  # the pattern alone, per value: the message only for one it finds
        if problem := control_problem(value):
            name = where() if callable(where) else where
            raise InvalidValue(
                where=visible(str(name)),
                field=_FIELD.get(key, key),
                value=visible(value),
                reason=problem,
            )


#: Field names as users know them, for the common text fields.
_FIELD = {
    "name": "名称",
    "code": "编号",
    "spec": "规格型号",
    "address": "地址",
    "keeper": "保管员",
    "leader": "队长",
    "note": "备注",
    "lot": "批次号",
    "serial": "序列号",
    "display_name": "姓名",
    "username": "用户名",
    "reason": "原因",
}


def guard_others_records(
    guard: Callable[[Session, Any, Any], None],
) -> Callable[[Session, Any, Any], None]:
    """Run ``guard`` before every flush that may touch another office's records: not when this
    transaction already found no other office registered (:data:`OWNERS` is ``None``) and
    the flush registers none."""
    _OTHERS_RECORDS.append(guard)
    return guard


@event.listens_for(Session, "before_flush")
def _others_records(session: Session, flush_context: Any, instances: Any) -> None:
    if OWNERS in session.info and session.info[OWNERS] is None:
        pending = (*session.new, *session.dirty, *session.deleted)
        if not any(isinstance(obj, _OFFICE_RECORDS) for obj in pending):
            return  # one office here: no record is another's
    for guard in _OTHERS_RECORDS:
        guard(session, flush_context, instances)


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_owners(session: Session) -> None:
    session.info.pop(OWNERS, None)
