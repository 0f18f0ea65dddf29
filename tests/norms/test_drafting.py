"""Drafting a profile from a plan's text: clause patterns, distractors, the intake formats."""

from __future__ import annotations

import json
import tomllib
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from ledger.cli import main
from ledger.core.actor import Actor
from ledger.core.enums import Level
from ledger.core.errors import PlanUnreadable
from ledger.models.engine import Database
from ledger.norms.drafting import draft_text
from ledger.norms.drafting.intake import PlanText, read_plan, split_lines
from ledger.norms.drafting.model import Proposal
from ledger.norms.drafting.output import draft_json, draft_toml, validate
from ledger.norms.schema import load_profile
from tests.scenario import item

TOWNS_AND_STREETS = ("乡镇", "街道")

HEAD = [
    "某县人民政府",
    "关于印发某县“十四五”应急管理体系建设规划的通知",
    "某政发〔2023〕7号",
    "各乡（镇）人民政府，县人民政府各有关单位：",
    "　　现将《某县“十四五”应急管理体系建设规划》印发给你们，请认真贯彻执行。",
    "某县人民政府",
    "2023年3月8日",
    "三、重点任务",
]


def plan(*body: str, head: list[str] | None = None) -> list[Proposal]:
    """Proposals of a county plan whose body (after a head and a 任务 chapter) is ``body``."""
    lines = [*(HEAD if head is None else head), *body]
    return draft_text(PlanText("plan.txt", tuple(lines))).proposals


def only(proposals: list[Proposal], kind: str) -> Proposal:
    found = [p for p in proposals if p.kind == kind]
    assert len(found) == 1, [(p.kind, p.title) for p in proposals]
    return found[0]


def test_head_gives_number_issuer_date_and_the_plans_level() -> None:
    draft = draft_text(PlanText("plan.txt", tuple(HEAD)))
    assert draft.head.number == "某政发〔2023〕7号"
    assert draft.head.issuer == "某县人民政府"
    assert draft.head.date.isoformat() == "2023-03-08"  # type: ignore[union-attr]
    assert draft.head.title == "某县“十四五”应急管理体系建设规划"
    assert draft.head.level == "县"


def test_lines_are_numbered_as_the_seed_citations_cite_them() -> None:
    text = "第一行\n\n第三行\r\n第四行\n"
    assert split_lines(text) == ("第一行", "", "第三行", "第四行")
    found = plan("　　各乡镇（街道）建立不少于20人的专（兼）职综合应急救援队伍。")
    assert found[0].line == len(HEAD) + 1


def test_headcounts_per_level_in_one_line() -> None:
    found = plan(
        "　　各县（市、区）建立不少于50人的专（兼）职综合应急救援队伍。"
        "各乡镇（街道）建立不少于20人的专（兼）职综合应急救援队伍。"
    )
    heads = [
        (p.levels, p.number, p.params["team_types"]) for p in found if p.kind == "team_headcount"
    ]
    assert heads == [(("县",), 50, ["综合"]), (TOWNS_AND_STREETS, 20, ["综合"])]


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("各乡镇（街道）建立不少于20人的综合应急救援队伍。", ("乡镇", "街道")),
        ("乡镇 （街道）组建不少于20人的综合应急救援队伍。", ("乡镇", "街道")),
        ("推进乡镇(街道)组建不少于20人的综合应急救援队伍。", ("乡镇", "街道")),
        ("各乡镇建立不少于20人的综合应急救援队伍。", ("乡镇", "街道")),  # the tier
        ("各乡（镇）建立不少于20人的综合应急救援队伍。", ("乡镇",)),
        ("其他乡镇建立不少于20人的综合应急救援队伍。", ("乡镇",)),
        ("各街道建立不少于20人的综合应急救援队伍。", ("街道",)),
        ("县、乡两级组建不少于20人的综合应急救援队伍。", ("县", "乡镇", "街道")),
        ("乡级组建不少于20人的综合应急救援队伍。", ("乡镇", "街道")),
    ],
)
def test_towns_and_sub_districts_as_the_clause_names_them(
    text: str, levels: tuple[str, ...]
) -> None:
    assert only(plan(text), "team_headcount").levels == levels


