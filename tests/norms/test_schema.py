"""The profile schema: a valid file loads; an invalid one is refused naming file, rule and field."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ledger.core.enums import Level, TeamType
from ledger.core.errors import ProfileInvalid, ProfileUnreadable
from ledger.norms import params as p
from ledger.norms.schema import load_profile, parse_profile

GOOD = """
[profile]
id = "my-plan"
name = "某县规划"
issuer = "某县人民政府"
number = "某政发〔2024〕1号"
date = 2024-03-01
effective = 2024-03-01

[[rule]]
id = "A-1"
kind = "team_headcount"
title = "乡镇综合队伍不少于20人"
levels = ["乡镇", "街道"]
team_types = ["综合"]
min_members = 20
effective = 2025-12-31
citation = { section = "三、（五）", quote = "各乡镇建立不少于20人的综合队伍", source = "1:2" }
"""


def table(**rule: Any) -> dict[str, Any]:
    """A one-rule profile whose rule has the given fields (and a citation unless given)."""
    full = {"id": "R1", "title": "规则", "citation": {"section": "一", "quote": "原文"}, **rule}
    return {"profile": {"id": "p1", "name": "规划", "effective": date(2022, 1, 1)}, "rule": [full]}


def refusal(data: dict[str, Any]) -> str:
    """The message of the refusal of ``data`` (named plan.toml)."""
    with pytest.raises(ProfileInvalid) as caught:
        parse_profile(data, name="plan.toml")
    return caught.value.message


def test_a_valid_file_loads_with_its_document_and_rules(tmp_path: Path) -> None:
    path = tmp_path / "my.toml"
    path.write_text(GOOD, encoding="utf-8")
    loaded = load_profile(path)
    assert (loaded.id, loaded.number, loaded.date) == (
        "my-plan",
        "某政发〔2024〕1号",
        date(2024, 3, 1),
    )
    assert loaded.document == "某县规划（某政发〔2024〕1号）"
    (only,) = loaded.rules
    assert only.levels == frozenset({Level.TOWN, Level.STREET})
    assert only.params.team_types == frozenset({TeamType.COMPREHENSIVE})
    assert (only.params.min_members, only.effective) == (20, date(2025, 12, 31))
    assert loaded.rule("A-1") is only


@pytest.mark.parametrize(
    ("written", "levels"),
    [
        (["乡镇"], {Level.TOWN}),
        (["街道"], {Level.STREET}),
        (["乡镇（街道）"], {Level.TOWN, Level.STREET}),
        (["县", "乡镇(街道)", "村"], {Level.COUNTY, Level.TOWN, Level.STREET, Level.VILLAGE}),
    ],
)
def test_levels_read_town_and_street_apart_unless_written_together(
    written: list[str], levels: set[Level]
) -> None:
    # 张掖 writes 乡镇(街道) where it means both, and 「其他乡镇」 (Z-T2) where it means towns.
    assert p.levels(written) == frozenset(levels)


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"kind": "team_headcount", "min_member": 3},
         "（规则 R1，字段 min_member）：未知字段，可用：team_types、natures、name_contains、"
         "min_members、member_natures、per"),
        ({"kind": "team_headcount"}, "（规则 R1，字段 min_members）：缺少此项"),
        ({"kind": "team_headcount", "min_members": 0},
         "（规则 R1，字段 min_members）：应为不小于1的整数"),
        ({"kind": "team_headcount", "min_members": 5, "levels": ["乡"], "team_types": ["救火"]},
         "（规则 R1，字段 team_types）：“救火”无效，可用：综合、防汛抗旱、森林防灭火、矿山、危化、"
         "消防、地质灾害、应急通信、其他"),
        ({"kind": "posts", "posts": ["队长"]}, "（规则 R1，字段 posts）：“队长”无效"),
        ({"kind": "drills", "flags_any": ["山区"]},
         "（规则 R1，字段 flags_any）：未知标志“山区”，可用：森林防灭火任务"),
        ({"kind": "fireworks"}, "（规则 R1，字段 kind）：未知类型“fireworks”，可用：team_exists"),
        ({"kind": "reserve", "quantity": 5, "people": 10, "items": ["水"]},
         "（规则 R1，字段 reserve）：quantity（固定数量）与 people（规模人数）须二选一"),
        ({"kind": "reserve", "people": 10, "agreement": 1.5},
         "（规则 R1，字段 agreement）：应为0到1之间的比例（如0.8表示80%）"),
        ({"kind": "equipment_set", "items": [{"accept": ["发电机"]}]},
         "（规则 R1，字段 items）：第1项：name：缺少此项"),
        ({"kind": "equipment_set", "items": []}, "（规则 R1，字段 items）：应为非空的表格列表"),
        ({"kind": "composite", "attributes": [{"key": "班子", "check": "ask"}]},
         "（规则 R1，字段 attributes）：第1项：check：应为以下之一：confirm、team"),
        ({"kind": "drills", "effective": "2025"},
         "（规则 R1，字段 effective）：应为日期，如 2025-12-31"),
        ({"kind": "drills", "citation": {"section": "一"}},
         "（规则 R1，字段 citation.quote）：缺少此项"),
        ({"kind": "drills", "citation": {"section": "一", "quote": "q", "page": 3}},
         "（规则 R1，字段 citation.page）：未知字段"),
        ({"kind": "drills", "citation": None}, "（规则 R1，字段 citation）：缺少出处"),
        ({"kind": "ratio", "per_mille": -1}, "（规则 R1，字段 per_mille）：应为不小于0的数值"),
        ({"kind": "training"}, "（规则 R1，字段 training）：min_sessions 与 min_days 至少给出一项"),
    ],
)  # fmt: skip
def test_a_rule_that_breaks_the_schema_names_file_rule_and_field(
    rule: dict[str, Any], message: str
) -> None:
    data = table(**rule)
    if rule.get("citation", ...) is None:
        del data["rule"][0]["citation"]
    text = refusal(data)
    assert text.startswith("规划文件“plan.toml”有误")
    assert message in text


def test_profile_level_errors() -> None:
    data = table(kind="drills")
    data["profile"]["id"] = "My Plan"
    assert "（[profile]，字段 id）：只能由小写字母、数字和“-”组成" in refusal(data)
    data = table(kind="drills")
    del data["profile"]["effective"]
    assert "（[profile]，字段 effective）：缺少此项" in refusal(data)
    data = table(kind="drills")
    data["rules"] = []
    assert "（文件，字段 rules）：未知的表" in refusal(data)
    assert "（[profile]，字段 profile）：缺少 [profile] 表" in refusal({"rule": []})
    data = table(kind="drills")
    data["rule"] = []
    assert "（[profile]，字段 rule）：至少要有一条 [[rule]]" in refusal(data)


def test_rule_ids_are_unique_and_required() -> None:
    data = table(kind="drills")
    data["rule"].append(dict(data["rule"][0]))
    assert "（规则 R1，字段 id）：规则编号重复" in refusal(data)
    data = table(kind="drills")
    del data["rule"][0]["id"]
    assert "（第1条规则，字段 id）：缺少此项" in refusal(data)


def test_a_file_that_is_not_toml_or_not_there(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[profile\nid = 1", encoding="utf-8")
    with pytest.raises(ProfileUnreadable, match=r"规划文件“broken\.toml”无法读取：不是有效的 TOML"):
        load_profile(broken)
    with pytest.raises(ProfileUnreadable, match=r"规划文件“absent\.toml”无法读取"):
        load_profile(tmp_path / "absent.toml")
