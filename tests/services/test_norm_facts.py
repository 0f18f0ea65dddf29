"""Facts of the check: lots far from expiry summed in SQL give the findings of lots one by one."""

from __future__ import annotations

import gc
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import Category, Level, Nature, TeamType, Trainee
from ledger.core.errors import PersonalKeyWrong, UnknownRecord
from ledger.models import Member, OrgUnit, Team, personal
from ledger.models.engine import Database
from ledger.norms import facts as f
from ledger.norms.evaluate import evaluate
from ledger.norms.kinds.hygiene import expiry_lookahead
from ledger.services.norms import settings as norm_settings
from ledger.services.norms.facts import gather_facts
from ledger.services.norms.profiles import load_all
from ledger.services.norms.shortfalls import check
from ledger.services.org import training as drills
from tests.scenario import depot, given, item

D = date.fromisoformat
#: Before any stock, between receipts and later issues (stock rebuilt), after the last move.
DATES = (D("2026-02-01"), D("2026-06-01"), D("2026-06-10"), D("2026-07-01"))


@pytest.fixture
def s(db: Database, actor: Actor) -> Iterator[Session]:
    """One open transaction for the whole test."""
    with db.transaction(actor) as session:
        yield session


def county(s: Session, actor: Actor) -> None:
    """A county bound to Henan's plan and a town, each with a depot of lots near the edges.

    Around 1 July and 10 July (the horizons of checks on 1 and 10 June with 30 days' warning):
    lots that expire on them, a day after, long after, never; expired ones; one emptied before
    1 June, one received after it, some issued from after it, and stock without lots. After
    9 June nothing moves, so a check on 10 June reads today's balances.
    """
    top = OrgUnit(code="410100", name="某县", level=Level.COUNTY, profile_id="henan-2021-66")
    town = OrgUnit(code="410101", name="城关镇", level=Level.TOWN, parent=top)
    s.add_all([top, town])
    s.flush()
    depot(s, "县库", home=top)
    depot(s, "镇库", home=town)
    item(s, "编织袋", "袋")
    item(s, "矿泉水", "瓶", Category.LIVING)
    item(s, "铁锹", "把")
    given(
        s,
        actor,
        "RK 2026-03-01 县库 编织袋 100袋 批次A1 有效期2026-07-01；编织袋 200袋 批次A2 "
        "有效期2026-07-02；编织袋 300袋 批次A3 有效期2028-01-01；矿泉水 40瓶 批次W1 "
        "有效期2026-05-31；矿泉水 50瓶 批次W2 有效期2026-06-02；铁锹 7把",
    )
    given(
        s,
        actor,
        "RK 2026-03-02 镇库 编织袋 30袋 批次B1 有效期2026-06-30；编织袋 20袋 批次B4 "
        "有效期2026-07-10；编织袋 10袋 批次B5 有效期2026-07-11；铁锹 3把",
    )
    given(s, actor, "RK 2026-03-03 镇库 矿泉水 60瓶 批次B2 有效期2027-06-01")
    given(s, actor, "CK 2026-05-20 镇库 矿泉水 60瓶 批次B2")  # empty before 1 June
    given(s, actor, "RK 2026-06-05 镇库 矿泉水 80瓶 批次B3 有效期2026-06-20")  # after 1 June
    given(s, actor, "CK 2026-06-08 县库 编织袋 250袋 批次A3；铁锹 2把")  # issued after 1 June
    given(s, actor, "CK 2026-06-09 县库 编织袋 100袋 批次A1")
    for code, name, quantity in (
        ("县库", "编织袋", 900),
        ("县库", "矿泉水", 95),
        ("镇库", "铁锹", 4),
    ):
        norm_settings.set_minimum(s, actor, code, name, quantity)


def stock(facts: f.Facts, on: date) -> tuple[dict[Any, Decimal], set[tuple[Any, ...]]]:
    """Good stock per depot and item, and the lots expired or expiring by on + 30 days."""
    good: dict[Any, Decimal] = defaultdict(Decimal)
    near = set()
    for lot in facts.lots:
        if lot.quantity > 0 and (lot.expiry is None or lot.expiry >= on):
            good[lot.depot_id, lot.item_id] += lot.quantity
        if lot.quantity > 0 and lot.expiry is not None and lot.expiry <= on + timedelta(30):
            near.add((lot.depot_id, lot.item_id, lot.lot, lot.expiry, lot.quantity))
    return dict(good), near


