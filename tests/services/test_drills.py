"""Drills and training records of a unit."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from ledger.core.actor import Actor
from ledger.core.enums import Level, Trainee
from ledger.core.errors import InvalidValue, MissingField
from ledger.models.engine import Database
from ledger.services.org import training as drills
from ledger.services.org import tree as org


@pytest.fixture
def town(db: Database, actor: Actor):
    with db.transaction(actor) as s:
        return org.add_unit(s, actor, org.UnitInput("410122100", "城关镇", Level.TOWN))


def test_drills_are_listed_newest_first(db: Database, actor: Actor, town) -> None:
    with db.transaction(actor) as s:
        drills.add_drill(
            s, actor, town, drills.DrillInput(date(2026, 3, 1), "防汛演练", "防汛预案", 40)
        )
        drills.add_drill(s, actor, town, drills.DrillInput(date(2026, 6, 1), "森林防火演练"))
    with db.read() as s:
        rows = drills.drills(s, town)
    assert [r.title for r in rows] == ["森林防火演练", "防汛演练"]
    assert rows[1].participants == 40 and rows[1].plan == "防汛预案"


def test_a_drill_in_the_future_or_without_title_is_refused(db: Database, actor, town) -> None:
    with pytest.raises(InvalidValue), db.transaction(actor) as s:
        drills.add_drill(s, actor, town, drills.DrillInput(date.today() + timedelta(1), "演练"))
    with pytest.raises(MissingField), db.transaction(actor) as s:
        drills.add_drill(s, actor, town, drills.DrillInput(date(2026, 1, 1), ""))


def test_training_days_and_masked_id(db: Database, actor: Actor, town) -> None:
    entry = drills.TrainingInput("张三", date(2026, 4, 1), "2.5", "防汛抢险", "11010519491231002X")
    with db.transaction(actor) as s:
        drills.add_training(s, actor, town, entry)
    with db.read() as s:
        (row,) = drills.trainings(s, town)
    assert row.days == Decimal("2.5") and row.id_masked == "1101**********002X"


def test_training_needs_positive_days_and_a_valid_id(db: Database, actor, town) -> None:
    with pytest.raises(InvalidValue), db.transaction(actor) as s:
        drills.add_training(s, actor, town, drills.TrainingInput("张三", date(2026, 4, 1), 0))
    bad = drills.TrainingInput("张三", date(2026, 4, 1), 1, id_number="110105194912310021")
    with pytest.raises(InvalidValue) as err, db.transaction(actor) as s:
        drills.add_training(s, actor, town, bad)
    assert "校验位" in err.value.message


def test_a_training_record_says_whose_training_it_is(db: Database, actor: Actor, town) -> None:
    with db.transaction(actor) as s:
        drills.add_training(s, actor, town, drills.TrainingInput("张三", date(2026, 4, 1), 2))
        drills.add_training(
            s, actor, town,
            drills.TrainingInput("李四", date(2026, 4, 2), 1, trainee=Trainee.MEMBER),
        )  # fmt: skip
    with db.read() as s:
        rows = drills.trainings(s, town)
    assert [(r.person, r.trainee) for r in rows] == [
        ("李四", Trainee.MEMBER),
        ("张三", Trainee.STAFF),
    ]
