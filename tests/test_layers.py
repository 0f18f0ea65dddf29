"""The layering contracts of pyproject.toml hold (import-linter), and a broken one is caught."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"


def _contracts() -> list[dict[str, object]]:
    with PYPROJECT.open("rb") as handle:
        return list(tomllib.load(handle)["tool"]["importlinter"]["contracts"])


def test_the_contracts_cover_the_layering_rules() -> None:
    contracts = {str(c["name"]): c for c in _contracts()}
    layers = next(c for c in contracts.values() if c["type"] == "layers")
    assert layers["layers"] == [
        "ledger.cli",
        "ledger.commands",
        "ledger.ui",
        "ledger.io | ledger.reports",
        "ledger.services",
        "ledger.models | ledger.norms",
        "ledger.core",
    ]
    qt = contracts["Only ledger.ui imports Qt"]
    assert {"ledger.models", "ledger.services", "ledger.core"} <= set(qt["source_modules"])  # type: ignore[arg-type]
    assert qt["forbidden_modules"] == ["PySide6"]
    ui = contracts["The UI does no SQL"]
    assert set(ui["forbidden_modules"]) == {"sqlalchemy", "ledger.models"}  # type: ignore[arg-type]
    stock = next(
        c for c in contracts.values() if c.get("source_modules") == ["ledger.services.stock"]
    )
    assert stock["type"] == "forbidden"
    assert stock["forbidden_modules"] == ["ledger.services.exchange"]
    assert "allow_indirect_imports" not in stock  # not even through another module


def test_imports_keep_every_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code = lint_imports(config_filename=str(PYPROJECT), no_cache=True)
    report = capsys.readouterr().out
    assert code == 0, report
    assert "0 broken" in report


def test_a_broken_contract_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Guard against a checker that passes everything: services do use SQLAlchemy."""
    config = tmp_path / "broken.toml"
    config.write_text(
        '[tool.importlinter]\nroot_package = "ledger"\ninclude_external_packages = true\n\n'
        "[[tool.importlinter.contracts]]\n"
        'name = "services without SQL"\ntype = "forbidden"\n'
        'source_modules = ["ledger.services.stock"]\nforbidden_modules = ["sqlalchemy"]\n',
        encoding="utf-8",
    )
    assert lint_imports(config_filename=str(config), no_cache=True) != 0
    assert "BROKEN" in capsys.readouterr().out
