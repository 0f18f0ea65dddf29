"""Personal data at rest (个人信息加密): ID numbers and phones sealed with a key outside the file.

Which columns are personal: a team member's ID number and phone (``members``), a team
leader's phone (``teams.phone``), the phone of a person in a post (``posts.phone``) and a
trainee's ID number (``trainings.id_number``) — each belongs to a named person. A supplier's
or agreement party's phone (``counterparties.phone``) is a company's office number and stays
plain; so do names (the roster must stay readable in reports without the key).

How: AES-SIV (RFC 5297, AES-256, the ``cryptography`` package), stored as ``p1:`` and the
URL-safe base64 of the sealed bytes; an empty value stays empty. SIV is deterministic: one
value under one key always gives the same text, so the sealed text *is* the keyed lookup
token (SIV's synthetic IV is a keyed PRF — CMAC — of the value, as an HMAC column would be):
a search by the full ID number, the one-ID-per-team check, the import's matching and the
annual report's distinct trainees compare sealed texts in SQL, unchanged. Equal values show
as equal to whoever holds the file, exactly what a keyed hash column would show; the values
themselves (and a dictionary attack on 18-digit ID numbers) need the key. Audit rows store the
sealed text too (:mod:`ledger.models.audit`), so the audit chain hashes no plaintext.

The key: 64 random bytes in an owner-only file (0600), never in the database or a backup's
copy of it: beside a SQLite file as ``<file>.key`` (``ledger.db`` → ``ledger.db.key``), and
``personal.key`` in the data folder for a server database (every PC sharing one PostgreSQL
database must hold the same file). ``LEDGER_KEY_FILE`` names another file for either.

Opening (:func:`unlock`): with the key file present, one stored value is opened to prove it
is this database's key; without it a new key is made only when the database holds no sealed
value yet (a new ledger, an old one before the upgrade seals it, an empty template copy).
Otherwise the database is refused with the key file's path named, and nothing is changed.

Exchange packages carry these values in plain, inside the signed package, as before: the
exporting office opens them with its key and the county seals them with its own on import
(two offices never share a key). A package on a USB stick is therefore as sensitive as the
roster it carries; encrypting packages to the receiver's key is left for later. Backups hold
the sealed file only (:mod:`ledger.services.backup.sqlite` says what a restore elsewhere needs).

The key is attached to an engine's dialect, so two ledgers open in one process (a county and
a town in the tests) each use their own.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import os
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import String, TypeDecorator
from sqlalchemy.engine import Connection, Dialect, Engine

from ledger.core.errors import PersonalKeyBroken, PersonalKeyMissing, PersonalKeyWrong

if TYPE_CHECKING:  # cryptography is loaded when a value is first sealed or opened
    from cryptography.hazmat.primitives.ciphers.aead import AESSIV

PREFIX = "p1:"
KEY_HEADER = "ledger-personal-key-v1:"
KEY_BYTES = 64  # AES-256-SIV
#: Stored width: an 20-character value sealed is 51 characters.
WIDTH = 80
#: Every personal column, as (table, column).
COLUMNS = (
    ("members", "id_number"),
    ("members", "phone"),
    ("teams", "phone"),
    ("posts", "phone"),
    ("trainings", "id_number"),
)

_KEYS: weakref.WeakKeyDictionary[Dialect, bytes] = weakref.WeakKeyDictionary()
_CIPHERS: weakref.WeakKeyDictionary[Dialect, AESSIV] = weakref.WeakKeyDictionary()
#: Values :func:`opener` opened with ``remember``, per dialect (sealed → plain): forgotten when
#: another key is attached, or with the engine.
_OPENED: weakref.WeakKeyDictionary[Dialect, dict[str, str]] = weakref.WeakKeyDictionary()
#: At most this many remembered values per database (then it starts afresh).
REMEMBERED = 1_000_000
#: The key file and the database shown in messages, per dialect.
_WHERE: weakref.WeakKeyDictionary[Dialect, tuple[str, str]] = weakref.WeakKeyDictionary()


class EncryptedText(TypeDecorator[str]):
    """A personal text column: plain strings in Python, sealed text in the database."""

    impl = String(WIDTH)
    cache_ok = True

    def __init__(self, plain_width: int) -> None:
        super().__init__()
        #: The longest plain value; also the width the SQLite table was made with (SQLite
        #: stores text of any length, so its tables keep their first declaration, no
        #: rebuild); a server's column is widened to hold the sealed text.
        self.plain_width = plain_width

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        width = self.plain_width if dialect.name == "sqlite" else WIDTH
        return dialect.type_descriptor(String(width))

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None or value == "":
            return value  # type: ignore[no-any-return]
        return seal(dialect, str(value))

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return open_text(dialect, str(value))


def seal(dialect: Dialect, value: str) -> str:
    """``value`` sealed with the key attached to ``dialect`` (empty stays empty).

    Every value is sealed, one that looks sealed too: a typed or received ``p1:…`` is data.
    """
    if not value:
        return value
    sealed = _cipher(dialect).encrypt(value.encode("utf-8"), None)
    return PREFIX + base64.urlsafe_b64encode(sealed).decode("ascii")


def open_text(dialect: Dialect, value: str) -> str:
    """The plain value of a stored text (a text that was never sealed is returned as it is).

    Raises:
        PersonalKeyWrong: the text was sealed with another key.
    """
    if not value.startswith(PREFIX):
        return value
    from cryptography.exceptions import InvalidTag

    try:
        data = base64.urlsafe_b64decode(value[len(PREFIX) :])
        return _cipher(dialect).decrypt(data, None).decode("utf-8")
    except (InvalidTag, ValueError) as error:
        key, where = _WHERE.get(dialect, ("", ""))
        raise PersonalKeyWrong(path=where, key=key) from error


#: Base64's URL-safe letters back to the standard ones (``binascii`` reads only those).
_URLSAFE = bytes.maketrans(b"-_", b"+/")


def opener(dialect: Dialect, *, remember: bool = False) -> Callable[[Any], Any]:
    """:func:`open_text` for many values at once (a roster of a city: 120,000 ID numbers):
    the cipher looked up once, the text decoded without ``base64``'s checks; None stays None.

    With ``remember``, each value opened is kept (in this process's memory, while the engine
    lives and its key stays attached) and not opened again: a check run again reads the same
    roster. A value that does not open this way goes through :func:`open_text`, so the result
    and the refusal (``PersonalKeyWrong``) are the same.
    """
    if dialect not in _KEYS:
        return lambda value: None if value is None else open_text(dialect, str(value))
    decrypt, a2b, urlsafe = _cipher(dialect).decrypt, binascii.a2b_base64, _URLSAFE
    start = len(PREFIX)

    def open_one(value: Any) -> Any:
        if value is None or not value.startswith(PREFIX):
            return value
        try:
            return decrypt(a2b(value[start:].encode("ascii").translate(urlsafe)), None).decode()
        except Exception:
            return open_text(dialect, value)

    if not remember:
        return open_one
    opened = _OPENED.get(dialect)
    if opened is None or len(opened) > REMEMBERED:
        opened = _OPENED[dialect] = {}
    known = opened.get

    def open_known(value: Any) -> Any:
        plain = known(value)
        if plain is None:
            plain = open_one(value)
            if value is not None:
                opened[value] = plain
        return plain

    return open_known


def open_values(
    dialect: Dialect, table: str, values: dict[str, Any] | None
) -> dict[str, Any] | None:
    """An audit image of a ``table`` row with its personal values opened (for showing it).

    A value that does not open (recorded under a key since replaced) is shown as stored.
    """
    if values is None:
        return None
    personal = {c for t, c in COLUMNS if t == table}
    if not personal & values.keys():
        return values
    opened = dict(values)
    for key in personal & values.keys():
        value = values[key]
        if isinstance(value, str):
            with contextlib.suppress(PersonalKeyWrong):
                opened[key] = open_text(dialect, value)
    return opened


def is_sealed(value: Any) -> bool:
    """Whether a stored value is sealed text."""
    return isinstance(value, str) and value.startswith(PREFIX)


def _cipher(dialect: Dialect) -> AESSIV:
    cipher = _CIPHERS.get(dialect)
    if cipher is None:
        key = _KEYS.get(dialect)
        if key is None:
            raise RuntimeError("no personal-data key attached to this database connection")
        from cryptography.hazmat.primitives.ciphers.aead import AESSIV

        cipher = _CIPHERS[dialect] = AESSIV(key)
    return cipher


def attach(dialect: Dialect, key: bytes, path: Path | str = "", where: str = "") -> None:
    """Use ``key`` for the personal columns of every connection of ``dialect``'s engine."""
    _KEYS[dialect] = key
    _CIPHERS.pop(dialect, None)
    _OPENED.pop(dialect, None)
    _WHERE[dialect] = (str(path), where)


