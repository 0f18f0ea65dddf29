"""Rows that come into being with others: a new depot gets the head of its movement chain."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from ledger.models.catalogue import Depot
from ledger.models.stock import ChainHead


@event.listens_for(Session, "before_flush")
def _chain_head_for_new_depots(session: Session, flush_context: Any, instances: Any) -> None:
    for obj in list(session.new):
        if isinstance(obj, Depot):
            if obj.id is None:
                obj.id = uuid.uuid4()
            session.add(ChainHead(depot=obj, depot_id=obj.id, seq=0, hash="0" * 64))
