"""A plan is shown by its title and document number, never by its internal id."""

from __future__ import annotations

from ledger.services.norms import profiles as norm_profiles


def test_a_plan_is_named_by_title_and_number() -> None:
    title = norm_profiles.profile_title("henan-2021-66")
    assert title == "河南省“十四五”应急管理体系和本质安全能力建设规划（豫政〔2021〕66号）"
    assert norm_profiles.profile_title("henan-2021-66", with_number=False) == title.split("（")[0]


def test_a_draft_without_a_number_has_no_empty_brackets_and_an_unknown_id_is_not_shown() -> None:
    draft = norm_profiles.profile_title("xingyang-draft")
    assert draft.endswith("（征求意见稿）") and "（）" not in draft
    assert norm_profiles.profile_title("no-such-plan") == "（未安装的规划）"