def attached(dialect: Dialect) -> bool:
    """Whether a key is attached to ``dialect``."""
    return dialect in _KEYS


# --- the key file ------------------------------------------------------------------------


def key_path(url: str) -> Path:
    """Where the key of the database at ``url`` is kept (see the module's docstring)."""
    override = os.environ.get("LEDGER_KEY_FILE")
    if override:
        return Path(override).expanduser()
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///").split("?", 1)[0].removeprefix("file:"))
        return path.with_name(path.name + ".key")
    from ledger.paths import data_dir

    return data_dir() / "personal.key"


def own_key(path: Path) -> Path | None:
    """The key file of the SQLite file ``path`` alone (None: ``LEDGER_KEY_FILE`` names one
    shared by every database), to move or remove with the file."""
    if os.environ.get("LEDGER_KEY_FILE"):
        return None
    return path.with_name(path.name + ".key")


def read_key(path: Path) -> bytes:
    """The key in ``path`` (made owner-only again if its mode was opened up).

    Raises:
        PersonalKeyBroken: the file is not a key file.
    """
    text = path.read_text(encoding="ascii", errors="replace").strip()
    try:
        if not text.startswith(KEY_HEADER):
            raise ValueError(text[:20])
        key = base64.b64decode(text[len(KEY_HEADER) :], validate=True)
        if len(key) != KEY_BYTES:
            raise ValueError(len(key))
    except ValueError as error:
        raise PersonalKeyBroken(key=str(path)) from error
    if os.name == "posix" and path.stat().st_mode & 0o077:
        with contextlib.suppress(OSError):  # another user's file: read it as it is
            path.chmod(0o600)
    return key