def test_the_draft_writes_levels_as_the_profile_schema_reads_them() -> None:
    draft = draft_text(
        PlanText(
            "plan.txt",
            (
                *HEAD,
                "各乡镇（街道）建立不少于20人的综合应急救援队伍。",
                "各乡（镇）建立不少于10人的森林消防队伍。",
                "各街道建立不少于15人的综合应急救援队伍。",
                "各类功能区和乡镇（街道）专（兼）职救援力量覆盖率达到100%。",
            ),
        )
    )
    assert [p.level for p in draft.proposals] == ["乡镇（街道）", "乡镇", "街道", "县"]
    text = draft_toml(draft)
    assert (
        'levels = ["乡镇（街道）"]' in text and 'child_levels = ["乡镇（街道）", "功能区"]' in text
    )
    rules = validate(text, "plan.toml").rules
    assert [r.levels for r in rules[:3]] == [
        {Level.TOWN, Level.STREET},
        {Level.TOWN},
        {Level.STREET},
    ]
    assert rules[3].params.child_levels == {Level.TOWN, Level.STREET, Level.ZONE}
    assert [p["level"] for p in draft_json(draft)][:3] == ["乡镇（街道）", "乡镇", "街道"]


def test_a_condition_and_its_exclusion_become_flags() -> None:
    found = plan(
        "全国重点镇、省级中心镇按一级乡镇专职消防队标准建设乡镇专职队,并配备不少于15名政府专职消防员,"
        "其他乡镇按照二级乡镇专职消防队标准建设乡镇专职队,并配备不少于9名政府专职消防员。"
    )
    first, other = (p for p in found if p.kind == "team_headcount")
    assert (first.number, first.levels, first.flags_any) == (
        15,
        ("乡镇",),
        ("全国重点镇", "省级中心镇"),
    )
    assert first.params["member_natures"] == ["专职"] and first.params["team_types"] == ["消防"]
    assert (other.number, other.levels, other.flags_none) == (
        9,
        ("乡镇",),
        ("全国重点镇", "省级中心镇"),
    )


def test_forest_duty_condition() -> None:
    proposal = only(plan("有森林消防任务的村(社区)配备森林防灭火设施。"), "equipment_set")
    assert proposal.levels == ("村",)
    assert proposal.flags_any == ("森林防灭火任务",)
    assert proposal.params["items"] == [{"name": "森林防灭火设施", "category": "森林防灭火"}]


def test_flood_and_geohazard_areas_become_a_flag() -> None:
    proposal = only(plan("山洪地质灾害易发区的村（社区）每年至少开展1次避险转移演练。"), "drills")
    assert (proposal.levels, proposal.flags_any, proposal.condition) == (
        ("村",),
        ("地质灾害隐患",),
        "山洪地质灾害易发区",
    )
    forest = only(plan("承担森林防灭火任务的乡镇组建森林消防队伍。"), "team_exists")
    assert (forest.flags_any, forest.condition) == (("森林防灭火任务",), "承担森林防灭火任务")


def test_team_count_with_a_range() -> None:
    proposal = only(plan("规划建设1—2支本级防汛抗旱专业队伍。"), "team_exists")
    assert (proposal.number, proposal.levels, proposal.range_text) == (1, ("县",), "1—2支")
    assert proposal.params["team_types"] == ["防汛抗旱"]


def test_posts_in_every_village() -> None:
    proposal = only(plan("每村配备1名灾害信息员。"), "posts")
    assert (proposal.levels, proposal.number, proposal.subject) == (("村",), 1, "灾害信息员")


def test_depot_area_per_named_depot() -> None:
    found = plan(
        "完善县级应急物资装备储备库，仓储面积不低于2000平方米；完善县级水旱灾害防御物资库，仓储面积不低于2000平方米。"
    )
    areas = [p for p in found if p.kind == "depot_area"]
    assert [(p.levels, p.number, p.params["match"]) for p in areas] == [
        (("县",), 2000, ["应急物资"]),
        (("县",), 2000, ["水旱灾害"]),
    ]
    assert not [p for p in found if p.kind == "depot_exists"]


def test_depots_in_flagged_towns_and_a_count_for_the_whole_county() -> None:
    found = plan("在全县事故和自然灾害多发地区建设20个综合应急救援服务站。")
    whole, town = (p for p in found if p.kind == "depot_exists")
    assert (whole.levels, whole.number, whole.params["scope"]) == (("县",), 20, "subtree")
    # An area by flag is on the whole tier: 乡镇 and 街道.
    assert (town.levels, town.number, town.flags_any) == (TOWNS_AND_STREETS, 1, ("事故灾害多发",))


