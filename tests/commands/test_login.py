"""The command line logs in once a database has accounts, and acts as the user who did."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ledger.cli import build_parser, main
from ledger.models import Item
from ledger.models.audit import AuditRow
from ledger.models.engine import Database
from ledger.services.accounts import users as accounts
from tests.commands.login import ADMIN_PASSWORD, add_admin, run_as

#: One invocation of every subcommand (and action) that changes data or shows personal data.
LOGGED_IN = [
    ["catalogue", "standard"],
    ["check"],
    ["close", "--list"],
    ["close", "--month", "2026-10"],
    ["demo"],
    ["exchange", "key", "--export", "{tmp}/key.json"],
    ["exchange", "register", "{tmp}/key.json"],
    ["exchange", "export", "--unit", "410122", "-o", "{tmp}/p.zip"],
    ["exchange", "import", "{tmp}/p.zip"],
    ["exchange", "senders"],
    ["exchange", "transits"],
    ["exchange", "receive", "DB-2026-00001"],
    ["export", "{tmp}/all.xlsx"],
    ["import", "{tmp}/book.xlsx"],
    ["backup", "{tmp}/copy.db"],
    ["restore", "{tmp}/copy.db"],
    ["profiles", "--bind", "hequ-2023-25", "--unit", "410122"],
    ["profiles", "--add", "{tmp}/mine.toml"],
    ["readiness", "--units", "410122", "--people", "100", "--days", "3"],
    ["remedy", "list"],
    [
        "remedy",
        "set",
        "--unit",
        "410122",
        "--rule",
        "R1",
        "--owner",
        "王",
        "--due",
        "2027-01-01",
        "--measure",
        "补齐",
    ],
    ["remedy", "done", "--unit", "410122", "--rule", "R1"],
    ["report", "roster", "-o", "{tmp}/roster.pdf"],
    ["users", "list"],
    ["users", "add", "li", "--role", "viewer", "--password", "Huanying-77"],
    ["users", "reset", "admin", "--password", "Huanying-77"],
    ["users", "unlock", "admin"],
    ["users", "recovery-code"],
]

#: What needs no login: no database, reading without personal data, the window's own login,
#: and the recovery code (which is the proof).
NOT_LOGGED_IN = {"gui", "template", "verify", "profiles", "users recover"}


def commands() -> set[str]:
    """Every subcommand, and every action of those that have actions, as 'command action'."""
    found: set[str] = set()
    for name, parser in _choices(build_parser()).items():
        actions = _choices(parser)
        found |= {f"{name} {a}" for a in actions} if actions else {name}
    return found


def _choices(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _name(argv: list[str]) -> str:
    return argv[0] if argv[0] in commands() else " ".join(argv[:2])


def test_every_command_is_declared() -> None:
    declared = {_name(argv) for argv in LOGGED_IN} | NOT_LOGGED_IN
    assert commands() <= declared


def _argv(argv: list[str], db: Database, tmp: Path) -> list[str]:
    out = tmp / "out"
    out.mkdir(exist_ok=True)
    return [a.replace("{tmp}", str(out)) for a in argv] + ["--db", db.url]


def _audit_rows(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(AuditRow)) or 0)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("LEDGER_DATA_DIR", str(folder))
    monkeypatch.delenv("LEDGER_PASSWORD", raising=False)
    return folder


@pytest.mark.parametrize("argv", LOGGED_IN, ids=" ".join)
def test_each_command_is_refused_without_login(
    argv: list[str],
    db: Database,
    tmp_path: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add_admin(db)
    before = _audit_rows(db)
    assert main(_argv(argv, db, tmp_path)) == 1
    assert "须先登录" in capsys.readouterr().err
    assert _audit_rows(db) == before
    assert not list((tmp_path / "out").iterdir())  # nothing written either


@pytest.mark.parametrize(
    "argv", [a for a in LOGGED_IN if a[0] not in ("demo", "restore")], ids=" ".join
)
def test_each_command_is_accepted_with_user_and_password(
    argv: list[str],
    db: Database,
    tmp_path: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add_admin(db)
    run_as(monkeypatch, "admin", *_argv(argv, db, tmp_path))
    err = capsys.readouterr().err
    assert "须先登录" not in err and "密码错误" not in err and "登录的账户" not in err


def test_a_wrong_password_is_refused_and_counts_towards_the_lockout(
    db: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    add_admin(db)
    for _ in range(5):
        assert run_as(monkeypatch, "admin", "users", "list", "--db", db.url, password="x") == 1
    assert "已锁定" in capsys.readouterr().err
    assert run_as(monkeypatch, "admin", "users", "list", "--db", db.url) == 1  # locked
    assert "已锁定" in capsys.readouterr().err


def test_the_audit_names_the_user_who_logged_in(
    db: Database, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    add_admin(db, "zhang")
    before = _audit_rows(db)
    assert run_as(monkeypatch, "zhang", "catalogue", "standard", "--db", db.url) == 0
    with db.read() as s:
        actors = set(s.scalars(select(AuditRow.actor).where(AuditRow.id > before)))
        assert s.scalar(select(func.count()).select_from(Item))
    assert actors == {"zhang"}


def test_a_viewer_logs_in_but_may_not_change_anything(
    db: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    add_admin(db)
    args = ["users", "add", "look", "--role", "viewer", "--password", "Huanying-77"]
    assert run_as(monkeypatch, "admin", *args, "--db", db.url) == 0
    accounts.change_password(db, "look", "Huanying-77", "Kanyikan-88")
    capsys.readouterr()
    argv = ["catalogue", "standard", "--db", db.url]
    assert run_as(monkeypatch, "look", *argv, password="Kanyikan-88") == 1
    assert "无权" in capsys.readouterr().err
    argv = ["backup", str(Path(db.path).with_name("copy.db")), "--db", db.url]
    if db.is_sqlite:
        assert run_as(monkeypatch, "look", *argv, password="Kanyikan-88") == 1
        assert "无权备份数据库" in capsys.readouterr().err


def test_a_database_with_no_account_needs_no_login(
    db: Database, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["catalogue", "standard", "--db", db.url]) == 0
    with db.read() as s:
        assert set(s.scalars(select(AuditRow.actor))) == {"system"}


def test_a_temporary_password_must_be_changed_first(
    db: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    add_admin(db)
    args = ["users", "add", "li", "--role", "admin", "--password", "Huanying-77"]
    assert run_as(monkeypatch, "admin", *args, "--db", db.url) == 0
    assert run_as(monkeypatch, "li", "users", "list", "--db", db.url, password="Huanying-77") == 1
    assert "须先设置新密码" in capsys.readouterr().err


def test_the_password_is_never_an_option(db: Database) -> None:
    with pytest.raises(SystemExit):
        main(["users", "list", "--db", db.url, "--password", ADMIN_PASSWORD])


def test_a_damaged_database_is_restored_without_login_as_in_the_window(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    if not db.is_sqlite:
        pytest.skip("a file restore")
    add_admin(db)
    copy = tmp_path / "copy.db"
    assert run_as(monkeypatch, "admin", "backup", str(copy), "--db", db.url) == 0
    db.dispose()
    path = Path(db.path)
    assert main(["restore", str(copy), "--db", str(path)]) == 1  # readable: log in first
    path.write_bytes(b"\0" * 8192)  # no longer a database
    assert main(["restore", str(copy), "--db", str(path)]) == 0
    assert accounts.login(db, "admin", ADMIN_PASSWORD).username == "admin"


def test_on_a_console_the_password_is_asked_without_echo(
    db: Database, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    add_admin(db)
    asked: list[str] = []
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or ADMIN_PASSWORD)
    assert main(["users", "list", "--user", "admin", "--db", db.url]) == 0
    assert asked == ["“admin”的密码："]


def test_help_version_template_and_verify_need_no_login(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    add_admin(db)
    for argv in (["--version"], ["export", "--help"], ["users", "recover", "--help"]):
        with pytest.raises(SystemExit) as ended:
            main(argv)
        assert ended.value.code == 0
    assert main(["template", str(tmp_path / "t.xlsx")]) == 0
    assert main(["verify", "--db", db.url]) == 0
    assert main(["profiles", "--db", db.url]) == 0
    assert "须先登录" not in capsys.readouterr().err
