"""The drafting service: catalogue match, dry run on the current data, install as --add does."""

from __future__ import annotations

from pathlib import Path

import pytest

from ledger.core.actor import Actor
from ledger.core.enums import Level
from ledger.models import OrgUnit
from ledger.models.engine import Database
from ledger.norms.schema import load_profile
from ledger.services.norms import drafting as plan_drafting
from ledger.services.norms.profiles import user_dir
from tests.scenario import item

PLAN = "\n".join(
    [
        "某县人民政府",
        "关于印发某县“十四五”应急管理体系建设规划的通知",
        "某政发〔2024〕3号",
        "2024年2月1日",
        "三、重点任务",
        "　　各乡镇（街道）建立不少于20人的专（兼）职综合应急救援队伍。",
        "　　县级配备应急发电机、卫星电话、水上救援机器人。",
    ]
)


@pytest.fixture
def county(db: Database, actor: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A county with four towns, a catalogue holding 汽油发电机; the plan's text as a file."""
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "data"))
    with db.transaction(actor) as s:
        top = OrgUnit(code="100", name="某县", level=Level.COUNTY, population=100_000)
        s.add(top)
        s.add_all(
            OrgUnit(code=f"10{n}", name=f"{n}号镇", level=Level.TOWN, parent=top)
            for n in range(1, 5)
        )
        item(s, "汽油发电机", "台")
        item(s, "天通卫星终端", "部")
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    return path


def test_items_matching_nothing_in_the_catalogue_are_flagged(
    db: Database, actor: Actor, county: Path
) -> None:
    with db.transaction(actor) as s:
        draft = plan_drafting.draft_plan(s, actor, county)
    equipment = next(p for p in draft.proposals if p.kind == "equipment_set")
    assert [i["name"] for i in equipment.params["items"]] == [
        "应急发电机",
        "卫星电话",
        "水上救援机器人",
    ]
    assert equipment.unmatched == ("水上救援机器人",)


def test_dry_run_flags_a_rule_firing_at_nearly_every_unit(
    db: Database, actor: Actor, county: Path
) -> None:
    with db.transaction(actor) as s:
        draft = plan_drafting.draft_plan(s, actor, county)
        from ledger.norms.drafting.output import draft_toml

        run = plan_drafting.dry_run(s, actor, draft_toml(draft))
    by_id = {r.rule_id: r for r in run.rules}
    headcount = by_id["D-T1"]
    assert (headcount.units, headcount.firing, headcount.nearly_every) == (4, 4, True)
    equipment = by_id["D-E1"]
    assert (equipment.units, equipment.nearly_every) == (1, False)
    assert {f.rule_id for f in run.findings} >= {"D-T1", "D-E1"}


def test_install_writes_only_the_accepted_proposals(
    db: Database, actor: Actor, county: Path
) -> None:
    with db.transaction(actor) as s:
        draft = plan_drafting.draft_plan(s, actor, county)
    draft.proposals[1].accepted = False
    draft.proposals[0].number = 25
    draft.proposals[0].params["min_members"] = 25
    info = plan_drafting.install_draft(actor, draft, "my-county-2024")
    assert info.id == "my-county-2024" and info.user
    profile = load_profile(user_dir() / "my-county-2024.toml")
    plan_rules = [r for r in profile.rules if not r.id.startswith("L-")]
    assert [(r.kind, r.params.min_members) for r in plan_rules] == [("team_headcount", 25)]