def create_key(path: Path) -> bytes:
    """A new random key written to ``path`` (owner-only; never over an existing file).

    Written whole under a temporary name, then linked into place: another program making
    the same key file at the same moment (two PCs of one server) reads one complete key.
    """
    key = os.urandom(KEY_BYTES)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.new")
    temp.unlink(missing_ok=True)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(KEY_HEADER + base64.b64encode(key).decode("ascii") + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.link(temp, path)
    except FileExistsError:  # made a moment ago by another program: use that one
        return read_key(path)
    finally:
        temp.unlink(missing_ok=True)
    return key


def sample(conn: Connection) -> str | None:
    """One sealed text stored in the database (None: nothing sealed, or no such tables yet)."""
    from sqlalchemy import inspect, text

    tables = set(inspect(conn).get_table_names())
    for table, column in COLUMNS:
        if table not in tables:
            continue
        found = conn.execute(
            text(f'SELECT "{column}" FROM "{table}" WHERE "{column}" LIKE :p LIMIT 1'),
            {"p": PREFIX + "%"},
        ).scalar()
        if found:
            return str(found)
    return None


def unlock(
    engine: Engine,
    url: str,
    display: str,
    *,
    read_only: bool = False,
    conn: Connection | None = None,
) -> bool:
    """Attach the database's key to ``engine``, making one if the database has nothing sealed.

    Returns whether a new key file was made.

    Raises:
        PersonalKeyMissing: the database holds sealed values and its key file is not there.
        PersonalKeyWrong: the key file is another database's.
        PersonalKeyBroken: the key file is damaged.
    """
    path = key_path(url)
    if conn is not None:  # inside a migration's transaction
        stored = sample(conn)
    else:
        with engine.connect() as fresh:
            stored = sample(fresh)
    if path.exists():
        key = read_key(path)
        attach(engine.dialect, key, path, display)
        if stored is not None:
            try:
                open_text(engine.dialect, stored)
            except PersonalKeyWrong:
                raise PersonalKeyWrong(path=display, key=str(path)) from None
        return False
    if stored is not None:
        raise PersonalKeyMissing(path=display, key=str(path))
    if read_only:  # nothing sealed to read, nothing will be written: a key for this session
        attach(engine.dialect, os.urandom(KEY_BYTES), path, display)
        return False
    attach(engine.dialect, create_key(path), path, display)
    return True


def discard_new_key(engine: Engine, url: str) -> None:
    """Remove the key file just made for a database that failed to open, if nothing is sealed
    with it (a read-only or damaged file is left as it was found)."""
    try:
        with engine.connect() as conn:
            if sample(conn) is not None:
                return
    except Exception:
        pass
    key_path(url).unlink(missing_ok=True)


def check_key_for(copy: Path, key_file: Path) -> str | None:
    """Why the SQLite file ``copy`` cannot be read with ``key_file`` (None: it can)."""
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{copy}")
    try:
        with engine.connect() as conn:
            stored = sample(conn)
    finally:
        engine.dispose()
    if stored is None:
        return None
    if not key_file.exists():
        return f"其中的身份证号和电话已加密，而密钥文件“{key_file}”不存在"
    try:
        key = read_key(key_file)
    except PersonalKeyBroken:
        return f"密钥文件“{key_file}”已损坏"
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESSIV

    try:
        AESSIV(key).decrypt(base64.urlsafe_b64decode(stored[len(PREFIX) :]), None)
    except (InvalidTag, ValueError):
        return (
            f"其中的身份证号和电话是用另一个密钥加密的，与密钥文件“{key_file}”不符；"
            "请把备份时那台电脑上这个数据库的密钥文件放到该位置后再恢复"
        )
    return None
