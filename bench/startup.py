"""Start-up speed: launch to a usable main window on 1,000,000 movements vs a bare PySide6 window.

Builds (or reuses, ``--keep FILE``) a county database with N movements in bulk (the builder of
``bench/check.py``), then starts, in separate processes and alternating, ``--runs`` times each:

- **bare**: Python, ``import PySide6``, a QApplication and an empty QMainWindow of the main
  window's size, shown;
- **ledger**: the program's real start path (:func:`ledger.ui.app.start_window`) without the
  login dialog: the QApplication with its style and font, translations, settings, the main
  window with its navigation, menus and status bar, shown at once; behind it, on a worker
  thread, the database layer imported and the database opened and checked against the
  migrations; then, on the GUI thread, the pages and the first page with its data.

Two moments of the ledger's start are timed: **shown** — its window is on screen, painted,
and its event loop runs (it moves, resizes, opens its menus, takes the section the user
clicks); **data** — the window has its database and the first page shows its rows. The target
is on the first: at most 1.5 x the bare window. The second is printed beside it, with a third
program for reference, **floor**: the bare window after importing SQLAlchemy's ORM and the
ledger's models and configuring their mappers, the least any window that shows data through
the ORM costs. One more start measures how the window answers while the database opens: the
longest gap between the ticks of a 20 ms timer on the GUI thread from shown to data.

The ledger closes the way the program does (a clean-close stamp beside the file), so the timed
starts are ordinary starts after a clean close, which skip SQLite's full page check. One more
start, after the stamp is removed as an unclean shutdown (crash, pulled plug) would leave it,
is timed and printed apart: that start runs the check.

All start from compiled bytecode (``PYTHONPYCACHEPREFIX``, written by an untimed first
launch), even where ``PYTHONDONTWRITEBYTECODE`` is set. A moment is reached when a zero-timer
queued after it runs (the event loop has painted and is idle); the figure is the wall time from
spawning the process to the line it prints then. All run with ``QT_QPA_PLATFORM=offscreen``.
Target: ledger shown / bare <= 1.5.

    python bench/startup.py [--movements 1000000] [--runs 5] [--keep FILE]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET_RATIO = 1.5
#: Compiled bytecode of both programs, outside the work tree, kept between runs (the first,
#: untimed launch of each writes it), as an installed program has its bytecode ready.
PYCACHE = str(Path(tempfile.gettempdir()) / "ledger-bench-pycache")
WIDTH, HEIGHT = 1280, 800

BARE = f"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize({WIDTH}, {HEIGHT})
window.show()
QTimer.singleShot(0, lambda: (print("READY", flush=True), app.quit()))
app.exec()
"""

FLOOR = f"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
import sqlalchemy.orm
import ledger.models
sqlalchemy.orm.configure_mappers()
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize({WIDTH}, {HEIGHT})
window.show()
QTimer.singleShot(0, lambda: (print("READY", flush=True), app.quit()))
app.exec()
"""

LEDGER = f"""
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from ledger.ui import i18n, launch
from ledger.ui.app import application, local_actor, start_window
from ledger.ui.settings import Settings
# Shown: the launcher asks for the database from the first zero-timer after show(), when the
# window has painted and the event loop is idle (the moment the bare window prints READY).
ask_for_database = launch.Launcher._start
def shown(launcher):
    print("SHOWN", flush=True)
    ask_for_database(launcher)
launch.Launcher._start = shown
app = application()
settings = Settings(Path(sys.argv[2]))
i18n.install(app, settings.language)
launcher = start_window(sys.argv[1], settings, local_actor())
launcher.window.resize({WIDTH}, {HEIGHT})
ticks = []
probe = QTimer(interval=20, timeout=lambda: ticks.append(time.perf_counter()))
if "--probe" in sys.argv:
    probe.start()
def data():
    window = launcher.window
    gap = max((b - a for a, b in zip(ticks, ticks[1:])), default=0.0)
    pages = len(window.pages)
    print(f"READY {{window.current_section()}} {{pages}} {{gap * 1000:.0f}}", flush=True)
    app.quit()
