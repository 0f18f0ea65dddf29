"""One user action, one transaction: refusals, crashes and change notices."""

from __future__ import annotations

from ledger.core.enums import Level
from ledger.core.errors import MissingField
from ledger.services import org
from ledger.ui.context import Changes
from ledger.ui.ops import line_in_fields, run_op


def test_a_successful_action_commits_and_announces_its_changes(qtbot, ctx, recorder) -> None:
    entry = org.UnitInput("410122", "中牟县", Level.COUNTY)
    with qtbot.waitSignal(ctx.changed) as changed:
        outcome = run_op(
            None, ctx, lambda s, a: org.add_unit(s, a, entry), changes={Changes.ORG}, done="已新增"
        )
    assert outcome.ok and changed.args == [frozenset({Changes.ORG})]
    assert [u.name for u in ctx.read(org.units)] == ["中牟县"]
    assert recorder.texts("status") == ["已新增"]


def test_a_refusal_saves_nothing_and_is_shown_in_chinese(qtbot, ctx, recorder) -> None:
    def add_then_refuse(session, actor):
        org.add_unit(session, actor, org.UnitInput("410122", "中牟县", Level.COUNTY))
        raise MissingField(where="第2行", field="数量")

    with qtbot.assertNotEmitted(ctx.changed):
        outcome = run_op(None, ctx, add_then_refuse, changes={Changes.ORG}, locate=line_in_fields)
    assert not outcome.ok
    assert recorder.kinds("refusal")[0].text == "第2行缺少必填项：数量"
    assert recorder.kinds("refusal")[0].line == 2
    assert ctx.read(org.units) == []


def test_anything_else_is_a_crash_that_saved_nothing(qtbot, ctx, recorder) -> None:
    def add_then_crash(session, actor):
        org.add_unit(session, actor, org.UnitInput("410122", "中牟县", Level.COUNTY))
        raise KeyError("bug")

    outcome = run_op(None, ctx, add_then_crash)
    assert isinstance(outcome.error, KeyError)
    (crash,) = recorder.kinds("crash")
    assert "没有保存任何内容" in crash.text and "KeyError" in crash.detail
    assert ctx.read(org.units) == []
    recorder.messages.clear()  # the crash was the point of this test
