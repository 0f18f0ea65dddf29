"""A table read through one named index: ``balances INDEXED BY ix_balances_held`` on SQLite.

SQLite plans without statistics (the ledger runs no ``ANALYZE``) and, for a few reads, picks an
index that walks far more rows than the one made for them; ``INDEXED BY`` pins its choice.
SQLAlchemy's ``with_hint`` renders nothing on SQLite, so :func:`indexed_by` gives the table as
a FROM of its own, used through ``select_from(...)`` and its ``.c`` columns: it renders
``table INDEXED BY index`` on SQLite and the plain ``table`` elsewhere (PostgreSQL plans from
statistics). The statement stays an ordinary SQLAlchemy statement: cached, echoed, seen by
events. This is the only place the ledger writes ``INDEXED BY``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Index, Table
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.selectable import Alias
from sqlalchemy.sql.visitors import InternalTraversal


class IndexedBy(Alias):
    """``table`` named as itself in FROM, read through ``index`` on SQLite."""

    inherit_cache = True
    _traverse_internals = [*Alias._traverse_internals, ("index", InternalTraversal.dp_string)]
    index: str


def indexed_by(index: Index) -> IndexedBy:
    """The table of ``index``, read through it on SQLite (columns as ``.c.<name>``)."""
    table = index.table
    assert isinstance(table, Table) and isinstance(index.name, str)
    found = IndexedBy._construct(table, name=table.name)
    found.index = index.name
    return found


@compiles(IndexedBy)
def _plain(element: IndexedBy, compiler: SQLCompiler, **kw: Any) -> str:
    """The table's own name in FROM (its columns are named by it too), anywhere else as an
    alias would be."""
    if not kw.get("asfrom") or kw.get("ashint"):
        return str(compiler.visit_alias(element, **kw))  # type: ignore[no-untyped-call]
    linter = kw.get("from_linter")
    if linter is not None:
        linter.froms[element._de_clone()] = element.name  # type: ignore[no-untyped-call]
    return compiler.preparer.format_table(element.element)


@compiles(IndexedBy, "sqlite")
def _sqlite(element: IndexedBy, compiler: SQLCompiler, **kw: Any) -> str:
    """``table INDEXED BY index`` in FROM."""
    plain = _plain(element, compiler, **kw)
    if not kw.get("asfrom") or kw.get("ashint"):
        return plain
    return f"{plain} INDEXED BY {compiler.preparer.quote(element.index)}"
