"""Refusals: Chinese messages from templates, fields kept as data, translation at display."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from ledger.core import errors
from ledger.core.errors import InsufficientStock, LedgerError, UnknownRecord
from ledger.core.i18n import QT_TRANSLATE_NOOP, translator_hook


@pytest.fixture
def english() -> Iterator[None]:
    table = {"找不到{kind}“{key}”": "Cannot find {kind} '{key}'"}
    translator_hook.append(lambda context, text: table.get(text, text))
    yield
    translator_hook.clear()


def test_message_fills_the_template_and_shows_decimals_plainly() -> None:
    error = InsufficientStock(
        depot="一号库",
        item="编织袋",
        lot="L1",
        on_hand=Decimal("100.000"),
        requested=Decimal("1E+3"),
        unit="袋",
    )
    assert str(error) == "一号库库存不足：编织袋（批次 L1）现有 100袋，要求出库 1000袋"
    assert error.on_hand == Decimal(100)
    assert error.fields["requested"] == Decimal(1000)


def test_unknown_attributes_are_attribute_errors() -> None:
    error = UnknownRecord(kind="物资", key="X")
    with pytest.raises(AttributeError):
        _ = error.nonexistent


def test_every_refusal_is_a_ledger_error_with_a_chinese_template() -> None:
    classes = [
        c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, LedgerError)
    ]
    assert len(classes) > 20
    for cls in classes:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in cls.template), cls.__name__


def test_the_template_is_translated_at_display_time(english: None) -> None:
    assert UnknownRecord(kind="depot", key="D9").message == "Cannot find depot 'D9'"


def test_translate_noop_marks_and_returns_the_text() -> None:
    assert QT_TRANSLATE_NOOP("Ctx", "入库单") == "入库单"
