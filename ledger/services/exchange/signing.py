"""The office's signing identity (签名身份) and the senders registered here (登记发送方).

An installation (one office database) signs its packages with an Ed25519 key pair made on
first use. The private key is a file in the user's data folder, named after the installation
id and readable by its owner only; the database keeps the public half, so a database shared
by several PCs never holds a secret. A county registers a town by importing the town's public
key file for the town's unit; from then on it accepts packages from that installation only.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.errors import KeyFileInvalid, SigningKeyMissing
from ledger.models import OrgUnit, utcnow
from ledger.models.exchange import Installation, Sender
from ledger.paths import data_dir
from ledger.services.accounts import permissions
from ledger.services.accounts.permissions import Action
from ledger.services.common import lookup

KEY_FILE_FORMAT = "ledger-exchange-key"
KEY_DIR_NAME = "exchange-keys"


def default_key_dir() -> Path:
    """The folder of private key files in the user's data folder."""
    return data_dir() / KEY_DIR_NAME


def key_path(key_dir: Path, installation_id: uuid.UUID) -> Path:
    """The private key file of an installation."""
    return key_dir / f"{installation_id}.pem"


def fingerprint(public_key_hex: str) -> str:
    """A short, readable fingerprint of a public key, to compare by phone (e.g. ``3F2A-…``)."""
    digest = hashlib.sha256(bytes.fromhex(public_key_hex)).hexdigest()[:16].upper()
    return "-".join(digest[i : i + 4] for i in range(0, 16, 4))


def installation(session: Session, *, lock: bool = False) -> Installation | None:
    """This database's sender identity, if it has one yet."""
    return session.get(Installation, 1, with_for_update=lock or None)


def office_unit_code(session: Session) -> str | None:
    """The code of the unit this office keeps, once named (with its key or first export)."""
    found = installation(session)
    return found.unit_code if found is not None else None


def ensure_installation(session: Session, key_dir: Path) -> tuple[Installation, Ed25519PrivateKey]:
    """This database's identity and private key, both made on first use (row locked).

    Raises:
        SigningKeyMissing: the database has an identity but this PC lacks its key file.
    """
    found = installation(session, lock=True)
    if found is not None:
        return found, private_key(found, key_dir)
    return _new_identity(session, key_dir, slot_row=None)


def new_identity(session: Session, actor: Actor, key_dir: Path) -> Installation:
    """Replace this database's identity by a new one (a new PC, or a lost key file).

    The receivers must register the new public key file; packages restart at number 1.
    """
    permissions.require(session, actor, Action.SETTINGS)
    current = installation(session, lock=True)
    created, _ = _new_identity(session, key_dir, slot_row=current)
    return created


def _new_identity(
    session: Session, key_dir: Path, slot_row: Installation | None
) -> tuple[Installation, Ed25519PrivateKey]:
    key = Ed25519PrivateKey.generate()
    public_hex = _public_hex(key.public_key())
    row = slot_row or Installation(slot=1)
    row.installation_id = uuid.uuid4()
    row.public_key = public_hex
    row.last_seq = 0
    row.created_at = utcnow()
    if slot_row is None:
        session.add(row)
    session.flush()
    _write_private_key(key_path(key_dir, row.installation_id), key)
    return row, key


def private_key(found: Installation, key_dir: Path) -> Ed25519PrivateKey:
    """The private key of ``found`` from its file.

    Raises:
        SigningKeyMissing: the file is missing, unreadable or holds another key.
    """
    path = key_path(key_dir, found.installation_id)
    missing = SigningKeyMissing(path=str(path), installation=str(found.installation_id))
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError):
        raise missing from None
    if not isinstance(key, Ed25519PrivateKey) or _public_hex(key.public_key()) != found.public_key:
        raise missing
    return key


def _write_private_key(path: Path, key: Ed25519PrivateKey) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)


def _public_hex(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return raw.hex()


def sign(key: Ed25519PrivateKey, data: bytes) -> bytes:
    """The Ed25519 signature of ``data``."""
    return key.sign(data)


def verify(public_key_hex: str, signature: bytes, data: bytes) -> bool:
    """Whether ``signature`` is the signature of ``data`` by the key ``public_key_hex``."""
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key_hex)).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


# --- public key files -------------------------------------------------------------------


@dataclass(frozen=True)
class KeyFile:
    """What a public key file says: whose installation, and its public key."""

    installation_id: uuid.UUID
    public_key: str
    unit_code: str | None = None
    created_at: str = ""

    @property
    def fingerprint(self) -> str:
        """The key's fingerprint."""
        return fingerprint(self.public_key)


def public_key_file(
    session: Session, actor: Actor, key_dir: Path, unit: str | None = None
) -> bytes:
    """This installation's public key file (the key pair is made on first use).

    Args:
        unit: the code of the unit this office keeps; recorded here and named in the file,
            so the receiver registers the key for the right unit.

    Raises:
        UnknownRecord: no unit has that code.
        PermissionDenied: the actor may not export that unit's packages.
    """
    office = lookup.by_key(session, OrgUnit, unit) if unit else None
    permissions.require(
        session, actor, Action.EXCHANGE_EXPORT, unit_id=office.id if office else None
    )
    found, _ = ensure_installation(session, key_dir)
    if office is not None:
        found.unit_code = office.code
        session.flush()
    body = {
        "format": KEY_FILE_FORMAT,
        "version": 1,
        "installation_id": str(found.installation_id),
        "public_key": found.public_key,
        "fingerprint": fingerprint(found.public_key),
        "unit_code": found.unit_code,
        "created_at": found.created_at.isoformat(),
    }
    return json.dumps(body, ensure_ascii=False, indent=2).encode() + b"\n"


