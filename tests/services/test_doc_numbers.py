"""Document numbers carry the depot's code and are unique in the database; numbers issued
before (without the code) stay as printed and are found by either form."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from ledger.core.actor import Actor
from ledger.models import Document
from ledger.models.engine import Database
from ledger.services.common import lookup
from ledger.services.stock.queries import DocumentFilter, documents
from tests.scenario import given


def posted_in_two_depots(db: Database, actor: Actor) -> tuple[str, str]:
    with db.transaction(actor) as s:
        first = given(s, actor, "RK 2026-03-01 一号库 编织袋 100袋").number
        second = given(s, actor, "RK 2026-03-01 二号库 编织袋 100袋").number
    return first, second


def make_old(db: Database, new: str, old: str) -> None:
    """Give a document the number it would have had before codes (as an old database has)."""
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE documents SET number = :old WHERE number = :new"), locals())


def test_the_same_series_in_two_depots_gets_two_numbers(db: Database, actor: Actor) -> None:
    assert posted_in_two_depots(db, actor) == ("一号库-RK-2026-00001", "二号库-RK-2026-00001")


def test_the_database_refuses_a_second_document_with_a_coded_number(
    db: Database, actor: Actor
) -> None:
    first, second = posted_in_two_depots(db, actor)
    with pytest.raises(IntegrityError):
        make_old(db, second, first)


def test_old_numbers_stay_and_are_found_by_either_form(db: Database, actor: Actor) -> None:
    first, second = posted_in_two_depots(db, actor)
    make_old(db, first, "RK-2026-00001")
    make_old(db, second, "RK-2026-00001")  # old numbers repeat across depots, as they did
    with db.read() as s:
        old = lookup.document(s, "一号库-RK-2026-00001")
        assert (old.number, old.depot.code) == ("RK-2026-00001", "一号库")
        assert lookup.document(s, "二号库-RK-2026-00001").depot.code == "二号库"
        found = documents(s, DocumentFilter(search="二号库-RK-2026"))
        assert [(r.number, r.depot_name) for r in found] == [("RK-2026-00001", "二号库")]
        assert len(documents(s, DocumentFilter(search="RK-2026-00001"))) == 2


def test_a_new_number_is_found_without_its_code_within_its_depot(
    db: Database, actor: Actor
) -> None:
    posted_in_two_depots(db, actor)
    with db.read() as s:
        depot = s.scalars(select(Document).where(Document.number == "二号库-RK-2026-00001")).one()
        found = lookup.document(s, "RK-2026-00001", depot.depot)
        assert found.number == "二号库-RK-2026-00001"
