"""The entry form asks before posting a document dated in the future or long ago."""

from __future__ import annotations

from decimal import Decimal

from ledger.core.enums import DocType
from ledger.ui.settings import DOCUMENT_DAYS_BACK
from tests.ui.dialogs.test_document_form import fill_line, on_hand, open_form, post


def typed_receipt(qtbot, ctx, town, day: str):
    form = open_form(qtbot, ctx, DocType.RECEIPT, town.depot)
    form.date.setText(day)
    fill_line(qtbot, form, "SH001", "", "", "5", "")
    return form


def test_a_mistyped_year_is_caught_before_posting(qtbot, ctx, town, recorder) -> None:
    form = typed_receipt(qtbot, ctx, town, "2062-11-22")
    recorder.answers.append(False)  # 修改日期
    post(qtbot, form)
    (question,) = recorder.texts("confirm")
    assert "单据日期 2062-11-22 晚于今天（2026-11-22）" in question
    assert "年份 2062 是否输错了？" in question
    assert form.posted == [] and on_hand(ctx, town.depot, "SH001") == {"": Decimal(80)}
    form.date.setText("2026-11-22")
    post(qtbot, form)
    assert len(recorder.texts("confirm")) == 1  # today: not asked again
    assert on_hand(ctx, town.depot, "SH001") == {"": Decimal(85)}


def test_a_date_further_back_than_the_setting_asks(qtbot, ctx, town, recorder) -> None:
    form = typed_receipt(qtbot, ctx, town, "2026-09-01")
    recorder.answers.append(True)  # 按此日期过账
    post(qtbot, form)
    (question,) = recorder.texts("confirm")
    assert "单据日期 2026-09-01 是 82 天前，超过了本单位设置的 30 天" in question
    assert on_hand(ctx, town.depot, "SH001") == {"": Decimal(85)}


def test_the_office_sets_how_far_back(qtbot, ctx, town, recorder) -> None:
    ctx.settings.set(DOCUMENT_DAYS_BACK, 90)
    form = typed_receipt(qtbot, ctx, town, "2026-09-01")
    post(qtbot, form)
    assert recorder.texts("confirm") == []
    assert on_hand(ctx, town.depot, "SH001") == {"": Decimal(85)}
