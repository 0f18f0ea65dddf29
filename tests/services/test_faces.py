"""Each subpackage of ``ledger.services`` is used through its face: the names it lists resolve,
importing it loads nothing else, and the import-linter contract reaches the modules inside."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

import ledger.services
from ledger.services.common import Face

ROOT = Path(__file__).resolve().parents[2]
FACES = sorted(m.name for m in pkgutil.iter_modules(ledger.services.__path__) if m.ispkg)


def _hand_written_imports(face: str) -> bool:
    """Whether the face's ``__init__`` imports anything above its generated, lazy part."""
    text = (ROOT / "ledger" / "services" / face / "__init__.py").read_text(encoding="utf-8")
    hand = text.partition("# --- face (generated")[0]
    return any(line.startswith(("from ", "import ")) for line in hand.splitlines())


LAZY = [f for f in FACES if not _hand_written_imports(f)]


@pytest.mark.parametrize("face", FACES)
def test_every_name_a_face_lists_is_its_module_s_own(face: str) -> None:
    package = importlib.import_module(f"ledger.services.{face}")
    table: dict[str, str] = package._FACE.where if hasattr(package, "_FACE") else {}
    for name in package.__all__:
        value = getattr(package, name)
        if name in table:
            module = importlib.import_module(f"ledger.services.{face}.{table[name]}")
            assert value is getattr(module, name), name
    with pytest.raises(AttributeError, match="no attribute 'not_a_use_case'"):
        package.not_a_use_case  # noqa: B018


def _typed_names(face: str) -> dict[str, tuple[str, ...]]:
    """The names the face block's ``TYPE_CHECKING`` imports give mypy, by module."""
    text = (ROOT / "ledger" / "services" / face / "__init__.py").read_text(encoding="utf-8")
    block = text.partition("# --- face (generated")[2].partition("\n")[2]
    block = block.partition("# --- end of face ---")[0]
    found: dict[str, tuple[str, ...]] = {}
    for node in ast.parse(block).body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "_typing.TYPE_CHECKING":
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom) and statement.module, face
                module = statement.module.removeprefix(f"ledger.services.{face}.")
                assert not statement.level and module != statement.module, statement.module
                assert all(a.asname is None for a in statement.names), statement.module
                found[module] = found.get(module, ()) + tuple(a.name for a in statement.names)
    return found


@pytest.mark.parametrize("face", FACES)
def test_the_typed_imports_and_the_runtime_table_of_a_face_agree(face: str) -> None:
    """Each name is typed for mypy by an import and found at run time through ``_FACE``: the two
    lists must not drift (a name only typed would fail at run time, one only in ``_FACE``
    would be untyped)."""
    package = importlib.import_module(f"ledger.services.{face}")
    typed = _typed_names(face)
    if not hasattr(package, "_FACE"):
        assert typed == {}, "typed names without a runtime table"
        return
    table: dict[str, tuple[str, ...]] = package._FACE.modules
    assert {m: sorted(n) for m, n in typed.items()} == {m: sorted(n) for m, n in table.items()}
    names = [n for ns in table.values() for n in ns]
    assert len(names) == len(set(names)), "a name listed under two modules"
    assert set(names) <= set(package.__all__)


def test_the_drift_test_sees_a_name_typed_but_not_listed(tmp_path: Path) -> None:
    """Guard against a comparison that cannot fail: the parse finds the typed names."""
    typed = _typed_names("stock")
    assert typed["queries"] and "stock_on_hand" in typed["queries"]
    package = importlib.import_module("ledger.services.stock")
    table = dict(package._FACE.modules)
    table["queries"] = tuple(n for n in table["queries"] if n != "stock_on_hand")
    assert {m: sorted(n) for m, n in typed.items()} != {m: sorted(n) for m, n in table.items()}
    with pytest.raises(AttributeError, match="no attribute 'stock_on_hand'"):
        Face("ledger.services.stock", table).read("stock_on_hand")


@pytest.mark.parametrize("face", LAZY)
def test_importing_a_lazy_face_loads_none_of_its_modules(face: str) -> None:
    inside = f"{{m for m in sys.modules if m.startswith('ledger.services.{face}.')}}"
    code = (
        f"import sys, ledger.services; before = {inside}; "  # what the parent package loads
        f"import ledger.services.{face}; print(sorted({inside} - before))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
    package = importlib.import_module(f"ledger.services.{face}")
    assert package.__all__, "a face with nothing to show"


def test_the_outer_layers_may_import_the_faces_only() -> None:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        contracts = tomllib.load(handle)["tool"]["importlinter"]["contracts"]
    faces = next(
        c for c in contracts if c["name"] == "Above services, each concern is used through its face"
    )
    assert faces["forbidden_modules"] == ["ledger.services.*.*"]
    assert sorted(faces["source_modules"]) == [
        "ledger.cli",
        "ledger.commands",
        "ledger.io",
        "ledger.reports",
        "ledger.ui",
    ]


def test_the_contract_s_pattern_reaches_the_modules_inside_a_face(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Guard against a pattern that matches nothing: a face does import its own modules."""
    config = tmp_path / "faces.toml"
    config.write_text(
        '[tool.importlinter]\nroot_package = "ledger"\n\n'
        "[[tool.importlinter.contracts]]\n"
        'name = "faces"\ntype = "forbidden"\nsource_modules = ["ledger.services.stock"]\n'
        'forbidden_modules = ["ledger.services.*.*"]\nallow_indirect_imports = true\n',
        encoding="utf-8",
    )
    assert lint_imports(config_filename=str(config), no_cache=True) != 0
    assert "BROKEN" in capsys.readouterr().out
