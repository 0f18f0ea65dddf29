"""``ledger readiness``: text and JSON output as interfaces.md says."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from ledger.cli import main
from ledger.core.actor import Actor
from ledger.core.enums import Category, Level, Nature, TeamType
from ledger.models import Member, OrgUnit, Team
from ledger.models.engine import Database
from ledger.models.norms import PerCapitaAmount
from tests.reports.pdfcheck import flat, pdf_text, row
from tests.scenario import depot, given, item


@pytest.fixture
def ledger(db: Database, actor: Actor) -> Database:
    """A county and a town, each with a depot of water; 2 bottles a person a day; one team."""
    with db.transaction(actor) as s:
        county = OrgUnit(code="410100", name="某县", level=Level.COUNTY)
        town = OrgUnit(code="410101", name="城关镇", level=Level.TOWN, parent=county)
        s.add_all([county, town])
        s.flush()
        depot(s, "县库", home=county)
        depot(s, "镇库", home=town)
        water = item(s, "矿泉水", "瓶", Category.LIVING)
        s.add(
            PerCapitaAmount(
                unit_id=county.id,
                profile_id="wenshang-2022-57",
                rule_id="W-M3",
                item_id=water.id,
                amount=Decimal(2),
                per_day=True,
            )
        )
        given(s, actor, "RK 2026-06-01 镇库 矿泉水 100瓶 批次A 有效期2027-01-01")
        given(s, actor, "RK 2026-06-01 县库 矿泉水 300瓶 批次B 有效期2027-01-01")
        team = Team(
            code="Q1",
            name="城关镇抢险队",
            unit_id=town.id,
            team_type=TeamType.FLOOD,
            nature=Nature.PART_TIME,
        )
        s.add(team)
        s.flush()
        s.add_all([Member(team_id=team.id, name=f"队员{n}") for n in range(3)])
    return db


def readiness(db: Database, *args: str) -> int:
    return main(["readiness", "--db", db.url, "--units", "410101", "--date", "2026-07-01", *args])


def test_json_has_needs_allocations_short_and_teams(
    ledger: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert readiness(ledger, "--people", "50", "--days", "5", "--format", "json") == 0
    out = json.loads(capsys.readouterr().out)
    (need,) = out["needs"]
    assert set(need) >= {
        "item_code",
        "item_name",
        "unit",
        "needed",
        "available",
        "allocations",
        "short",
    }
    assert (need["item_code"], need["unit"], need["needed"], need["available"], need["short"]) == (
        "矿泉水",
        "瓶",
        500,
        400,
        100,
    )
    assert [(a["depot_code"], a["quantity"], a["lot"]) for a in need["allocations"]] == [
        ("镇库", 100, "A"),
        ("县库", 300, "B"),
    ]
    assert isinstance(need["needed"], int)
    (team,) = out["teams"]
    assert (team["team_name"], team["team_type"], team["headcount"]) == (
        "城关镇抢险队",
        "防汛抗旱",
        3,
    )


def test_text_says_what_is_drawn_from_where_and_what_is_short(
    ledger: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert readiness(ledger, "--people", "10", "--days", "10") == 0
    text = capsys.readouterr().out
    assert "城关镇 安置 10 人 10 天（2026-07-01 至 2026-07-10）" in text
    assert "矿泉水（每人每天2瓶）：需要 200瓶，可用 400瓶\n" in text
    assert "[本单位] 镇库 批次 A 有效期至 2027-01-01：100瓶" in text
    assert "[县级] 县库 批次 B 有效期至 2027-01-01：100瓶" in text
    assert "全部物资可由现有库存保障" in text
    assert "城关镇抢险队（城关镇，兼职）在队 3 人" in text


def test_an_unknown_unit_fails_with_a_one_line_reason(
    ledger: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["readiness", "--db", ledger.url, "--units", "999", "--people", "1",
                 "--days", "1"]) == 1  # fmt: skip
    assert capsys.readouterr().err.strip() == "错误：找不到单位“999”"


def test_pdf_and_excel_of_the_transfer_plan(ledger: Database, tmp_path: Path) -> None:
    pdf, xlsx = tmp_path / "plan.pdf", tmp_path / "plan.xlsx"
    args = ("--people", "50", "--days", "5", "--pdf", str(pdf), "--xlsx", str(xlsx))
    assert readiness(ledger, *args) == 0
    text = flat(pdf_text(pdf.read_bytes()))
    for words in ("应急物资调拨方案", "镇库（城关镇，本单位）", "县库（某县，县级）",
                  "调出仓库保管员", "批准人", "城关镇抢险队"):  # fmt: skip
        assert words in text
    assert row(pdf.read_bytes(), "矿泉水", "每人每天2瓶") == [
        "1", "矿泉水", "每人每天2瓶", "500瓶", "400瓶", "400瓶", "100瓶"
    ]  # fmt: skip
    book = load_workbook(xlsx)
    assert book.sheetnames == ["需求", "调拨明细", "缺口与协议储备", "可调用队伍"]
    lines = [[c.value for c in r] for r in book["调拨明细"].iter_rows(min_row=2)]
    assert [(r[1], r[5], r[7], r[9]) for r in lines] == [
        ("镇库", "矿泉水", "A", 100),
        ("县库", "矿泉水", "B", 300),
    ]


def test_draft_makes_unposted_transfers_against_the_incident(
    ledger: Database, actor: Actor, capsys: pytest.CaptureFixture[str]
) -> None:
    from ledger.models import Document
    from ledger.models.drafts import DraftDocument
    from tests.scenario import incident

    with ledger.transaction(actor) as s:
        incident(s, "城关镇洪涝")
        documents = s.query(Document).count()
    args = ("--people", "50", "--days", "5", "--draft", "城关镇洪涝", "--to", "镇库")
    assert readiness(ledger, *args) == 0
    assert "已生成 1 张单据草稿" in capsys.readouterr().err
    with ledger.read() as s:
        (draft,) = s.query(DraftDocument).all()
        assert (draft.depot.code, draft.dest_depot.code, draft.status) == ("县库", "镇库", "draft")
        assert [(x.lot, x.quantity) for x in draft.lines] == [("B", 300)]
        assert s.query(Document).count() == documents
    assert readiness(ledger, "--people", "1", "--days", "1", "--draft", "没有这个事件") == 1
    assert capsys.readouterr().err.strip() == "错误：找不到事件“没有这个事件”"


def test_without_per_person_amounts_it_says_what_to_set(
    ledger: Database, actor: Actor, capsys: pytest.CaptureFixture[str]
) -> None:
    with ledger.transaction(actor) as s:
        s.query(PerCapitaAmount).delete()
    assert readiness(ledger, "--people", "10", "--days", "1") == 0
    assert "尚未设定人均储备定额，无法计算需求。" in capsys.readouterr().out
    assert readiness(ledger, "--people", "10", "--days", "1", "--format", "json") == 0
    out = json.loads(capsys.readouterr().out)
    assert out["needs"] == [] and [t["headcount"] for t in out["teams"]] == [3]


def test_pdf_and_excel_say_how_far_each_depot_is_where_coordinates_are_recorded(
    ledger: Database, actor: Actor, tmp_path: Path
) -> None:
    with ledger.transaction(actor) as s:
        s.scalars(select(OrgUnit).where(OrgUnit.code == "410101")).one().latitude = Decimal(30)
        s.scalars(select(OrgUnit).where(OrgUnit.code == "410101")).one().longitude = Decimal(120)
        county_depot = depot(s, "县库")
        county_depot.latitude, county_depot.longitude = Decimal("30.1"), Decimal(120)
    pdf, xlsx = tmp_path / "plan.pdf", tmp_path / "plan.xlsx"
    args = ("--people", "50", "--days", "5", "--pdf", str(pdf), "--xlsx", str(xlsx))
    assert readiness(ledger, *args) == 0
    text = flat(pdf_text(pdf.read_bytes()))
    assert "县库（某县，县级，约11.1公里）" in text  # flat() drops the spaces
    assert "镇库（城关镇，本单位）" in text  # no coordinates: no distance
    sheet = load_workbook(xlsx)["调拨明细"]
    assert sheet.cell(1, 13).value == "距离(公里)"
    assert [r[12] for r in sheet.iter_rows(min_row=2, values_only=True)] == [None, 11.1]
