"""Opening a database: the engine, SQLite pragmas, migrations on open, and transactions.

SQLite runs in WAL mode with foreign keys on, a busy timeout and ``synchronous=FULL`` (an
acknowledged commit survives a pulled plug). Write transactions start with ``BEGIN IMMEDIATE``
so that two writers queue on the lock instead of failing halfway through a read-then-write.

Migration heads: Alembic's own ``ScriptDirectory`` finds them, and only where Alembic runs
anyway (an upgrade). Opening a ledger does not import Alembic (it costs start-up time): it
compares the database's revisions with :data:`SCHEMA_HEADS`, the heads recorded here, and
starts Alembic only when they differ. ``tests/models/test_engine.py`` checks that the
recorded heads are ScriptDirectory's, so a new migration that forgets to update them fails
its tests (and would still be applied on open: Alembic then decides).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.orm import Session, sessionmaker

from ledger.core.actor import SYSTEM, Actor
from ledger.core.errors import DatabaseError, NewerDatabase
from ledger.models import personal
from ledger.models.failures import check_integrity, check_writable, closed_cleanly, translate
from ledger.paths import migrations_dir

if TYPE_CHECKING:  # Alembic is imported only when a migration may be needed
    from alembic.config import Config

SQLITE_MAGIC = b"SQLite format 3\x00"
#: SQLite's ``PRAGMA application_id`` of a ledger file ("LDGR"), set by migration 0019.
APPLICATION_ID = 0x4C444752
BUSY_TIMEOUT_MS = 15000
T = TypeVar("T")


def database_url(target: str | Path) -> str:
    """Turn a path or URL into a SQLAlchemy URL (a bare path means a SQLite file)."""
    text = str(target)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def alembic_config(connection: Any = None) -> Config:
    """Alembic configuration pointing at the migrations shipped in the package."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.attributes["connection"] = connection
    return cfg


class Database:
    """An open database: engines for reading and writing, and session factories."""

    def __init__(
        self,
        url: str,
        *,
        echo: bool = False,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
        read_only: bool = False,
    ) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        #: Opened read-only (a SQLite file on a read-only disk or folder): nothing is written.
        self.read_only = read_only and self.is_sqlite
        kwargs: dict[str, Any] = {"echo": echo}
        if self.is_sqlite:
            kwargs["connect_args"] = {"timeout": busy_timeout_ms / 1000}
            if self.read_only:
                path = Path(url.removeprefix("sqlite:///"))
                wal = path.with_name(path.name + "-wal")
                # without a write-ahead log nothing can change the file: SQLite need not make
                # its shared-memory file (it cannot, on a read-only disk) to read it
                mode = "ro" if wal.exists() and wal.stat().st_size else "ro&immutable=1"
                url = f"sqlite:///file:{path.as_posix()}?mode={mode}&uri=true"
        self.engine: Engine = create_engine(url, **kwargs)
        if self.is_sqlite:
            _install_sqlite_hooks(self.engine, busy_timeout_ms, read_only=self.read_only)
        self.write_engine = self.engine.execution_options(ledger_write=True)
        self._reader = sessionmaker(bind=self.engine, expire_on_commit=False)
        self._writer = sessionmaker(bind=self.write_engine, expire_on_commit=False)

    @property
    def path(self) -> str:
        """The database file (SQLite) or the URL without password (server)."""
        if self.read_only:
            return self.url.removeprefix("sqlite:///")
        return (
            self.engine.url.database or "" if self.is_sqlite else self.engine.url.render_as_string()
        )

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries; rolled back at the end."""
        with self._reader() as session:
            try:
                yield session
            except exc.DBAPIError as error:
                refusal = translate(error, self.path)
                if refusal is None:
                    raise
                raise refusal from error

    @contextmanager
    def transaction(self, actor: Actor = SYSTEM) -> Iterator[Session]:
        """One user action: a write session committed at the end, rolled back on any error.

        Raises:
            DatabaseBusy: another process held the write lock longer than the busy timeout.
        """
        session = self._writer()
        session.info["actor"] = actor.username
        session.info["actor_obj"] = actor
        try:
            yield session
            session.commit()
        except exc.DBAPIError as error:
            session.rollback()
            refusal = translate(error, self.path)
            if refusal is None:
                raise
            raise refusal from error
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def run(self, work: Callable[[Session], T], actor: Actor = SYSTEM, *, attempts: int = 5) -> T:
        """Run ``work(session)`` as one transaction, and again when it lost a race with a
        concurrent one (on a server: serialization failure, deadlock, or a unique key that
        both inserted); the last attempt's error is raised."""
        for attempt in range(1, attempts + 1):
            try:
                with self.transaction(actor) as session:
                    return work(session)
            except exc.DBAPIError as error:
                if attempt == attempts or not is_conflict(error):
                    raise
                time.sleep(random.uniform(0.01, 0.05 * attempt))
        raise AssertionError("unreachable")

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


