"""The 数据 menu's exchange entries: a town sends its package, the county imports it, sends its
own down, receives a transfer in transit, and sees the town in its county view."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from ledger.core.enums import DocType
from ledger.models.engine import open_database
from ledger.services import stock
from ledger.services.catalogue import register as catalogue
from ledger.services.exchange import signing
from ledger.services.org import tree as org
from ledger.ui.context import AppContext
from ledger.ui.dialogs.exchange import CountyDialog, TransitsDialog
from ledger.ui.main_window import MainWindow
from ledger.ui.pages import exchange
from tests.ui.conftest import TODAY


@pytest.fixture
def window(qtbot, ctx, town, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "data"))
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    return win


@pytest.fixture
def county_window(qtbot, sqlite_template, gui_actor, settings, tmp_path):  # type: ignore[no-untyped-def]
    path = tmp_path / "county.db"
    shutil.copy(sqlite_template, path)
    db = open_database(path)
    win = MainWindow(AppContext(db, gui_actor, settings, today=TODAY))
    qtbot.addWidget(win)
    yield win
    db.dispose()


def _answers(
    monkeypatch: pytest.MonkeyPatch, *, path: Path, unit: str = "", full: bool = False
) -> None:
    monkeypatch.setattr(exchange, "choose_file", lambda *a, **k: str(path))
    monkeypatch.setattr(exchange, "choose_unit", lambda *a, **k: unit)
    monkeypatch.setattr(exchange, "choose_full", lambda *a, **k: full)


def _register(window: MainWindow, key: Path) -> None:
    with window.ctx.db.transaction(window.ctx.actor) as s:
        signing.register_sender(s, window.ctx.actor, signing.read_key_file(key.read_bytes(), "k"))


def _ran(qtbot, task) -> str:  # type: ignore[no-untyped-def]
    """Wait for an exchange action's background work; how it ended."""
    assert task is not None
    with qtbot.waitSignal(task.ended, timeout=60_000):
        pass
    return str(task.outcome)


def test_the_data_menu_lists_the_exchange_entries(window) -> None:  # type: ignore[no-untyped-def]
    titles = {a.text() for a in window.menus["data"].actions()}
    assert {"导出数据交换包…", "导入数据交换包…", "导出本机公钥…", "登记发送方…"} <= titles
    assert {"在途调拨…", "全县（全市）汇总…"} <= titles


def test_a_town_and_its_county_exchange_packages_through_the_menu(  # type: ignore[no-untyped-def]
    window, county_window, recorder, tmp_path, monkeypatch, qtbot
) -> None:
    # the town names its unit with its key, and sends its first package
    _answers(monkeypatch, path=tmp_path / "town.pub", unit="410122100")
    assert exchange.key_action(window) == tmp_path / "town.pub"
    assert "指纹" in recorder.texts("info")[-1]
    _answers(monkeypatch, path=tmp_path / "town-1.zip")
    assert _ran(qtbot, exchange.export_action(window)) == "done"
    assert (tmp_path / "town-1.zip").exists() and not (tmp_path / "town-1.zip.part").exists()
    assert "第 1 号数据包（完整）" in recorder.texts("info")[-1]

    # the county registers the town through the menu and imports its package
    monkeypatch.setattr(exchange.messages, "confirm", lambda *a, **k: True)
    _answers(monkeypatch, path=tmp_path / "town.pub")
    assert exchange.register_action(county_window).unit_code == "410122100"
    _answers(monkeypatch, path=tmp_path / "town-1.zip")
    assert _ran(qtbot, exchange.import_action(county_window)) == "done"
    assert "已导入城关镇（410122100）的第 1 号数据包" in recorder.texts("info")[-1]
    assert "新增 0 条" not in recorder.texts("info")[-1]
    assert _ran(qtbot, exchange.import_action(county_window)) == "failed"
    assert "已于" in recorder.texts("refusal")[-1]

    # the county opens its own depot and sends its package down
    ctx = county_window.ctx
    with ctx.db.transaction(ctx.actor) as s:
        county = next(u for u in org.units(s) if u.code == "410122")
        catalogue.save_depot(s, ctx.actor, catalogue.DepotInput("XK01", "县储备库", county.id))
    _answers(monkeypatch, path=tmp_path / "county.pub", unit="410122")
    exchange.key_action(county_window)
    _register(window, tmp_path / "county.pub")
    _answers(monkeypatch, path=tmp_path / "county-1.zip")
    _ran(qtbot, exchange.export_action(county_window))
    _answers(monkeypatch, path=tmp_path / "county-1.zip")
    assert _ran(qtbot, exchange.import_action(window)) == "done"

    # a transfer from the town to the county depot travels in transit
    town_ctx = window.ctx
    with town_ctx.db.transaction(town_ctx.actor) as s:
        sent = stock.post_document(
            s,
            town_ctx.actor,
            stock.DocumentInput(
                DocType.TRANSFER, "CG01", date(2026, 11, 20),
                [stock.LineInput("FX001", 100, "L1")], dest_depot="XK01",
            ),
        )  # fmt: skip
    assert sent.movements == 1
    _answers(monkeypatch, path=tmp_path / "town-2.zip")
    _ran(qtbot, exchange.export_action(window))
    _answers(monkeypatch, path=tmp_path / "town-2.zip")
    _ran(qtbot, exchange.import_action(county_window))
    dialog = TransitsDialog(ctx, county_window)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1
    dialog.view.selectRow(0)
    assert dialog.receive()
    assert dialog.model.rowCount() == 0

    view = CountyDialog(ctx, county_window)
    qtbot.addWidget(view)
    rows = {view.model.row(view.model.index(r, 0)).code: view.model.row(view.model.index(r, 0))
            for r in range(view.model.rowCount())}  # fmt: skip
    assert rows["410122100"].teams == 1 and rows["410122100"].last_package == 2
    assert rows["410122"].depots == 1
