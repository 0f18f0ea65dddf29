"""Seal personal data at rest: members' ID numbers and phones, leaders', post holders' phones,
trainees' ID numbers (see :mod:`ledger.models.personal`), in their columns and in the audit.

The key is the one :func:`ledger.models.engine.open_database` attached (created beside the file
on the first open after the upgrade); a bare Alembic run attaches it the same way. Audit rows
that recorded those values in plain are sealed too, and the audit chain is hashed again from
the first row changed (its head moves), so the file keeps no plaintext; on SQLite the bytes
replaced are zeroed (``secure_delete``). Two exceptions: an office that holds signed
checkpoints of its chain already keeps its old audit rows as they are (a chain hashed again
would read as a rewritten history), and values deleted before the upgrade may still lie in
free pages until the file is compacted (VACUUM).

Revision ID: 0022_encrypted_personal
Revises: 0023_coordinates
"""

from __future__ import annotations

from typing import Any, cast

import sqlalchemy as sa
from alembic import op

from ledger.models import personal

revision = "0022_encrypted_personal"
down_revision = "0023_coordinates"
branch_labels = None
depends_on = None

#: table → (column, width before), written out: a migration does not change.
COLUMNS = {
    "members": (("id_number", 18), ("phone", 20)),
    "teams": (("phone", 20),),
    "posts": (("phone", 20),),
    "trainings": (("id_number", 18),),
}
WIDTH = 80
BATCH = 5000


def upgrade() -> None:
    bind = op.get_bind()
    if not personal.attached(bind.dialect):
        url = bind.engine.url.render_as_string(hide_password=False)
        personal.unlock(bind.engine, url, url, conn=bind)
    if bind.dialect.name != "sqlite":  # SQLite stores text of any length: no table rebuild
        for table, columns in COLUMNS.items():
            for column, width in columns:
                op.alter_column(
                    table,
                    column,
                    type_=sa.String(WIDTH),
                    existing_type=sa.String(width),
                    existing_nullable=False,
                )
    if bind.dialect.name == "sqlite":  # the plain bytes replaced are zeroed, not left free
        op.execute("PRAGMA secure_delete = ON")
    for table, columns in COLUMNS.items():
        for column, _ in columns:
            _seal_column(bind, table, column)
    _seal_audit(bind)
    if bind.dialect.name == "sqlite":
        op.execute("PRAGMA secure_delete = OFF")


def _seal_column(bind: Any, table: str, column: str) -> None:
    rows = bind.execute(
        sa.text(
            f'SELECT id, "{column}" FROM "{table}" '
            f"WHERE \"{column}\" <> '' AND \"{column}\" NOT LIKE 'p1:%'"
        )
    ).all()
    update = sa.text(f'UPDATE "{table}" SET "{column}" = :value WHERE id = :id')
    for start in range(0, len(rows), BATCH):
        bind.execute(
            update,
            [
                {"value": personal.seal(bind.dialect, value), "id": row_id}
                for row_id, value in rows[start : start + BATCH]
            ],
        )


def _seal_audit(bind: Any) -> None:
    """Seal plain personal values in audit images; hash the chain again from the first one.

    Not where the office has signed checkpoints already: they sign the audit chain's heads,
    and a chain hashed again would read as a rewritten history (to ``verify`` and to the
    county). Those old audit rows keep their plain values; new ones are sealed.
    """
    from ledger.models.audit import GENESIS, fields_hash

    if (
        sa.inspect(bind).has_table("checkpoints")
        and bind.execute(sa.text("SELECT 1 FROM checkpoints LIMIT 1")).first()
    ):
        return

    audit = sa.table(
        "audit",
        sa.column("id", sa.Integer),
        sa.column("table", sa.String),
        sa.column("before", sa.JSON),
        sa.column("after", sa.JSON),
    )
    keys = {table: {c for c, _ in columns} for table, columns in COLUMNS.items()}
    rows = bind.execute(
        sa.select(audit.c.id, audit.c.table, audit.c.before, audit.c.after).where(
            audit.c.table.in_(list(COLUMNS))
        )
    ).all()
    changed: list[dict[str, Any]] = []
    for row_id, table, before, after in rows:
        sealed = [_sealed(bind.dialect, image, keys[table]) for image in (before, after)]
        if sealed != [before, after]:
            changed.append({"row": row_id, "b": sealed[0], "a": sealed[1]})
    if not changed:
        return
    images = sa.update(audit).where(audit.c.id == sa.bindparam("row"))
    for start in range(0, len(changed), BATCH):
        bind.execute(
            images.values(before=sa.bindparam("b"), after=sa.bindparam("a")),
            changed[start : start + BATCH],
        )
    _rechain(bind, min(c["row"] for c in changed), GENESIS, fields_hash)


def _sealed(dialect: Any, image: Any, keys: set[str]) -> Any:
    if not isinstance(image, dict):
        return image
    return {
        k: personal.seal(dialect, v)
        if k in keys and isinstance(v, str) and not personal.is_sealed(v)
        else v
        for k, v in image.items()
    }


def _rechain(bind: Any, first: int, genesis: str, fields_hash: Any) -> None:
    """Hash the audit rows from ``first`` on again, each on the one before; move the head."""
    from ledger.models.audit import AuditRow

    rows_table = cast(sa.Table, AuditRow.__table__)  # declared tables: the stubs say FromClause
    prev = (
        bind.execute(
            sa.select(rows_table.c.hash)
            .where(rows_table.c.id < first)
            .order_by(rows_table.c.id.desc())
            .limit(1)
        ).scalar()
        or genesis
    )
    query = sa.select(rows_table).where(rows_table.c.id >= first).order_by(rows_table.c.id)
    out: list[dict[str, Any]] = []
    for row in bind.execute(query).mappings():
        link = fields_hash(
            prev, row["at"], row["actor"], row["action"], row["table"], row["row_id"],
            row["before"], row["after"],
        )  # fmt: skip
        out.append({"row": row["id"], "p": prev, "h": link})
        prev = link
    chain = (
        sa.update(rows_table)
        .where(rows_table.c.id == sa.bindparam("row"))
        .values(prev_hash=sa.bindparam("p"), hash=sa.bindparam("h"))
    )
    for start in range(0, len(out), BATCH):
        bind.execute(chain, out[start : start + BATCH])
    bind.execute(sa.text("UPDATE audit_head SET hash = :h WHERE id = 1"), {"h": prev})


def downgrade() -> None:
    """Open the sealed columns again (audit images stay sealed: the chain is not rewritten)."""
    bind = op.get_bind()
    for table, columns in COLUMNS.items():
        for column, _ in columns:
            rows = bind.execute(
                sa.text(f'SELECT id, "{column}" FROM "{table}" WHERE "{column}" LIKE \'p1:%\'')
            ).all()
            update = sa.text(f'UPDATE "{table}" SET "{column}" = :value WHERE id = :id')
            if rows:
                bind.execute(
                    update,
                    [{"value": personal.open_text(bind.dialect, v), "id": i} for i, v in rows],
                )