#: SQLSTATEs of a transaction that lost a race: serialization failure, deadlock, unique
#: violation (two transactions inserting the same new key, e.g. the first audit head).
CONFLICTS = frozenset({"40001", "40P01", "23505"})


def is_conflict(error: exc.DBAPIError) -> bool:
    """Whether a database error means a concurrent transaction got there first."""
    return getattr(error.orig, "sqlstate", None) in CONFLICTS


def _install_sqlite_hooks(
    engine: Engine, busy_timeout_ms: int = BUSY_TIMEOUT_MS, *, read_only: bool = False
) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        if not read_only:  # switching the journal writes to the file
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("ledger_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def check_sqlite_file(path: Path, *, create: bool = False) -> None:
    """Refuse a file that is not a ledger; a missing or empty one unless ``create`` is asked.

    A ledger is marked by its ``application_id``; one from before the mark by its
    ``alembic_version`` table. Another program's SQLite file is refused untouched (it is
    only read, in read-only mode).

    Raises:
        DatabaseError: the file is missing or empty (and not to be created), not a ledger, or
            cannot be read.
    """
    if not path.exists() or path.stat().st_size == 0:
        if create:
            return
        reason = "文件是空的（0 字节），不是台账数据库" if path.exists() else "文件不存在"
        raise DatabaseError(
            path=str(path),
            reason=reason + "；如要新建台账，请在程序中选择“新建数据库”，或在命令后加 --new",
        )
    try:
        with path.open("rb") as handle:
            header = handle.read(72)
    except OSError as error:
        raise DatabaseError(path=str(path), reason=error.strerror or str(error)) from error
    if header[:16] != SQLITE_MAGIC:
        raise DatabaseError(path=str(path), reason="这不是本程序的数据库文件（不是 SQLite 格式）")
    if int.from_bytes(header[68:72], "big") == APPLICATION_ID:
        return
    _check_is_ledger(path)


def _check_is_ledger(path: Path) -> None:
    """Refuse a SQLite file without the ledger's mark or revision table (read-only look)."""
    import sqlite3

    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            names = [
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            ]
        finally:
            conn.close()
    except sqlite3.Error as error:
        if "locked" in str(error) or "busy" in str(error):
            return  # in use by another ledger window: opening it says so
        raise DatabaseError(path=str(path), reason=f"无法读取（{error}）") from error
    if app_id == APPLICATION_ID or "alembic_version" in names:
        return
    shown = "、".join(names[:5]) + ("等" if len(names) > 5 else "")
    what = f"其中是其他程序的数据表：{shown}" if names else "其中没有台账的数据"
    raise DatabaseError(
        path=str(path), reason=f"这不是应急资源台账的数据库文件（{what}）；文件未作任何改动"
    )


def migrate(db: Database) -> None:
    """Bring the schema to the newest revision; refuse a database from a newer program.

    A database already at the newest revision is told by one query against the recorded
    :data:`SCHEMA_HEADS`, without starting Alembic.

    Raises:
        NewerDatabase: the database has a revision this program does not know.
        DatabaseError: the file is damaged.
    """
    if stored_revisions(db) == SCHEMA_HEADS:
        return
    _migrate_with_alembic(db)


def stored_revisions(db: Database) -> frozenset[str] | None:
    """The revisions recorded in the database (None: no revision table, a new database).

    Raises:
        DatabaseError: the file is damaged or cannot be read.
    """
    try:
        with db.engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    except exc.DBAPIError as error:
        refusal = translate(error, db.path)
        if refusal is not None:
            raise refusal from error
        return None
    return frozenset(str(row[0]) for row in rows)


#: The head revisions of the shipped migrations, as Alembic's ScriptDirectory finds them
#: (:func:`script_heads`); a new migration updates this (a test compares the two).
SCHEMA_HEADS = frozenset({"0022_encrypted_personal"})


def script_heads() -> frozenset[str]:
    """The head revisions of the shipped migrations, found by Alembic's ScriptDirectory
    (imports Alembic: not for opening a ledger, which compares with :data:`SCHEMA_HEADS`)."""
    from alembic.script import ScriptDirectory

    return frozenset(ScriptDirectory.from_config(alembic_config()).get_heads())


def _migrate_with_alembic(db: Database) -> None:
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    script = ScriptDirectory.from_config(alembic_config())
    try:
        with db.engine.begin() as conn:
            current = MigrationContext.configure(conn).get_current_heads()
            for rev in current:
                try:
                    script.get_revision(rev)
                except CommandError:
                    raise NewerDatabase(path=db.path, revision=rev) from None
            if set(current) != set(script.get_heads()):
                command.upgrade(alembic_config(conn), "heads")
    except exc.DatabaseError as error:
        refusal = translate(error, db.path)
        raise refusal or DatabaseError(path=db.path, reason=str(error.orig)) from error


def open_database(
    target: str | Path,
    *,
    upgrade: bool = True,
    echo: bool = False,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    create: bool = True,
    may_read_only: bool = False,
) -> Database:
    """Open (with ``create``: creating if needed) and migrate the database at a path or URL.

    The programs' entry points (the command line, the GUI) pass ``create`` only on an explicit
    create; a SQLite file that is not a ledger is refused untouched either way. With
    ``may_read_only`` (reading commands such as verify) a file on a read-only disk or in a
    read-only folder is opened read-only, without migrating it.

    The key of its personal data is attached (:func:`ledger.models.personal.unlock`) before
    any migration, which seals the values of a file from before encryption.

    A SQLite file gets the cheap checks (its header, the folder writable, its schema and
    revision read) every time, and SQLite's full page check when it was not closed cleanly
    last time (see :mod:`ledger.models.failures`).

    Raises:
        DatabaseError: the file is not a usable database.
        NewerDatabase: the database was made by a newer version of the program.
        PersonalKeyMissing, PersonalKeyWrong, PersonalKeyBroken: its personal data's key
            file is not there, is another database's, or is damaged.
    """
    url = database_url(target)
    read_only = False
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if not path.parent.exists():
            raise DatabaseError(path=str(path), reason="所在文件夹不存在")
        check_sqlite_file(path, create=create)
        read_only = may_read_only and _not_writable(path)
        if not read_only:
            check_writable(path)
    db = Database(url, echo=echo, busy_timeout_ms=busy_timeout_ms, read_only=read_only)
    made = False
    try:
        if read_only:
            _check_current(db)
            _unlock(db)
            return db
        if db.is_sqlite and not closed_cleanly(Path(db.path)):
            check_integrity(db.engine, db.path)
        made = _unlock(db)
        if upgrade:
            migrate(db)
    except BaseException:
        if made:  # the open failed before anything was sealed with the new key
            personal.discard_new_key(db.engine, db.url)
        db.dispose()
        raise
    return db


def _unlock(db: Database) -> bool:
    """Attach the key of the database's personal data; whether a new key file was made.

    Raises:
        DatabaseError: the file cannot be read (damaged), or the key is missing or wrong.
    """
    try:
        return personal.unlock(db.engine, db.url, db.path, read_only=db.read_only)
    except exc.DBAPIError as error:
        refusal = translate(error, db.path)
        raise refusal or DatabaseError(path=db.path, reason=str(error.orig)) from error


def _not_writable(path: Path) -> bool:
    """Whether the file or its folder cannot be written (a read-only disk, folder or file)."""
    import os

    return not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def _check_current(db: Database) -> None:
    """Refuse a read-only ledger from an older program version: it cannot be migrated.

    Raises:
        DatabaseError: its schema is older than this program's.
    """
    stored = stored_revisions(db)
    if stored is not None and stored != SCHEMA_HEADS and stored <= SCHEMA_HEADS:
        db.dispose()
        raise DatabaseError(
            path=db.path,
            reason="文件只读，而其版本比本程序旧、需要升级；请把它复制到可写的位置后再打开",
        )
