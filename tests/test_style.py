"""The code keeps the style pyproject.toml sets (ruff's lint and format), and a break is caught."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TREES = ["ledger", "tests", "bench", "devtools"]


def ruff(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_the_code_passes_ruffs_lint() -> None:
    done = ruff("check", "--no-cache", *TREES)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def test_the_code_is_formatted_as_ruff_formats_it() -> None:
    done = ruff("format", "--check", "--no-cache", *TREES)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def test_a_break_of_the_style_is_caught(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text("utf-8"), "utf-8")
    (tmp_path / "bad.py").write_text("import os, sys\nx = ( 1 )\n", "utf-8")
    assert ruff("check", "--no-cache", "bad.py", cwd=tmp_path).returncode == 1
    assert ruff("format", "--check", "--no-cache", "bad.py", cwd=tmp_path).returncode == 1
