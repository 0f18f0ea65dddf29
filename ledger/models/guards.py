"""Flush guards: posted documents, their lines and movements can never be changed or deleted."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from ledger.core.errors import InvalidValue, PostedDocumentImmutable
from ledger.core.text import control_problem, visible
from ledger.models.stock import Document, DocumentLine, Movement

_WHAT = {Document: "单据", DocumentLine: "单据明细", Movement: "出入库流水"}


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
        where = getattr(obj, "name", None) or state.mapper.class_.__name__
        refuse_control_characters(where, values)


def refuse_control_characters(where: Any, values: Mapping[str, Any]) -> None:
    """Refuse a record (``where`` names it) whose text ``values`` hold a control character; the
    flush guard for records the unit of work does not see (a package's, inserted in bulk).

    Raises:
        InvalidValue: the first such value, with its field and the character.
    """
    for key, value in values.items():
        if value.__class__ is str and (problem := control_problem(value)):
            raise InvalidValue(
                where=visible(str(where)),
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
