"""Migrations: the schema they build is the models' schema, and old databases are upgraded."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, select, text

from ledger.core.actor import Actor
from ledger.core.enums import Category, DocType, Level
from ledger.core.errors import DatabaseError, NewerDatabase
from ledger.models import Balance, Base, Depot, Document, Item, Movement, OrgUnit
from ledger.models.engine import Database, alembic_config, database_url, open_database
from ledger.models.stock import movement_hash
from ledger.services.common import lookup
from ledger.services.verify.checks import verify
from tests.scenario import given

GENESIS = "0" * 64


def test_the_migrated_schema_matches_the_models_exactly(db: Database) -> None:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "compare_server_default": True}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_a_migrated_database_is_at_every_head(db: Database) -> None:
    heads = set(ScriptDirectory.from_config(alembic_config()).get_heads())
    with db.engine.connect() as conn:
        assert set(MigrationContext.configure(conn).get_current_heads()) == heads


def test_the_history_has_one_head() -> None:
    """Two revisions on one parent need a merge revision before they land."""
    assert len(ScriptDirectory.from_config(alembic_config()).get_heads()) == 1


def test_opening_twice_changes_nothing(sqlite_db: Database) -> None:
    path = Path(sqlite_db.path)
    sqlite_db.dispose()
    again = open_database(path)
    with again.engine.connect() as conn:
        tables = conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one()
    again.dispose()
    assert tables > 20


# --- a database made by the first migration ---------------------------------------------

IDS = {
    name: uuid.uuid4() for name in ("unit", "street", "depot", "item", "doc", "line", "move", "bal")
}
POSTED = datetime(2026, 3, 1, 8, 30, 15, 123456, tzinfo=UTC)


def _first_revision_only(path: Path) -> None:
    engine = create_engine(database_url(path))
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001")
    engine.dispose()


def _old_rows(path: Path) -> None:
    """Rows of 2026 written as the first revision stored them: hex UUIDs, scaled integers."""
    h = {k: v.hex for k, v in IDS.items()}
    move = Movement(
        seq=1,
        depot_id=IDS["depot"],
        item_id=IDS["item"],
        lot="L1",
        expiry=date(2027, 3, 1),
        quantity=1000,
        occurred_on=date(2026, 3, 1),
        posted_at=POSTED,
        document_id=IDS["doc"],
        line_id=IDS["line"],
    )
    chain = movement_hash(GENESIS, move)
    stamp = "2026-03-01 08:30:15.123456"
    statements = [
        "INSERT INTO org_units (id, code, name, level, flags, note, created_at, updated_at) "
        f"VALUES ('{h['unit']}', '411122100000', '城关镇', 'town', '[\"防汛重点\"]', '', "
        f"'{stamp}', '{stamp}')",
        "INSERT INTO org_units (id, code, name, level, flags, note, created_at, updated_at) "
        f"VALUES ('{h['street']}', '411122001000', '城关街道', 'town', '[]', '', "
        f"'{stamp}', '{stamp}')",
        "INSERT INTO depots (id, code, name, unit_id, kind, area_m2, address, keepers, "
        f"created_at, updated_at) VALUES ('{h['depot']}', 'CK01', '城关镇储备库', '{h['unit']}', "
        f"'乡镇库', 350500, '', '张三', '{stamp}', '{stamp}')",
        "INSERT INTO items (id, code, name, spec, unit, category, serial_tracked, note, "
        f"created_at, updated_at) VALUES ('{h['item']}', 'FX001', '编织袋', '50×80cm', '条', "
        f"'flood', 0, '', '{stamp}', '{stamp}')",
        "INSERT INTO documents (id, doc_type, number, depot_id, doc_date, posted_at, posted_by, "
        "handler, keeper, approver, counterparty_name, scope, note) VALUES "
        f"('{h['doc']}', 'receipt', 'RK-2026-00001', '{h['depot']}', '2026-03-01', '{stamp}', "
        "'system', '张三', '', '', '县应急管理局', '', '')",
        "INSERT INTO document_lines (id, document_id, line_no, item_id, lot, expiry, quantity, "
        f"serials, override_reason) VALUES ('{h['line']}', '{h['doc']}', 1, '{h['item']}', "
        "'L1', '2027-03-01', 1000000, '', '')",
        "INSERT INTO movements (id, document_id, line_id, depot_id, item_id, lot, expiry, "
        f"quantity, occurred_on, posted_at, seq, prev_hash, hash) VALUES ('{h['move']}', "
        f"'{h['doc']}', '{h['line']}', '{h['depot']}', '{h['item']}', 'L1', '2027-03-01', "
        f"1000000, '2026-03-01', '{stamp}', 1, '{GENESIS}', '{chain}')",
        "INSERT INTO balances (id, depot_id, item_id, lot, expiry, quantity) VALUES "
        f"('{h['bal']}', '{h['depot']}', '{h['item']}', 'L1', '2027-03-01', 1000000)",
        f"INSERT INTO chain_heads (depot_id, seq, hash) VALUES ('{h['depot']}', 1, '{chain}')",
        "INSERT INTO doc_counters (depot_id, series, year, last) VALUES "
        f"('{h['depot']}', 'RK', 2026, 1)",
    ]
    engine = create_engine(database_url(path))
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))
    engine.dispose()


def test_a_first_revision_database_is_upgraded_with_its_data_intact(
    tmp_path: Path, actor: Actor
) -> None:
    path = tmp_path / "old.db"
    _first_revision_only(path)
    _old_rows(path)
    db = open_database(path)
    try:
        with db.engine.connect() as conn:
            heads = set(MigrationContext.configure(conn).get_current_heads())
        assert heads == set(ScriptDirectory.from_config(alembic_config()).get_heads())
        with db.read() as s:
            unit = s.scalars(select(OrgUnit).where(OrgUnit.code == "411122100000")).one()
            assert (unit.code, unit.name, unit.level, unit.flags) == (
                "411122100000",
                "城关镇",
                Level.TOWN,
                ["防汛重点"],
            )
            # 0012: a 乡镇 named …街道 is a 街道 now
            street = s.scalars(select(OrgUnit).where(OrgUnit.code == "411122001000")).one()
            assert street.level is Level.STREET
            assert s.scalars(select(Depot)).one().area_m2 == 350.5
            assert s.scalars(select(Item)).one().category is Category.FLOOD
            doc = s.scalars(select(Document)).one()
            assert (doc.doc_type, doc.number, doc.posted_at) == (
                DocType.RECEIPT,
                "RK-2026-00001",
                POSTED,
            )
            assert doc.lines[0].quantity == 1000
            balance = s.scalars(select(Balance)).one()
            assert (balance.lot, balance.quantity) == ("L1", 1000)
        # the upgraded ledger goes on: numbers and the hash chain continue
        with db.transaction(actor) as s:
            receipt = given(s, actor, "RK 2026-04-01 CK01 FX001 10条 批次L1")
            issue = given(s, actor, "CK 2026-04-02 CK01 FX001 1005条 批次L1")
        # numbers now carry the depot's code; the old one stays as printed and is found
        assert receipt.number == "CK01-RK-2026-00002"
        assert issue.number == "CK01-CK-2026-00001"
        with db.read() as s:
            assert lookup.document(s, "CK01-RK-2026-00001").number == "RK-2026-00001"
            seqs = s.scalars(select(Movement.seq).order_by(Movement.seq)).all()
            assert seqs == [1, 2, 3]
            assert s.scalars(select(Balance.quantity)).one() == 5
            # the rows written before audit rows existed have none; nothing else is wrong
            assert {(d.kind, d.table) for d in verify(s)} == {
                ("record_unaudited", "documents"),
                ("record_unaudited", "document_lines"),
                ("record_unaudited", "org_units"),
                ("record_unaudited", "items"),
                ("record_unaudited", "depots"),
            }
    finally:
        db.dispose()


# --- databases this program must not open -----------------------------------------------


def test_a_database_from_a_newer_program_is_refused(sqlite_db: Database) -> None:
    path = Path(sqlite_db.path)
    with sqlite_db.engine.begin() as conn:
        conn.execute(text("DELETE FROM alembic_version"))
        conn.execute(text("INSERT INTO alembic_version (version_num) VALUES ('9999_future')"))
    sqlite_db.dispose()
    with pytest.raises(NewerDatabase) as refused:
        open_database(path)
    assert refused.value.revision == "9999_future"
    assert "由更新版本的程序创建（结构版本 9999_future）" in refused.value.message


def test_a_server_database_from_a_newer_program_is_refused(db: Database) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM alembic_version"))
        conn.execute(text("INSERT INTO alembic_version (version_num) VALUES ('ffff_future')"))
    url = db.url
    db.dispose()
    with pytest.raises(NewerDatabase):
        open_database(url)


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    path.write_bytes(b"PK\x03\x04 this is a zip, not a database" * 100)
    with pytest.raises(DatabaseError) as refused:
        open_database(path)
    assert refused.value.message == (
        f"数据库“{path}”无法使用：这不是本程序的数据库文件（不是 SQLite 格式）"
    )
    assert path.read_bytes().startswith(b"PK\x03\x04")


def test_a_folder_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="所在文件夹不存在"):
        open_database(tmp_path / "missing" / "ledger.db")
