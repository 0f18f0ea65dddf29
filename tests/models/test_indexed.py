"""A table read through a named index: ``INDEXED BY`` on SQLite, the plain table elsewhere, in
an ordinary statement that SQLAlchemy caches and its events see."""

from __future__ import annotations

from sqlalchemy import event, literal_column, select
from sqlalchemy.dialects import postgresql, sqlite

from ledger.models import Item
from ledger.models.check_indexes import check_expiring
from ledger.models.engine import Database
from ledger.models.indexed import indexed_by
from ledger.models.view_indexes import held_balances


def _held() -> object:
    lots = indexed_by(held_balances)
    return (
        select(Item.name, lots.c.quantity)
        .select_from(lots)
        .join(Item, Item.id == lots.c.item_id)
        .where(lots.c.quantity != literal_column("0"))
    )


def test_sqlite_reads_through_the_index_and_other_databases_the_plain_table() -> None:
    on_sqlite = str(_held().compile(dialect=sqlite.dialect()))  # type: ignore[attr-defined]
    assert "FROM balances INDEXED BY ix_balances_held JOIN items" in on_sqlite
    assert "balances.quantity != 0" in on_sqlite
    on_pg = str(_held().compile(dialect=postgresql.dialect()))  # type: ignore[attr-defined]
    assert "FROM balances JOIN items" in on_pg and "INDEXED" not in on_pg


def test_the_index_is_part_of_the_statement_s_cache_key() -> None:
    same = select(indexed_by(held_balances).c.item_id)
    again = select(indexed_by(held_balances).c.item_id)
    other = select(indexed_by(check_expiring).c.item_id)
    assert same._generate_cache_key().key == again._generate_cache_key().key  # type: ignore[union-attr]
    assert same._generate_cache_key().key != other._generate_cache_key().key  # type: ignore[union-attr]


def test_events_see_the_statement_and_sqlite_plans_it_on_the_index(sqlite_db: Database) -> None:
    seen: list[str] = []
    event.listen(sqlite_db.engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
    with sqlite_db.read() as session:
        assert session.execute(_held()).all() == []  # type: ignore[call-overload]
        statement = str(_held().compile(sqlite_db.engine))  # type: ignore[attr-defined]
        plan = session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}")
        details = " ".join(str(row[-1]) for row in plan)
    assert any("INDEXED BY ix_balances_held" in s for s in seen)
    assert "ix_balances_held" in details


def test_no_module_but_the_construct_writes_indexed_by_in_sql_text() -> None:
    """Hand-written ``INDEXED BY`` stays in one place: a statement uses :func:`indexed_by`."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "ledger"
    found = set()
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and "INDEXED BY" in node.value
                and id(node) not in docstrings
            ):
                found.add(str(path.relative_to(root)))
    assert found == {"models/indexed.py"}
