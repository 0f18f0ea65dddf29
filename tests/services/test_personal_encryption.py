"""Personal data sealed at rest: a copied file shows no ID number or phone, the key stays out."""

from __future__ import annotations

import shutil
import sqlite3
import stat
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from ledger.core.actor import SYSTEM
from ledger.core.enums import Level, Nature, TeamType
from ledger.core.errors import (
    DuplicateRecord,
    PersonalKeyBroken,
    PersonalKeyMissing,
    PersonalKeyWrong,
    RestoreRefused,
)
from ledger.io.importer import import_workbook
from ledger.models import Member, OrgUnit, Post, Team
from ledger.models.engine import Database, alembic_config, database_url, open_database
from ledger.models.personal import PREFIX, create_key, key_path, read_key
from ledger.services.accounts.permissions import mask_id_number
from ledger.services.backup.sqlite import backup_database, restore_database
from ledger.services.demo import build_demo
from ledger.services.org import rescue_teams as teams
from ledger.services.reporting.audit import AuditFilter, audit_entries
from ledger.services.verify.checks import verify
from tests.io.books import ID_A, ID_B, VALID, valid_book

REF = date(2026, 11, 25)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A demo county on SQLite, closed; its key file beside it."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    shutil.copy(sqlite_template, path)
    database = open_database(path)
    with database.transaction(SYSTEM) as session:
        build_demo(session, SYSTEM, seed=7, today=REF)
    database.dispose()
    return path


def _plain_people(path: Path) -> list[tuple[str, str, str]]:
    """Some members' ID numbers and phones, read through the program (with the key)."""
    database = open_database(path)
    with database.read() as s:
        rows = s.execute(
            select(Member.id_number, Member.phone, Team.phone)
            .join(Team, Team.id == Member.team_id)
            .where(Member.id_number != "", Member.phone != "")
            .limit(20)
        ).all()
    database.dispose()
    return [tuple(r) for r in rows]


def test_a_copied_demo_file_holds_no_id_number_or_phone_in_plain(demo: Path) -> None:
    people = _plain_people(demo)
    assert len(people) == 20
    with sqlite3.connect(demo) as conn:
        stored = conn.execute(
            "SELECT id_number, phone FROM members WHERE id_number <> '' LIMIT 200"
        ).fetchall()
        leaders = conn.execute("SELECT phone FROM teams WHERE phone <> ''").fetchall()
        posts = conn.execute("SELECT phone FROM posts WHERE phone <> ''").fetchall()
        trainees = conn.execute("SELECT id_number FROM trainings WHERE id_number <> ''").fetchall()
        audit = " ".join(
            r[0] for r in conn.execute("SELECT after FROM audit WHERE \"table\" = 'members'")
        )
    conn.close()
    assert stored and leaders and posts and trainees
    for value in [v for row in stored + leaders + posts + trainees for v in row]:
        assert value.startswith(PREFIX)
    raw = _bytes(demo)
    for id_number, phone, leader_phone in people:
        assert id_number.encode() not in raw
        assert phone.encode() not in raw
        assert leader_phone.encode() not in raw
        assert id_number not in audit
    assert key_path(database_url(demo)).read_bytes() not in raw


def test_the_key_file_is_owner_only_and_beside_the_database(demo: Path) -> None:
    key = demo.with_name("demo.db.key")
    assert key.is_file()
    assert stat.S_IMODE(key.stat().st_mode) == 0o600


