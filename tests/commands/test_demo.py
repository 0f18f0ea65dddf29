"""``ledger demo``: creates the demo county once; a database that holds data is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from ledger.cli import main


def test_demo_creates_the_county_then_refuses_to_add_it_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.db"
    assert main(["demo", "--db", str(path), "--seed", "3", "--date", "2027-02-10"]) == 0
    captured = capsys.readouterr()
    assert "演示数据：河清县（虚构），截至 2027-02-10" in captured.out
    assert "村（社区）196 个" in captured.out
    assert f"已写入 {path}" in captured.out
    assert captured.err == ""  # no progress bar when stderr is not a terminal

    assert main(["demo", "--db", str(path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("错误：数据库")
    assert "已有数据" in err and "--db" in err


def test_demo_refuses_a_date_it_cannot_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--db", str(tmp_path / "x.db"), "--date", "2027/02/10"]) == 1
    assert "日期格式应为 YYYY-MM-DD" in capsys.readouterr().err
    assert not (tmp_path / "x.db").exists()


def test_the_demo_never_prints_a_database_password(capsys: pytest.CaptureFixture[str]) -> None:
    from argparse import Namespace

    from ledger.commands.common import shown_target

    args = Namespace(db="postgresql+psycopg://ledger:s3cret-pw@127.0.0.1:5432/postgres")
    assert "s3cret-pw" not in shown_target(args) and "127.0.0.1:5432" in shown_target(args)
