"""Rule kinds about a year's activity: drills and training."""

from __future__ import annotations

from datetime import date, timedelta

from ledger.core.enums import Level, PostKind, Trainee
from tests.norms.builders import ON, World, rows, rule, run


def days_ago(n: int) -> date:
    """The date ``n`` days before the check."""
    return ON - timedelta(days=n)


def test_a_drill_within_the_last_twelve_months_counts() -> None:
    w = World()
    county = w.unit("C1", Level.COUNTY)
    w.drill(county, days_ago(365))
    check = rule("drills", levels=["县"])
    found = run(w, check)
    assert rows(found) == [("C1", "规则1", 1, 0, 1, "missing")]
    assert found[0].detail == "统计期 2025-06-02 至 2026-06-01"
    w.drill(county, days_ago(364))
    assert rows(run(w, check)) == []


def test_drills_after_the_date_or_of_another_unit_do_not_count() -> None:
    w = World()
    w.unit("C1", Level.COUNTY)
    w.unit("T1", parent="C1")
    w.drill("C1", ON + timedelta(days=1))
    w.drill("T1", ON)
    assert rows(run(w, rule("drills", levels=["县"]))) == [("C1", "规则1", 1, 0, 1, "missing")]


def test_only_comprehensive_drills_and_the_calendar_year() -> None:
    w = World()
    town = w.unit("T1")
    w.drill(town, date(2025, 12, 30), comprehensive=True)
    w.drill(town, date(2026, 3, 1))
    w.drill(town, date(2026, 4, 1), comprehensive=True)
    rolling = rule("drills", min_count=2, comprehensive_only=True)
    calendar = rule("drills", min_count=2, comprehensive_only=True, window="calendar")
    assert rows(run(w, rolling)) == []
    # 2026-03-01 is not marked 综合: with it the count would be met, so the office confirms it.
    assert rows(run(w, calendar)) == [("T1", "规则1", 2, 1, 1, "unconfirmed")]
    three = rule("drills", min_count=3, comprehensive_only=True, window="calendar")
    assert rows(run(w, three)) == [("T1", "规则1", 3, 1, 2, "short")]


def test_a_drill_not_marked_comprehensive_is_named_and_the_office_asked() -> None:
    w = World()
    town = w.unit("T1")
    check = rule("drills", comprehensive_only=True)
    assert run(w, check)[0].severity.value == "missing"
    w.drill(town, days_ago(30))
    (found,) = run(w, check)
    # A drill was held but its record lacks the 综合 mark: to confirm, not missing.
    assert found.severity.value == "unconfirmed"
    assert f"另有未标注为综合演练的：{days_ago(30).isoformat()}「演练」" in found.detail
    assert "请在演练记录中勾选“综合演练”" in found.detail


def test_training_sessions_are_distinct_dates_and_subjects() -> None:
    w = World()
    town = w.unit("T1")
    w.training(town, "张三", days_ago(10), 2, subject="防汛")
    w.training(town, "李四", days_ago(10), 2, subject="防汛")
    w.training(town, "张三", days_ago(400), 2, subject="消防")
    check = rule("training", min_sessions=2)
    assert rows(run(w, check)) == [("T1", "规则1（集中培训次数）", 2, 1, 1, "short")]
    w.training(town, "张三", days_ago(20), 1, subject="防汛")
    assert rows(run(w, check)) == []


def test_training_days_per_post_holder() -> None:
    w = World()
    town = w.unit("T1")
    for name in ("张三", "李四", "王五"):
        w.post(town, PostKind.EMERGENCY_OFFICER, name)
    w.post(town, PostKind.EMERGENCY_OFFICER, "赵六", until=days_ago(1))
    w.post(town, PostKind.GRID_WORKER, "钱七")
    w.training(town, "张三", days_ago(100), 3)
    w.training(town, "张三", days_ago(10), 2)
    w.training(town, "李四", days_ago(10), "2")
    w.training(town, "王五", days_ago(365), 5)  # a year and a day ago: outside the window
    check = rule("training", min_days=5, post_kinds=["应急管理员"])
    found = run(w, check)
    assert rows(found) == [("T1", "规则1（每人不少于5天，按达标人数计）", 3, 1, 2, "short")]
    assert found[0].detail == "李四 近一年培训2天；王五 近一年培训0天，要求每人不少于5天"


def test_training_days_per_team_member_by_id_number_or_roster_line() -> None:
    w = World()
    town = w.unit("T1")
    team = w.team(town)
    first = w.member(team, "张三", id_number="410101199001011234")
    w.member(team, "李四", id_number="410101199201011234")
    w.training(town, "张三", days_ago(5), 3, member_id=first)
    w.training(town, "李 四", days_ago(5), 3, id_number="410101199201011234")
    check = rule("training", min_days=3, who="members")
    assert rows(run(w, check)) == []
    check = rule("training", min_days=4, who="members")
    assert rows(run(w, check)) == [("T1", "规则1（每人不少于4天，按达标人数计）", 2, 0, 2, "short")]


def test_people_trained_some_days_but_too_few_are_short_and_nobody_trained_is_missing() -> None:
    w = World()
    town = w.unit("T1")
    w.post(town, PostKind.EMERGENCY_OFFICER, "王林帅")
    check = rule("training", min_days=5, post_kinds=["应急管理员"])
    subject = "规则1（每人不少于5天，按达标人数计）"
    assert rows(run(w, check)) == [("T1", subject, 1, 0, 1, "missing")]
    w.training(town, "王林帅", days_ago(30), 2)
    found = run(w, check)
    assert rows(found) == [("T1", "规则1（每人不少于5天，按达标人数计）", 1, 0, 1, "short")]
    assert found[0].detail == "王林帅 近一年培训2天，要求每人不少于5天"


def test_only_the_trainings_of_the_trainees_asked_for_count() -> None:
    w = World()
    town = w.unit("T1")
    team = w.team(town)
    member = w.member(team, "张三")
    for n in range(2):
        w.training(town, "张三", days_ago(10 + n), 2, subject=f"综合专业技能培训{n}",
                   member_id=member, trainee=Trainee.MEMBER)  # fmt: skip
    staff = rule("training", min_sessions=2, trainees=["机构工作人员"])
    assert rows(run(w, staff)) == [("T1", "规则1（集中培训次数）", 2, 0, 2, "missing")]
    assert rows(run(w, rule("training", min_sessions=2))) == []
    w.training(town, "李四", days_ago(40), 3, subject="基层应急管理干部集中培训")
    w.training(town, "李四", days_ago(90), 2, subject="业务能力提升培训", trainee=Trainee.STAFF)
    assert rows(run(w, staff)) == []
