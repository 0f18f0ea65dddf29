"""A package's new records go in batches: audited as the listener audits, text checked as the
flush checks it, each movement checked against the line that makes it without reading it back."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import inspect, select

from ledger.core.enums import DocType
from ledger.core.errors import InvalidValue
from ledger.models import AuditRow, Document, DocumentLine, Member, Post, Team
from ledger.models.audit import plain
from ledger.models.personal import open_text
from ledger.services.exchange import manifest
from ledger.services.exchange.stream import Made
from ledger.services.verify.checks import verify
from tests.services.exchange_world import (
    Office,
    fingerprint,
    put_rows,
    resign,
    rows_of,
    set_up_town,
)
from tests.services.test_exchange import make_db, world  # noqa: F401 - fixtures


def _inserts(office: Office, table: str) -> dict[uuid.UUID, dict[str, Any]]:
    """The ``insert`` audit rows of ``table`` by record, their personal values opened."""
    with office.db.read() as s:
        dialect = s.connection().dialect
        rows = s.scalars(
            select(AuditRow).where(AuditRow.table == table, AuditRow.action == "insert")
        ).all()
        return {
            row.row_id: {
                k: open_text(dialect, v) if isinstance(v, str) else v
                for k, v in (row.after or {}).items()
            }
            for row in rows
            if row.row_id is not None
        }


def test_new_records_of_a_package_are_audited_as_the_listener_audits_them(
    world: tuple[Any, Office, Office],  # noqa: F811
) -> None:
    county, a, _ = world
    set_up_town(a, "A")  # a team, members with phones, posts, a depot, a posted receipt
    a.send_to(county)
    # the town's rows were audited by the listener when its records were flushed
    assert _inserts(county, "members") == _inserts(a, "members")
    assert _inserts(county, "posts") == _inserts(a, "posts")
    with county.db.read() as s:
        dialect = s.connection().dialect
        for model in (Team, Member, Post, Document, DocumentLine):
            table = model.__tablename__
            stored = s.scalars(select(model)).all()
            assert stored
            sealed = {
                row.row_id: row.after
                for row in s.scalars(select(AuditRow).where(AuditRow.table == table))
            }
            audited = _inserts(county, table)
            for obj in stored:
                expected = {a.key: plain(getattr(obj, a.key)) for a in inspect(model).column_attrs}
                assert audited[obj.id] == expected
                if model is Member:  # the phone recorded sealed, as the column stores it
                    assert sealed[obj.id]["phone"] != obj.phone
                    assert open_text(dialect, sealed[obj.id]["phone"]) == obj.phone == "13800000000"
    with county.tx() as s:
        assert verify(s) == []


def test_a_name_with_a_control_character_is_refused_in_a_package(
    world: tuple[Any, Office, Office],  # noqa: F811
) -> None:
    county, a, _ = world
    set_up_town(a, "A")

    def bell(body: dict[str, Any], files: dict[str, bytes]) -> None:
        members = rows_of(files, manifest.data_file("members"))
        members[0]["name"] = "张\x07三"
        put_rows(files, manifest.data_file("members"), members)

    before = fingerprint(county)
    with pytest.raises(InvalidValue, match="U\\+0007"):
        county.receive(resign(a, a.export().data, bell))
    assert fingerprint(county) == before


K1, K2, ITEM, OTHER = (uuid.UUID(int=n) for n in range(1, 5))
DAY = date(2026, 3, 1)


def _document(doc_type: DocType, dest: uuid.UUID | None = None, reverses: Any = None) -> Any:
    return {"id": uuid.uuid4(), "doc_type": doc_type, "depot_id": K1, "dest_depot_id": dest,
            "reverses_id": reverses, "doc_date": DAY}  # fmt: skip


def _line(document: dict[str, Any], quantity: str, lot: str = "L1", **kw: Any) -> Any:
    return {"id": uuid.uuid4(), "document_id": document["id"], "item_id": ITEM, "lot": lot,
            "expiry": date(2027, 1, 1), "quantity": Decimal(quantity), "counted_quantity": None,
            "book_quantity": None, **kw}  # fmt: skip


def _movement(line: dict[str, Any], depot: uuid.UUID, quantity: str, **kw: Any) -> Any:
    return {"line_id": line["id"], "document_id": line["document_id"], "depot_id": depot,
            "item_id": line["item_id"], "lot": line["lot"], "expiry": line["expiry"],
            "occurred_on": DAY, "quantity": Decimal(quantity), **kw}  # fmt: skip


def test_the_movements_a_packages_lines_make_are_known_without_reading_them_back() -> None:
    made = Made()
    transfer, stocktake = _document(DocType.TRANSFER, dest=K2), _document(DocType.STOCKTAKE)
    issue = _document(DocType.ISSUE)
    reversal = _document(DocType.ISSUE, reverses=issue["id"])
    made.documents([transfer, stocktake, issue, reversal])
    moved = _line(transfer, "5", lot="L|2027-01-01")
    counted = _line(stocktake, "3", counted_quantity=Decimal(7), book_quantity=Decimal(10))
    taken, back = _line(issue, "2"), _line(reversal, "2")
    elsewhere = _line(_document(DocType.RECEIPT), "9")  # its document is not the package's
    made.lines([moved, counted, taken, back, elsewhere])

    assert made.makes(_movement(moved, K1, "-5"))
    assert made.makes(_movement(moved, K2, "5"))
    assert made.makes(_movement(counted, K1, "-3"))
    assert made.makes(_movement(taken, K1, "-2"))
    assert made.makes(_movement(back, K1, "2"))
    assert made.documents_written.__contains__(issue["id"])
    # anything else is not made by a line here: checked against the line as stored
    for wrong in (
        _movement(moved, K1, "5"),
        _movement(moved, K1, "-50"),
        _movement(moved, OTHER, "-5"),
        _movement(moved, K1, "-5", item_id=OTHER),
        _movement(moved, K1, "-5", lot="L"),
        _movement(moved, K1, "-5", expiry=None),
        _movement(moved, K1, "-5", occurred_on=date(2026, 3, 2)),
        _movement(moved, K1, "-5", document_id=issue["id"]),
        _movement(moved, K1, "-5", line_id=taken["id"]),
        _movement(counted, K1, "3"),
        _movement(back, K1, "-2"),
        _movement(elsewhere, K1, "9"),
    ):
        assert not made.makes(wrong), wrong


def test_text_with_quotes_backslashes_and_line_breaks_arrives_as_it_was(
    world: tuple[Any, Office, Office],  # noqa: F811
) -> None:
    """The batches carry text as JSON (on PostgreSQL): nothing of it may be lost or escaped."""
    county, a, _ = world
    set_up_town(a, "A")
    odd = '王"五\\六\n“七”{八,九} NULL'
    with a.tx() as s:
        team = s.scalars(select(Team).where(Team.code == "A-T1")).one()
        s.add(Member(team_id=team.id, name=odd, phone='1"3\\8', role=""))
    a.send_to(county)
    with county.db.read() as s:
        member = s.scalars(select(Member).where(Member.name == odd)).one()
        assert (member.phone, member.role, member.birth_date) == ('1"3\\8', "", None)
    assert _inserts(county, "members") == _inserts(a, "members")
