"""ledger/ holds the strict mypy checks pyproject.toml sets, and a type error is caught."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def mypy(*args: str, cache: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    # a fresh run (no cache read, ~15 s here) whose cache goes to tmp, not into the worktree
    command = [sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", str(cache), *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def test_ledger_passes_mypy_strict(tmp_path: Path) -> None:
    done = mypy("ledger", cache=tmp_path / "cache")
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]


def test_a_type_error_is_caught(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text("utf-8"), "utf-8")
    (tmp_path / "bad.py").write_text('def f(x):\n    return x\n\n\ncount: int = "3"\n', "utf-8")
    done = mypy("bad.py", cache=tmp_path / "cache", cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "[assignment]" in done.stdout  # a str where an int is declared
    assert "[no-untyped-def]" in done.stdout  # strict: every function annotated
