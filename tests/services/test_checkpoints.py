"""Signed checkpoints of the chain heads: taken at close, backup and export, checked by
``verify``, compared by the county, fingerprinted on vouchers (issue 22)."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select, text

from ledger.core.actor import SYSTEM
from ledger.core.enums import Role
from ledger.core.errors import PackageConflict, PackageDamaged
from ledger.models import User
from ledger.models.checkpoints import Checkpoint
from ledger.reports.kinds import voucher_pdf
from ledger.services.accounts import users as accounts
from ledger.services.backup.sqlite import backup_database
from ledger.services.closing import checkpoints
from ledger.services.closing.periods import close_period, month
from ledger.services.exchange import export, manifest
from ledger.services.verify.checks import verify
from tests.reports.pdfcheck import pdf_text
from tests.services.exchange_world import (
    D,
    Office,
    fingerprint,
    issue,
    later,
    resign,
    set_up_town,
)
from tests.services.test_exchange import make_db, world  # noqa: F401 - fixtures

FINGERPRINT = re.compile(r"^[0-9A-F]{4}(-[0-9A-F]{4}){3}$")


def sql(office: Office, statement: str, **params: object) -> None:
    with office.db.engine.begin() as conn:
        conn.execute(text(statement), params)


def found(office: Office) -> list[str]:
    with office.db.read() as s:
        return [d.kind for d in verify(s)]


def delete_newest_movement(office: Office, depot: str) -> None:
    """Delete a depot's newest movement, move its chain head back and fix its balance."""
    where = f"depot_id = (SELECT id FROM depots WHERE code = '{depot}')"
    last = f"(SELECT max(seq) FROM movements WHERE {where})"
    with office.db.engine.begin() as conn:
        row = conn.execute(
            text(f"SELECT item_id, lot, quantity FROM movements WHERE {where} AND seq = {last}")
        ).one()
        conn.execute(
            text(f"UPDATE balances SET quantity = quantity - :q WHERE {where} "
                 "AND item_id = :i AND lot = :l"),
            {"q": row.quantity, "i": row.item_id, "l": row.lot},
        )  # fmt: skip
        conn.execute(text(f"DELETE FROM movements WHERE {where} AND seq = {last}"))
        conn.execute(
            text(f"UPDATE chain_heads SET seq = {last}, hash = (SELECT hash FROM movements "
                 f"WHERE {where} AND seq = {last}) WHERE {where}")
        )  # fmt: skip


def test_an_export_takes_a_signed_checkpoint_and_sends_it(
    world: tuple[Office, Office, Office],  # noqa: F811
) -> None:
    _, a, _ = world
    set_up_town(a, "A")
    package = manifest.open_package(a.export().data, "x")
    listed = package.manifest["checkpoints"]
    with a.db.read() as s:
        own = checkpoints.own(s)
        mark = checkpoints.fingerprint(s)
    assert [c.occasion for c in own][-1] == "export"
    assert listed[-1]["payload"] == own[-1].payload
    assert FINGERPRINT.match(mark)
    assert found(a) == []


def test_verify_sees_audit_rows_truncated_across_a_checkpoint(
    world: tuple[Office, Office, Office],  # noqa: F811
) -> None:
    _, a, _ = world
    set_up_town(a, "A")
    a.export()
    with a.db.engine.connect() as conn:
        cut = conn.execute(text("SELECT max(id) - 10 FROM audit")).scalar_one()
    sql(a, "DELETE FROM audit WHERE id > :cut", cut=cut)
    sql(a, "UPDATE audit_head SET hash = (SELECT hash FROM audit WHERE id = :cut)", cut=cut)
    with a.db.read() as s:
        result = [d for d in verify(s) if d.kind == "checkpoint_chain"]
    assert result
    assert "数据交换时的校验点（指纹 " in result[-1].detail
    assert "审计链被改写或截断" in result[-1].detail


def test_verify_sees_a_rewritten_movement_chain_and_a_changed_checkpoint(
    world: tuple[Office, Office, Office],  # noqa: F811
) -> None:
    _, a, _ = world
    set_up_town(a, "A")
    a.export()
    delete_newest_movement(a, "A-K1")
    assert "checkpoint_chain" in found(a)
    sql(a, "UPDATE checkpoints SET payload = replace(payload, '\"export\"', '\"close\"')")
    assert "checkpoint_signature" in found(a)


def test_the_county_refuses_a_package_from_a_rewritten_history(
    world: tuple[Office, Office, Office],  # noqa: F811
) -> None:
    county, a, _ = world
    set_up_town(a, "A")
    a.post(issue("A-K1", later(1), ("WZ-001", 5, "L1")))
    a.send_to(county)
    delete_newest_movement(a, "A-K1")
    before = fingerprint(county)
    with pytest.raises(PackageConflict, match=r"台账历史被改写：其.*数据交换时的校验点"):
        a.send_to(county)
    assert fingerprint(county) == before


