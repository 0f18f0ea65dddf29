"""The ``ledger`` command: a plain start goes to the GUI without loading the subcommands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ledger.cli import build_parser, gui_start, main
from ledger.models.failures import closed_cleanly
from ledger.services.database.opening import create_ledger

PLAIN_START = """
import sys
import ledger.commands.gui as gui
gui.run = lambda args: print(args.db) or 0  # the window itself is tested in tests/ui
from ledger.cli import main
code = main(sys.argv[1:])
print(sorted(m for m in sys.modules if m.startswith("ledger.commands.")))
sys.exit(code)
"""


def test_a_plain_start_is_told_apart_from_a_subcommand() -> None:
    assert gui_start([]) is not None
    plain = gui_start(["--db", "台账.db"])
    assert plain is not None and plain.db == "台账.db"
    assert gui_start(["report", "inventory"]) is None
    assert gui_start(["--db", "台账.db", "verify"]) is None
    assert gui_start(["--help"]) is None


def test_a_plain_start_loads_no_subcommand_module() -> None:
    run = subprocess.run(
        [sys.executable, "-c", PLAIN_START, "--db", "台账.db"], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    db, modules = run.stdout.splitlines()
    assert db == "台账.db"
    assert modules == "['ledger.commands.common', 'ledger.commands.gui']"


def test_every_subcommand_is_still_discovered() -> None:
    parser = build_parser()
    (sub,) = [a for a in parser._actions if a.dest == "command"]
    assert {"gui", "verify", "report", "demo", "backup", "check"} <= set(sub.choices)


def test_a_command_leaves_its_database_closed_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "台账.db"
    create_ledger(path)
    assert main(["verify", "--db", str(path)]) == 0
    assert closed_cleanly(path)  # the next open, by the GUI or a command, skips the page check
    assert main(["--db", str(path), "backup", str(tmp_path / "copy.db")]) == 0
    assert closed_cleanly(path)
