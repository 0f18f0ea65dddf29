"""``ledger remedy set/done/list`` and the ``remedy`` of findings in ``ledger check``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from ledger.cli import main
from ledger.core.actor import Actor
from ledger.core.enums import Level, PostKind
from ledger.models import OrgUnit, Post
from ledger.models.engine import Database

TOWN = "140930101"
SET = ["--unit", TOWN, "--rule", "H-T10", "--subject", "灾害信息员"]


@pytest.fixture
def ledger(db: Database, actor: Actor) -> Database:
    """河曲县 bound to Hequ's plan, with 文笔镇 that has no 灾害信息员 (H-T10)."""
    with db.transaction(actor) as s:
        county = OrgUnit(
            code="140930", name="河曲县", level=Level.COUNTY, population=10_000,
            profile_id="hequ-2023-25",
        )  # fmt: skip
        s.add_all([county, OrgUnit(code=TOWN, name="文笔镇", level=Level.TOWN, parent=county)])
    return db


def remedy(db: Database, action: str, *args: str) -> int:
    return main(["remedy", action, "--db", db.url, *args])


def findings(db: Database, capsys: pytest.CaptureFixture[str], day: str) -> list[dict[str, Any]]:
    assert main(["check", "--db", db.url, "--format", "json", "--date", day]) == 0
    found: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    return found


def informant(found: list[dict[str, Any]]) -> dict[str, Any]:
    (finding,) = [f for f in found if f["unit_code"] == TOWN and f["rule_id"] == "H-T10"]
    return finding


def record(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    args = [
        "--owner",
        "文笔镇应急办 王强",
        "--due",
        "2026-06-30",
        "--measure",
        "各村选聘灾害信息员",
    ]
    assert remedy(db, "set", *SET, *args, "--date", "2026-05-01") == 0
    assert "已登记整改" in capsys.readouterr().out


def test_a_finding_with_a_remedy_carries_it_in_json_open_then_overdue(
    ledger: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "remedy" not in informant(findings(ledger, capsys, "2026-06-01"))
    record(ledger, capsys)
    found = findings(ledger, capsys, "2026-06-01")
    assert informant(found)["remedy"] == {
        "owner": "文笔镇应急办 王强",
        "due": "2026-06-30",
        "measure": "各村选聘灾害信息员",
        "status": "open",
        "done_on": None,
    }
    assert sum("remedy" in f for f in found) == 1
    assert informant(findings(ledger, capsys, "2026-07-01"))["remedy"]["status"] == "overdue"


def test_the_check_that_no_longer_finds_it_lists_the_remedy_done_with_its_date(
    ledger: Database, actor: Actor, capsys: pytest.CaptureFixture[str]
) -> None:
    record(ledger, capsys)
    with ledger.transaction(actor) as s:
        town = s.query(OrgUnit).filter_by(code=TOWN).one()
        s.add(Post(unit_id=town.id, kind=PostKind.DISASTER_INFORMANT, name="赵六"))
    assert remedy(ledger, "list", "--date", "2026-06-15", "--format", "json") == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert (listed["unit_code"], listed["rule_id"]) == (TOWN, "H-T10")
    assert listed["subject"] == "灾害信息员"
    assert (listed["status"], listed["done_on"], listed["done_by"]) == (
        "done",
        "2026-06-15",
        "短板检查",
    )
    assert remedy(ledger, "list") == 0
    text = capsys.readouterr().out
    assert "已整改 2026-06-15" in text and "整改完成率 100%" in text


def test_done_by_hand_and_text_output(ledger: Database, capsys: pytest.CaptureFixture[str]) -> None:
    record(ledger, capsys)
    assert remedy(ledger, "done", *SET, "--date", "2026-06-20") == 0
    assert "已整改" in capsys.readouterr().out
    assert main(["check", "--db", ledger.url, "--date", "2026-07-01"]) == 0
    text = capsys.readouterr().out
    assert "整改：文笔镇应急办 王强负责，时限 2026-06-30，已整改 2026-06-20；措施：各村选聘" in text
    assert informant(findings(ledger, capsys, "2026-07-01"))["remedy"]["status"] == "done"


def test_refusals_are_one_line_and_fail(
    ledger: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--owner", "王强", "--due", "2026-13-01", "--measure", "选聘"]
    assert remedy(ledger, "set", *SET, *args) != 0
    assert "--due" in capsys.readouterr().err
    assert remedy(ledger, "done", *SET) != 0
    assert "找不到整改记录" in capsys.readouterr().err


def test_check_saves_the_shortfall_list_with_remedies_as_a_workbook(
    ledger: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    record(ledger, capsys)
    path = tmp_path / "清单.xlsx"
    assert main(["check", "--db", ledger.url, "--date", "2026-06-01", "--xlsx", str(path)]) == 0
    assert "短板问题清单已保存" in capsys.readouterr().err
    rows = list(load_workbook(path)["短板问题清单"].iter_rows(values_only=True))
    (line,) = [r for r in rows if "H-T10" in r]
    assert {"各村选聘灾害信息员", "文笔镇应急办 王强", "整改中"} <= set(line)


def test_a_remedy_for_a_problem_the_check_does_not_find_is_refused(
    ledger: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--owner", "王强", "--due", "2026-12-31", "--measure", "选聘", "--date", "2026-06-01"]
    wrong = ["--unit", TOWN, "--rule", "H-T10", "--subject", "信息员"]
    assert remedy(ledger, "set", *wrong, *args) != 0
    err = capsys.readouterr().err
    assert "没有这项短板" in err and "“灾害信息员”" in err
    assert remedy(ledger, "set", "--unit", TOWN, "--rule", "H-T1", *args) != 0
    assert "此单位没有此规则的短板" in capsys.readouterr().err
    assert remedy(ledger, "list", "--format", "json") == 0
    assert json.loads(capsys.readouterr().out) == []
