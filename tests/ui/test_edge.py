"""One edge for the GUI: no module of ledger.ui but ops.py opens a session or a transaction."""

from __future__ import annotations

import ast
import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ledger" / "ui"
#: The one module that opens sessions for the GUI (context.py defines the read ops.py uses).
EDGE = {UI / "ops.py"}
DEFINES_READ = UI / "context.py"
#: Session and transaction openers on a database or the application context.
OPENERS = {"transaction", "run", "read", "begin", "session", "write"}
HOLDER = re.compile(r"(^|\.)(db|ctx|database)$")
#: Services that open a transaction of their own on the database they are given.
OWN_TRANSACTION = {("accounts", "login"), ("accounts", "change_password"), ("accounts", "recover")}


def openings(source: str) -> list[str]:
    """The session and transaction openings in ``source``: ``ctx.db.transaction(...)`` and
    the like, ``session_scope(...)``, and services that commit on their own."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in {"session_scope", "Session"}:
            found.append(f"{func.id}() at line {node.lineno}")
        if not isinstance(func, ast.Attribute):
            continue
        holder = ast.unparse(func.value)
        if func.attr in OPENERS and HOLDER.search(holder):
            found.append(f"{holder}.{func.attr}() at line {node.lineno}")
        if (holder.rsplit(".", 1)[-1], func.attr) in OWN_TRANSACTION:
            found.append(f"{holder}.{func.attr}() at line {node.lineno}")
    return found


def test_the_check_finds_every_kind_of_opening() -> None:
    source = (
        "with self.ctx.db.transaction(actor) as s: pass\n"
        "with db.read() as s: pass\n"
        "x = ctx.read(lambda s: s)\n"
        "accounts.login(db, 'a', 'b')\n"
        "session_scope(db)\n"
        "run_query(self, self.ctx, query, [])\n"  # the helpers themselves are fine
        "run_op(self, self.ctx, work)\n"
    )
    assert len(openings(source)) == 5


def test_only_ops_opens_sessions_in_the_gui() -> None:
    found = {}
    for path in sorted(UI.rglob("*.py")):
        if path in EDGE:
            continue
        hits = openings(path.read_text(encoding="utf-8"))
        if path == DEFINES_READ:
            hits = [h for h in hits if not h.startswith("self.db.read()")]
        if hits:
            found[str(path.relative_to(UI))] = hits
    assert found == {}, "write through run_op and read through run_query (ledger/ui/ops.py)"


def test_no_page_reaches_into_the_window_or_another_page() -> None:
    found = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in {"getattr", "hasattr"}
                and re.search(r"window|page", ast.unparse(node.args[0]))
            ):
                found.append(f"{path.relative_to(UI)}:{node.lineno}")
    assert found == [], "open records through ledger.ui.navigation.open_record"


def test_one_threading_mechanism() -> None:
    """Only ledger/ui/background.py starts threads (its Worker, a QThread)."""
    thread_names = {
        "threading",
        "concurrent",
        "QThread",
        "QThreadPool",
        "QRunnable",
        "QtConcurrent",
    }
    found = []
    for path in sorted(UI.rglob("*.py")):
        if path.name == "background.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [(node.module or "").split(".")[0], *(a.name for a in node.names)]
            if thread_names & set(names):
                found.append(f"{path.relative_to(UI)}:{node.lineno}")
    assert found == [], "run work off the GUI thread with ledger.ui.background"
