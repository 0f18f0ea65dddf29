"""Backup and restore of a SQLite ledger (备份与恢复), with SQLite's online backup API.

A backup is a consistent copy taken while the program may still be writing: SQLite's backup
API copies committed pages only, including those still in the write-ahead log. The copy is
written beside its target under a temporary name, switched to a single self-contained file
(``journal_mode=DELETE``), checked, and only then renamed into place.

A restore checks the file before it touches anything: it must be a SQLite file that passes
``PRAGMA integrity_check``, hold a ledger (its tables and an Alembic revision), and carry only
revisions this program knows. The database it replaces is kept under a timestamped name
(with its ``-wal`` and ``-shm`` files), and only then is the checked copy moved into place.
A server database (PostgreSQL) is backed up with the server's own tools.

The copy holds personal data sealed (:mod:`ledger.models.personal`); its key file is not in
it. A restore on this PC uses the key beside the database; on another PC the key file must
be put beside the restored database (``<file>.key``) first — a restore whose sealed values
the key there cannot open is refused. ``with_key`` writes the key beside the backup as well
(``<backup>.key``), only when the user asks: whoever holds both can read the ID numbers.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ledger.core.errors import BackupFailed, LedgerError, RestoreRefused
from ledger.models import personal
from ledger.models.engine import SQLITE_MAGIC, alembic_config, database_url

#: Tables every ledger database has; a SQLite file without them is some other program's.
LEDGER_TABLES = frozenset({"alembic_version", "org_units", "items", "depots", "documents"})
SIDE_FILES = ("-wal", "-shm")


@dataclass(frozen=True)
class BackupResult:
    """A finished backup: where it is, its size in bytes and the schema revisions it holds."""

    path: Path
    size: int
    revisions: tuple[str, ...]
    #: The database's key file, which the backup does not hold (needed to restore elsewhere).
    key: Path | None = None
    #: Where the key was copied, when asked for.
    key_copy: Path | None = None


@dataclass(frozen=True)
class RestoreResult:
    """A finished restore: the database restored, and where the file it replaced was kept."""

    target: Path
    kept: Path | None
    revisions: tuple[str, ...]


def sqlite_path(target: str | Path) -> Path | None:
    """The file of a SQLite path or ``sqlite:///`` URL; ``None`` for a server URL."""
    text = str(target)
    if text.startswith("sqlite:///"):
        return Path(text.removeprefix("sqlite:///"))
    if "://" in text:
        return None
    return Path(text).expanduser()


def backup_database(
    source: str | Path,
    target: str | Path,
    *,
    key_dir: Path | None = None,
    with_key: bool = False,
) -> BackupResult:
    """Write a consistent, checked copy of the ledger at ``source`` to the file ``target``.

    An existing ``target`` is replaced only once the new copy is complete and checked. A
    signed checkpoint of the chain heads is taken first, so the copy carries it (when the
    office has its key; see :mod:`ledger.services.closing.checkpoints`).

    Raises:
        BackupFailed: the source is no SQLite ledger file, or the copy could not be written.
    """
    target = Path(target).expanduser()
    path = sqlite_path(source)
    if path is None:
        raise BackupFailed(path=str(target), reason="服务器数据库（PostgreSQL）请用 pg_dump 备份")
    _check_source(path, target)
    if not target.parent.is_dir():
        raise BackupFailed(path=str(target), reason="目标文件夹不存在")
    _sign_heads(path, key_dir)
    try:
        with _temporary_beside(target) as partial:
            _copy(path, partial)
            revisions = _check_copy(partial, target, BackupFailed)
            _fsync(partial)
            os.replace(partial, target)
    except OSError as error:
        raise BackupFailed(path=str(target), reason=error.strerror or str(error)) from error
    except sqlite3.Error as error:
        raise BackupFailed(path=str(target), reason=_sqlite_reason(error)) from error
    key = personal.key_path(database_url(path))
    key_copy = _copy_key(key, target) if with_key else None
    return BackupResult(target, target.stat().st_size, revisions, key, key_copy)


def _copy_key(key: Path, target: Path) -> Path:
    """Copy the key file beside the backup (owner-only), as ``<backup>.key``."""
    copy = target.with_name(target.name + ".key")
    try:
        data = key.read_bytes()
        copy.unlink(missing_ok=True)
        fd = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except OSError as error:
        raise BackupFailed(path=str(copy), reason=error.strerror or str(error)) from error
    return copy


def _sign_heads(path: Path, key_dir: Path | None) -> None:
    """Take a signed checkpoint in the database (nothing when it cannot: no key, an old
    schema, a read-only file; the backup itself goes on)."""
    from sqlalchemy.exc import SQLAlchemyError

    from ledger.models.engine import Database, database_url
    from ledger.services.closing import checkpoints

    # the file was checked already; the program may hold it open (no migration, no page check)
    db = Database(database_url(path))
    try:
        with db.transaction() as session:
            checkpoints.take(session, "backup", key_dir)
    except (LedgerError, OSError, SQLAlchemyError):
        pass
    finally:
        db.dispose()


def check_backup(backup: str | Path) -> tuple[str, ...]:
    """Check that ``backup`` can be restored; return the schema revisions it holds.

    Raises:
        RestoreRefused: the file is missing, damaged, not a ledger, or from a newer program.
    """
    path = Path(backup).expanduser()
    _check_magic(path, RestoreRefused)
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "check.db"
        try:
            _copy(path, copy, read_only=True)
        except sqlite3.Error as error:
            raise RestoreRefused(path=str(path), reason=_sqlite_reason(error)) from error
        return _check_copy(copy, path, RestoreRefused)


