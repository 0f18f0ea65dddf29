"""``ledger check`` and ``ledger profiles``: text and JSON output as interfaces.md says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ledger.cli import main
from ledger.core.actor import Actor
from ledger.core.enums import Category, Level, Nature, TeamType
from ledger.models import Member, OrgUnit, Team
from ledger.models.engine import Database
from ledger.models.personal import key_path
from ledger.services.norms.profiles import shipped_dir
from tests.scenario import depot, item

FIELDS = {
    "unit_code",
    "unit_name",
    "rule_id",
    "kind",
    "subject",
    "required",
    "actual",
    "gap",
    "severity",
    "profile",
    "citation",
}


@pytest.fixture
def ledger(db: Database, actor: Actor) -> Database:
    """A county of 10,000 people bound to Hequ's plan, with two full-time firefighters."""
    with db.transaction(actor) as s:
        county = OrgUnit(
            code="140930",
            name="河曲县",
            level=Level.COUNTY,
            population=10_000,
            profile_id="hequ-2023-25",
        )
        town = OrgUnit(code="140930101", name="文笔镇", level=Level.TOWN, parent=county)
        s.add_all([county, town])
        s.flush()
        fire = Team(
            code="F1",
            name="县专职消防队",
            unit_id=county.id,
            team_type=TeamType.FIRE,
            nature=Nature.FULL_TIME,
        )
        s.add(fire)
        s.flush()
        for n in range(2):
            s.add(
                Member(
                    team_id=fire.id, name=f"消防员{n}", id_number=f"X{n}", nature=Nature.FULL_TIME
                )
            )
        depot(s, "县应急物资储备库", home=county, area_m2=1999.5)
    return db


def check(db: Database, *args: str) -> int:
    return main(["check", "--db", db.url, *args])


