"""Signed checkpoints (校验点) of the chain heads, anchored outside the database file.

The movement and audit chains are plain SHA-256 chains: whoever holds the file can rewrite
history and recompute them. A checkpoint is their heads (the last audit row's id and hash,
each depot's last movement's number and hash) signed with the office's Ed25519 key (the one
exchange packages are signed with, kept outside the file). One is taken at each month close,
backup and exchange export; every package carries all of them with what the chains hold at
their positions now, so the county, which keeps the last ones it received, sees a history
rewritten since (a checkpoint whose head is no longer on the chain), or checkpoints deleted.
The fingerprint of the latest one (4×4 hex digits) is printed on vouchers and month reports,
to be compared by eye with the paper copies.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger.core.errors import PackageConflict, PackageDamaged, SigningKeyMissing
from ledger.models import AuditRow, ChainHead, Movement, utcnow
from ledger.models.audit import GENESIS
from ledger.models.checkpoints import Checkpoint
from ledger.models.exchange import Sender
from ledger.models.users import User
from ledger.services.verify.rows import Discrepancy

#: At most this many of an office's checkpoints travel in a package (the newest). The county
#: requires the latest one it holds, and every one it holds from the oldest listed on.
SENT = 200
OCCASIONS = {"close": "月结", "backup": "备份", "export": "数据交换", "manual": "手动"}


@dataclass(frozen=True)
class Heads:
    """The chain heads a checkpoint signs."""

    audit_id: int
    audit_hash: str
    movements: dict[str, tuple[int, str]]


def fingerprint_of(digest: str) -> str:
    """A digest shown short, to compare by eye: ``3F2A-9C01-77DE-0B4C``."""
    head = digest[:16].upper()
    return "-".join(head[i : i + 4] for i in range(0, 16, 4))


def current_heads(session: Session) -> Heads:
    """The heads of the chains as they stand (the last audit row, each depot's chain head)."""
    last = session.scalar(select(func.max(AuditRow.id)))
    audit_hash = GENESIS
    if last is not None:
        audit_hash = session.scalar(select(AuditRow.hash).where(AuditRow.id == last)) or GENESIS
    movements = {
        str(depot_id): (seq, link)
        for depot_id, seq, link in session.execute(
            select(ChainHead.depot_id, ChainHead.seq, ChainHead.hash).where(ChainHead.seq > 0)
        )
    }
    return Heads(last or 0, audit_hash, movements)


def take(
    session: Session, occasion: str, key_dir: Path | None = None, now: datetime | None = None
) -> Checkpoint | None:
    """Sign the chain heads now and keep the checkpoint; ``None`` when this office has no
    signing identity yet (it has never exported) or this PC lacks its key file."""
    from ledger.services.exchange import signing  # cryptography loads when first used

    identity = signing.installation(session)
    if identity is None:
        return None
    try:
        key = signing.private_key(identity, key_dir or signing.default_key_dir())
    except SigningKeyMissing:
        return None
    session.flush()
    heads = current_heads(session)
    moment = now or utcnow()
    payload = {
        "version": 1,
        "installation_id": str(identity.installation_id),
        "occasion": occasion,
        "taken_at": moment.isoformat(timespec="microseconds"),
        "audit": {"id": heads.audit_id, "hash": heads.audit_hash},
        "movements": {d: [seq, link] for d, (seq, link) in sorted(heads.movements.items())},
        "passwords": passwords(session),
    }
    text = _canonical(payload)
    checkpoint = Checkpoint(
        id=uuid.uuid4(),
        installation_id=identity.installation_id,
        taken_at=moment,
        occasion=occasion,
        payload=text,
        digest=hashlib.sha256(text.encode()).hexdigest(),
        signature=signing.sign(key, text.encode()).hex(),
    )
    session.add(checkpoint)
    session.flush()
    return checkpoint


def _canonical(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def own(session: Session) -> list[Checkpoint]:
    """This office's checkpoints, oldest first."""
    from ledger.services.exchange import signing  # cryptography loads when first used

    identity = signing.installation(session)
    if identity is None:
        return []
    query = select(Checkpoint).where(Checkpoint.installation_id == identity.installation_id)
    return list(session.scalars(query.order_by(Checkpoint.taken_at, Checkpoint.id)))


def fingerprint(session: Session) -> str:
    """The ledger's fingerprint: that of its latest checkpoint (``""`` when it has none)."""
    checkpoints = own(session)
    return fingerprint_of(checkpoints[-1].digest) if checkpoints else ""


def witness(
    session: Session, payload: dict[str, Any], seen: dict[Any, str | None] | None = None
) -> dict[str, Any]:
    """What the chains hold now at a checkpoint's positions (``None`` where nothing is).

    ``seen`` remembers the hashes read, for a run over many checkpoints that share them.
    """
    seen = {} if seen is None else seen
    audit_id = int((payload.get("audit") or {}).get("id", 0))
    if ("audit", audit_id) not in seen:
        seen[("audit", audit_id)] = (
            GENESIS
            if audit_id == 0
            else session.scalar(select(AuditRow.hash).where(AuditRow.id == audit_id))
        )
    movements: dict[str, str | None] = {}
    for depot, (seq, _) in (payload.get("movements") or {}).items():
        key = (depot, int(seq))
        if key not in seen:
            seen[key] = session.scalar(
                select(Movement.hash).where(
                    Movement.depot_id == uuid.UUID(depot), Movement.seq == int(seq)
                )
            )
        movements[depot] = seen[key]
    return {"audit": seen[("audit", audit_id)], "movements": movements}


def broken(payload: dict[str, Any], now: dict[str, Any]) -> list[str]:
    """Which chains no longer hold a checkpoint's heads (Chinese, ``[]`` when all do)."""
    problems = []
    if (payload.get("audit") or {}).get("hash") != now.get("audit"):
        problems.append("审计链")
    held = now.get("movements") or {}
    for depot, (_, link) in sorted((payload.get("movements") or {}).items()):
        if held.get(depot) != link:
            problems.append(f"流水链（仓库 {depot[:8]}）")
    return problems


def describe(checkpoint: Checkpoint) -> str:
    """``2026-03-31 月结时的校验点（指纹 3F2A-9C01-77DE-0B4C）``."""
    return describe_payload(json.loads(checkpoint.payload), checkpoint.digest)


def describe_payload(payload: dict[str, Any], digest: str) -> str:
    """A checkpoint named by its date, occasion and fingerprint."""
    when = str(payload.get("taken_at", ""))[:10]
    occasion = OCCASIONS.get(str(payload.get("occasion")), str(payload.get("occasion")))
    return f"{when} {occasion}时的校验点（指纹 {fingerprint_of(digest)}）"


# --- verify (check 10) ------------------------------------------------------------------


def check(session: Session) -> list[Discrepancy]:
    """This office's checkpoints: each signed by its key, each head still on its chain."""
    from ledger.services.exchange import signing  # cryptography loads when first used

    identity = signing.installation(session)
    if identity is None:
        return []
    found: list[Discrepancy] = []
    seen: dict[Any, str | None] = {}
    latest: tuple[Checkpoint, dict[str, Any]] | None = None
    for checkpoint in own(session):
        what = describe(checkpoint)
        text = checkpoint.payload.encode()
        signed = signing.verify(identity.public_key, _hex(checkpoint.signature), text)
        if not signed or hashlib.sha256(text).hexdigest() != checkpoint.digest:
            detail = f"{what}的签名无效（校验点被改动过）"
            found.append(Discrepancy("checkpoint_signature", "checkpoints", str(checkpoint.id),
                                     detail))  # fmt: skip
            continue
        payload = json.loads(checkpoint.payload)
        problems = broken(payload, witness(session, payload, seen))
        if problems:
            detail = f"{what}之后{'、'.join(problems)}被改写或截断（历史记录被改动过）"
            found.append(Discrepancy("checkpoint_chain", "checkpoints", str(checkpoint.id),
                                     detail))  # fmt: skip
        else:
            latest = (checkpoint, payload)
    if latest is not None:
        found += _check_passwords(session, *latest)
    return found


def passwords(session: Session) -> dict[str, str]:
    """Each account's password hash, hashed again (the audit shows only that one is set):
    a checkpoint signs them, so a hash replaced in the file without an audit row shows."""
    return {
        str(user_id): hashlib.sha256(password_hash.encode()).hexdigest()[:32]
        for user_id, password_hash in session.execute(select(User.id, User.password_hash))
    }


def _check_passwords(
    session: Session, checkpoint: Checkpoint, payload: dict[str, Any]
) -> list[Discrepancy]:
    """Password hashes against the latest sound checkpoint, for the accounts whose password
    has no audit row since (a change, a new account, a deletion)."""
    signed = payload.get("passwords")
    if not isinstance(signed, dict):
        return []
    since = int((payload.get("audit") or {}).get("id", 0))
    touched = {
        str(row_id)
        for row_id, action, after in session.execute(
            select(AuditRow.row_id, AuditRow.action, AuditRow.after).where(
                AuditRow.table == "users", AuditRow.id > since
            )
        )
        if action != "update" or "password_hash" in (after or {})
    }
    names = {str(i): n for i, n in session.execute(select(User.id, User.username))}
    found = []
    for user_id, digest in sorted(passwords(session).items()):
        if user_id in touched or signed.get(user_id) == digest:
            continue
        detail = (
            f"用户账号“{names.get(user_id, user_id)}”的密码在{describe(checkpoint)}之后"
            "被直接改动过（没有审计记录）"
        )
        found.append(Discrepancy("password_changed", "users", user_id, detail))
    return found


def _hex(text: str) -> bytes:
    try:
        return bytes.fromhex(text)
    except ValueError:
        return b""


# --- packages ---------------------------------------------------------------------------


def for_package(session: Session) -> list[dict[str, Any]]:
    """This office's checkpoints for a package's manifest, each with what its chains hold now."""
    listed = []
    seen: dict[Any, str | None] = {}
    for checkpoint in own(session)[-SENT:]:
        payload = json.loads(checkpoint.payload)
        listed.append(
            {
                "payload": checkpoint.payload,
                "signature": checkpoint.signature,
                "now": witness(session, payload, seen),
            }
        )
    return listed


def receive(session: Session, sender: Sender, listed: Any, name: str, unit: str) -> None:
    """Compare a package's checkpoints with the last ones held for its sender, keep new ones.

    Raises:
        PackageDamaged: the list is malformed or a checkpoint is not signed by the sender.
        PackageConflict: the sender's history was rewritten since a checkpoint held here, or a
            checkpoint held here is missing from the package.
    """
    if listed is None:  # a sender of an older version: nothing to compare
        return
    entries = _entries(listed, name, sender)
    by_digest = {digest: (payload, now, entry) for digest, payload, now, entry in entries}
    held = session.scalars(
        select(Checkpoint).where(Checkpoint.installation_id == sender.installation_id)
    ).all()
    oldest = min((_moment(p) for p, _, _ in by_digest.values()), default=None)
    latest = max(held, key=lambda c: c.taken_at, default=None)
    for checkpoint in sorted(held, key=lambda c: c.taken_at):
        required = checkpoint is latest or (oldest is not None and checkpoint.taken_at >= oldest)
        if required and checkpoint.digest not in by_digest:
            raise PackageConflict(
                reason=f"{unit}的台账历史可能被改写：本库保存的其{describe(checkpoint)}"
                "不在数据包中（校验点被删除）"
            )
    for digest, (payload, now, _) in by_digest.items():
        problems = broken(payload, now)
        problems += _against_held_movements(session, payload)
        if problems:
            raise PackageConflict(
                reason=f"{unit}的台账历史被改写：其{describe_payload(payload, digest)}之后"
                f"{'、'.join(problems)}已对不上"
            )
    known = {c.digest for c in held}
    for digest, (payload, _, entry) in by_digest.items():
        if digest in known:
            continue
        session.add(
            Checkpoint(
                id=uuid.uuid4(),
                installation_id=sender.installation_id,
                taken_at=_moment(payload),
                occasion=str(payload.get("occasion", ""))[:10],
                payload=entry["payload"],
                digest=digest,
                signature=entry["signature"],
            )
        )
    session.flush()


def _moment(payload: dict[str, Any]) -> datetime:
    moment = datetime.fromisoformat(str(payload["taken_at"]))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _entries(
    listed: Any, name: str, sender: Sender
) -> list[tuple[str, dict[str, Any], dict[str, Any], dict[str, Any]]]:
    from ledger.services.exchange import signing  # cryptography loads when first used

    if not isinstance(listed, list):
        raise PackageDamaged(name=name, reason="清单中的校验点格式不对")
    entries = []
    for number, entry in enumerate(listed, start=1):
        try:
            text, signature, now = entry["payload"], entry["signature"], entry["now"]
            if not isinstance(text, str) or not isinstance(signature, str):
                raise TypeError("not text")
            if not isinstance(now, dict):
                raise TypeError("not an object")
            payload = json.loads(text)
            if not isinstance(payload, dict) or not isinstance(payload.get("movements"), dict):
                raise TypeError("not an object")
            datetime.fromisoformat(str(payload["taken_at"]))
            for depot, (seq, link) in payload["movements"].items():
                uuid.UUID(depot)
                int(seq), str(link)
            int((payload.get("audit") or {}).get("id", 0))
        except (KeyError, TypeError, ValueError, RecursionError) as error:
            reason = f"清单中的第 {number} 个校验点无法读取（{error}）"
            raise PackageDamaged(name=name, reason=reason) from error
        signed = signing.verify(sender.public_key, _hex(signature), text.encode())
        if not signed or payload.get("installation_id") != str(sender.installation_id):
            reason = f"清单中的第 {number} 个校验点不是发送方签发的"
            raise PackageDamaged(name=name, reason=reason)
        digest = hashlib.sha256(text.encode()).hexdigest()
        entries.append((digest, payload, now, entry))
    return entries


def _against_held_movements(session: Session, payload: dict[str, Any]) -> list[str]:
    """A checkpoint's movement heads against the sender's movements this database holds."""
    problems = []
    for depot, (seq, link) in sorted(payload["movements"].items()):
        held = session.scalar(
            select(Movement.hash).where(
                Movement.depot_id == uuid.UUID(depot), Movement.seq == int(seq)
            )
        )
        if held is not None and held != link:
            problems.append(f"流水链（仓库 {depot[:8]}，第 {seq} 条）")
    return problems
