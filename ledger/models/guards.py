"""Flush guards: posted documents, their lines and movements can never be changed or deleted."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from ledger.core.errors import PostedDocumentImmutable
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
