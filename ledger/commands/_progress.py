"""Progress of long commands on a terminal: a bar with counts and an estimate (rich).

Services report through a callback ``(done, total, text)`` — the same one the GUI's
:class:`ledger.ui.background.Progress` receives; ``total`` 0 means the amount is not known
(a step is named, the bar pulses). Nothing is drawn when stderr is not a terminal (a pipe, a
log file, a scheduled job), so scripted output stays as it was.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any

Report = Callable[[int, int, str], None]


def _quiet(done: int, total: int = 0, text: str = "") -> None:
    """What a command reports into when nobody watches."""


def is_terminal(stream: IO[str] | None = None) -> bool:
    """Whether ``stream`` (stderr) is an interactive terminal."""
    stream = stream if stream is not None else sys.stderr
    return bool(getattr(stream, "isatty", lambda: False)())


@contextmanager
def progress(title: str, *, stream: IO[str] | None = None) -> Iterator[Report]:
    """A callback that draws a progress bar on ``stream`` (stderr) while the block runs.

    The bar is removed when the block ends; a quiet callback is given when ``stream`` is not
    a terminal.
    """
    stream = stream if stream is not None else sys.stderr
    if not is_terminal(stream):
        yield _quiet
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(file=stream, stderr=stream is sys.stderr)
    bar = Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("剩余"),
        TimeRemainingColumn(),
        TextColumn("已用"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    task = bar.add_task(title, total=None)

    def report(done: int, total: int = 0, text: str = "") -> None:
        changes: dict[str, Any] = {"completed": done, "total": total or None}
        changes["description"] = f"{title}：{text}" if text else title
        bar.update(task, **changes)

    with bar:
        yield report


def steps(report: Report, count: int) -> Callable[[str], None]:
    """A note-per-step callback (``progress(note)``) shown as step ``n`` of ``count``."""
    seen: list[str] = []

    def step(note: str) -> None:
        seen.append(note)
        report(len(seen) - 1, max(count, len(seen)), note)

    return step
