"""Automatic backups (自动备份): a checked copy when the program closes, the newest N kept.

Copies go to a folder of the user's choice (default: ``backups`` in the user's data folder)
and are named after the database and the moment: ``ledger-20261125-231500.db``. A copy is
skipped when nothing changed since the newest one (same audit head and same schema), so
opening and closing the program does not push the useful backups out. Only this database's
automatic copies are ever deleted; anything else in the folder is left alone.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ledger.core.errors import BackupFailed
from ledger.paths import data_dir
from ledger.services.backup.sqlite import BackupResult, backup_database, sqlite_path

DEFAULT_KEEP = 10
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class BackupFile:
    """An automatic backup in the folder: where, when it was taken, and its size."""

    path: Path
    taken_at: datetime
    size: int


def default_folder() -> Path:
    """``backups`` in the user's data folder (created when first used)."""
    return data_dir() / "backups"


def backups(folder: Path, database: Path) -> list[BackupFile]:
    """This database's automatic backups in ``folder``, newest first."""
    pattern = re.compile(
        rf"^{re.escape(database.stem)}-(\d{{8}}-\d{{6}})(?:-\d+)?{re.escape(database.suffix)}$"
    )
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            match = pattern.match(path.name)
            if match and path.is_file():
                taken = datetime.strptime(match.group(1), _STAMP)
                found.append(BackupFile(path, taken, path.stat().st_size))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def automatic_backup(
    source: str | Path,
    folder: Path | None = None,
    keep: int = DEFAULT_KEEP,
    *,
    now: datetime | None = None,
) -> BackupResult | None:
    """Back ``source`` up into ``folder`` unless nothing changed, then keep the newest ``keep``.

    Returns:
        The new backup, or None for a server database or when nothing changed.

    Raises:
        BackupFailed: the folder cannot be made or written, or the copy failed.
    """
    database = sqlite_path(source)
    if database is None or not database.is_file():
        return None
    folder = folder or default_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupFailed(path=str(folder), reason=error.strerror or str(error)) from error
    existing = backups(folder, database)
    if existing:
        latest = _fingerprint(existing[0].path)
        if latest is not None and latest == _fingerprint(database):
            return None
    result = backup_database(database, _name(folder, database, now or datetime.now()))
    prune(folder, database, keep)
    return result


def prune(folder: Path, database: Path, keep: int) -> list[Path]:
    """Delete this database's automatic backups beyond the newest ``keep``; what was deleted."""
    removed = []
    for old in backups(folder, database)[max(1, keep) :]:
        with contextlib.suppress(OSError):
            old.path.unlink()
            removed.append(old.path)
    return removed


def _name(folder: Path, database: Path, now: datetime) -> Path:
    candidate = folder / f"{database.stem}-{now.strftime(_STAMP)}{database.suffix}"
    number = 1
    while candidate.exists():
        number += 1
        candidate = folder / f"{database.stem}-{now.strftime(_STAMP)}-{number}{database.suffix}"
    return candidate


def _fingerprint(path: Path) -> tuple[str, ...] | None:
    """What identifies a database's content: its audit head and schema revisions."""
    try:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=5)) as conn:
            head = conn.execute("SELECT hash FROM audit_head WHERE id = 1").fetchone()
            revisions = sorted(
                r[0] for r in conn.execute("SELECT version_num FROM alembic_version")
            )
    except sqlite3.Error:
        return None
    return (head[0] if head else "", *revisions)