launcher.window.attached.connect(lambda: QTimer.singleShot(0, data))
app.exec()
launcher.finish()
"""


def clean_stamp(path: Path) -> Path:
    """The clean-close stamp the program writes beside the database file."""
    from ledger.models.failures import clean_stamp as stamp

    return stamp(path)


def build(path: Path, movements: int) -> float:
    """Write the county with ``movements`` movements to ``path``; seconds taken."""
    sys.path.insert(0, str(HERE))
    from check import build as build_county  # bench/check.py's bulk builder

    from ledger.models.engine import open_database

    start = time.perf_counter()
    db = open_database(path)
    build_county(db, movements, "henan-2021-66")
    db.dispose()
    return time.perf_counter() - start


def movement_count(path: Path) -> int:
    """How many movements the database holds."""
    import contextlib
    import sqlite3

    # Closed at once: a connection left open keeps SQLite's log beside the file, and the
    # program then (rightly) cannot tell the file was closed cleanly.
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("select count(*) from movements").fetchone()[0])


def launch(code: str, *args: str) -> tuple[float, str, dict[str, float]]:
    """Spawn ``python -c code args``; seconds until it printed READY, that line, and the
    seconds until each earlier line it printed (by its first word)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=PYCACHE)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed program starts from bytecode
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    marks: dict[str, float] = {}
    for line in proc.stdout:
        elapsed = time.perf_counter() - start
        if line.startswith("READY"):
            proc.wait(timeout=60)
            if proc.returncode:
                raise RuntimeError(f"the process failed:\n{proc.stderr.read()[-3000:]}")
            return elapsed, line.strip(), marks
        marks[line.split()[0]] = elapsed
    _, err = proc.communicate()
    raise RuntimeError(f"the process ended without a window:\n{err[-3000:]}")


def ms(seconds: list[float]) -> str:
    """The runs, in whole milliseconds."""
    return ", ".join(f"{t * 1000:.0f}" for t in seconds)


def starts(path: Path, ini: str, runs: int) -> dict[str, list[float]]:
    """``runs`` launches of each program, alternating; the seconds of every moment."""
    times: dict[str, list[float]] = {"bare": [], "floor": [], "shown": [], "data": []}
    for _ in range(runs):
        times["bare"].append(launch(BARE)[0])
        times["floor"].append(launch(FLOOR)[0])
        data, _, marks = launch(LEDGER, str(path), ini)
        times["shown"].append(marks["SHOWN"])
        times["data"].append(data)
    return times


def main() -> int:
    """Build or reuse the database, time both starts, print the figures and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--movements", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="database file to build once and reuse")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "county.db"
        if not path.exists():
            seconds = build(path, args.movements)
            print(f"built   {movement_count(path):,} movements in {seconds:.1f} s")
        else:
            print(f"reusing {path} ({movement_count(path):,} movements)")
        ini = str(Path(folder) / "settings.ini")
        launch(BARE)  # warm the file cache for all three
        launch(FLOOR)
        launch(LEDGER, str(path), ini)
        if not clean_stamp(path).exists():  # the first start of a built database checked it
            raise RuntimeError(f"the ledger did not close {path} cleanly")
        times = starts(path, ini, args.runs)
        _, line, _ = launch(LEDGER, str(path), ini, "--probe")
        gap = float(line.split()[-1])
        clean_stamp(path).unlink()  # as after a crash: the next start checks the whole file
        unclean, _, _ = launch(LEDGER, str(path), ini)
        b, f = statistics.median(times["bare"]), statistics.median(times["floor"])
        shown, data = statistics.median(times["shown"]), statistics.median(times["data"])
        ratio = shown / b
        verdict = "OK" if ratio <= TARGET_RATIO else "OVER TARGET"
        print(f"bare    PySide6 window {WIDTH}x{HEIGHT}: median {b * 1000:6.0f} ms "
              f"(runs: {ms(times['bare'])})")  # fmt: skip
        print(f"ledger  main window shown, answering: median {shown * 1000:6.0f} ms "
              f"({ratio:.2f} x bare; runs: {ms(times['shown'])})")  # fmt: skip
        print(f"ledger  first page with its data ({line.split()[1]}): median {data * 1000:6.0f} ms "
              f"({data / b:.2f} x bare; runs: {ms(times['data'])})")  # fmt: skip
        print(f"floor   window after the ORM and models: median {f * 1000:6.0f} ms "
              f"({f / b:.2f} x bare; runs: {ms(times['floor'])})")  # fmt: skip
        print(f"ledger  longest the window did not answer while the database opened: {gap:.0f} ms")
        print(f"ledger  after an unclean shutdown (full page check): {unclean * 1000:6.0f} ms")
        print(f"ratio   shown / bare {ratio:.2f}  target <= {TARGET_RATIO}  {verdict}  "
              f"(load average {os.getloadavg()[0]:.1f})")  # fmt: skip
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
