"""Hot statements (a posting's, the audit rows') compiled once per dialect, run on the cursor.

A posting runs about fifteen small statements, and its audit rows three more; through
SQLAlchemy's execution each costs 60-85 µs of Python against a few µs in the driver.
:class:`Prepared` keeps what SQLAlchemy would do for such a statement and drops the rest: the
SQL string is SQLAlchemy's own compiled form for the connection's dialect (so ``?`` for sqlite3,
``%(name)s`` with casts for psycopg, ``FOR UPDATE`` as the dialect renders it), parameters go
through the same bind processors (UUIDs, dates, scaled decimals) and rows through the same
result processors. It runs on the session's connection, so inside the session's transaction, and
a driver error is raised as SQLAlchemy would raise it (:class:`sqlalchemy.exc.DBAPIError` and
subclasses), which is what :meth:`ledger.models.engine.Database.transaction` translates.

Only plain statements qualify: no Python-side defaults to compute (an INSERT names every column
it writes), no primary key fetched back implicitly (an INSERT into a table with an autoincrement
key is ``.inline()``), no expanding ``IN`` parameters; :class:`Prepared` refuses others when it
compiles them. Engine events (``before_cursor_execute``) and ``echo`` logging do not see these
statements; the ledger registers no such event (its hooks are on connect and begin, which this
path still goes through via ``session.connection()``). A lost server connection is not
invalidated here: the pool finds it when the session gives it back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Dialect, exc
from sqlalchemy.sql import ClauseElement

Processor = Callable[[Any], Any] | None


class _Compiled:
    """A statement as one dialect runs it: SQL text, parameter order and converters."""

    def __init__(
        self, statement: ClauseElement, dialect: Dialect, column_keys: Sequence[str] | None
    ) -> None:
        compiled = statement.compile(
            dialect=dialect, column_keys=list(column_keys) if column_keys else None
        )
        if (
            getattr(compiled, "insert_prefetch", None)
            or getattr(compiled, "update_prefetch", None)
            or compiled.literal_execute_params
            or compiled.post_compile_params
            or getattr(compiled, "escaped_bind_names", None)
            or getattr(compiled, "implicit_returning", None)  # an INSERT must be .inline()
        ):
            raise ValueError(f"not a plain statement: {compiled.string}")
        self.sql = compiled.string
        self.names: tuple[str, ...] = tuple(
            compiled.positiontup if compiled.positional else compiled.binds
        )
        self.positional = compiled.positional
        self.fixed: dict[str, Any] = {}
        self.processors: dict[str, Processor] = {}
        for name, bind in compiled.binds.items():
            if not bind.required:
                self.fixed[name] = bind.effective_value
            self.processors[name] = bind.type.dialect_impl(dialect).bind_processor(dialect)
        self.types = [col.type for col in statement.exported_columns]  # type: ignore[attr-defined]
        self.converters: list[Processor] | None = None
        self.dialect = dialect

    def parameters(self, params: Mapping[str, Any]) -> tuple[Any, ...] | dict[str, Any]:
        """The driver's parameters: positional for sqlite3, named for psycopg."""
        values = []
        for name in self.names:
            value = params[name] if name in params else self.fixed[name]
            process = self.processors[name]
            values.append(value if process is None else process(value))
        return tuple(values) if self.positional else dict(zip(self.names, values, strict=True))

    def rows(self, cursor: Any, fetched: list[Any]) -> list[tuple[Any, ...]]:
        """Rows converted as SQLAlchemy's result would convert them."""
        if self.converters is None:
            self.converters = [
                type_.dialect_impl(self.dialect).result_processor(self.dialect, column[1])
                for type_, column in zip(self.types, cursor.description, strict=True)
            ]
        converters = self.converters
        if not any(converters):
            return [tuple(row) for row in fetched]
        return [
            tuple(v if c is None else c(v) for c, v in zip(converters, row, strict=True))
            for row in fetched
        ]


class Prepared:
    """A Core statement compiled once per dialect and run on the driver's cursor.

    Args:
        statement: a SELECT, INSERT, UPDATE (with or without RETURNING) whose parameters are
            named ``bindparam`` objects or, for an INSERT, the columns in ``column_keys``.
        column_keys: the columns an INSERT writes (every one it is given, in any order).
    """

    def __init__(self, statement: ClauseElement, column_keys: Sequence[str] | None = None) -> None:
        self.statement = statement
        self.column_keys = column_keys
        self._by_dialect: dict[tuple[Any, ...], _Compiled] = {}

    def _compiled(self, dialect: Dialect) -> _Compiled:
        key = (dialect.name, dialect.driver, dialect.paramstyle, dialect.server_version_info)
        found = self._by_dialect.get(key)
        if found is None:
            found = self._by_dialect[key] = _Compiled(self.statement, dialect, self.column_keys)
        return found

    def rows(
        self, conn: Connection, params: Mapping[str, Any] | Sequence[Mapping[str, Any]]
    ) -> list[tuple[Any, ...]]:
        """Run the statement with one set of parameters (or many, for an INSERT or UPDATE
        without RETURNING); the rows it returns, converted. A list of one set runs as a plain
        execute, cheaper than the driver's executemany."""
        compiled = self._compiled(conn.dialect)
        if not isinstance(params, Mapping) and len(params) == 1:
            params = params[0]
        many = not isinstance(params, Mapping)
        if many:
            args: Any = [compiled.parameters(p) for p in params]  # type: ignore[union-attr]
        else:
            args = compiled.parameters(params)  # type: ignore[arg-type]
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            if many:
                cursor.executemany(compiled.sql, args)
                return []
            cursor.execute(compiled.sql, args)
            if cursor.description is None:
                return []
            return compiled.rows(cursor, cursor.fetchall())
        except conn.dialect.loaded_dbapi.Error as error:
            raise exc.DBAPIError.instance(
                compiled.sql,
                args,
                error,
                conn.dialect.loaded_dbapi.Error,
                dialect=conn.dialect,
                ismulti=many,
            ) from error
        finally:
            cursor.close()

    def first(self, conn: Connection, params: Mapping[str, Any]) -> tuple[Any, ...] | None:
        """The first row, or ``None``."""
        found = self.rows(conn, params)
        return found[0] if found else None

    def scalar(self, conn: Connection, params: Mapping[str, Any]) -> Any:
        """The first column of the first row, or ``None``."""
        found = self.rows(conn, params)
        return found[0][0] if found else None

    def run(
        self, conn: Connection, params: Mapping[str, Any] | Sequence[Mapping[str, Any]]
    ) -> None:
        """Run a statement that returns nothing (one set of parameters or many)."""
        self.rows(conn, params)
