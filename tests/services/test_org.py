"""Org units: the tree, adding, editing and moving units, flags, profiles and posts."""

from __future__ import annotations

import uuid

import pytest

from ledger.core.actor import Actor
from ledger.core.enums import Level, PostKind
from ledger.core.errors import DuplicateRecord, InvalidValue, MissingField, UnknownRecord
from ledger.models.engine import Database
from ledger.services.org import tree as org


def _add(db: Database, actor: Actor, code: str, name: str, level: Level, parent=None, **kw):
    with db.transaction(actor) as s:
        return org.add_unit(s, actor, org.UnitInput(code, name, level, parent, **kw))


@pytest.fixture
def county(db: Database, actor: Actor) -> dict[str, uuid.UUID]:
    ids = {"县": _add(db, actor, "410122", "中牟县", Level.COUNTY, profile_id="henan-2021-66")}
    ids["镇"] = _add(db, actor, "410122100", "城关镇", Level.TOWN, ids["县"], population=52000)
    ids["村"] = _add(db, actor, "410122100201", "东村", Level.VILLAGE, ids["镇"])
    ids["镇2"] = _add(db, actor, "410122101", "韩寺镇", Level.TOWN, ids["县"])
    return ids


def test_units_come_parents_first_and_inherit_the_profile(db: Database, county) -> None:
    with db.read() as s:
        rows = org.units(s)
    assert [r.name for r in rows] == ["中牟县", "城关镇", "韩寺镇", "东村"]
    village = next(r for r in rows if r.name == "东村")
    assert village.profile_id is None and village.profile == "henan-2021-66"
    assert village.parent_id == county["镇"]


def test_a_unit_is_edited_with_flags(db: Database, actor: Actor, county) -> None:
    entry = org.UnitInput("410122100", "城关镇", Level.TOWN, population=53000, flags=["防汛重点"])
    with db.transaction(actor) as s:
        org.update_unit(s, actor, county["镇"], entry)
    with db.read() as s:
        row = org.unit(s, county["镇"])
    assert row.population == 53000 and row.flags == ("防汛重点",)


def test_an_unknown_flag_is_refused_listing_the_known_ones(db: Database, actor, county) -> None:
    entry = org.UnitInput("410122100", "城关镇", Level.TOWN, flags=["好地方"])
    with pytest.raises(InvalidValue) as err, db.transaction(actor) as s:
        org.update_unit(s, actor, county["镇"], entry)
    assert "好地方" in err.value.message and "森林防灭火任务" in err.value.message


def test_codes_are_unique_and_names_required(db: Database, actor: Actor, county) -> None:
    with pytest.raises(DuplicateRecord):
        _add(db, actor, "410122100", "另一个镇", Level.TOWN, county["县"])
    with pytest.raises(MissingField):
        _add(db, actor, "410122199", " ", Level.TOWN, county["县"])


def test_a_village_cannot_hold_a_town(db: Database, actor: Actor, county) -> None:
    with pytest.raises(InvalidValue) as err:
        _add(db, actor, "410122100999", "新镇", Level.TOWN, county["村"])
    assert "乡镇不能隶属于村" in err.value.message


def test_a_village_moves_to_another_town(db: Database, actor: Actor, county) -> None:
    with db.transaction(actor) as s:
        org.move_unit(s, actor, county["村"], county["镇2"])
    with db.read() as s:
        assert org.unit(s, county["村"]).parent_id == county["镇2"]
        assert org.descendants(s, county["镇2"]) == {county["镇2"], county["村"]}


def test_a_unit_cannot_move_below_itself(db: Database, actor: Actor, county) -> None:
    with pytest.raises(InvalidValue) as err, db.transaction(actor) as s:
        org.move_unit(s, actor, county["县"], county["镇"])
    assert "自己的下级" in err.value.message


def test_posts_are_kept_with_phones(db: Database, actor: Actor, county) -> None:
    with db.transaction(actor) as s:
        org.save_post(s, actor, county["村"], org.PostInput(PostKind.GRID_WORKER, "王五"))
        pid = org.save_post(
            s,
            actor,
            county["村"],
            org.PostInput(PostKind.EMERGENCY_OFFICER, "李四", "0371-62123456"),
        )
    with db.read() as s:
        rows = org.posts(s, actor, county["村"])
    assert [(r.kind, r.name) for r in rows] == [
        (PostKind.EMERGENCY_OFFICER, "李四"),
        (PostKind.GRID_WORKER, "王五"),
    ]
    with db.transaction(actor) as s:
        org.remove_post(s, actor, pid)
    with db.read() as s:
        assert [r.name for r in org.posts(s, actor, county["村"])] == ["王五"]


def test_a_post_with_a_bad_phone_is_refused(db: Database, actor: Actor, county) -> None:
    entry = org.PostInput(PostKind.SAFETY_ADVISOR, "赵六", "12345")
    with pytest.raises(InvalidValue) as err, db.transaction(actor) as s:
        org.save_post(s, actor, county["村"], entry)
    assert "联系电话" in err.value.message


def test_a_unit_is_bound_only_to_an_installed_profile(db: Database, actor, county) -> None:
    entry = org.UnitInput("410122100", "城关镇", Level.TOWN, profile_id="no-such-plan")
    with pytest.raises(UnknownRecord), db.transaction(actor) as s:
        org.update_unit(s, actor, county["镇"], entry)