def test_summed_stock_gives_the_findings_of_lots_one_by_one(s: Session, actor: Actor) -> None:
    county(s, actor)
    profiles = load_all()[0]
    seen = Counter()
    for on in DATES:
        exact = gather_facts(s, on)
        fast = gather_facts(s, on, lookahead=30)
        assert fast.exact_until == on + timedelta(30) and exact.exact_until is None
        assert stock(fast, on) == stock(exact, on), on
        assert len(fast.lots) <= len(exact.lots)
        units = [u.id for u in exact.units]
        for profile in profiles.values():
            got = evaluate(profile, fast, on, units=units)
            assert Counter(got) == Counter(evaluate(profile, exact, on, units=units)), on
            seen.update(x.kind for x in got)
    assert seen["expired_stock"] >= 4 and seen["office_minimum"] >= 4, seen


def lots(s: Session, on: date) -> list[tuple[Any, ...]]:
    """The lot facts of a check on ``on`` (30 days' warning) by depot and item name, sorted."""
    facts = gather_facts(s, on, lookahead=30)
    name = {x.id: x.name for x in (*facts.depots, *facts.items)}
    return sorted(
        (name[x.depot_id], name[x.item_id], x.lot, x.expiry, x.quantity) for x in facts.lots
    )


def test_stock_on_a_past_date_lot_by_lot(s: Session, actor: Actor) -> None:
    county(s, actor)
    expected = [
        ("县库", "编织袋", "", None, Decimal(500)),  # A2 the day after the horizon, and A3
        ("县库", "编织袋", "A1", D("2026-07-01"), Decimal(100)),
        ("县库", "矿泉水", "W1", D("2026-05-31"), Decimal(40)),
        ("县库", "矿泉水", "W2", D("2026-06-02"), Decimal(50)),
        ("县库", "铁锹", "", None, Decimal(7)),
        ("镇库", "编织袋", "", None, Decimal(30)),  # B4 and B5
        ("镇库", "编织袋", "B1", D("2026-06-30"), Decimal(30)),
        ("镇库", "铁锹", "", None, Decimal(3)),
    ]
    assert lots(s, D("2026-06-01")) == sorted(expected)


def test_stock_on_the_last_date_summed_in_sql(s: Session, actor: Actor) -> None:
    county(s, actor)
    expected = [
        ("县库", "编织袋", "", None, Decimal(50)),
        ("县库", "编织袋", "A2", D("2026-07-02"), Decimal(200)),
        ("县库", "矿泉水", "W1", D("2026-05-31"), Decimal(40)),
        ("县库", "矿泉水", "W2", D("2026-06-02"), Decimal(50)),
        ("县库", "铁锹", "", None, Decimal(5)),
        ("镇库", "编织袋", "", None, Decimal(10)),  # B5 the day after the horizon
        ("镇库", "编织袋", "B1", D("2026-06-30"), Decimal(30)),
        ("镇库", "编织袋", "B4", D("2026-07-10"), Decimal(20)),
        ("镇库", "矿泉水", "B3", D("2026-06-20"), Decimal(80)),
        ("镇库", "铁锹", "", None, Decimal(3)),
    ]
    assert lots(s, D("2026-06-10")) == sorted(expected)


def test_the_check_reads_as_far_ahead_as_its_profiles_look(s: Session, actor: Actor) -> None:
    county(s, actor)
    profiles = load_all()[0]
    assert expiry_lookahead(r for p in profiles.values() for r in p.rules) == 30
    on = D("2026-06-01")
    result = check(s, actor, on=on)
    exact = gather_facts(s, on)
    expected = evaluate(profiles["henan-2021-66"], exact, on, units=[u.id for u in result.units])
    assert Counter(result.findings) == Counter(expected)
    with pytest.raises(ValueError, match="2026-06-11"):
        evaluate(profiles["henan-2021-66"], gather_facts(s, on, lookahead=10), on)


def test_the_check_leaves_the_cycle_collector_as_it_found_it(s: Session, actor: Actor) -> None:
    county(s, actor)
    assert gc.isenabled()
    check(s, actor, on=D("2026-06-01"))
    assert gc.isenabled()
    with pytest.raises(UnknownRecord):
        check(s, actor, on=D("2026-06-01"), profile_id="no-such-plan")
    assert gc.isenabled()
    gc.disable()
    try:
        check(s, actor, on=D("2026-06-01"))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_facts_say_whose_training_a_record_is(s: Session, actor: Actor) -> None:
    town = OrgUnit(code="410102", name="广武镇", level=Level.TOWN)
    s.add(town)
    s.flush()
    day = D("2026-05-01")
    drills.add_training(s, actor, town.id, drills.TrainingInput("张三", day, 2))
    member = drills.TrainingInput("李四", day, 1, trainee=Trainee.MEMBER)
    drills.add_training(s, actor, town.id, member)
    facts = gather_facts(s, D("2026-06-01"))
    assert sorted((t.person, t.trainee) for t in facts.trainings) == [
        ("张三", Trainee.STAFF),
        ("李四", Trainee.MEMBER),
    ]


