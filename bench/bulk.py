"""The bulk path of ``bench/county.py``: rows written with sqlite3 executemany in one transaction.

Only for building a benchmark database from nothing, never for a user's ledger:

- the file is written by one plain ``sqlite3`` connection with ``journal_mode=OFF`` and
  ``synchronous=OFF`` (no rollback journal, no fsync) and foreign keys unchecked, all in one
  transaction; a crash leaves a broken file, so the caller builds into a temporary name and
  renames it when done. Afterwards the file is put back in WAL mode, as the app opens it, and
  ``PRAGMA foreign_key_check`` must find nothing;
- the secondary indexes of the large tables are dropped first and re-created, with the SQL
  the migrations wrote, after the load (one sort instead of a million random inserts);
- values are stored as the model's column types store them (their SQLAlchemy bind processors,
  checked on the first row), ids are UUID-shaped counters so primary keys append in order;
  personal values (ID numbers, phones) sealed with the key file the app made beside the
  file (``ledger.models.personal``), in their columns and in their audit rows;
- every inserted row of an audited table gets its ``insert`` audit row, chained by
  ``row_hash`` as the ORM listener chains them, and the audit head ends at the last one.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from hashlib import sha256
from pathlib import Path
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.dialects import sqlite

from ledger.models import personal
from ledger.models.audit import GENESIS, UNAUDITED, plain, row_hash
from ledger.models.base import Base

#: Tables whose secondary indexes are built after the load.
LARGE = ("movements", "document_lines", "documents", "audit")
BATCH = 50_000
DIALECT = sqlite.dialect()
AT = datetime(2026, 6, 1, 8, tzinfo=UTC)
ACTOR = "bench"
JSON_OPTS: dict[str, Any] = {"ensure_ascii": False, "sort_keys": True, "separators": (",", ":")}


class Ids:
    """UUID-shaped ids from a counter: version 7 and RFC variant bits, ascending."""

    def __init__(self) -> None:
        self.n = 0x0190_0000_0000_7000_8000_0000_0000_0000

    def hex(self) -> str:
        """The next id as stored (32 hex digits)."""
        self.n += 1
        return f"{self.n:032x}"


def dashed(h: str) -> str:
    """``str(uuid.UUID(hex=h))`` without building the UUID."""
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class Bulk:
    """One sqlite3 connection writing a fresh database in one unjournaled transaction."""

    def __init__(self, path: Path) -> None:
        personal.attach(DIALECT, personal.read_key(personal.key_path(f"sqlite:///{path}")))
        self.raw = sqlite3.connect(path, isolation_level=None)
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "foreign_keys=OFF",
                       "cache_size=-400000", "temp_store=MEMORY"):  # fmt: skip
            self.raw.execute(f"PRAGMA {pragma}")
        self.indexes = self.raw.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({','.join('?' * len(LARGE))})",
            LARGE,
        ).fetchall()
        self.raw.execute("BEGIN")
        for name, _ in self.indexes:
            self.raw.execute(f'DROP INDEX "{name}"')
        head = self.raw.execute("SELECT hash FROM audit_head WHERE id = 1").fetchone()
        self.prev = head[0] if head else GENESIS
        self.at_stored = _processor("audit", "at")(AT)
        self.at_iso = AT.isoformat(timespec="microseconds")
        self.audit_rows: list[tuple[Any, ...]] = []
        self.audited = 0
        self.checked: set[str] = set()
        self.shapes: dict[str, tuple[list[str], list[str], list[Any]]] = {}

    # --- rows in Python values ---------------------------------------------------------

    def insert(self, model: Any, rows: list[dict[str, Any]]) -> None:
        """Insert ``rows`` (Python values, defaults filled in) and audit them if audited."""
        if not rows:
            return
        table = model.__tablename__
        keys, names, procs = self._shape(model, rows[0])
        defaults = [(k, d) for k, d in _defaults(model) if k not in rows[0]]
        audited = table not in UNAUDITED
        sealed = {a.key for a in inspect(model).column_attrs
                  if isinstance(a.columns[0].type, personal.EncryptedText)}  # fmt: skip
        out = []
        for row in rows:
            for key, default in defaults:
                row[key] = default()
            if audited:
                image = {k: personal.seal(DIALECT, v) if k in sealed and v else plain(v)
                         for k, v in row.items()}  # fmt: skip
                after = json.dumps(image, **JSON_OPTS)
                self.audit(table, row["id"].hex, str(row["id"]), after)
            out.append(tuple(p(row[k]) if p else row[k] for k, p in zip(keys, procs, strict=True)))
        self.rows(table, names, out)

    def _shape(self, model: Any, first: dict[str, Any]) -> tuple[list[str], list[str], list[Any]]:
        table = model.__tablename__
        if table not in self.shapes:
            keys, names, procs = [], [], []
            for attr in inspect(model).column_attrs:
                column = attr.columns[0]
                if attr.key in first or column.default is not None or not column.server_default:
                    keys.append(attr.key)
                    names.append(column.name)
                    procs.append(column.type._cached_bind_processor(DIALECT))
            self.shapes[table] = (keys, names, procs)
        return self.shapes[table]

    # --- rows already in stored form ---------------------------------------------------

    def rows(self, table: str, columns: list[str], rows: Iterable[tuple[Any, ...]]) -> None:
        """``executemany`` of stored values into ``columns`` of ``table``."""
        marks = ",".join("?" * len(columns))
        names = ",".join(f'"{c}"' for c in columns)
        self.raw.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)

    def audit(self, table: str, row_hex: str, row_id: str, after: str) -> None:
        """Chain an ``insert`` audit row; ``after`` is the compact sorted JSON of the record."""
        prev = self.prev
        payload = f'["{prev}","{self.at_iso}","{ACTOR}","insert","{table}","{row_id}",null,{after}]'
        self.prev = sha256(payload.encode()).hexdigest()
        self.audit_rows.append((self.at_stored, table, row_hex, after, prev, self.prev))
        if table not in self.checked:  # the first row of each table against row_hash itself
            self.checked.add(table)
            check_audit_hash(table, row_id, after, prev, self.prev)
        if len(self.audit_rows) >= BATCH:
            self.flush_audit()

    def flush_audit(self) -> None:
        """Write the audit rows gathered so far."""
        rows = self.audit_rows
        self.raw.executemany(
            'INSERT INTO audit (at, actor, action, "table", row_id, before, after, prev_hash, '
            f"hash) VALUES (?, '{ACTOR}', 'insert', ?, ?, 'null', ?, ?, ?)",
            rows,
        )
        self.audited += len(rows)
        self.audit_rows = []

    def finish(self) -> None:
        """Audit rows out, head moved, indexes back; commit; foreign keys checked; WAL again."""
        self.flush_audit()
        self.raw.execute("INSERT OR REPLACE INTO audit_head (id, hash) VALUES (1, ?)", (self.prev,))
        for _, sql in self.indexes:
            self.raw.execute(sql)
        self.raw.execute("COMMIT")
        problems = self.raw.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise RuntimeError(f"foreign keys broken: {problems[:5]}")
        self.raw.execute("PRAGMA journal_mode=WAL")
        self.raw.close()


def _defaults(model: Any) -> list[tuple[str, Callable[[], Any]]]:
    """The Python-side column defaults of ``model``, as functions of nothing."""
    out = []
    for attr in inspect(model).column_attrs:
        default = attr.columns[0].default
        if default is None:
            if not attr.columns[0].server_default:
                out.append((attr.key, lambda: None))
        elif default.is_scalar:
            out.append((attr.key, lambda value=default.arg: value))
        else:
            out.append((attr.key, lambda fn=default.arg: fn(None)))
    return out


def _processor(table: str, column: str) -> Callable[[Any], Any]:
    proc = Base.metadata.tables[table].c[column].type._cached_bind_processor(DIALECT)
    return proc or (lambda value: value)


def check_audit_hash(table: str, row_id: str, after: str, prev: str, expected: str) -> None:
    """Raise unless the fast hash equals ``row_hash`` of the same row (a self-check)."""
    entry = type("Entry", (), {})()
    entry.at, entry.actor, entry.action, entry.table = AT, ACTOR, "insert", table
    entry.row_id, entry.before, entry.after = row_id, None, json.loads(after)
    if row_hash(prev, entry) != expected:
        raise AssertionError(f"bulk audit hash differs from row_hash for {table} {row_id}")
