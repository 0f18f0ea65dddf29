"""The shipped per-person reference: every amount cites its basis, and it matches a catalogue."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ledger.core.enums import Category
from ledger.norms.facts import ItemFact
from ledger.norms.per_capita import defaults, factor, load_reference
from ledger.paths import resource

REFERENCE = load_reference(resource("norms", "reference", "per_capita.toml"))
TENTS, WATER = REFERENCE[0], REFERENCE[1]


def test_each_amount_has_its_basis_and_each_item_without_one_says_why() -> None:
    assert {e.key for e in REFERENCE} >= {
        "帐篷（居住面积）",
        "饮用水",
        "被褥",
        "折叠床",
        "方便食品",
    }
    for entry in REFERENCE:
        if entry.amount is not None:
            assert entry.basis and entry.measure, entry.key
        else:
            assert entry.note and not entry.basis, entry.key
    assert (TENTS.amount, TENTS.measure, TENTS.per_day) == (Decimal("3.5"), "平方米", False)
    assert (WATER.amount, WATER.measure, WATER.per_day) == (Decimal("2.5"), "升", True)


def item(name: str, unit: str, spec: str = "", category: Category = Category.LIVING) -> ItemFact:
    return ItemFact(name, name, name, unit, category, spec=spec)


@pytest.mark.parametrize(
    ("entry", "found", "expected"),
    [
        (TENTS, item("救灾帐篷", "顶", "12m² 单帐篷"), Decimal(12)),
        (TENTS, item("大型帐篷", "顶", "36㎡ 框架式"), Decimal(36)),
        (TENTS, item("棉帐篷", "顶", "加厚"), None),
        (WATER, item("矿泉水", "箱", "550ml×24瓶"), Decimal("13.2")),
        (WATER, item("纯净水", "桶", "18.9L"), Decimal("18.9")),
        (WATER, item("饮用水", "箱", "24瓶/箱 500毫升"), Decimal(12)),
        (WATER, item("饮用水", "升"), Decimal(1)),
    ],
)
def test_items_count_in_the_entrys_measure_from_their_spec(
    entry: object, found: ItemFact, expected: Decimal | None
) -> None:
    assert factor(entry, found) == expected  # type: ignore[arg-type]


def test_the_reference_matches_by_name_words_within_its_categories() -> None:
    catalogue = [
        item("救灾帐篷", "顶", "12m²"),
        item("帐篷灯", "只", category=Category.LIGHTING_POWER),
        item("矿泉水", "箱", "550ml×24瓶"),
        item("水桶", "个", "20L"),
        item("棉被", "床"),
    ]
    found = {d.key: d for d in defaults(REFERENCE, catalogue)}
    assert set(found) == {"帐篷（居住面积）", "饮用水"}  # 被褥 has no public amount
    assert found["帐篷（居住面积）"].factors == (("救灾帐篷", Decimal(12)),)
    assert found["饮用水"].factors == (("矿泉水", Decimal("13.2")),)