def test_the_county_refuses_a_package_whose_checkpoints_were_deleted(
    world: tuple[Office, Office, Office],  # noqa: F811
) -> None:
    county, a, _ = world
    set_up_town(a, "A")
    a.send_to(county)
    sql(a, "DELETE FROM checkpoints")
    with pytest.raises(PackageConflict, match="不在数据包中（校验点被删除）"):
        a.send_to(county)


def test_the_county_keeps_the_checkpoints_it_received(world: tuple[Office, Office, Office]) -> None:  # noqa: F811
    county, a, _ = world
    set_up_town(a, "A")
    a.send_to(county)
    a.post(issue("A-K1", later(1), ("WZ-001", 5, "L1")))
    a.send_to(county)
    with a.db.read() as s:
        sent = {c.digest for c in checkpoints.own(s)}
    with county.db.read() as s:
        held = set(s.scalars(select(Checkpoint.digest)))
        assert [d.kind for d in verify(s)] == []
    assert sent <= held


def test_a_checkpoint_not_signed_by_the_sender_is_refused(
    world: tuple[Office, Office, Office],  # noqa: F811
) -> None:
    county, a, b = world
    set_up_town(a, "A")
    set_up_town(b, "B")
    foreign = manifest.open_package(b.export().data, "b").manifest["checkpoints"]

    def swap(body: dict[str, object], files: dict[str, bytes]) -> None:
        body["checkpoints"] = foreign

    with pytest.raises(PackageDamaged, match="不是发送方签发的"):
        county.receive(resign(a, a.export().data, swap))


def test_a_month_close_and_a_backup_take_checkpoints_and_vouchers_show_the_fingerprint(
    world: tuple[Office, Office, Office],  # noqa: F811
    tmp_path: Path,
) -> None:
    _, a, _ = world
    set_up_town(a, "A")
    a.export()  # the town's key is made on its first export
    with a.tx() as s:
        close_period(s, SYSTEM, "A-K1", month(2026, 3), today=D("2026-04-02"), key_dir=a.keys)
        assert checkpoints.own(s)[-1].occasion == "close"
        mark = checkpoints.fingerprint(s)
        document_id = s.execute(text("SELECT id FROM documents")).scalars().first()
    with a.db.read() as s:
        from uuid import UUID

        ident = document_id if not isinstance(document_id, str) else UUID(document_id)
        _, pdf = voucher_pdf(s, SYSTEM, ident)
    assert f"台账指纹：{mark}" in pdf_text(pdf).replace(" ", "")
    assert found(a) == []
    if not a.db.is_sqlite:  # a server database is backed up with the server's tools
        return
    target = tmp_path / "backup.db"
    backup_database(a.db.path, target, key_dir=a.keys)
    with sqlite3.connect(target) as conn:
        occasions = [r[0] for r in conn.execute("SELECT occasion FROM checkpoints")]
    assert occasions[-1] == "backup"
    assert found(a) == []


def test_only_the_latest_checkpoints_travel_and_the_county_asks_for_those(
    world: tuple[Office, Office, Office],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    county, a, _ = world
    monkeypatch.setattr(checkpoints, "SENT", 2)
    set_up_town(a, "A")
    for day in (1, 2, 3):
        a.post(issue("A-K1", later(day), ("WZ-001", 1, "L1")))
        a.send_to(county)
    with a.db.read() as s:
        oldest = checkpoints.own(s)[0].id
    sql(a, "DELETE FROM checkpoints WHERE id = :id", id=oldest.hex)
    data = a.export().data
    assert len(manifest.open_package(data, "x").manifest["checkpoints"]) == 2
    county.receive(data)  # the oldest was not asked for
    with a.db.read() as s:
        newest = checkpoints.own(s)[-1].id
    sql(a, "DELETE FROM checkpoints WHERE id = :id", id=newest.hex)
    with pytest.raises(PackageConflict, match="校验点被删除"):
        a.send_to(county)


def test_a_password_hash_replaced_in_the_file_shows_against_the_checkpoint(
    world: tuple[Office, Office, Office],  # noqa: F811
) -> None:
    _, a, _ = world
    with a.tx() as s:
        admin = accounts.create_first_admin(s, "Checkpoint-2026-strong")
        s.add(User(username="keeper1", role=Role.KEEPER, password_hash="argon2$one"))
        s.add(User(username="keeper2", role=Role.KEEPER, password_hash="argon2$two"))
    with a.db.transaction(admin) as s:  # accounts exist now: the export is made by a user
        export.export_package(s, admin, a.unit, key_dir=a.keys)
    with a.db.transaction(admin) as s:  # a change through the program is audited, so not reported
        user = s.scalars(select(User).where(User.username == "keeper2")).one()
        user.password_hash = "argon2$three"
    assert found(a) == []
    sql(a, "UPDATE users SET password_hash = 'argon2$mine' WHERE username = 'keeper1'")
    with a.db.read() as s:
        result = [d for d in verify(s) if d.kind == "password_changed"]
    assert len(result) == 1
    assert result[0].detail.startswith("用户账号“keeper1”的密码在")
    assert result[0].detail.endswith("被直接改动过（没有审计记录）")
