"""``ledger backup FILE`` and ``ledger restore FILE`` on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from ledger.cli import main
from ledger.core.actor import Actor
from ledger.models.engine import Database, open_database
from tests.scenario import given, on_hand


@pytest.fixture
def ledger(sqlite_db: Database, actor: Actor) -> Path:
    with sqlite_db.transaction(actor) as s:
        given(s, actor, "RK 2026-03-01 一号库 编织袋 1000袋")
    sqlite_db.dispose()
    return Path(sqlite_db.path)


def bags(path: Path) -> object:
    db = open_database(path)
    try:
        with db.read() as s:
            return on_hand(s, "一号库", "编织袋")
    finally:
        db.dispose()


def test_backup_then_restore(
    ledger: Path, actor: Actor, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "备份.db"
    assert main(["backup", str(backup), "--db", str(ledger)]) == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith(f"已备份到 {backup}（") and "KB" in out
    db = open_database(ledger)
    with db.transaction(actor) as s:
        given(s, actor, "CK 2026-03-02 一号库 编织袋 400袋")
    db.dispose()
    assert bags(ledger) == 600
    assert main(["--db", str(ledger), "restore", str(backup)]) == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith(f"已从 {backup} 恢复数据库 {ledger}；原数据库已保留为 ")
    kept = Path(out.rsplit("原数据库已保留为 ", 1)[1])
    assert kept.parent == ledger.parent and "replaced" in kept.name
    assert bags(ledger) == 1000
    assert bags(kept) == 600


def test_restore_of_a_bad_file_fails_with_one_line(
    ledger: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.db"
    bad.write_text("不是数据库", encoding="utf-8")
    before = ledger.read_bytes()
    assert main(["restore", str(bad), "--db", str(ledger)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"错误：不能用“{bad}”恢复：“bad.db”不是台账数据库（不是 SQLite 格式）。"
        "当前数据库没有任何改动\n"
    )
    assert ledger.read_bytes() == before


def test_backup_to_a_missing_folder_fails_with_one_line(
    ledger: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no" / "b.db"
    assert main(["backup", str(target), "--db", str(ledger)]) == 1
    assert capsys.readouterr().err == f"错误：备份到“{target}”失败：目标文件夹不存在\n"


def test_restore_is_refused_while_a_window_has_the_database_open(
    ledger: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ledger.services.database.instance_lock import InstanceLock

    backup = tmp_path / "copy.db"
    assert main(["backup", str(backup), "--db", str(ledger)]) == 0
    before = ledger.read_bytes()
    with InstanceLock(ledger):
        assert main(["restore", str(backup), "--db", str(ledger)]) == 1
    assert "已在另一个程序窗口中打开" in capsys.readouterr().err
    assert ledger.read_bytes() == before
    assert main(["restore", str(backup), "--db", str(ledger)]) == 0
