"""Progress of long commands: a bar with counts and an estimate on a terminal, nothing elsewhere."""

from __future__ import annotations

import io

import pytest

from ledger.cli import main
from ledger.commands._progress import progress, steps
from ledger.core.actor import Actor
from ledger.models.engine import Database
from ledger.services.verify.checks import STEPS, verify
from tests.scenario import given


class Terminal(io.StringIO):
    """A stream that says it is a terminal, as a console window's stderr does."""

    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_bar_with_counts_and_what_is_being_done() -> None:
    screen = Terminal()
    with progress("校验台账", stream=screen) as report:
        report(3, 5, "审计记录")
    drawn = screen.getvalue()
    assert "校验台账：审计记录" in drawn and "3/5" in drawn
    assert "剩余" in drawn  # the estimate's column


def test_nothing_is_written_when_the_stream_is_not_a_terminal() -> None:
    piped = io.StringIO()
    with progress("校验台账", stream=piped) as report:
        report(3, 5, "审计记录")
    assert piped.getvalue() == ""


def test_steps_count_notes_as_steps_of_a_known_number() -> None:
    seen: list[tuple[int, int, str]] = []
    step = steps(lambda d, t, x: seen.append((d, t, x)), 3)
    for note in ("区划", "物资", "单据"):
        step(note)
    assert seen == [(0, 3, "区划"), (1, 3, "物资"), (2, 3, "单据")]


def test_verify_reports_each_check_through_the_callback(db: Database, actor: Actor) -> None:
    with db.transaction(actor) as s:
        given(s, actor, "RK 2026-03-01 一号库 编织袋 1000袋 批次L1")
    seen: list[tuple[int, int, str]] = []
    with db.read() as s:
        assert verify(s, lambda d, t, x: seen.append((d, t, x))) == []
    assert [d for d, _, _ in seen] == list(range(len(STEPS) + 1))
    assert {t for _, t, _ in seen} == {len(STEPS)}
    assert [x for _, _, x in seen[:-1]] == list(STEPS)


def test_verify_on_a_pipe_prints_only_its_summary(
    db: Database, actor: Actor, capsys: pytest.CaptureFixture[str]
) -> None:
    with db.transaction(actor) as s:
        given(s, actor, "RK 2026-03-01 一号库 编织袋 1000袋 批次L1")
    assert main(["verify", "--db", db.url]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out.startswith("校验通过")