def test_equipment_counts_and_lists() -> None:
    counted = only(plan("建成至少1处移动指挥平台。"), "equipment_set")
    assert (counted.number, counted.subject) == (1, "移动指挥平台")
    assert "通信指挥车" in counted.params["items"][0]["accept"]
    three = only(plan("县级配备3台应急发电机。"), "equipment_set")
    assert (three.number, three.params["items"][0]["min"]) == (3, 3)
    kinds = only(plan("配置中型、小型综合通信车。"), "equipment_set")
    assert kinds.params["items"][0]["name"] == "综合通信车" and kinds.range_text == "中型、小型"


def test_reserves_people_times_days() -> None:
    found = plan(
        "各级政府按照自然灾害保障集中转移安置人口4-6万、15天基本生活规模,储备生活保障类物资;"
        "按照突发公共卫生事件Ⅰ类应急保障物资达到保障2500人、1个月救治规模。",
        "紧急转移安置5000人、7天。",
    )
    reserves = [
        (p.params["people"], p.params["days"], p.params["category"], p.range_text)
        for p in found
        if p.kind == "reserve"
    ]
    assert reserves == [
        (40000, 15, "生活保障", "4-6万人"),
        (2500, 30, "医疗卫生", "1个月"),
        (5000, 7, "生活保障", ""),
    ]


def test_ratios_of_population() -> None:
    mille = only(plan("专职消防人员占全县总人口的比例达到0.4‰。"), "ratio")
    assert (mille.number, mille.params["per_mille"], mille.levels) == (
        Decimal("0.0004"),
        Decimal("0.4"),
        ("县",),
    )
    assert mille.params["member_natures"] == ["专职"]
    wan = only(plan("全县专职消防人员达到常住人口的万分之五。"), "ratio")
    assert wan.number == Decimal("0.0005")
    per = only(plan("全县每万人配备应急救援志愿者不少于5名。"), "ratio")
    assert (per.params["per_mille"], per.levels) == (Decimal("0.5"), ("县",))


def test_coverage_and_founding_rate() -> None:
    found = plan(
        "县综合救援力量建队率达到100%，各类功能区和乡镇（街道）专（兼）职救援力量覆盖率达到100%。"
    )
    coverage = only(found, "coverage")
    assert coverage.levels == ("县",) and coverage.params["child_levels"] == [
        "乡镇",
        "街道",
        "功能区",
    ]
    founded = only(found, "team_exists")
    assert founded.levels == ("县",) and founded.params["team_types"] == ["综合"]


def test_drills_and_training() -> None:
    found = plan("县、乡两级每年至少开展1次综合应急演练。每人每年集中轮训原则上不少于5天。")
    drill = only(found, "drills")
    assert drill.levels == ("县", "乡镇", "街道") and drill.params == {
        "min_count": 1,
        "comprehensive_only": True,
    }
    training = only(found, "training")
    assert training.params["min_days"] == 5
    sessions = only(plan("县、乡两级每年组织2次应急管理机构工作人员集中培训。"), "training")
    assert (sessions.params, sessions.levels) == ({"min_sessions": 2}, ("县", "乡镇", "街道"))
    hours = only(plan("应急管理人员每年培训不少于24学时。"), "training")
    assert hours.params["min_days"] == 3 and hours.unit == "学时"


@pytest.mark.parametrize(
    ("text", "levels", "keys"),
    [
        (
            "乡镇（街道）应急机构达到有班子、有机制、有队伍、有装备物资、有预案演练、有宣传教育培训的“六有”标准。",
            TOWNS_AND_STREETS,
            ["班子", "机制", "队伍", "装备物资", "预案演练", "宣传教育培训"],
        ),
        (
            "建立村级“一站两员一队”机制。",
            ("村",),
            ["安全劝导站", "安全劝导员", "灾害信息员", "兼职应急救援队"],
        ),
        (
            "建立乡级应急管理“一办一队一库一平台”。",
            TOWNS_AND_STREETS,
            ["应急管理办公室", "应急救援队", "物资储备库", "应急调度平台"],
        ),
    ],
)
def test_slogans_with_known_meaning(text: str, levels: tuple[str, ...], keys: list[str]) -> None:
    proposal = only(plan(text), "composite")
    assert proposal.levels == levels
    assert [a["key"] for a in proposal.params["attributes"]] == keys


