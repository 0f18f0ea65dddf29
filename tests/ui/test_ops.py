"""One user action, one transaction: refusals, crashes and change notices."""

from __future__ import annotations

import threading
import uuid

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QWidget

from ledger.core.actor import Actor
from ledger.core.enums import Level, Role
from ledger.core.errors import MissingField
from ledger.services.accounts import users as accounts
from ledger.services.org import tree as org
from ledger.ui.context import Changes
from ledger.ui.ops import (
    Opening,
    Unreadable,
    line_in_fields,
    read_or_stop,
    run_op,
    run_query,
    run_query_later,
    wait_for_reads,
)


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


def test_a_failed_read_is_shown_and_gives_the_default(qtbot, ctx, recorder) -> None:
    def refuse(session):
        raise MissingField(where="事件", field="事件名称")

    assert run_query(None, ctx, refuse, []) == []
    assert recorder.texts("warning") == ["事件缺少必填项：事件名称"]
    assert run_query(None, ctx, lambda s: 1 / 0, "none") == "none"
    assert "读取数据时出现意外错误" in recorder.texts("crash")[0]
    recorder.messages.clear()  # the crash was the point
    with pytest.raises(Unreadable):
        read_or_stop(None, ctx, refuse)
    assert recorder.texts("warning") == ["事件缺少必填项：事件名称"]


def test_a_login_runs_through_run_op_before_any_context(qtbot, sqlite_db, recorder) -> None:
    opening = Opening(sqlite_db, Actor("admin", Role.ADMIN))
    created = run_op(None, opening, lambda s, _a: accounts.create_first_admin(s, "Str0ng!pass-9"))
    assert created.ok and created.value is not None and created.value.username == "admin"
    assert run_query(None, opening, accounts.first_start) is False


def test_a_long_read_comes_back_on_the_gui_thread(qtbot, ctx, recorder) -> None:
    view = QWidget()
    qtbot.addWidget(view)
    ctx.db.run(
        lambda s: org.add_unit(s, ctx.actor, org.UnitInput("410122", "中牟县", Level.COUNTY))
    )
    got: list[object] = []
    threads: list[object] = []

    def query(session):
        threads.append(QThread.currentThread())
        return [u.name for u in org.units(session)]

    def done(value):
        threads.append(QThread.currentThread())
        got.append(value)

    run_query_later(view, ctx, query, done)
    assert got == []  # returned at once; the read runs on the worker
    qtbot.waitUntil(lambda: got != [])
    assert got == [["中牟县"]]
    assert threads[0] is not QThread.currentThread() and threads[1] is QThread.currentThread()


def test_a_long_read_that_fails_says_why_and_gives_the_default(qtbot, ctx, recorder) -> None:
    view = QWidget()
    qtbot.addWidget(view)
    got: list[object] = []

    def refuse(session):
        raise MissingField(where="事件", field="事件名称")

    run_query_later(view, ctx, refuse, got.append, "default")
    qtbot.waitUntil(lambda: got != [])
    assert got == ["default"] and recorder.texts("warning") == ["事件缺少必填项：事件名称"]


def test_a_view_closed_before_its_read_arrives_is_not_called(qtbot, ctx, recorder) -> None:
    view = QWidget()
    got: list[object] = []
    release = threading.Event()

    def slow(session):
        release.wait(5)
        return 1

    run_query_later(view, ctx, slow, got.append)
    view.deleteLater()
    qtbot.wait(20)  # the view is gone
    release.set()
    wait_for_reads()
    qtbot.wait(50)
    assert got == []


def test_a_record_that_cannot_be_read_opens_no_editor(qtbot, ctx, recorder) -> None:
    from ledger.ui.dialogs.card import StockCardDialog
    from ledger.ui.dialogs.teams import TeamDialog

    assert TeamDialog.ask(ctx, [], None, uuid.uuid4()) is None  # no such team: said, no editor
    StockCardDialog.ask(ctx, uuid.uuid4(), uuid.uuid4())
    assert len(recorder.texts("warning")) == 2
