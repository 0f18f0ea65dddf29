"""Composite standards: town 六有 and village 一站两员一队, judged from data or confirmed."""

from __future__ import annotations

from datetime import timedelta

from ledger.core.enums import Level, PostKind
from tests.norms.builders import ON, World, rows, rule, run

SIX = rule(
    "composite",
    levels=["乡镇"],
    attributes=[
        {"key": "班子", "label": "有班子", "check": "confirm"},
        {"key": "机制", "label": "有机制", "check": "confirm"},
        {"key": "队伍", "label": "有队伍", "check": "team"},
        {"key": "装备物资", "label": "有装备物资", "check": "holdings"},
        {"key": "预案演练", "label": "有预案演练", "check": "drill"},
        {"key": "宣传教育培训", "label": "有宣传教育培训", "check": "training"},
    ],
)
STATION = rule(
    "composite",
    levels=["村"],
    attributes=[
        {"key": "安全劝导站", "check": "confirm"},
        {"key": "安全劝导员", "check": "post", "post_kinds": ["安全劝导员"]},
        {"key": "灾害信息员", "check": "post", "post_kinds": ["灾害信息员"]},
        {"key": "兼职应急救援队", "check": "team", "natures": ["兼职"]},
    ],
)


def test_a_town_with_none_of_the_six_says_which_is_checked_and_which_confirmed() -> None:
    w = World()
    w.unit("T1")
    found = run(w, SIX)
    assert rows(found) == [("T1", "规则1", 6, 0, 6, "missing")]
    assert found[0].detail == (
        "台账核查：有队伍✗（无队伍）；有装备物资✗（未登记装备或库存）；"
        "有预案演练✗（近365天无演练记录）；有宣传教育培训✗（近365天无培训记录）。"
        "办公室确认：有班子✗（未确认）；有机制✗（未确认）"
    )


def test_confirmations_hold_for_a_year() -> None:
    w = World()
    town = w.unit("T1")
    w.members(w.team(town), 3)
    w.depot(town, "镇库")
    w.item("编织袋")
    w.lot("镇库", "编织袋", 10)
    w.drill(town, ON - timedelta(days=30))
    w.confirm(town, "班子", ON - timedelta(days=10))
    w.confirm(town, "有机制", ON - timedelta(days=365))
    w.confirm(town, "宣传教育培训", ON)  # training is judged from records, not confirmed
    found = run(w, SIX)
    assert rows(found) == [("T1", "规则1", 6, 4, 2, "short")]
    assert found[0].detail == (
        "台账核查：有队伍✓；有装备物资✓；有预案演练✓；有宣传教育培训✗（近365天无培训记录）。"
        "办公室确认：有班子✓（2026-05-22 确认）；有机制✗（2025-06-01 确认，已超过365天）"
    )
    w.confirm(town, "机制", ON - timedelta(days=364))
    w.training(town, "张三", ON, 1)
    assert rows(run(w, SIX)) == []


def test_a_confirmation_after_the_date_does_not_count() -> None:
    w = World()
    town = w.unit("T1")
    w.confirm(town, "班子", ON + timedelta(days=1))
    assert "有班子✗（未确认）" in run(w, SIX)[0].detail


def test_village_station_two_officers_and_a_part_time_team() -> None:
    w = World()
    village = w.unit("V1", Level.VILLAGE)
    w.confirm(village, "安全劝导站", ON)
    w.post(village, PostKind.SAFETY_ADVISOR, "王五")
    w.post(village, PostKind.DISASTER_INFORMANT_B, "赵六")  # a B-post deputy is not the officer
    w.members(w.team(village), 10)
    found = run(w, STATION)
    assert rows(found) == [("V1", "规则1", 4, 3, 1, "short")]
    assert "灾害信息员✗（未配备）" in found[0].detail


def test_every_countable_part_met_waits_only_on_the_office_as_unconfirmed() -> None:
    w = World()
    village = w.unit("V1", Level.VILLAGE)
    w.post(village, PostKind.SAFETY_ADVISOR, "王五")
    w.post(village, PostKind.DISASTER_INFORMANT, "赵六")
    w.members(w.team(village), 10)
    found = run(w, STATION)
    assert rows(found) == [("V1", "规则1", 4, 3, 1, "unconfirmed")]
    assert found[0].detail.startswith("台账可查的各项均已满足，待办公室确认：安全劝导站。")
    waiting = [(r.kind, r.id, r.label) for r in found[0].records if r.kind == "confirm"]
    assert waiting == [("confirm", village, "安全劝导站")]
    w.confirm(village, "安全劝导站", ON)
    assert run(w, STATION) == []


def test_a_countable_part_not_met_stays_short_and_says_which() -> None:
    w = World()
    village = w.unit("V1", Level.VILLAGE)
    w.post(village, PostKind.SAFETY_ADVISOR, "王五")
    w.members(w.team(village), 10)
    found = run(w, STATION)
    assert rows(found) == [("V1", "规则1", 4, 2, 2, "short")]
    assert "灾害信息员✗（未配备）" in found[0].detail
    assert "待办公室确认" not in found[0].detail


def test_a_standard_of_confirmations_alone_is_unconfirmed_until_confirmed() -> None:
    w = World()
    w.unit("T1")
    only = rule("composite", attributes=[{"key": "应急管理室", "check": "confirm"}])
    assert rows(run(w, only)) == [("T1", "规则1", 1, 0, 1, "unconfirmed")]
    assert run(w, only)[0].detail.startswith("台账无法核查，待办公室确认：应急管理室。")


def test_a_part_another_rule_reports_is_shown_but_not_counted_twice() -> None:
    seen = rule(
        "composite",
        levels=["村"],
        attributes=[
            {"key": "安全劝导站", "check": "confirm"},
            {"key": "安全劝导员", "check": "post", "post_kinds": ["安全劝导员"]},
            {"key": "灾害信息员", "check": "post", "post_kinds": ["灾害信息员"], "see": "R9"},
        ],
    )
    w = World()
    village = w.unit("V1", Level.VILLAGE)
    (found,) = run(w, seen)
    assert rows([found]) == [("V1", "规则1", 2, 0, 2, "missing")]
    assert "灾害信息员✗（见R9）" in found.detail
    w.post(village, PostKind.SAFETY_ADVISOR, "王五")
    (found,) = run(w, seen)
    assert rows([found]) == [("V1", "规则1", 2, 1, 1, "unconfirmed")]
    assert found.detail.startswith("台账可查的其余各项均已满足，待办公室确认：安全劝导站。")
    w.confirm(village, "安全劝导站", ON)
    assert run(w, seen) == []  # the informant is R9's finding alone


def test_the_part_reported_elsewhere_is_named_by_that_rules_title() -> None:
    informants = rule("posts", levels=["村"], posts=["灾害信息员"], title="灾害信息员全覆盖")
    seen = rule(
        "composite",
        levels=["村"],
        attributes=[
            {"key": "安全劝导站", "check": "confirm"},
            {"key": "灾害信息员", "check": "post", "post_kinds": ["灾害信息员"], "see": "R1"},
        ],
    )
    w = World()
    w.unit("V1", Level.VILLAGE)
    found = [f for f in run(w, informants, seen) if f.rule_id == "R2"]
    assert "灾害信息员✗（见「灾害信息员全覆盖」）" in found[0].detail