def test_equipment_slogans() -> None:
    five = only(
        plan(
            "全面推进村(社区)应急装备5+X标准配备,实现卫星电话、应急发电机、排水泵配备到每个村(社区)。"
        ),
        "equipment_set",
    )
    assert five.levels == ("村",)
    assert [i["name"] for i in five.params["items"]] == ["卫星电话", "应急发电机", "排水泵"]
    four = only(
        plan(
            "推行市、县区应急处置卫星电话、指挥车(应急移动方舱)、无人机、单兵装备“四合一”标准配备。"
        ),
        "equipment_set",
    )
    assert [i["name"] for i in four.params["items"]] == ["卫星电话", "指挥车", "无人机", "单兵装备"]
    assert four.levels == ("市", "县")


def test_institutions_per_level() -> None:
    found = plan(
        "建立健全乡镇(街道)应急管理所或应急管理办公室、村级应急管理室基层应急管理组织机构建设,"
        "规范应急管理员、灾害信息员等基层队伍。"
    )
    composites = {
        p.levels: [a["key"] for a in p.params["attributes"]] for p in found if p.kind == "composite"
    }
    assert composites == {
        TOWNS_AND_STREETS: ["应急管理所或应急管理办公室"],
        ("村",): ["应急管理室"],
    }
    assert plan("建立财政资金保障机制，将灾害防治与应急管理所需资金纳入财政预算。") == []


def test_box_table_of_equipment() -> None:
    found = plan(
        "\t专栏7  应急救援装备配备清单",
        "\t水灾害救援装备",
        "\t动力艇、冲锋舟、便携式潜水泵、大功率潜水电泵、水上救援机器人、背负式卫星便携站等。",
    )
    proposal = only(found, "equipment_set")
    assert len(proposal.params["items"]) == 6 and proposal.subject == "水灾害救援装备"


def test_targets_and_projects_take_effect_at_the_horizon_tasks_at_the_plan_date() -> None:
    found = plan(
        "组建不少于30人的综合应急救援队伍。",
        "四、重点工程",
        "建成至少1处移动指挥平台。",
        "到2025年，乡镇（街道）应急机构达到“六有”标准。",
    )
    task, project, _ = found
    assert task.effective is None and project.effective.isoformat() == "2025-12-31"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("县财政每年安排应急物资储备资金500万元。", "资金"),
        ("全县安全生产经费累计投入1.2亿元。", "资金"),
        ("生产安全事故死亡人数下降15%。", "结果"),
        ("亿元国内生产总值生产安全事故死亡率下降33%。", "结果"),
        ("年均因灾直接经济损失占GDP比例控制在1%以内。", "结果"),
        ("2022年6月底前完成乡镇应急指挥平台建设。", "期限"),
        ("救援人员人均训练经费不低于2000元。", "预算"),
        ("受灾人员10小时内得到有效救助。", "无台账数据"),
    ],
)
def test_distractors_are_skipped_with_a_reason(text: str, reason: str) -> None:
    draft = draft_text(PlanText("plan.txt", (*HEAD, text)))
    assert draft.proposals == []
    assert [s.reason.split("：")[0] for s in draft.skipped] == [reason]


def test_qualities_plans_and_one_team_of_a_headcount_are_not_proposed_again() -> None:
    assert plan("广泛部署智能化、网络化、微型化、集成化感知终端。") == []
    drills = plan("市、乡两级每年至少开展1次综合应急演练，各专项应急预案每年至少实施1次应急演练。")
    assert [p.kind for p in drills] == ["drills"]
    team = plan("乡镇（街道）组建一支不少于30人的专（兼）职应急救援队伍。")
    assert [p.kind for p in team] == ["team_headcount"]


def test_a_table_cell_is_quoted_with_its_label_and_row_numbers_are_not_listed() -> None:
    draft = draft_text(PlanText("plan.txt", (*HEAD, "\t4", "\t煤矿百万吨死亡率", "\t<0.04")))
    assert [(s.quote, s.reason.split("：")[0]) for s in draft.skipped] == [
        ("煤矿百万吨死亡率：<0.04", "结果")
    ]


def test_encouraged_and_baseline_teams_are_not_proposed() -> None:
    assert plan("鼓励企业组建专业应急救援队伍。", "十三五期间已组建森林消防队伍3支。") == []