def test_facts_and_findings_carry_uuids_on_every_backend(s: Session, actor: Actor) -> None:
    """Ids come typed by the database's column types, not as the driver's raw text."""
    county(s, actor)
    for on in DATES:
        facts = gather_facts(s, on, lookahead=30)
        ids = [x.id for x in (*facts.units, *facts.depots, *facts.items)]
        ids += [x for lot in facts.lots for x in (lot.depot_id, lot.item_id)]
        assert ids and all(type(x) is uuid.UUID for x in ids), on
        assert all(isinstance(x.quantity, Decimal) for x in facts.lots)
    found = check(s, actor, on=D("2026-06-10")).findings
    assert found and all(type(x.unit_id) is uuid.UUID for x in found)


def test_the_facts_carry_id_numbers_opened_as_the_column_opens_them(
    s: Session, actor: Actor
) -> None:
    """Members' and trainees' ID numbers are stored sealed; the facts read them in plain."""
    town = OrgUnit(code="410102", name="广武镇", level=Level.TOWN)
    s.add(town)
    s.flush()
    team = Team(code="T1", name="广武镇应急救援队", unit_id=town.id,
                team_type=TeamType.COMPREHENSIVE, nature=Nature.PART_TIME)  # fmt: skip
    s.add(team)
    s.flush()
    numbers = ["410102199001011234", " 41010219900101123x", "", "p1:AAAA"]
    s.add_all(Member(team_id=team.id, name=f"队员{i}", id_number=n) for i, n in enumerate(numbers))
    record = drills.TrainingInput("张三", D("2026-05-01"), 2, id_number="110101199003070038")
    drills.add_training(s, actor, town.id, record)
    s.flush()
    stored = s.execute(text("SELECT id_number FROM members WHERE id_number <> ''")).scalars()
    assert all(v.startswith(personal.PREFIX) for v in stored)
    facts = gather_facts(s, D("2026-06-01"))
    assert sorted(m.id_number for m in facts.members) == sorted(numbers)
    assert [t.id_number for t in facts.trainings] == ["110101199003070038"]


def test_the_fast_opener_opens_and_refuses_as_open_text_does(s: Session) -> None:
    dialect = s.get_bind().dialect
    sealed = personal.seal(dialect, "410102199001011234")
    values = [None, "", "plain text", sealed, personal.seal(dialect, "张三 x")]
    opened = list(map(personal.opener(dialect), values))
    assert opened == [None, "", "plain text", "410102199001011234", "张三 x"]
    assert opened == [None if v is None else personal.open_text(dialect, v) for v in values]
    damaged = sealed[:10] + ("A" if sealed[10] != "A" else "B") + sealed[11:]
    for broken in (damaged, personal.PREFIX + "not base64 ✗"):
        with pytest.raises(PersonalKeyWrong):
            personal.open_text(dialect, broken)
        with pytest.raises(PersonalKeyWrong):
            personal.opener(dialect)(broken)


def test_values_opened_are_remembered_until_another_key_is_attached(s: Session) -> None:
    dialect = s.get_bind().dialect
    sealed = personal.seal(dialect, "110101199003070038")
    assert personal.opener(dialect, remember=True)(sealed) == "110101199003070038"
    assert personal._OPENED[dialect][sealed] == "110101199003070038"
    key, where = personal._KEYS[dialect], personal._WHERE[dialect]
    try:
        personal.attach(dialect, bytes(range(64)))
        assert dialect not in personal._OPENED
        with pytest.raises(PersonalKeyWrong):
            personal.opener(dialect, remember=True)(sealed)
    finally:
        personal.attach(dialect, key, *where)
    assert personal.opener(dialect, remember=True)(sealed) == "110101199003070038"


def test_enums_come_as_members_and_an_unknown_code_is_refused(s: Session) -> None:
    s.add(OrgUnit(code="410102", name="广武镇", level=Level.TOWN))
    s.flush()
    (unit,) = gather_facts(s, D("2026-06-01")).units
    assert unit.level is Level.TOWN
    s.execute(text("UPDATE org_units SET level = 'no such level'"))
    with pytest.raises(LookupError):
        gather_facts(s, D("2026-06-01"))