def restore_database(
    backup: str | Path, target: str | Path, *, now: datetime | None = None
) -> RestoreResult:
    """Replace the database file ``target`` with the checked backup ``backup``.

    The file replaced is kept beside it as ``<name>-replaced-<YYYYmmdd-HHMMSS><suffix>``.

    Raises:
        RestoreRefused: the backup cannot be restored (nothing has been changed then).
    """
    source = Path(backup).expanduser()
    path = sqlite_path(target)
    if path is None:
        raise RestoreRefused(path=str(source), reason="只能恢复到本机的数据库文件")
    if path.exists() and source.resolve() == path.resolve():
        raise RestoreRefused(path=str(source), reason="备份文件就是当前数据库本身")
    if not path.parent.is_dir():
        raise RestoreRefused(path=str(source), reason=f"目标文件夹“{path.parent}”不存在")
    _check_magic(source, RestoreRefused)
    try:
        with _temporary_beside(path) as incoming:
            _copy(source, incoming, read_only=True)
            revisions = _check_copy(incoming, source, RestoreRefused)
            why = personal.check_key_for(incoming, personal.key_path(database_url(path)))
            if why is not None:
                raise RestoreRefused(path=str(source), reason=why)
            _fsync(incoming)
            kept = _keep(path, now or datetime.now()) if path.exists() else None
            os.replace(incoming, path)
    except OSError as error:
        raise RestoreRefused(path=str(source), reason=error.strerror or str(error)) from error
    except sqlite3.Error as error:
        raise RestoreRefused(path=str(source), reason=_sqlite_reason(error)) from error
    return RestoreResult(path, kept, revisions)


def kept_name(target: Path, now: datetime) -> Path:
    """Where a restore keeps the file it replaces (a counter is added if that name exists)."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    candidate = target.with_name(f"{target.stem}-replaced-{stamp}{target.suffix}")
    number = 1
    while candidate.exists():
        number += 1
        candidate = target.with_name(f"{target.stem}-replaced-{stamp}-{number}{target.suffix}")
    return candidate


def _check_source(path: Path, target: Path) -> None:
    if not path.is_file():
        raise BackupFailed(path=str(target), reason=f"数据库文件“{path}”不存在")
    if target.exists() and target.resolve() == path.resolve():
        raise BackupFailed(path=str(target), reason="备份文件不能是数据库本身")
    _check_magic(path, BackupFailed, shown=target)


def _check_magic(path: Path, error: type, shown: Path | None = None) -> None:
    where = str(shown or path)
    if not path.is_file():
        raise error(path=where, reason="文件不存在")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as failure:
        raise error(path=where, reason=failure.strerror or str(failure)) from failure
    if header != SQLITE_MAGIC:
        raise error(path=where, reason=f"“{path.name}”不是台账数据库（不是 SQLite 格式）")


def _copy(source: Path, target: Path, *, read_only: bool = False) -> None:
    """Copy ``source`` page by page into ``target`` and make the copy one self-contained file."""
    uri = f"{source.resolve().as_uri()}?mode=ro" if read_only else source.resolve().as_uri()
    with (
        contextlib.closing(sqlite3.connect(uri, uri=True, timeout=15)) as src,
        contextlib.closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")


def _check_copy(copy: Path, shown: Path, error: type) -> tuple[str, ...]:
    """Integrity, ledger tables and known revisions of a copy; its revisions."""
    with contextlib.closing(sqlite3.connect(copy)) as conn:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check(5)")]
        if problems != ["ok"]:
            reason = "文件已损坏（完整性检查：" + "；".join(problems) + "）"
            raise error(path=str(shown), reason=reason)
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if not tables >= LEDGER_TABLES:
            raise error(path=str(shown), reason="这不是台账数据库（缺少台账的数据表）")
        revisions = tuple(sorted(row[0] for row in conn.execute("SELECT * FROM alembic_version")))
    if not revisions:
        raise error(path=str(shown), reason="数据库没有结构版本记录")
    from alembic.script import ScriptDirectory  # Alembic: not at start-up
    from alembic.util.exc import CommandError

    script = ScriptDirectory.from_config(alembic_config())
    for revision in revisions:
        try:
            script.get_revision(revision)
        except CommandError:
            reason = f"它由更新版本的程序创建（结构版本 {revision}），请先升级本程序"
            raise error(path=str(shown), reason=reason) from None
    return revisions


def _keep(path: Path, now: datetime) -> Path:
    """Fold the write-ahead log into the database if it can, then rename it out of the way."""
    with contextlib.suppress(sqlite3.Error), contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    kept = kept_name(path, now)
    os.replace(path, kept)
    for side in SIDE_FILES:
        extra = path.with_name(path.name + side)
        if extra.exists():
            os.replace(extra, kept.with_name(kept.name + side))
    return kept


@contextlib.contextmanager
def _temporary_beside(target: Path) -> Iterator[Path]:
    """A temporary file name in ``target``'s folder (same disk: the final rename is atomic)."""
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    os.close(handle)
    os.unlink(name)
    partial = Path(name)
    try:
        yield partial
    finally:
        for side in ("", "-journal", *SIDE_FILES):
            leftover = partial.with_name(partial.name + side)
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _fsync(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _sqlite_reason(error: sqlite3.Error) -> str:
    text = str(error)
    if "not a database" in text:
        return "不是台账数据库（文件不是有效的 SQLite 数据库）"
    if "malformed" in text or "corrupt" in text:
        return "文件已损坏（" + text + "）"
    if "locked" in text or "busy" in text:
        return "数据库正被其他程序写入，请稍后再试"
    return text
