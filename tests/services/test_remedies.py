"""Rectification records (整改): set, done, overdue, settled by the next check, audited."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import PostKind, RemedyStatus, Role
from ledger.core.errors import InvalidValue, MissingField, PermissionDenied, UnknownRecord
from ledger.models import AuditRow, OrgUnit, Post
from ledger.models.engine import Database
from ledger.models.remedies import Remedy
from ledger.services.norms import remedies
from ledger.services.norms.shortfalls import check
from tests.services.test_shortfalls import enrol, team, tree

D = date.fromisoformat
SET, DUE = D("2026-03-01"), D("2026-05-31")


@pytest.fixture
def s(db: Database, actor: Actor) -> Iterator[Session]:
    """One open transaction for the whole test."""
    with db.transaction(actor) as session:
        yield session


def informant_key(s: Session, actor: Actor, on: date) -> remedies.Key:
    """The town's finding that it has no 灾害信息员 (P-T18), as a remedy keys it."""
    (finding,) = [
        f
        for f in check(s, actor, on=on).findings
        if f.unit_code == "410101" and f.rule_id == "P-T18"
    ]
    return remedies.key_of(finding)


def set_for(s: Session, actor: Actor, key: remedies.Key, **extra: object) -> None:
    unit, rule, subject = key
    values: dict[str, object] = {
        "owner": "城关镇应急办 张三",
        "measure": "选聘村级灾害信息员并登记",
        "due_on": DUE,
        "on": SET,
    }
    values.update(extra)
    remedies.set_remedy(s, actor, unit=unit, rule_id=rule, subject=subject, **values)  # type: ignore[arg-type]


def settled(s: Session, actor: Actor, on: date) -> dict[remedies.Key, remedies.RemedyRow]:
    return remedies.settle(s, actor, check(s, actor, on=on))


def test_a_remedy_is_open_until_its_due_date_then_overdue_while_the_problem_remains(
    s: Session, actor: Actor
) -> None:
    tree(s)
    key = informant_key(s, actor, SET)
    set_for(s, actor, key)
    assert settled(s, actor, D("2026-05-31"))[key].status is RemedyStatus.OPEN
    row = settled(s, actor, D("2026-06-01"))[key]
    assert (row.status, row.done_on, row.owner) == (RemedyStatus.OVERDUE, None, "城关镇应急办 张三")
    assert s.scalar(select(Remedy.status)) is RemedyStatus.OPEN  # overdue is never stored


def test_the_next_check_that_no_longer_finds_the_problem_settles_it_with_its_date(
    s: Session, actor: Actor
) -> None:
    _, town, _ = tree(s)
    key = informant_key(s, actor, SET)
    set_for(s, actor, key)
    s.add(Post(unit_id=town.id, kind=PostKind.DISASTER_INFORMANT, name="李四", since=SET))
    s.flush()
    # a check of a day before the remedy was recorded settles nothing
    early = settled(s, actor, D("2026-02-01"))[key]
    assert (early.status, early.done_on) == (RemedyStatus.OPEN, None)
    row = settled(s, actor, D("2026-04-10"))[key]
    assert (row.status, row.done_on, row.done_by) == (
        RemedyStatus.DONE,
        D("2026-04-10"),
        "短板检查",
    )
    stored = s.scalars(select(Remedy)).one()
    assert (stored.status, stored.done_on) == (RemedyStatus.DONE, D("2026-04-10"))
    # later checks keep the first date; the list shows it done
    assert settled(s, actor, D("2026-07-01"))[key].done_on == D("2026-04-10")
    assert [r.status for r in remedies.remedies(s, on=D("2026-08-01"))] == [RemedyStatus.DONE]


def test_a_check_against_another_profile_does_not_settle_rules_it_did_not_evaluate(
    s: Session, actor: Actor
) -> None:
    tree(s)
    key = informant_key(s, actor, SET)
    set_for(s, actor, key)
    result = check(s, actor, on=D("2026-04-10"), profile_id="zhangye-2022-100")
    assert remedies.settle(s, actor, result)[key].status is RemedyStatus.OPEN
    assert s.scalars(select(Remedy.done_on)).one() is None


