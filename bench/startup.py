"""Start-up speed: launch to a usable main window on 1,000,000 movements vs a bare PySide6 window.

Builds (or reuses, ``--keep FILE``) a county database with N movements in bulk (the builder of
``bench/check.py``), then starts, in separate processes and alternating, ``--runs`` times each:

- **bare**: Python, ``import PySide6``, a QApplication and an empty QMainWindow of the main
  window's size, shown;
- **ledger**: the program's real start path without the login dialog: the QApplication with
  its style and font, translations, settings, the instance lock and the database opened and
  checked against the migrations (``open_interactively``), the main window built over it with
  its navigation, menus, status bar and first page, shown.

A third program, **floor**, is timed beside them for reference (not part of the target): the
bare window after importing SQLAlchemy's ORM and the ledger's models and configuring their
mappers, the least any window that shows data through the ORM costs.

The ledger closes the way the program does (``close_interactively``: a clean-close stamp
beside the file), so the timed starts are ordinary starts after a clean close, which skip
SQLite's full page check. One more start, after the stamp is removed as an unclean shutdown
(crash, pulled plug) would leave it, is timed and printed apart: that start runs the check.

Both start from compiled bytecode (``PYTHONPYCACHEPREFIX``, written by an untimed first
launch), even where ``PYTHONDONTWRITEBYTECODE`` is set. A process is "ready" when its window
is shown and the event loop has painted it and is idle (a zero-timer after ``show()``); the
figure is the wall time from spawning the process to the line it prints then. Both run with
``QT_QPA_PLATFORM=offscreen``. Target: ledger / bare <= 1.5.

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
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from ledger.ui import i18n
from ledger.ui.app import application, local_actor, main_window
from ledger.ui.settings import Settings
from ledger.ui.startup import close_interactively, open_interactively
app = application()
settings = Settings(Path(sys.argv[2]))
i18n.install(app, settings.language)
db, lock = open_interactively(sys.argv[1], lambda error, target: None)
window = main_window(db, local_actor(), settings)
window.resize({WIDTH}, {HEIGHT})
window.show()
QTimer.singleShot(0, lambda: (print("READY " + window.current_section(), flush=True), app.quit()))
app.exec()
close_interactively(db, lock)
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


def launch(code: str, *args: str) -> tuple[float, str]:
    """Spawn ``python -c code args``; seconds until it printed READY, and that line."""
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
    for line in proc.stdout:
        if line.startswith("READY"):
            elapsed = time.perf_counter() - start
            proc.wait(timeout=60)
            return elapsed, line.strip()
    _, err = proc.communicate()
    raise RuntimeError(f"the process ended without a window:\n{err[-3000:]}")


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
        bare, floor, ledger = [], [], []
        for _ in range(args.runs):
            bare.append(launch(BARE)[0])
            floor.append(launch(FLOOR)[0])
            seconds, line = launch(LEDGER, str(path), ini)
            ledger.append(seconds)
        clean_stamp(path).unlink()  # as after a crash: the next start checks the whole file
        unclean, _ = launch(LEDGER, str(path), ini)
        b, led = statistics.median(bare), statistics.median(ledger)
        ratio = led / b
        verdict = "OK" if ratio <= TARGET_RATIO else "OVER TARGET"
        print(f"bare    PySide6 window {WIDTH}x{HEIGHT}: median {b * 1000:6.0f} ms "
              f"(runs: {', '.join(f'{t * 1000:.0f}' for t in bare)})")  # fmt: skip
        f = statistics.median(floor)
        runs = ", ".join(f"{t * 1000:.0f}" for t in floor)
        print(f"floor   window after the ORM and models: median {f * 1000:6.0f} ms "
              f"({f / b:.2f} x bare; runs: {runs})")  # fmt: skip
        print(f"ledger  main window ({line.split()[-1]} page): median {led * 1000:6.0f} ms "
              f"(runs: {', '.join(f'{t * 1000:.0f}' for t in ledger)})")  # fmt: skip
        print(f"ledger  after an unclean shutdown (full page check): {unclean * 1000:6.0f} ms")
        print(f"ratio   {ratio:.2f}  target <= {TARGET_RATIO}  {verdict}  "
              f"(load average {os.getloadavg()[0]:.1f})")  # fmt: skip
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
