"""Schema versions in packages: the sender's migration heads, checked against this program's."""

from __future__ import annotations

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy.orm import Session

from ledger.models.engine import alembic_config


def schema_heads(session: Session) -> list[str]:
    """The migration revisions the database stands at."""
    context = MigrationContext.configure(session.connection())
    return sorted(context.get_current_heads())


def unknown_revisions(revisions: list[str]) -> list[str]:
    """Which of ``revisions`` this program does not know (the sender is newer)."""
    script = ScriptDirectory.from_config(alembic_config())
    unknown = []
    for revision in revisions:
        try:
            if script.get_revision(revision) is None:
                unknown.append(revision)
        except CommandError:
            unknown.append(revision)
    return unknown
