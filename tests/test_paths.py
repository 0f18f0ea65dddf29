"""Resources and migrations are found in the source tree and inside a frozen bundle; the data
folder chosen in the settings is used from the next start on."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ledger import paths


def test_in_a_frozen_bundle_resources_and_migrations_come_from_meipass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resource("norms", "a.toml") == tmp_path / "resources" / "norms" / "a.toml"
    assert paths.migrations_dir() == tmp_path / "ledger" / "migrations"


def test_from_the_source_tree_the_migrations_hold_env_and_versions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    assert (paths.migrations_dir() / "env.py").is_file()
    assert any((paths.migrations_dir() / "versions").glob("0001_*.py"))
    assert (paths.resources_dir() / "norms").is_dir()


def test_the_chosen_data_folder_wins_unless_ledger_data_dir_is_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pointer = tmp_path / "config" / "data-folder.txt"
    monkeypatch.setattr(paths, "data_dir_pointer", lambda: pointer)
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "env"))
    paths.choose_data_dir(tmp_path / "chosen")
    assert paths.chosen_data_dir() == tmp_path / "chosen"
    assert paths.data_dir() == tmp_path / "env"
    monkeypatch.delenv("LEDGER_DATA_DIR")
    assert paths.data_dir() == tmp_path / "chosen" and (tmp_path / "chosen").is_dir()
    assert paths.default_database() == tmp_path / "chosen" / "ledger.db"
    paths.choose_data_dir(None)
    assert paths.chosen_data_dir() is None and not pointer.exists()