def test_json_output_has_the_contract_fields_and_json_numbers(
    ledger: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check(ledger, "--format", "json", "--date", "2026-06-01") == 0
    findings = json.loads(capsys.readouterr().out)
    assert all(set(f) >= FIELDS for f in findings)
    assert {f["severity"] for f in findings} <= {
        "missing",
        "short",
        "expiring",
        "overdue",
        "unconfigured",
        "upcoming",
        "unconfirmed",
    }
    assert {f["draft"] for f in findings} == {False}
    (ratio,) = [f for f in findings if f["rule_id"] == "H-T1"]
    assert {
        k: ratio[k]
        for k in (
            "unit_code",
            "unit_name",
            "kind",
            "required",
            "actual",
            "gap",
            "severity",
            "profile",
        )
    } == {
        "unit_code": "140930",
        "unit_name": "河曲县",
        "kind": "ratio",
        "required": 4,
        "actual": 2,
        "gap": 2,
        "severity": "short",
        "profile": "hequ-2023-25",
    }
    assert ratio["citation"] == {
        "section": "二、指导思想、基本原则和主要目标（三）主要目标",
        "quote": "专职消防人员占全县总人口的比例达到0.4‰",
        "source": "004:150",
    }
    assert isinstance(ratio["required"], int)
    (drills,) = [f for f in findings if f["rule_id"] == "H-I3"]
    assert (drills["subject"], drills["severity"]) == (
        "县应急管理部门每年至少开展一次应急预案演练",
        "missing",
    )
    assert {f["unit_code"] for f in findings if f["rule_id"] == "H-T10"} == {"140930101"}


def test_json_numbers_keep_their_fractions(
    ledger: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        check(
            ledger,
            "--format",
            "json",
            "--profile",
            "wenshang-2022-57",
            "--date",
            "2026-06-01",
            "--unit",
            "140930",
        )
        == 0
    )
    findings = json.loads(capsys.readouterr().out)
    (area,) = [f for f in findings if f["rule_id"] == "W-M1"]
    assert area["profile"] == "wenshang-2022-57"
    assert (area["subject"], area["required"], area["actual"], area["gap"]) == (
        "县应急物资储备库",
        2000,
        1999.5,
        0.5,
    )
    assert {f["unit_code"] for f in findings} == {"140930"}


def test_text_output_groups_by_unit_and_cites_the_plan(
    ledger: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check(ledger, "--date", "2026-06-01") == 0
    out = capsys.readouterr().out
    assert out.startswith("短板检查 2026-06-01　依据：各单位绑定的规划\n")
    assert (
        "\n河曲县（140930，县）· 河曲县“十四五”应急管理体系和本质安全能力建设规划"
        "（河政发〔2023〕25号）\n" in out
    )
    assert (
        "  [不足] 专职消防人员占全县总人口0.4‰ —— 要求 4人，现有 2人，差 2人"
        "（常住人口10000人，按0.4‰应不少于4人）\n"
        "      出处：河政发〔2023〕25号 二、指导思想、基本原则和主要目标（三）主要目标"
        "「专职消防人员占全县总人口的比例达到0.4‰」（规则 H-T1）\n"
    ) in out
    assert "004:150" not in out  # the seed file's line is for maintainers, not for users
    assert "\n文笔镇（140930101，乡镇）" in out
    assert "\n合计：缺失 " in out


def test_text_headers_name_a_community_and_a_street_by_their_own_level(
    db: Database, actor: Actor, capsys: pytest.CaptureFixture[str]
) -> None:
    with db.transaction(actor) as s:
        county = OrgUnit(code="140930", name="河曲县", level=Level.COUNTY,
                         profile_id="hequ-2023-25")  # fmt: skip
        street = OrgUnit(code="140930001", name="城关街道", level=Level.STREET, parent=county)
        community = OrgUnit(code="140930001001", name="育才社区", level=Level.VILLAGE,
                            parent=street, flags=["灾害风险高"])  # fmt: skip
        village = OrgUnit(code="140930001002", name="东村", level=Level.VILLAGE, parent=street)
        s.add_all([county, street, community, village])
    check(db, "--date", "2026-06-01")
    out = capsys.readouterr().out
    assert "\n城关街道（140930001，街道）" in out
    assert "\n育才社区（140930001001，社区）" in out
    assert "\n东村（140930001002，村）" in out


def test_rules_not_yet_in_force_are_listed_as_upcoming(
    ledger: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check(ledger, "--date", "2025-06-01") == 0
    out = capsys.readouterr().out
    assert (
        "[待生效] 专职消防人员占全县总人口0.4‰ —— 要求 4人，现有 2人，差 2人"
        "（2025-12-31 起生效；" in out
    )
    assert "（规则 H-I3）" in out


def test_a_draft_plans_findings_say_so_and_confirmation_waits_are_unconfirmed(
    ledger: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ("--profile", "xingyang-draft", "--date", "2026-06-01")
    assert check(ledger, "--format", "json", *args) == 0
    findings = json.loads(capsys.readouterr().out)
    assert {f["draft"] for f in findings} == {True}
    assert all("征求意见稿" in f["document"] for f in findings)
    (committee,) = [f for f in findings if f["rule_id"] == "X-F3"]
    assert (committee["unit_code"], committee["severity"]) == ("140930101", "unconfirmed")
    assert check(ledger, *args) == 0
    out = capsys.readouterr().out
    assert "[待确认] 乡镇（街道）应急管理委员会 —— 要求 1项，现有 0项，差 1项" in out
    assert "出处：（征求意见稿）荥阳市“十四五”应急管理体系和本质安全能力建设规划 五、" in out


def test_findings_within_a_unit_go_missing_then_short_then_overdue(
    ledger: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check(ledger, "--format", "json", "--date", "2026-06-01") == 0
    findings = json.loads(capsys.readouterr().out)
    order = ["missing", "short", "expiring", "overdue", "unconfirmed", "unconfigured", "upcoming"]
    county = [order.index(f["severity"]) for f in findings if f["unit_code"] == "140930"]
    assert len(set(county)) > 1
    assert county == sorted(county)


def test_bad_arguments_fail_with_a_one_line_reason(
    ledger: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check(ledger, "--date", "2026-13-01") == 1
    assert capsys.readouterr().err == "错误：命令行的--date“2026-13-01”无效：应为 YYYY-MM-DD\n"
    assert check(ledger, "--unit", "999") == 1
    assert capsys.readouterr().err == "错误：找不到单位“999”\n"
    assert check(ledger, "--profile", "nope") == 1
    assert capsys.readouterr().err == "错误：找不到规划“nope”\n"


def test_profiles_lists_adds_and_binds(
    ledger: Database,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # another data folder for the profiles; the server database's key stays where it is
    monkeypatch.setenv("LEDGER_KEY_FILE", str(key_path(ledger.url)))
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "data"))
    assert main(["profiles"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in lines] == [
        "henan-2021-66",
        "hequ-2023-25",
        "wenshang-2022-57",
        "xingyang-draft",
        "zhangye-2022-100",
    ]
    assert lines[0].split("\t")[1:] == [
        "河南省“十四五”应急管理体系和本质安全能力建设规划（豫政〔2021〕66号，河南省人民政府，2021-12-31）",
        "16条规则",
        "内置",
    ]
    source = (shipped_dir() / "wenshang-2022-57.toml").read_text(encoding="utf-8")
    mine = tmp_path / "mine.toml"
    mine.write_text(source.replace('"wenshang-2022-57"', '"our-town-2024"'), encoding="utf-8")
    assert main(["profiles", "--add", str(mine)]) == 0
    assert capsys.readouterr().out.startswith("已安装规划 our-town-2024：")
    assert (
        main(["profiles", "--db", ledger.url, "--bind", "our-town-2024", "--unit", "140930101"])
        == 0
    )
    assert capsys.readouterr().out == "单位 140930101 已绑定规划 our-town-2024\n"
    assert check(ledger, "--format", "json", "--unit", "140930101", "--date", "2026-06-01") == 0
    assert {f["profile"] for f in json.loads(capsys.readouterr().out)} <= {"our-town-2024"}
    assert main(["profiles", "--db", ledger.url, "--unbind", "--unit", "140930101"]) == 0
    assert capsys.readouterr().out == "单位 140930101 改为继承上级规划\n"
    assert main(["profiles", "--db", ledger.url, "--bind", "our-town-2024"]) == 1
    assert capsys.readouterr().err == "错误：命令行缺少必填项：--unit\n"


OWN_PROFILE = """
[profile]
id = "our-comms-2024"
name = "某县通信装备规划"
effective = 2024-01-01

[[rule]]
id = "C-1"
kind = "equipment_set"
title = "乡镇通信终端"
levels = ["乡镇"]
citation = { section = "一、", quote = "配备手持终端、便携终端" }
items = [
  { name = "手持终端" },
  { name = "便携终端", accept = ["便携终端", "便携式卫星终端"] },
]
"""


def test_profiles_add_warns_of_equipment_names_the_catalogue_lacks(
    ledger: Database,
    actor: Actor,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # another data folder for the profiles; the server database's key stays where it is
    monkeypatch.setenv("LEDGER_KEY_FILE", str(key_path(ledger.url)))
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "data"))
    with ledger.transaction(actor) as s:
        item(s, "370M窄带手持终端", "部", Category.COMMS)
    mine = tmp_path / "comms.toml"
    mine.write_text(OWN_PROFILE, encoding="utf-8")
    assert main(["profiles", "--db", ledger.url, "--add", str(mine)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1:] == [
        "警告：“乡镇通信终端”中的“便携终端”：可接受的名称（便携终端、便携式卫星终端）"
        "在物资目录中都找不到",
        "提示：名称都找不到的项将一直报缺失；"
        "请在物资目录中使用这些名称，或在规划文件的 accept 中加入目录里的名称",
    ]
