"""The remedies table: one remedy per finding identity, statuses stored as their codes."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from ledger.core.actor import Actor
from ledger.core.enums import Level, RemedyStatus
from ledger.models import OrgUnit
from ledger.models.engine import Database
from ledger.models.remedies import Remedy


def remedy(unit: OrgUnit, subject: str = "") -> Remedy:
    return Remedy(
        unit_id=unit.id,
        rule_id="P-T18",
        subject=subject,
        owner="张三",
        measure="选聘",
        due_on=date(2026, 6, 30),
        set_on=date(2026, 3, 1),
    )


def test_one_remedy_per_unit_rule_and_subject(db: Database, actor: Actor) -> None:
    with db.transaction(actor) as s:
        town = OrgUnit(code="410101", name="城关镇", level=Level.TOWN)
        s.add(town)
        s.flush()
        s.add_all([remedy(town), remedy(town, "灾害信息员")])
    with db.read() as s:
        stored = s.execute(text("SELECT subject, status, done_on FROM remedies ORDER BY subject"))
        assert [tuple(r) for r in stored] == [("", "open", None), ("灾害信息员", "open", None)]
    with pytest.raises(IntegrityError), db.transaction(actor) as s:
        s.add(remedy(s.query(OrgUnit).one(), "灾害信息员"))
    with db.read() as s:
        assert s.query(Remedy).filter_by(status=RemedyStatus.OPEN).count() == 2
