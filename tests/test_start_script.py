"""scripts/start.sh on a machine without a display installs a virtual X server to run under."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

SETUP = Path(__file__).resolve().parents[1] / "scripts" / "_setup.sh"
START = SETUP.with_name("start.sh")


@pytest.fixture
def fake_apt(tmp_path: Path) -> Path:
    """dpkg-query that knows no package, apt-get and apt-cache that log what they are asked."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "apt.log"
    scripts = {
        "dpkg-query": "exit 1",
        "apt-get": f'echo "apt-get $*" >>{log}',
        "apt-cache": "exit 0",
    }
    for name, body in scripts.items():
        path = bin_dir / name
        path.write_text(f"#!/bin/sh\n{body}\n")
        path.chmod(0o755)
    return bin_dir


def run(fake_apt: Path, env: dict[str, str]) -> str:
    base = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    base.pop("QT_QPA_PLATFORM", None)
    base.update(env, PATH=f"{fake_apt}:{os.environ['PATH']}")
    script = f'source "{SETUP}"; apt_ensure $(display_packages)'
    subprocess.run(["bash", "-c", script], env=base, check=True, capture_output=True)
    log = fake_apt.parent / "apt.log"
    return log.read_text() if log.exists() else ""


@pytest.mark.skipif(os.geteuid() != 0, reason="installing needs root (sudo would ask)")
def test_without_a_display_xvfb_is_installed(fake_apt: Path) -> None:
    log = run(fake_apt, {})
    assert "apt-get install -y -qq --no-install-recommends xvfb xauth" in log


def test_with_a_display_nothing_more_is_installed(fake_apt: Path) -> None:
    assert run(fake_apt, {"DISPLAY": ":0"}) == ""


def test_start_sh_installs_the_display_packages_before_it_needs_them() -> None:
    text = START.read_text()
    assert text.index('"${DISPLAY_PACKAGES[@]}"') < text.index("xvfb-run -a")
    assert "display_packages" in text
