"""The demo county opens in its own file, says so in a banner, and leads back to the office's
file; the office's database is never filled with it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ledger import paths
from ledger.models.engine import open_database
from ledger.services.accounts import users as accounts
from ledger.ui import demo_mode
from ledger.ui.app import main_window
from ledger.ui.dialogs import first_start
from ledger.ui.dialogs.first_start import Start, needs_first_start
from tests.ui.test_launch import Answers, launch


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("LEDGER_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def relaunched(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    started: list[str] = []
    monkeypatch.setattr(demo_mode, "relaunch", lambda target: started.append(target) or True)
    return started


def test_the_demo_file_shows_a_banner_and_leads_back(
    qtbot, data_dir, sqlite_template, settings, gui_actor, relaunched, tmp_path
) -> None:
    shutil.copy(sqlite_template, paths.demo_database())
    db = open_database(paths.demo_database())
    demo_mode.remember_office(settings, str(tmp_path / "本单位.db"))
    window = main_window(db, gui_actor, settings)
    qtbot.addWidget(window)
    window.show()
    assert window.demo_banner is not None and window.demo_banner.isVisible()
    assert "演示数据" in window.windowTitle()
    (back,) = [a for a in window.menus["file"].actions() if a.text() == "返回本单位数据"]
    back.trigger()
    assert relaunched == [str(tmp_path / "本单位.db")]
    assert not window.isVisible()
    db.dispose()


def test_the_office_file_has_no_banner(qtbot, sqlite_db, settings, gui_actor) -> None:
    window = main_window(sqlite_db, gui_actor, settings)
    qtbot.addWidget(window)
    assert window.demo_banner is None
    assert all(a.text() != "返回本单位数据" for a in window.menus["file"].actions())


def test_without_a_remembered_office_the_way_back_is_the_default_file(data_dir, settings):
    assert demo_mode.office_target(settings) == str(paths.default_database())


def test_choosing_the_demo_at_first_start_opens_the_demo_file(
    qtbot, data_dir, sqlite_template, settings, gui_actor, tmp_path, monkeypatch
) -> None:
    office = tmp_path / "本单位.db"
    shutil.copy(sqlite_template, office)
    shutil.copy(sqlite_template, paths.demo_database())  # as the wizard's background build
    asked: list[str] = []

    def wizard(db, actor, parent=None):
        asked.append(db.path)
        return Start.DEMO

    monkeypatch.setattr(first_start.FirstStartDialog, "ask", staticmethod(wizard))
    answers = Answers(gui_actor)
    launcher = launch(qtbot, settings, office, answers)
    window = launcher.window
    with qtbot.waitSignal(window.attached, timeout=30_000):
        pass
    assert window.ctx.db.path == str(paths.demo_database())
    assert answers.logins == 1  # the same user goes on in the demo
    assert window.demo_banner is not None
    assert settings.get(demo_mode.OFFICE_DATABASE) == str(office)
    launcher.finish()
    office_db = open_database(office)
    assert needs_first_start(office_db)  # the office's file holds no demo unit
    office_db.dispose()
    assert asked[0] == str(office)


def test_relaunch_starts_the_program_on_the_file(monkeypatch) -> None:
    calls = []
    monkeypatch.setattr(
        demo_mode.QProcess,
        "startDetached",
        staticmethod(lambda program, args: calls.append((program, args)) or (True, 1)),
    )
    assert demo_mode.relaunch("/data/ledger.db")
    assert calls[0][1][-2:] == ["--db", "/data/ledger.db"]


def test_a_demo_file_with_accounts_of_its_own_asks_for_a_login(
    qtbot, data_dir, sqlite_template, settings, gui_actor, tmp_path, monkeypatch
) -> None:
    office = tmp_path / "本单位.db"
    shutil.copy(sqlite_template, office)
    shutil.copy(sqlite_template, paths.demo_database())
    demo = open_database(paths.demo_database())
    with demo.transaction() as s:
        accounts.create_first_admin(s, "Yanshi-2026", username="trainer")
    demo.dispose()
    monkeypatch.setattr(
        first_start.FirstStartDialog, "ask", staticmethod(lambda db, actor, parent=None: Start.DEMO)
    )
    answers = Answers(gui_actor)
    launcher = launch(qtbot, settings, office, answers)
    with qtbot.waitSignal(launcher.window.attached, timeout=30_000):
        pass
    assert launcher.window.ctx.db.path == str(paths.demo_database())
    assert answers.logins == 2  # the office's login is no login to the demo's accounts
    launcher.finish()
