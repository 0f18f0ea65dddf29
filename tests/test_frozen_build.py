"""The PyInstaller bundle (build.spec, scripts/build.sh) builds and runs without Python."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    os.environ.get("LEDGER_TEST_FROZEN") != "1",
    reason="building the PyInstaller bundle takes minutes: set LEDGER_TEST_FROZEN=1 to run it",
)


def test_built_bundle_passes_the_smoke_test(tmp_path: Path) -> None:
    """Build (unless LEDGER_FROZEN_PREBUILT names a built dist) and smoke-test the bundle."""
    env = dict(os.environ)
    prebuilt = os.environ.get("LEDGER_FROZEN_PREBUILT")
    if prebuilt:
        env["LEDGER_DIST"] = prebuilt
        argv = ["bash", str(ROOT / "scripts" / "build.sh"), "--smoke"]
    else:
        env.setdefault("LEDGER_DIST", str(tmp_path / "dist"))
        env.setdefault("LEDGER_BUILD", str(tmp_path / "build"))
        argv = ["bash", str(ROOT / "scripts" / "build.sh")]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stderr[-4000:]
    assert "smoke test passed" in done.stderr
    assert (Path(env["LEDGER_DIST"]) / "ledger" / "ledger").is_file()