def _docx(path: Path, lines: list[str]) -> None:
    body = "".join(f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>" for line in lines)
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0"?><w:document {ns}><w:body>{body}</w:body></w:document>',
        )


def _pdf(path: Path, lines: list[str]) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen import canvas

    from ledger.reports.fonts import report_fonts

    font = report_fonts().main
    if not font:
        pytest.skip("no CJK font on this machine")
    sheet = canvas.Canvas(str(path))
    sheet.setFont(font, 10)
    for index, line in enumerate(lines):
        sheet.drawString(40, 800 - 14 * index, line)
    sheet.save()
    assert pdfmetrics.getFont(font)


BODY = [
    "　　各县（市、区）建立不少于50人的专（兼）职综合应急救援队伍。",
    "　　县应急管理部门和相关部门每年至少开展一次应急预案演练。",
]


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".pdf"])
def test_three_intake_formats_give_the_same_lines(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"plan{suffix}"
    lines = [*HEAD, *BODY]
    if suffix == ".txt":
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    elif suffix == ".docx":
        _docx(path, lines)
    else:
        _pdf(path, lines)
    text = read_plan(path)
    assert [line.strip() for line in text.lines] == [line.strip() for line in lines]
    found = draft_text(text).proposals
    assert [(p.kind, p.line, p.number) for p in found] == [
        ("team_headcount", len(HEAD) + 1, 50),
        ("drills", len(HEAD) + 2, 1),
    ]


def test_a_scanned_pdf_is_refused(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    sheet = canvas.Canvas(str(path))
    sheet.rect(40, 40, 500, 700, fill=1)  # a picture, no text
    sheet.save()
    with pytest.raises(PlanUnreadable, match="没有文字层"):
        read_plan(path)


def test_other_formats_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(PlanUnreadable, match="只能读取"):
        read_plan(path)
    broken = tmp_path / "plan.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(PlanUnreadable, match="Word"):
        read_plan(broken)


def test_toml_is_a_valid_profile_citing_lines(tmp_path: Path) -> None:
    draft = draft_text(PlanText("plan.txt", (*HEAD, *BODY)))
    profile = validate(draft_toml(draft), "plan.toml")
    assert profile.number == "某政发〔2023〕7号" and profile.id == "plan-2023-7"
    rule = profile.rules[0]
    assert rule.citation.source == f"plan.txt:{len(HEAD) + 1}"
    assert [r.id for r in profile.rules][-4:] == ["L-EXPIRY", "L-MAINT", "L-CERT", "L-MIN"]


def test_cli_draft_json_and_toml_then_add(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "data"))
    source = tmp_path / "plan.txt"
    source.write_text("\n".join([*HEAD, *BODY]), encoding="utf-8")
    assert main(["profiles", "--draft", str(source)]) == 0
    proposals = json.loads(capsys.readouterr().out)
    first = proposals[0]
    assert {"line", "quote", "kind", "level", "number", "unit", "subject", "condition"} <= set(
        first
    )
    assert (first["line"], first["level"], first["number"], first["unit"]) == (
        len(HEAD) + 1,
        "县",
        50,
        "人",
    )
    target = tmp_path / "draft.toml"
    assert main(["profiles", "--draft", str(source), "--format", "toml", "-o", str(target)]) == 0
    assert tomllib.loads(target.read_text(encoding="utf-8"))["profile"]["id"] == "plan-2023-7"
    assert load_profile(target).rules[0].kind == "team_headcount"
    assert main(["profiles", "--add", str(target)]) == 0
    assert "plan-2023-7" in capsys.readouterr().out


def test_the_office_edits_a_number_and_a_level() -> None:
    headcount, _drill = plan(*BODY)
    headcount.set_number(Decimal(30))
    assert (headcount.number, headcount.params["min_members"]) == (30, 30)
    assert headcount.title.endswith("不少于30人")
    headcount.set_levels("乡镇、社区")
    assert headcount.levels == ("乡镇", "村")
    headcount.set_levels("街道")
    assert (headcount.levels, headcount.level) == (("街道",), "街道")
    headcount.set_levels("村、乡镇（街道）")
    assert (headcount.levels, headcount.level) == (("乡镇", "街道", "村"), "乡镇（街道）、村")
    with pytest.raises(ValueError):
        headcount.set_levels("县城")
    with pytest.raises(ValueError):
        headcount.set_number(Decimal("2.5"))
    ratio = only(plan("专职消防人员占全县总人口的比例达到0.4‰。"), "ratio")
    assert ratio.shown_number == Decimal("0.4")
    ratio.set_number(Decimal("0.5"))
    assert (ratio.params["per_mille"], ratio.number) == (Decimal("0.5"), Decimal("0.0005"))
    kit = only(plan("县级配备应急发电机、卫星电话。"), "equipment_set")
    kit.set_number(Decimal(2))
    assert [i["min"] for i in kit.params["items"]] == [2, 2]
    six = only(plan("乡镇（街道）应急机构达到“六有”标准。"), "composite")
    with pytest.raises(ValueError):
        six.set_number(Decimal(1))
    draft = draft_text(PlanText("plan.txt", (*HEAD, *BODY)))
    draft.proposals[0].set_number(Decimal(35))
    assert validate(draft_toml(draft), "plan.toml").rules[0].params.min_members == 35


def test_a_baseline_section_proposes_nothing_and_lists_its_figures_as_baseline() -> None:
    draft = draft_text(
        PlanText(
            "plan.txt",
            (
                *HEAD[:-1],
                "一、发展基础",
                "全县组建各类应急救援队伍36支，共1002人。",
                "三、重点任务",
            ),
        )
    )
    assert draft.proposals == []
    assert [s.reason.split("：")[0] for s in draft.skipped] == ["基线"]


def test_generic_equipment_and_post_teams_are_not_proposed() -> None:
    assert plan("为乡镇救援队伍配强救援装备。", "配足执法装备。") == []
    kits = only(plan("在人员密集场所配备急救箱、体外除颤仪。"), "equipment_set")
    assert [i["name"] for i in kits.params["items"]] == ["急救箱", "体外除颤仪"]
    terminals = only(plan("配备手持及车载终端。"), "equipment_set")
    assert [i["name"] for i in terminals.params["items"]] == ["手持终端", "车载终端"]
    assert [p.kind for p in plan("组建灾害信息员队伍，实现全覆盖。")] == ["posts"]
    found = plan("专业应急救援队伍防护装备配备率达到100%。")
    assert [p.kind for p in found] == []


def test_a_fire_station_to_build_is_a_fire_team_where_the_condition_holds() -> None:
    station = only(plan("化工园区特勤站建成，危险品运输车辆停车场达标建成。"), "team_exists")
    assert (station.levels, station.flags_any, station.params) == (
        (),
        ("化工园区",),
        {"team_types": ["消防"]},
    )
    assert plan("全面推进微型消防站建成使用。") == []


def test_cli_with_a_database_flags_items_missing_from_its_catalogue(
    tmp_path: Path, db: Database, actor: Actor, capsys: pytest.CaptureFixture[str]
) -> None:
    with db.transaction(actor) as s:
        item(s, "汽油发电机", "台")
    source = tmp_path / "plan.txt"
    source.write_text("\n".join([*HEAD, "县级配备应急发电机、冲锋舟。", "县财政安排500万元。"]))
    assert main(["profiles", "--db", db.url, "--draft", str(source)]) == 0
    out, err = capsys.readouterr()
    assert [p["unmatched"] for p in json.loads(out)] == [["冲锋舟"]]
    assert f"未采用 第{len(HEAD) + 2}行（资金：金额不检查）" in err


def test_cli_refuses_a_scanned_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reportlab.pdfgen import canvas

    scan = tmp_path / "scan.pdf"
    sheet = canvas.Canvas(str(scan))
    sheet.rect(40, 40, 500, 700, fill=1)
    sheet.save()
    assert main(["profiles", "--draft", str(scan)]) != 0
    assert "没有文字层" in capsys.readouterr().err


def test_a_county_level_citys_own_city_is_the_ledgers_county() -> None:
    head = [
        "荥阳市“十四五”应急管理体系和",
        "本质安全能力建设规划",
        "（征求意见稿）",
        "三、重点任务",
    ]
    found = plan("市、乡两级每年至少开展1次综合应急演练。", head=head)
    draft = draft_text(PlanText("plan.txt", (*head, "市、乡两级每年至少开展1次综合应急演练。")))
    assert draft.head.county_city and draft.head.number == "" and draft.head.date is None
    assert only(found, "drills").levels == ("县", "乡镇", "街道")
    assert draft.effective.isoformat() == "2021-01-01"  # undated: from the start of the five years