def read_key_file(data: bytes, name: str) -> KeyFile:
    """Parse a public key file.

    Raises:
        KeyFileInvalid: not a key file, or its key is malformed.
    """
    try:
        body = json.loads(data.decode("utf-8"))
        if body.get("format") != KEY_FILE_FORMAT:
            raise ValueError("不是本程序的公钥文件")
        installation_id = uuid.UUID(str(body["installation_id"]))
        public_key = str(body["public_key"])
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key))
    except (UnicodeDecodeError, json.JSONDecodeError, AttributeError) as error:
        raise KeyFileInvalid(name=name, reason="不是本程序的公钥文件") from error
    except (KeyError, ValueError) as error:
        raise KeyFileInvalid(name=name, reason=str(error) or "内容不完整") from error
    unit_code = body.get("unit_code")
    return KeyFile(
        installation_id,
        public_key,
        str(unit_code) if unit_code else None,
        str(body.get("created_at", "")),
    )


# --- registered senders -----------------------------------------------------------------


@dataclass(frozen=True)
class Registration:
    """The outcome of registering a sender: who, for which unit, and whom it replaced."""

    installation_id: uuid.UUID
    unit_code: str
    unit_name: str
    fingerprint: str
    replaced: tuple[uuid.UUID, ...] = ()
    already: bool = False


def register_sender(
    session: Session,
    actor: Actor,
    key_file: KeyFile,
    unit_code: str | None = None,
    *,
    name: str = "公钥文件",
    replace: bool = False,
) -> Registration:
    """Accept packages signed by ``key_file``'s installation for the unit ``unit_code``
    (by default the unit the key file names).

    The unit need not exist here yet (a town registers the county before its first package
    brings the county's records). One unit has one sending PC: registering another needs
    ``replace``, which retires the old one.

    Raises:
        KeyFileInvalid: the key is this PC's own, clashes with the one registered for the
            same installation, or the unit already has another PC and ``replace`` is off.
    """
    permissions.require(session, actor, Action.EXCHANGE_IMPORT)
    code = (unit_code or key_file.unit_code or "").strip()
    if not code:
        raise KeyFileInvalid(name=name, reason="公钥文件没有写明单位，请指定要登记的单位")
    if key_file.unit_code and key_file.unit_code != code:
        raise KeyFileInvalid(
            name=name, reason=f"公钥文件属于单位 {key_file.unit_code}，不是 {code}"
        )
    own = installation(session)
    if own is not None and own.installation_id == key_file.installation_id:
        raise KeyFileInvalid(name=name, reason="这是本机自己的公钥，不需要登记")
    unit_name = session.scalar(select(OrgUnit.name).where(OrgUnit.code == code)) or code
    existing = session.get(Sender, key_file.installation_id, with_for_update=True)
    if existing is not None:
        return _reregister(existing, key_file, code, unit_name, name)
    others = session.scalars(
        select(Sender).where(Sender.unit_code == code, Sender.retired_at.is_(None))
    ).all()
    if others and not replace:
        raise KeyFileInvalid(
            name=name,
            reason=f"单位 {code} 已登记了另一台电脑（安装编号 {others[0].installation_id}）；"
            "确已更换电脑时请选择替换原登记",
        )
    for other in others:
        other.retired_at = utcnow()
    session.add(
        Sender(
            installation_id=key_file.installation_id,
            unit_code=code,
            public_key=key_file.public_key,
            registered_by=actor.username,
        )
    )
    session.flush()
    return Registration(
        key_file.installation_id,
        code,
        unit_name,
        key_file.fingerprint,
        tuple(o.installation_id for o in others),
    )


def _reregister(
    existing: Sender, key_file: KeyFile, code: str, unit_name: str, name: str
) -> Registration:
    if existing.public_key != key_file.public_key:
        raise KeyFileInvalid(
            name=name, reason="同一安装编号已登记了另一个公钥，可能是伪造的公钥文件"
        )
    if existing.unit_code != code:
        raise KeyFileInvalid(name=name, reason=f"该电脑已登记为单位 {existing.unit_code} 的发送方")
    if existing.retired_at is not None:
        raise KeyFileInvalid(name=name, reason="该电脑的登记已被新电脑取代")
    return Registration(
        existing.installation_id, code, unit_name, key_file.fingerprint, already=True
    )


@dataclass(frozen=True)
class SenderRow:
    """A registered sender as lists show it."""

    installation_id: uuid.UUID
    unit_code: str
    unit_name: str
    fingerprint: str
    registered_at: str
    last_seq: int
    active: bool


def senders(session: Session) -> list[SenderRow]:
    """Every registered sender, active ones first, by unit code."""
    names = {code: name for code, name in session.execute(select(OrgUnit.code, OrgUnit.name))}
    rows = session.scalars(select(Sender).order_by(Sender.unit_code, Sender.registered_at)).all()
    found = [
        SenderRow(
            s.installation_id,
            s.unit_code,
            names.get(s.unit_code, s.unit_code),
            fingerprint(s.public_key),
            s.registered_at.isoformat(timespec="seconds"),
            s.last_seq,
            s.retired_at is None,
        )
        for s in rows
    ]
    return sorted(found, key=lambda r: (not r.active, r.unit_code))
