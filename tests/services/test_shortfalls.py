"""The shortfall check on a real database: facts gathered on a date, bindings, office settings."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import (
    Category,
    CounterpartyKind,
    Level,
    Nature,
    PostKind,
    ReserveMode,
    Role,
    TeamType,
)
from ledger.core.errors import (
    DuplicateRecord,
    InvalidValue,
    MissingField,
    PermissionDenied,
    ProfileInvalid,
    UnknownRecord,
)
from ledger.models import Equipment, Member, OrgUnit, Post, Team
from ledger.models.engine import Database
from ledger.norms.model import Finding
from ledger.services.norms import profiles as norm_profiles
from ledger.services.norms import settings as norm_settings
from ledger.services.norms.shortfalls import check
from tests.scenario import counterparty, depot, given, item

ON = date(2026, 6, 1)
D = date.fromisoformat


@pytest.fixture
def s(db: Database, actor: Actor) -> Iterator[Session]:
    """One open transaction for the whole test."""
    with db.transaction(actor) as session:
        yield session


def tree(s: Session, county_profile: str = "henan-2021-66") -> tuple[OrgUnit, OrgUnit, OrgUnit]:
    """某县 (bound to ``county_profile``) › 城关镇 (inherits) › 东村 (bound to Zhangye's plan)."""
    county = OrgUnit(
        code="410100",
        name="某县",
        level=Level.COUNTY,
        population=100_000,
        profile_id=county_profile,
    )
    town = OrgUnit(code="410101", name="城关镇", level=Level.TOWN, parent=county)
    village = OrgUnit(
        code="410101001",
        name="东村",
        level=Level.VILLAGE,
        parent=town,
        profile_id="zhangye-2022-100",
    )
    s.add_all([county, town, village])
    s.flush()
    return county, town, village


def team(
    s: Session,
    unit: OrgUnit,
    code: str,
    team_type: TeamType = TeamType.COMPREHENSIVE,
    nature: Nature = Nature.PART_TIME,
) -> Team:
    """A team of ``unit``."""
    found = Team(
        code=code, name=f"{unit.name}{code}", unit_id=unit.id, team_type=team_type, nature=nature
    )
    s.add(found)
    s.flush()
    return found


def enrol(s: Session, found: Team, *ids: str, left_on: date | None = None) -> None:
    """Members with the given ID numbers (their names are the ID numbers too)."""
    for number in ids:
        s.add(Member(team_id=found.id, name=f"队员{number}", id_number=number, left_on=left_on))
    s.flush()


def of(result: list[Finding] | tuple[Finding, ...], rule_id: str) -> list[tuple[object, ...]]:
    """(unit code, subject, required, actual, gap, severity) of the findings of one rule."""
    return [
        (x.unit_code, x.subject, x.required, x.actual, x.gap, x.severity.value)
        for x in result
        if x.rule_id == rule_id
    ]


def test_members_who_left_do_not_count_and_one_team_must_reach_the_headcount(
    s: Session, actor: Actor
) -> None:
    _, town, _ = tree(s)
    first, second = team(s, town, "A"), team(s, town, "B")
    enrol(s, first, *(f"ID{n:02}" for n in range(1, 18)))
    enrol(s, first, "ID18", "ID19", "ID20", left_on=D("2026-05-31"))
    enrol(s, second, "ID01", "ID21")
    result = check(s, actor, on=ON)
    # 「建立不少于20人的…队伍」: team B's people are not added to team A's
    assert of(result.findings, "P-T4") == [
        ("410101", "城关镇A", Decimal(20), Decimal(17), Decimal(3), "short")
    ]
    assert of(check(s, actor, on=D("2026-05-30")).findings, "P-T4") == []


def test_stock_is_read_as_it_stood_on_the_date(s: Session, actor: Actor) -> None:
    _, town, _ = tree(s)
    depot(s, "镇库", home=town)
    given(s, actor, "RK 2026-03-01 镇库 编织袋 1000袋 批次L1 有效期2026-06-30")
    given(s, actor, "CK 2026-06-15 镇库 编织袋 400袋 批次L1")
    given(s, actor, "RK 2026-03-01 镇库 救生衣 50件 批次V1 有效期2026-06-10")
    given(s, actor, "CK 2026-06-05 镇库 救生衣 50件 批次V1")  # empty today, not on 1 June
    assert of(check(s, actor, on=D("2026-06-01")).findings, "L-EXPIRY")[1:] == [
        ("410101", "镇库·救生衣（批次 V1）", None, Decimal(50), Decimal(50), "expiring")
    ]
    for day, quantity, severity in (
        ("2026-05-01", None, None),
        ("2026-06-01", 1000, "expiring"),
        ("2026-06-20", 600, "expiring"),
        ("2026-07-01", 600, "overdue"),
    ):
        found = of(check(s, actor, on=D(day)).findings, "L-EXPIRY")[:1]
        expected = (
            []
            if quantity is None
            else [
                (
                    "410101",
                    "镇库·编织袋（批次 L1）",
                    None,
                    Decimal(quantity),
                    Decimal(quantity),
                    severity,
                )
            ]
        )
        assert found == expected, day


def test_each_unit_is_checked_against_its_own_or_inherited_profile(
    s: Session, actor: Actor
) -> None:
    tree(s)
    result = check(s, actor, on=ON)
    profiles = {(x.unit_code, x.profile) for x in result.findings}
    assert profiles == {
        ("410100", "henan-2021-66"),
        ("410101", "henan-2021-66"),
        ("410101001", "zhangye-2022-100"),
    }
    assert [u.effective_profile for u in result.units] == [
        "henan-2021-66",
        "henan-2021-66",
        "zhangye-2022-100",
    ]
    assert result.unbound == () and result.unknown_profiles == ()


def test_a_chosen_profile_is_applied_to_every_unit_in_scope(s: Session, actor: Actor) -> None:
    tree(s)
    result = check(s, actor, on=ON, profile_id="hequ-2023-25", unit="410101")
    assert {(x.unit_code, x.profile) for x in result.findings} == {
        ("410101", "hequ-2023-25"),
        ("410101001", "hequ-2023-25"),
    }
    assert [u.code for u in result.units] == ["410101", "410101001"]


def test_units_without_a_profile_or_bound_to_a_missing_one_are_reported(
    s: Session, actor: Actor
) -> None:
    tree(s, county_profile="gone-2020-1")
    s.add(OrgUnit(code="990000", name="未绑定县", level=Level.COUNTY))
    s.flush()
    result = check(s, actor, on=ON)
    assert result.unbound == ("未绑定县",)
    assert result.unknown_profiles == ("gone-2020-1",)
    assert {x.unit_code for x in result.findings} == {"410101001"}
    with pytest.raises(UnknownRecord, match="规划"):
        check(s, actor, on=ON, profile_id="gone-2020-1")
    with pytest.raises(UnknownRecord, match="单位"):
        check(s, actor, on=ON, unit="000")


def test_village_5_plus_x_counts_equipment_held_by_the_village(s: Session, actor: Actor) -> None:
    _, _, village = tree(s)
    for name in ("卫星电话", "发电机", "潜水泵"):
        found = item(s, name, "台", Category.OTHER, serial_tracked=True)
        s.add(Equipment(serial=f"SN-{name}", item_id=found.id, holder_unit_id=village.id))
    s.add(Post(unit_id=village.id, kind=PostKind.EMERGENCY_OFFICER, name="王五"))
    s.flush()
    result = check(s, actor, on=ON, unit="410101001")
    assert [x[1] for x in of(result.findings, "Z-E1")] == ["微型消防站", "手持扩音器"]
    assert of(result.findings, "Z-T7") == []
    assert of(result.findings, "Z-E2") == []  # no forest duty


def test_office_settings_feed_the_check(s: Session, actor: Actor) -> None:
    county, _, _ = tree(s, county_profile="wenshang-2022-57")
    depot(s, "县库", home=county)
    water = item(s, "矿泉水", "瓶", Category.LIVING)
    given(s, actor, "RK 2026-03-01 县库 矿泉水 50000瓶")
    (unset,) = [x for x in check(s, actor, on=ON).findings if x.rule_id == "W-M3"]
    assert (unset.subject, unset.severity.value) == (
        "生活类应急物资满足5千人15天基本生活",
        "unconfigured",
    )
    assert unset.detail.endswith("参考表的人均数量无法折算到：矿泉水（规格型号未写面积或容量）")
    (scaled,) = norm_settings.scaled_rules("wenshang-2022-57")
    norm_settings.set_per_capita(s, actor, "410100", scaled, water.id, "1")
    assert of(check(s, actor, on=ON).findings, "W-M3") == [
        ("410100", "矿泉水", Decimal(75000), Decimal(50000), Decimal(25000), "short")
    ]
    counterparty(s, "某商贸公司", CounterpartyKind.ENTERPRISE)
    deal = norm_settings.AgreementInput(
        unit="410100",
        counterparty="某商贸公司",
        mode=ReserveMode.AGREEMENT,
        lines=[("矿泉水", 30000)],
        starts_on=D("2026-01-01"),
        ends_on=D("2026-12-31"),
    )
    norm_settings.save_agreement(s, actor, deal)
    assert of(check(s, actor, on=ON).findings, "W-M3") == []
    assert of(check(s, actor, on=D("2027-01-01")).findings, "W-M3") == [
        ("410100", "矿泉水", Decimal(75000), Decimal(50000), Decimal(25000), "short")
    ]
    norm_settings.set_minimum(s, actor, "县库", "矿泉水", 60000)
    assert of(check(s, actor, on=ON).findings, "L-MIN") == [
        ("410100", "县库·矿泉水", Decimal(60000), Decimal(50000), Decimal(10000), "short")
    ]
    norm_settings.set_minimum(s, actor, "县库", "矿泉水", None)
    assert norm_settings.minimums(s) == []


def test_scaled_reserves_use_the_reference_and_the_offices_amounts_per_item(
    s: Session, actor: Actor
) -> None:
    county, _, _ = tree(s, county_profile="wenshang-2022-57")
    depot(s, "县库", home=county)
    item(s, "救灾帐篷", "顶", Category.LIVING, spec="12m² 单帐篷")
    item(s, "矿泉水", "箱", Category.LIVING, spec="550ml×24瓶")
    given(s, actor, "RK 2026-03-01 县库 救灾帐篷 100顶；矿泉水 1000箱")
    assert of(check(s, actor, on=ON).findings, "W-M3") == [
        ("410100", "帐篷（居住面积）", Decimal(17500), Decimal(1200), Decimal(16300), "short"),
        ("410100", "饮用水", Decimal(187500), Decimal(13200), Decimal(174300), "short"),
    ]
    norm_settings.set_per_capita_norm(s, actor, "矿泉水", None, "0.5", "本县测算")
    assert [(n.item, n.per_person_day, n.basis) for n in norm_settings.per_capita_norms(s)] == [
        ("矿泉水", Decimal("0.5"), "本县测算")
    ]
    assert of(check(s, actor, on=ON).findings, "W-M3") == [
        ("410100", "矿泉水", Decimal(37500), Decimal(1000), Decimal(36500), "short"),
        ("410100", "帐篷（居住面积）", Decimal(17500), Decimal(1200), Decimal(16300), "short"),
    ]
    norm_settings.set_per_capita_norm(s, actor, "矿泉水", "", "0", "")
    assert norm_settings.per_capita_norms(s) == []


def test_confirmations_feed_composite_standards(s: Session, actor: Actor) -> None:
    _, town, _ = tree(s)
    norm_settings.confirm_attribute(s, actor, town.id, "班子", D("2026-03-01"))
    (found,) = [x for x in check(s, actor, on=ON).findings if x.rule_id == "P-F1"]
    assert "有班子✓（2026-03-01 确认）" in found.detail
    assert (found.required, found.actual) == (Decimal(6), Decimal(1))
    assert [c.attribute for c in norm_settings.confirmations(s, town.id)] == ["班子"]


def test_a_findings_waiting_attributes_are_confirmed_in_one_action(
    s: Session, actor: Actor
) -> None:
    tree(s, county_profile="xingyang-draft")
    (waiting,) = [x for x in check(s, actor, on=ON).findings if x.rule_id == "X-F3"]
    assert waiting.severity.value == "unconfirmed"
    keys = [r.label for r in waiting.records if r.kind == "confirm"]
    assert keys == ["应急管理委员会"]
    norm_settings.confirm_waiting(s, actor, waiting.unit_code, keys, ON)
    assert [x for x in check(s, actor, on=ON).findings if x.rule_id == "X-F3"] == []
    with pytest.raises(MissingField):
        norm_settings.confirm_waiting(s, actor, waiting.unit_code, [" "], ON)


def test_many_findings_waiting_are_confirmed_in_one_transaction(s: Session, actor: Actor) -> None:
    tree(s, county_profile="xingyang-draft")
    waiting = [
        (x.unit_code, [r.label for r in x.records if r.kind == "confirm"])
        for x in check(s, actor, on=ON).findings
        if x.severity.value == "unconfirmed" and x.profile == "xingyang-draft"
    ]
    assert len({code for code, _ in waiting}) >= 2  # the county and its town
    with pytest.raises(UnknownRecord):  # one unknown unit: nothing is confirmed
        norm_settings.confirm_waiting_many(s, actor, [*waiting, ("999999", ["班子"])], ON)
    assert norm_settings.confirmations(s, "410101") == []
    done = norm_settings.confirm_waiting_many(s, actor, waiting + waiting[:1], ON)
    assert len(done) == sum(len(keys) for _, keys in waiting)  # a repeated pair counts once
    left = check(s, actor, on=ON).findings
    assert not [x for x in left if x.severity.value == "unconfirmed" and x.unit_code != "410101001"]


def test_a_province_and_city_kept_only_as_parents_are_not_checked(s: Session, actor: Actor) -> None:
    county, _, _ = tree(s)
    province = OrgUnit(code="410000", name="河南省", level=Level.PROVINCE)
    city = OrgUnit(code="410000100", name="某市", level=Level.CITY, parent=province)
    s.add_all([province, city])
    s.flush()
    county.parent_id, county.profile_id, province.profile_id = city.id, None, "henan-2021-66"
    s.flush()
    result = check(s, actor, on=ON)
    assert [u.code for u in result.units] == ["410100", "410101", "410101001"]
    assert {x.unit_code for x in result.findings} == {"410100", "410101", "410101001"}
    assert {x.profile for x in result.findings if x.unit_code == "410100"} == {"henan-2021-66"}
    assert [u.code for u in check(s, actor, on=ON, unit="410000").units][:1] == ["410100"]


def test_settings_refuse_what_is_wrong(s: Session, actor: Actor) -> None:
    county, _, _ = tree(s, county_profile="wenshang-2022-57")
    (scaled,) = norm_settings.scaled_rules("wenshang-2022-57")
    bags = item(s, "编织袋", "条", Category.FLOOD)
    with pytest.raises(InvalidValue, match="不属于生活保障类"):
        norm_settings.set_per_capita(s, actor, county.id, scaled, bags.id, "1")
    deal = norm_settings.AgreementInput(
        unit="410100", counterparty="没有这家", lines=[], mode=ReserveMode.AGREEMENT
    )
    with pytest.raises(UnknownRecord, match="没有这家"):
        norm_settings.save_agreement(s, actor, deal)
    viewer = Actor("look", Role.VIEWER)
    with pytest.raises(PermissionDenied):
        norm_settings.confirm_attribute(s, viewer, county.id, "班子", ON)


def test_binding_a_unit_to_a_profile(s: Session, actor: Actor) -> None:
    county, town, _ = tree(s)
    norm_profiles.bind_profile(s, actor, "410101", "xingyang-draft")
    assert town.profile_id == "xingyang-draft"
    assert {x.profile for x in check(s, actor, on=ON, unit="410101").findings} == {
        "xingyang-draft",
        "zhangye-2022-100",
    }
    norm_profiles.bind_profile(s, actor, town.id, None)
    assert town.profile_id is None
    with pytest.raises(UnknownRecord, match="规划"):
        norm_profiles.bind_profile(s, actor, county.id, "no-such-plan")
    with pytest.raises(PermissionDenied):
        norm_profiles.bind_profile(s, Actor("look", Role.VIEWER), county.id, "hequ-2023-25")


def test_installing_a_user_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, actor: Actor
) -> None:
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "data"))
    source = norm_profiles.shipped_dir() / "hequ-2023-25.toml"
    mine = tmp_path / "mine.toml"
    mine.write_text(
        source.read_text(encoding="utf-8").replace('id = "hequ-2023-25"', 'id = "my-county-2024"'),
        encoding="utf-8",
    )
    info = norm_profiles.install_profile(actor, mine)
    assert (info.id, info.user, info.rules) == ("my-county-2024", True, 13)
    assert (tmp_path / "data" / "norms" / "my-county-2024.toml").exists()
    with pytest.raises(DuplicateRecord):
        norm_profiles.install_profile(actor, source)
    broken = tmp_path / "broken.toml"
    broken.write_text('[profile]\nid = "x1"\nname = "坏"\n', encoding="utf-8")
    with pytest.raises(ProfileInvalid):
        norm_profiles.install_profile(actor, broken)
    (tmp_path / "data" / "norms" / "junk.toml").write_text("not toml [", encoding="utf-8")
    infos, problems = norm_profiles.list_profiles()
    assert [i.id for i in infos][-1] == "my-county-2024"
    assert len(infos) == 6
    assert [Path(p.path).name for p in problems] == ["junk.toml"]
    with pytest.raises(PermissionDenied):
        norm_profiles.install_profile(Actor("look", Role.VIEWER), mine)


@pytest.fixture(scope="module")
def demo(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """The demo county, built once for this module."""
    from ledger.core.actor import SYSTEM
    from ledger.models.engine import open_database
    from ledger.services.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    shutil.copy(sqlite_template, path)
    database = open_database(path)
    with database.transaction(SYSTEM) as session:
        build_demo(session, SYSTEM, seed=7, today=DEMO_DAY)
    yield database
    database.dispose()


DEMO_DAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    "profile_id", sorted(p.stem for p in norm_profiles.shipped_dir().glob("*.toml"))
)
def test_the_demo_county_shows_findings_under_every_profile(
    demo: Database, actor: Actor, profile_id: str
) -> None:
    with demo.read() as session:
        result = check(session, actor, on=DEMO_DAY, profile_id=profile_id)
    kinds = {x.kind for x in result.findings}
    assert {x.profile for x in result.findings} == {profile_id}
    assert len(kinds) >= 4, kinds
    assert any(x.amber for x in result.findings)
    # The demo's province and city exist only as the county's parents: none of theirs.
    assert {x.unit_name for x in result.findings}.isdisjoint({"河南省", "澄州市"})
    assert [u.name for u in result.units][:1] == ["河清县"]
