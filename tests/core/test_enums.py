"""Closed vocabularies: Chinese labels, synonyms offices type, and document prefixes."""

from __future__ import annotations

import pytest

from ledger.core.enums import (
    KNOWN_FLAGS,
    Category,
    DocType,
    LabelledEnum,
    Level,
    Nature,
    Reason,
    TeamType,
)


def test_every_member_of_every_enum_has_a_label() -> None:
    for enum_cls in LabelledEnum.__subclasses__():
        for member in enum_cls:
            assert member.label, f"{enum_cls.__name__}.{member.name}"


@pytest.mark.parametrize(
    ("enum_cls", "text", "member"),
    [
        (Level, "街道", Level.STREET),
        (Level, "街道办事处", Level.STREET),
        (Level, "乡镇（街道）", Level.TOWN),
        (Level, "社区", Level.VILLAGE),
        (Level, " 乡镇 ", Level.TOWN),
        (Level, "town", Level.TOWN),
        (Level, "TOWN", Level.TOWN),
        (TeamType, "森林消防", TeamType.FOREST_FIRE),
        (Nature, "专职", Nature.FULL_TIME),
        (Category, "防 汛", Category.FLOOD),
        (Reason, "损毁", Reason.DAMAGED),
        (Reason, "盘盈", Reason.GAIN),
        (DocType, "报废", DocType.WRITE_OFF),
    ],
)
def test_from_label_reads_labels_synonyms_and_codes(
    enum_cls: type[LabelledEnum], text: str, member: LabelledEnum
) -> None:
    assert enum_cls.from_label(text) is member


def test_from_label_lists_the_accepted_labels_when_nothing_matches() -> None:
    with pytest.raises(ValueError, match="专职、兼职、志愿"):
        Nature.from_label("临时工")


def test_the_write_off_and_stocktake_reasons_cover_the_issue() -> None:
    labels = Reason.labels()
    for reason in ("损坏", "过期", "丢失", "被盗", "盘盈", "盘亏"):
        assert reason in labels


def test_document_prefixes_are_distinct() -> None:
    prefixes = [t.prefix for t in DocType]
    assert prefixes == ["RK", "CK", "DB", "GH", "BS", "PD"]
    assert DocType.RETURN.label == "归还单"


def test_levels_rank_from_province_down() -> None:
    assert [lv.rank for lv in Level] == [0, 1, 2, 3, 3, 3, 4]
    assert Level.STREET.label == "街道"
    assert Level.for_town_named("城关街道") is Level.STREET
    assert Level.for_town_named("城关镇") is Level.TOWN


def test_known_flags_include_the_interface_list() -> None:
    for flag in ("森林防灭火任务", "防汛重点", "全国重点镇", "化工园区", "危化企业"):
        assert flag in KNOWN_FLAGS