def test_a_manual_done_keeps_its_date_and_setting_again_reopens(s: Session, actor: Actor) -> None:
    _, town, _ = tree(s)
    squad = team(s, town, "A")
    enrol(s, squad, *(f"ID{n:02}" for n in range(1, 18)))
    (finding,) = [
        f
        for f in check(s, actor, on=SET).findings
        if f.unit_code == "410101" and f.rule_id == "P-T4"
    ]
    key = remedies.key_of(finding)
    set_for(s, actor, key, measure="补充队员至20人")
    remedies.mark_done(s, actor, unit="410101", rule_id="P-T4", subject=key[2], on=D("2026-04-01"))
    remedies.mark_done(s, actor, unit="410101", rule_id="P-T4", subject=key[2], on=D("2026-04-09"))
    row = settled(s, actor, D("2026-06-10"))[key]  # still found, but done by the office
    assert (row.status, row.done_on, row.done_by) == (RemedyStatus.DONE, D("2026-04-01"), "系统")
    set_for(s, actor, key, due_on=D("2026-09-30"), on=D("2026-06-10"))
    (again,) = remedies.remedies(s, on=D("2026-06-10"))
    assert (again.status, again.done_on, again.due_on) == (
        RemedyStatus.OPEN,
        None,
        D("2026-09-30"),
    )
    assert s.scalar(select(Remedy.id).where(Remedy.rule_id == "P-T4")) == again.id


def test_refusals_name_what_is_wrong(s: Session, actor: Actor) -> None:
    tree(s)
    key = ("410101", "P-T18", "灾害信息员")
    with pytest.raises(UnknownRecord, match="X-NONE"):
        set_for(s, actor, ("410101", "X-NONE", ""))
    with pytest.raises(MissingField, match="整改措施"):
        set_for(s, actor, key, measure="  ")
    with pytest.raises(InvalidValue, match="时限"):
        set_for(s, actor, key, due_on=D("2026-02-01"))
    with pytest.raises(UnknownRecord, match="整改记录"):
        remedies.mark_done(s, actor, unit="410101", rule_id="P-T18", subject="灾害信息员")
    assert s.scalars(select(Remedy)).all() == []


def test_only_the_units_office_records_remedies(s: Session, actor: Actor) -> None:
    _, town, _ = tree(s)
    other = OrgUnit(code="410102", name="西镇", level=town.level, parent_id=town.parent_id)
    s.add(other)
    s.flush()
    west = Actor("west", Role.OFFICE, "西镇应急办", unit_ids=frozenset({other.id}))
    with pytest.raises(PermissionDenied, match="城关镇"):
        set_for(s, west, ("410101", "P-T18", "灾害信息员"))
    viewer = Actor("look", Role.VIEWER)
    set_for(s, actor, ("410101", "P-T18", "灾害信息员"))
    with pytest.raises(PermissionDenied):
        remedies.mark_done(s, viewer, unit="410101", rule_id="P-T18", subject="灾害信息员")


def test_remedies_are_audited_and_listed_per_subtree(s: Session, actor: Actor) -> None:
    tree(s)
    set_for(s, actor, ("410101", "P-T18", "灾害信息员"))
    set_for(s, actor, ("410100", "P-T18", ""))
    audit = s.scalars(select(AuditRow).where(AuditRow.table == "remedies")).all()
    assert [(a.action, a.after["owner"]) for a in audit] == [  # type: ignore[index]
        ("insert", "城关镇应急办 张三"),
        ("insert", "城关镇应急办 张三"),
    ]
    assert [r.unit_code for r in remedies.remedies(s, unit="410101")] == ["410101"]
    assert [r.unit_code for r in remedies.remedies(s, unit="410100")] == ["410100", "410101"]
    assert remedies.completion(remedies.remedies(s, on=SET)) == (0, 2)


def test_review_reads_what_settle_records_and_a_future_check_settles_nothing(
    s: Session, actor: Actor
) -> None:
    _, town, _ = tree(s)
    key = informant_key(s, actor, SET)
    set_for(s, actor, key)
    s.add(Post(unit_id=town.id, kind=PostKind.DISASTER_INFORMANT, name="李四", since=SET))
    s.flush()
    ahead = date.today() + timedelta(days=400)  # planning ahead: nothing is done yet
    assert settled(s, actor, ahead)[key].done_on is None
    seen = remedies.review(s, check(s, actor, on=D("2026-04-10")))[key]
    assert (seen.status, seen.done_on, seen.settled_now) == (
        RemedyStatus.DONE,
        D("2026-04-10"),
        True,
    )
    assert s.scalars(select(Remedy.done_on)).one() is None  # review writes nothing
