"""New records of a package inserted in batches, with the audit rows the ORM would write.

An import of a whole county adds hundreds of thousands of records; through the unit of work
each costs an object, its flush and its audit entry. Here the new records of a table go in
with ``insert(table)`` executemany (:class:`ledger.services.stock.bulk.Driver`), and
:class:`AuditChain` writes for each the ``insert`` audit row the listener of
:mod:`ledger.models.audit` writes for a flushed object: every column in plain form, secret
columns shown only as set, personal values sealed, chained from the audit head with the
same hash (:func:`ledger.models.audit.text_hash`, of the JSON text it stores). Text with
control characters is refused as the flush guard refuses it
(:func:`ledger.models.guards.refuse_control_characters`).
"""

from __future__ import annotations

import functools
import uuid
from typing import Any, cast

from sqlalchemy import Boolean, Integer, String, Table, TypeDecorator, Uuid, insert, select, update
from sqlalchemy import Enum as SAEnum
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ledger.core.errors import PackageConflict
from ledger.models import AuditHead, AuditRow, utcnow
from ledger.models.audit import GENESIS, canonical, plain, text_hash
from ledger.models.base import ScaledDecimal
from ledger.models.guards import refuse_control_characters
from ledger.models.personal import EncryptedText, seal
from ledger.services.exchange import registry
from ledger.services.stock.bulk import Driver

_AUDIT = cast(Table, AuditRow.__table__)
_AUDIT_HEAD = cast(Table, AuditHead.__table__)
#: Tables whose new rows still go through the unit of work: a new depot gets its chain head
#: from a flush event (:mod:`ledger.models.events`).
BY_ORM = frozenset({"depots"})


@functools.cache
def _shape(
    table_name: str,
) -> tuple[list[tuple[str, str]], list[tuple[str, bool]], frozenset[str], frozenset[str]]:
    """(column name, attribute key) pairs; the keys whose values :func:`plain` changes (and
    whether they are UUIDs); secret keys; personal keys of a table."""
    keys = registry.attribute_keys(table_name)
    columns = registry.table(table_name).columns
    converted = []
    for c in columns:
        kind = c.type.impl if isinstance(c.type, TypeDecorator) else c.type
        as_is = isinstance(kind, String | Integer | Boolean) and not isinstance(kind, SAEnum)
        if not as_is or isinstance(c.type, ScaledDecimal):
            converted.append((keys[c.name], isinstance(kind, Uuid)))
    secret = frozenset(keys[c.name] for c in columns if c.info.get("secret"))
    personal = frozenset(keys[c.name] for c in columns if isinstance(c.type, EncryptedText))
    return list(keys.items()), converted, secret, personal


class AuditChain:
    """Audit rows of inserted records, chained from the audit head (read and locked when the
    first rows come; stored by :meth:`close`, before anything else audits)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.conn = session.connection()
        self.actor = str(session.info.get("actor", "system"))
        self.at = utcnow()
        self.started = False
        self.had_head = False
        self.prev = GENESIS
        self.statement: Driver | None = None
        self._ids: dict[uuid.UUID, str] = {}

    def add(self, table_name: str, rows: list[dict[str, Any]]) -> None:
        """Write the ``insert`` audit rows of ``rows`` (dicts of every column of the table)."""
        if not rows:
            return
        if not self.started:
            head = self.conn.execute(
                select(_AUDIT_HEAD.c.hash).where(_AUDIT_HEAD.c.id == 1).with_for_update()
            ).scalar()
            self.had_head, self.prev, self.started = head is not None, head or GENESIS, True
            repeating = frozenset({"at", "actor", "action", "before"})
            self.statement = Driver(self.conn, _AUDIT, repeating, ready=frozenset({"after"}))
        pairs, converted, secret, personal = _shape(table_name)
        ids, dialect = self._ids, self.conn.dialect
        at, actor, prev = self.at, self.actor, self.prev
        audit_rows = []
        for row in rows:
            after = {key: row[column] for column, key in pairs}
            for key, is_id in converted:  # in plain form, as the listener records them
                found = after[key]
                if found is None:
                    continue
                if not is_id:
                    after[key] = plain(found)
                elif (text := ids.get(found)) is not None:
                    after[key] = text
                else:
                    after[key] = ids[found] = str(found)
            for key in secret:  # as the audit listener shows them: only that they are set
                if after[key]:
                    after[key] = "***"
            for key in personal:  # sealed, as the column stores them
                if isinstance(after[key], str):
                    after[key] = seal(dialect, after[key])
            text = canonical(after)  # hashed, and stored as it is
            link = text_hash(prev, at, actor, "insert", table_name, row["id"], "null", text)
            audit_rows.append({"at": at, "actor": actor, "action": "insert",
                               "table": table_name, "row_id": row["id"], "before": None,
                               "after": text, "prev_hash": prev, "hash": link})  # fmt: skip
            prev = link
        self.prev = prev
        if len(ids) > 50_000:  # referenced ids repeat; keep the memory small
            ids.clear()
        assert self.statement is not None
        self.statement.execute(self.conn, audit_rows)

    def close(self) -> None:
        """Store the audit head where the last row left it."""
        if not self.started:
            return
        if self.had_head:
            self.conn.execute(update(_AUDIT_HEAD).where(_AUDIT_HEAD.c.id == 1), {"hash": self.prev})
        else:
            self.conn.execute(insert(_AUDIT_HEAD).values(id=1, hash=self.prev))
            self.had_head = True
        self.started = False


class Inserts:
    """The batched INSERT of each table, built once per import."""

    def __init__(self, session: Session, repeating: frozenset[str] = frozenset()) -> None:
        self.conn = session.connection()
        self.repeating = repeating
        self.statements: dict[str, Driver] = {}

    def __call__(self, tbl: Table, rows: list[dict[str, Any]]) -> None:
        """Insert ``rows`` (every column of ``tbl``); a refusal of the database is a conflict."""
        statement = self.statements.get(tbl.name)
        if statement is None:
            statement = self.statements[tbl.name] = Driver(self.conn, tbl, self.repeating)
        try:
            statement.execute(self.conn, rows)
        except IntegrityError as error:
            reason = f"{registry.label(tbl.name)}无法写入（{error.orig}）"
            raise PackageConflict(reason=reason) from error


def add_new(session: Session, tbl: Table, rows: list[dict[str, Any]]) -> None:
    """Insert new records of ``tbl`` (parents first) with their audit rows."""
    if not rows:
        return
    model = registry.model_for(tbl.name).__name__
    full = [complete(tbl, row) for row in rows]
    for row in full:
        refuse_control_characters(row.get("name") or model, row)
    Inserts(session)(tbl, full)
    chain = AuditChain(session)
    chain.add(tbl.name, full)
    chain.close()


def complete(tbl: Table, row: dict[str, Any]) -> dict[str, Any]:
    """Every column of ``row``: those an older sender left out take their defaults."""
    if len(row) == len(tbl.columns):
        return row
    full = dict(row)
    for column in tbl.columns:
        if column.name in full:
            continue
        default = column.default
        if default is not None and default.is_scalar:
            full[column.name] = getattr(default, "arg", None)
        elif default is not None and default.is_callable:
            full[column.name] = getattr(default, "arg")(None)  # noqa: B009
        else:
            full[column.name] = None
    return full
