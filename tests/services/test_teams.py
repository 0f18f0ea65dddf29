"""Teams with active headcount; members validated and masked in lists."""

from __future__ import annotations

from datetime import date

import pytest

from ledger.core.actor import Actor
from ledger.core.enums import Gender, Level, Nature, TeamType
from ledger.core.errors import DuplicateRecord, InvalidValue, MissingField
from ledger.models.engine import Database
from ledger.services.org import rescue_teams as teams
from ledger.services.org import tree as org

ID = "11010519491231002X"


@pytest.fixture
def team(db: Database, actor: Actor):
    with db.transaction(actor) as s:
        town = org.add_unit(s, actor, org.UnitInput("410122100", "城关镇", Level.TOWN))
        entry = teams.TeamInput(
            "城关镇综合应急救援队", town, TeamType.COMPREHENSIVE, Nature.PART_TIME
        )
        return teams.save_team(s, actor, entry)


def _member(db: Database, actor: Actor, team, entry: teams.MemberInput):
    with db.transaction(actor) as s:
        return teams.save_member(s, actor, team, entry)


def test_a_team_gets_a_code_of_its_unit(db: Database, actor: Actor, team) -> None:
    with db.read() as s:
        (row,) = teams.teams(s, actor)
    assert row.code == "410122100-D01" and row.unit_name == "城关镇" and row.headcount == 0


def test_headcount_counts_members_active_on_the_date(db: Database, actor, team) -> None:
    _member(db, actor, team, teams.MemberInput("张三", joined_on=date(2025, 1, 1)))
    _member(
        db,
        actor,
        team,
        teams.MemberInput("李四", joined_on=date(2025, 1, 1), left_on=date(2026, 1, 1)),
    )
    _member(db, actor, team, teams.MemberInput("王五", joined_on=date(2026, 6, 1)))
    with db.read() as s:
        assert teams.teams(s, actor, on=date(2025, 6, 1))[0].headcount == 2
        assert teams.teams(s, actor, on=date(2026, 7, 1))[0].headcount == 2
        assert teams.teams(s, actor, on=date(2026, 3, 1))[0].headcount == 1
        names = [m.name for m in teams.members(s, team, on=date(2026, 7, 1))]
    assert names == ["张三", "王五", "李四"]


def test_lists_mask_and_the_editor_sees_whole_data(db: Database, actor, team) -> None:
    mid = _member(db, actor, team, teams.MemberInput("张三", ID.lower(), "138 1234 5678"))
    with db.read() as s:
        (row,) = teams.members(s, team)
        whole = teams.member(s, actor, mid)
    assert row.id_masked == "1101**********002X" and row.phone_masked == "138****5678"
    assert whole.id_number == ID and whole.phone == "13812345678"
    assert row.birth_date == date(1949, 12, 31) and row.gender is Gender.FEMALE


@pytest.mark.parametrize(
    ("entry", "field"),
    [
        (teams.MemberInput("张三", "110105194912310021"), "身份证号"),
        (teams.MemberInput("张三", phone="23812345678"), "手机号"),
        (
            teams.MemberInput("张三", joined_on=date(2026, 1, 2), left_on=date(2026, 1, 1)),
            "离队日期",
        ),
        (teams.MemberInput("张三", ID, birth_date=date(1950, 1, 1)), "出生日期"),
    ],
)
def test_bad_members_are_refused_naming_the_field(db, actor, team, entry, field) -> None:
    with pytest.raises(InvalidValue) as err:
        _member(db, actor, team, entry)
    assert field in err.value.message


def test_check_member_returns_every_problem() -> None:
    entry = teams.MemberInput(
        "", "123", "456", joined_on=date(2026, 1, 2), left_on=date(2026, 1, 1)
    )
    assert [p.field for p in teams.check_member(entry)] == ["name", "id_number", "phone", "left_on"]


def test_a_member_needs_a_name_and_an_id_only_once(db: Database, actor, team) -> None:
    with pytest.raises(MissingField):
        _member(db, actor, team, teams.MemberInput(" "))
    _member(db, actor, team, teams.MemberInput("张三", ID))
    with pytest.raises(DuplicateRecord):
        _member(db, actor, team, teams.MemberInput("张三", ID))


def test_a_member_leaves(db: Database, actor: Actor, team) -> None:
    mid = _member(db, actor, team, teams.MemberInput("张三", joined_on=date(2025, 1, 1)))
    with db.transaction(actor) as s:
        entry = teams.member(s, actor, mid)
        teams.save_member(
            s,
            actor,
            team,
            teams.MemberInput(entry.name, joined_on=entry.joined_on, left_on=date(2026, 2, 1)),
            mid,
        )
    with db.read() as s:
        assert not teams.members(s, team, on=date(2026, 3, 1))[0].active
        assert teams.members(s, team, on=date(2026, 3, 1), include_left=False) == []


def test_a_viewer_sees_masked_data_and_may_not_edit(db: Database, actor, team) -> None:
    from ledger.core.actor import Actor as A
    from ledger.core.enums import Role
    from ledger.core.errors import PermissionDenied

    mid = _member(db, actor, team, teams.MemberInput("张三", ID, "13812345678"))
    viewer = A("guest", Role.VIEWER)
    with db.read() as s:
        assert teams.member(s, viewer, mid).id_number == "1101**********002X"
    with pytest.raises(PermissionDenied), db.transaction(viewer) as s:
        teams.save_member(s, viewer, team, teams.MemberInput("李四"))