def test_a_key_file_is_made_whole_and_never_replaced(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db.key"
    key = create_key(path)
    assert create_key(path) == key == read_key(path)  # a second maker reads the first key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger.db.key"]


def test_search_by_the_full_id_number_finds_the_member(demo: Path) -> None:
    (id_number, _, _) = _plain_people(demo)[0]
    database = open_database(demo)
    with database.read() as s:
        found = teams.members_with_id(s, f" {id_number.lower()} ")
        assert len(found) == 1
        row, team_name = found[0]
        member = s.get(Member, row.id)
        assert member is not None and member.id_number == id_number
        assert team_name and row.id_masked == mask_id_number(id_number) != id_number
        assert teams.members_with_id(s, "110101199003070038") == []
    database.dispose()


def test_the_demo_verifies_with_its_personal_data_sealed(demo: Path) -> None:
    database = open_database(demo)
    with database.read() as s:
        found = verify(s)
    database.dispose()
    assert found == []


def test_a_change_of_a_sealed_value_behind_the_program_s_back_is_found(demo: Path) -> None:
    copy = demo.with_name("tampered.db")
    shutil.copy(demo, copy)
    shutil.copy(demo.with_name("demo.db.key"), copy.with_name("tampered.db.key"))
    with sqlite3.connect(copy) as conn:
        a, b = conn.execute(
            "SELECT id, id_number FROM members WHERE id_number <> '' LIMIT 2"
        ).fetchall()
        conn.execute("UPDATE members SET id_number = ? WHERE id = ?", (b[1], a[0]))
    conn.close()
    database = open_database(copy)
    with database.read() as s:
        kinds = {(d.kind, d.table) for d in verify(s)}
    database.dispose()
    assert ("record_changed", "members") in kinds


def test_a_copied_file_without_its_key_is_refused_with_the_key_s_path(
    demo: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "拷走的.db"
    shutil.copy(demo, copy)
    before = copy.read_bytes()
    with pytest.raises(PersonalKeyMissing) as caught:
        open_database(copy)
    assert str(tmp_path / "拷走的.db.key") in caught.value.message
    assert "密钥文件" in caught.value.message
    assert copy.read_bytes() == before
    assert not (tmp_path / "拷走的.db.key").exists()


def test_a_wrong_key_is_refused_and_a_broken_one_named(demo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "ledger.db"
    shutil.copy(demo, copy)
    other = tmp_path / "other.db"
    open_database(other, create=True).dispose()  # makes other.db.key, another key
    shutil.copy(tmp_path / "other.db.key", tmp_path / "ledger.db.key")
    with pytest.raises(PersonalKeyWrong) as caught:
        open_database(copy)
    assert str(tmp_path / "ledger.db.key") in caught.value.message
    assert "无法解密" in caught.value.message
    (tmp_path / "ledger.db.key").write_text("not a key\n")
    with pytest.raises(PersonalKeyBroken, match="已损坏"):
        open_database(copy)


def test_the_command_line_names_the_missing_key_without_a_traceback(
    demo: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.db"
    shutil.copy(demo, copy)
    run = subprocess.run(
        [sys.executable, "-m", "ledger", "check", "--db", str(copy)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert run.returncode != 0
    out = run.stdout + run.stderr
    assert "Traceback" not in out
    assert str(tmp_path / "copy.db.key") in out


def test_a_backup_holds_no_key_and_a_restore_with_another_key_is_refused(
    demo: Path, tmp_path: Path
) -> None:
    source = tmp_path / "office.db"
    shutil.copy(demo, source)
    shutil.copy(demo.with_name("demo.db.key"), tmp_path / "office.db.key")
    result = backup_database(source, tmp_path / "backup.db")
    assert result.key == tmp_path / "office.db.key" and result.key_copy is None
    assert not (tmp_path / "backup.db.key").exists()
    assert (tmp_path / "office.db.key").read_bytes() not in (tmp_path / "backup.db").read_bytes()
    elsewhere = tmp_path / "pc2"
    elsewhere.mkdir()
    open_database(elsewhere / "ledger.db", create=True).dispose()  # another PC's own key
    with pytest.raises(RestoreRefused, match="另一个密钥"):
        restore_database(tmp_path / "backup.db", elsewhere / "ledger.db")
    (elsewhere / "ledger.db.key").unlink()
    with pytest.raises(RestoreRefused, match="不存在"):
        restore_database(tmp_path / "backup.db", elsewhere / "ledger.db")
    asked = backup_database(source, tmp_path / "with-key.db", with_key=True)
    assert asked.key_copy == tmp_path / "with-key.db.key"
    assert stat.S_IMODE(asked.key_copy.stat().st_mode) == 0o600
    shutil.copy(asked.key_copy, elsewhere / "ledger.db.key")
    restore_database(tmp_path / "with-key.db", elsewhere / "ledger.db")
    assert _plain_people(elsewhere / "ledger.db") == _plain_people(source)


# --- services on every backend ------------------------------------------------------------


def _team(db: Database) -> uuid.UUID:
    with db.transaction(SYSTEM) as s:
        unit = OrgUnit(code="410102001001", name="前进村", level=Level.VILLAGE)
        s.add(unit)
        s.flush()
        team = Team(
            code="T001",
            name="前进村应急救援队",
            unit_id=unit.id,
            team_type=TeamType.COMPREHENSIVE,
            nature=Nature.PART_TIME,
            phone="13812345678",
        )
        s.add(team)
        s.flush()
        return team.id


def test_one_id_number_per_team_is_still_refused(db: Database) -> None:
    team_id = _team(db)
    entry = teams.MemberInput(name="李丽", id_number=ID_A, phone="13900001111")
    with db.transaction(SYSTEM) as s:
        teams.save_member(s, SYSTEM, team_id, entry)
    with pytest.raises(DuplicateRecord), db.transaction(SYSTEM) as s:
        teams.save_member(s, SYSTEM, team_id, teams.MemberInput(name="李四", id_number=ID_A))
    with db.engine.connect() as conn:
        stored = conn.execute(text("SELECT id_number, phone FROM members")).one()
        leader = conn.execute(text("SELECT phone FROM teams")).scalar_one()
    assert stored[0].startswith(PREFIX) and ID_A not in stored[0]
    assert stored[1].startswith(PREFIX) and leader.startswith(PREFIX)
    with db.read() as s:
        ((row, _),) = teams.members_with_id(s, ID_A)
        assert teams.member(s, SYSTEM, row.id).phone == "13900001111"


def test_the_audit_shows_the_values_opened_and_stores_them_sealed(db: Database) -> None:
    team_id = _team(db)
    with db.transaction(SYSTEM) as s:
        teams.save_member(s, SYSTEM, team_id, teams.MemberInput(name="王强", id_number=ID_B))
    with db.engine.connect() as conn:
        stored = conn.execute(
            text("SELECT after FROM audit WHERE \"table\" = 'members'")
        ).scalar_one()
    assert ID_B not in str(stored)
    with db.read() as s:
        (entry,) = audit_entries(s, SYSTEM, AuditFilter(table="members"))
    assert entry.after is not None and entry.after["id_number"] == ID_B


def test_a_value_that_looks_sealed_is_sealed_like_any_other(db: Database) -> None:
    team_id = _team(db)
    with db.transaction(SYSTEM) as s:
        s.add(Member(team_id=team_id, name="张三", id_number="p1:AAAA", phone="p1:garbage"))
    with db.read() as s:
        member = s.scalars(select(Member).where(Member.id_number == "p1:AAAA")).one()
        assert member.phone == "p1:garbage"
        (entry,) = audit_entries(s, SYSTEM, AuditFilter(table="members"))
        assert entry.after is not None and entry.after["id_number"] == "p1:AAAA"
    with db.engine.connect() as conn:
        stored = conn.execute(text("SELECT phone FROM members")).scalar_one()
    assert stored.startswith(PREFIX) and stored != "p1:garbage"


def test_importing_the_members_sheet_again_updates_and_does_not_duplicate(
    db: Database, tmp_path: Path
) -> None:
    assert import_workbook(db, SYSTEM, valid_book(tmp_path / "a.xlsx"), on=REF).ok
    moved = [list(r) for r in VALID["队员"]]
    moved[0][4] = "13911119999"  # 李丽's new phone, same ID number
    result = import_workbook(db, SYSTEM, valid_book(tmp_path / "b.xlsx", 队员=moved), on=REF)
    assert result.ok
    assert result.summary.of("members").updated == 1
    with db.read() as s:
        members = s.scalars(select(Member).order_by(Member.name)).all()
        assert [(m.name, m.id_number, m.phone) for m in members] == [
            ("李丽", ID_A, "13911119999"),
            ("王强", ID_B, "13900002222"),
        ]
        post = s.scalars(select(Post).where(Post.name == "赵六")).one()
        assert post.phone == "13711112222"
    with db.engine.connect() as conn:
        phones = conn.execute(text("SELECT phone FROM posts")).scalars().all()
    assert phones and all(p.startswith(PREFIX) for p in phones)


def _bytes(path: Path) -> bytes:
    """The file and its write-ahead log, as a copy of the folder would carry them."""
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


# --- an old file --------------------------------------------------------------------------


def test_the_migration_seals_an_old_file_and_keeps_its_audit_chain_whole(tmp_path: Path) -> None:
    from alembic import command

    path = tmp_path / "old.db"
    engine = create_engine(database_url(path))
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0023_coordinates")
    engine.dispose()
    old = Database(database_url(path))  # the program before this change: plain values
    unit_id, team_id = uuid.uuid4(), uuid.uuid4()
    with old.transaction(SYSTEM) as s:
        s.execute(
            text(
                "INSERT INTO org_units (id, code, name, level, flags, note, disabled, "
                "created_at, updated_at) VALUES (:id, 'U1', '城关镇', 'town', '[]', '', 0, "
                "'2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            ),
            {"id": unit_id.hex},
        )
        s.execute(
            text(
                "INSERT INTO teams (id, code, name, unit_id, team_type, nature, leader, phone, "
                "note, disabled, created_at, updated_at) VALUES (:id, 'T1', '城关镇救援队', "
                ":unit, 'comprehensive', 'part_time', '张三', '13812345678', '', 0, "
                "'2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            ),
            {"id": team_id.hex, "unit": unit_id.hex},
        )
        s.execute(
            text(
                "INSERT INTO members (id, team_id, name, id_number, phone, role, nature, "
                "training_hours, disabled, created_at, updated_at) VALUES (:id, :team, "
                f"'李丽', '{ID_A}', '13900001111', '', 'part_time', 0, 0, "
                "'2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            ),
            {"id": uuid.uuid4().hex, "team": team_id.hex},
        )
    old.dispose()
    assert ID_A.encode() in _bytes(path)
    assert not key_path(database_url(path)).exists()
    db = open_database(path)  # the first open after the upgrade makes the key and seals
    try:
        assert key_path(database_url(path)).exists()
        with db.read() as s:
            member = s.scalars(select(Member)).one()
            assert (member.id_number, member.phone) == (ID_A, "13900001111")
            assert teams.members_with_id(s, ID_A)
        with db.engine.connect() as conn:
            stored = conn.execute(text("SELECT id_number FROM members")).scalar_one()
        assert stored.startswith(PREFIX)
    finally:
        db.dispose()
    assert ID_A.encode() not in _bytes(path)
    assert b"13812345678" not in _bytes(path)


def test_the_migration_seals_values_the_old_audit_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from alembic import command

    from ledger.models import audit, personal

    path = tmp_path / "old.db"
    engine = create_engine(database_url(path))
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0023_coordinates")
    engine.dispose()
    with monkeypatch.context() as plain:  # the program before this change: nothing sealed
        plain.setattr(personal, "seal", lambda dialect, value: value)
        plain.setattr(audit, "seal", lambda dialect, value: value)
        old = Database(database_url(path))
        team_id = _team(old)
        with old.transaction(SYSTEM) as s:
            teams.save_member(s, SYSTEM, team_id, teams.MemberInput(name="李丽", id_number=ID_A))
        with old.transaction(SYSTEM) as s:
            member = s.scalars(select(Member)).one()
            member.phone = "13900001111"
        old.dispose()
    assert ID_A.encode() in _bytes(path) and b"13900001111" in _bytes(path)
    db = open_database(path)
    try:
        with db.read() as s:
            assert verify(s) == []
            changes = audit_entries(s, SYSTEM, AuditFilter(table="members"))
        assert {c.action for c in changes} == {"insert", "update"}
        assert [c.after["phone"] for c in changes if c.action == "update"] == ["13900001111"]
    finally:
        db.dispose()
    data = _bytes(path)
    assert ID_A.encode() not in data and b"13900001111" not in data
    assert b"13812345678" not in data  # the leader's phone, in its column and its audit row


def test_old_audit_rows_stay_as_signed_checkpoints_know_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An office with checkpoints keeps its audit chain: the columns are sealed, the old
    audit rows keep their plain values (a re-hashed chain would read as a rewritten history)."""
    from alembic import command

    from ledger.models import audit, personal

    path = tmp_path / "old.db"
    engine = create_engine(database_url(path))
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0023_coordinates")
    engine.dispose()
    with monkeypatch.context() as plain:
        plain.setattr(personal, "seal", lambda dialect, value: value)
        plain.setattr(audit, "seal", lambda dialect, value: value)
        old = Database(database_url(path))
        team_id = _team(old)
        with old.transaction(SYSTEM) as s:
            teams.save_member(s, SYSTEM, team_id, teams.MemberInput(name="李丽", id_number=ID_A))
        old.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO checkpoints (id, installation_id, taken_at, occasion, payload, digest, "
            "signature) VALUES (?, ?, '2026-11-01 00:00:00', 'close', '{}', ?, '')",
            (uuid.uuid4().hex, uuid.uuid4().hex, "0" * 64),
        )
        chain = conn.execute("SELECT id, hash FROM audit ORDER BY id").fetchall()
    conn.close()
    open_database(path).dispose()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT id, hash FROM audit ORDER BY id").fetchall() == chain
        stored = conn.execute("SELECT id_number FROM members").fetchone()[0]
    conn.close()
    assert stored.startswith(PREFIX)
