"""The start: the window shows before the database layer is imported, then gets its database
opened behind it; a bad file is named and another chosen; quitting at any step loses nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ledger.core.actor import Actor
from ledger.core.enums import Level
from ledger.core.errors import LedgerError
from ledger.models import OrgUnit
from ledger.models.engine import open_database
from ledger.models.failures import closed_cleanly
from ledger.ui import launch as launch_module
from ledger.ui import messages
from ledger.ui.launch import Launcher
from ledger.ui.main_window import MainWindow
from ledger.ui.settings import LAST_SECTION, Settings


@pytest.fixture
def county(sqlite_template: Path, tmp_path: Path) -> Path:
    """A closed ledger file holding one county."""
    path = tmp_path / "县台账.db"
    shutil.copy(sqlite_template, path)
    db = open_database(path)
    with db.transaction() as session:
        session.add(OrgUnit(code="410100", name="样例县", level=Level.COUNTY))
    db.dispose()
    return path


class Answers:
    """Plays the user at the start's questions, remembering what was asked."""

    def __init__(self, actor: Actor | None, *files: str | None) -> None:
        self.actor = actor
        self.files = list(files)
        self.reasons: list[str] = []
        self.logins = 0

    def ask(self, error: LedgerError, target: str) -> str | None:
        self.reasons.append(error.message)
        return self.files.pop(0)

    def login(self, db: object, window: MainWindow) -> Actor | None:
        self.logins += 1
        return self.actor


def launch(qtbot, settings: Settings, target: Path | str, answers: Answers) -> Launcher:
    window = MainWindow.shell(settings, str(target))
    qtbot.addWidget(window)
    window.show()
    launcher = Launcher(window, str(target), ask=answers.ask, login=answers.login)
    launcher.start()
    return launcher


@pytest.fixture
def no_quit(qapp):
    """Closing the last window must not end the test's event loop."""
    qapp.setQuitOnLastWindowClosed(False)
    yield
    qapp.setQuitOnLastWindowClosed(True)


def test_the_shell_shows_the_file_being_opened_then_the_page(qtbot, settings, county, gui_actor):
    answers = Answers(gui_actor)
    launcher = launch(qtbot, settings, county, answers)
    window = launcher.window
    assert window.ctx is None
    assert str(county) in window.database_label.text()
    assert window.stack.currentWidget() is window.opening
    with qtbot.waitSignal(window.attached, timeout=30_000):
        pass
    assert window.ctx is not None and window.current_section() == "home"
    assert "测试员" in window.user_label.text()
    assert "未设置" in window.profile_label.text()
    assert window.menus["documents"].actions()  # the pages' entries came with the database
    launcher.finish()
    assert closed_cleanly(county)


def test_a_file_not_closed_cleanly_is_said_to_be_checked(qtbot, settings, county, gui_actor):
    assert not closed_cleanly(county)  # written and left without the clean-close stamp
    launcher = launch(qtbot, settings, county, Answers(gui_actor))
    shown: list[str] = []  # what the window said while the file was checked
    launcher.checking.connect(lambda _target: shown.append(launcher.window.opening.text()))
    with qtbot.waitSignal(launcher.window.attached, timeout=30_000):
        pass  # a small file may be checked and attached in one turn of the event loop
    assert len(shown) == 1 and "正在逐页检查" in shown[0]
    launcher.finish()
    assert closed_cleanly(county)
    again = launch(qtbot, settings, county, Answers(gui_actor))  # the next start checks nothing
    with (
        qtbot.assertNotEmitted(again.checking),
        qtbot.waitSignal(again.window.attached, timeout=30_000),
    ):
        pass
    again.finish()


def test_a_section_chosen_while_opening_is_the_one_shown(qtbot, settings, county, gui_actor):
    settings.set(LAST_SECTION, "org")
    launcher = launch(qtbot, settings, county, Answers(gui_actor))
    window = launcher.window
    assert window.show_section("stock") is None  # not yet: remembered
    with qtbot.waitSignal(window.attached, timeout=30_000):
        pass
    assert window.current_section() == "stock"
    launcher.finish()


def test_a_bad_file_is_named_and_another_opened(qtbot, settings, county, gui_actor, tmp_path):
    bad = tmp_path / "不是台账.db"
    bad.write_bytes(b"this is not a database" * 100)
    answers = Answers(gui_actor, str(county))
    launcher = launch(qtbot, settings, bad, answers)
    with qtbot.waitSignal(launcher.window.attached, timeout=30_000):
        pass
    assert len(answers.reasons) == 1 and answers.reasons[0]
    assert launcher.window.ctx.db.path == str(county)
    assert str(county) in launcher.window.database_label.text()
    launcher.finish()
    assert bad.read_bytes() == b"this is not a database" * 100  # left as it was


def test_giving_up_closes_the_window(qtbot, settings, tmp_path, gui_actor, no_quit):
    bad = tmp_path / "坏.db"
    bad.write_bytes(b"x" * 5000)
    answers = Answers(gui_actor, None)
    launcher = launch(qtbot, settings, bad, answers)
    qtbot.waitUntil(lambda: launcher.given_up, timeout=30_000)
    assert not launcher.window.isVisible() and launcher.db is None
    launcher.finish()


def test_a_fault_while_opening_is_reported_and_ends_the_start(
    qtbot, settings, county, gui_actor, no_quit, monkeypatch
):
    def broken() -> None:
        raise ImportError("No module named 'ledger.ui.pages.stock'")  # as a broken bundle would

    monkeypatch.setattr(launch_module, "load_database_layer", broken)
    with messages.record() as recorder:
        launcher = launch(qtbot, settings, county, Answers(gui_actor))
        qtbot.waitUntil(lambda: launcher.given_up, timeout=30_000)
    (crash,) = recorder.kinds("crash")
    assert "ledger.ui.pages.stock" in crash.detail
    assert not launcher.window.isVisible() and launcher.db is None
    launcher.finish()


def test_quitting_at_the_login_closes_the_database_cleanly(qtbot, settings, county, no_quit):
    answers = Answers(None)
    launcher = launch(qtbot, settings, county, answers)
    qtbot.waitUntil(lambda: answers.logins == 1 and not launcher.window.isVisible(), timeout=30_000)
    assert launcher.window.ctx is None and not launcher.given_up
    launcher.finish()
    assert closed_cleanly(county)


def test_a_window_closed_while_opening_still_closes_the_database(qtbot, settings, county, no_quit):
    answers = Answers(None)
    window = MainWindow.shell(settings, str(county))
    qtbot.addWidget(window)
    window.show()
    launcher = Launcher(window, str(county), ask=answers.ask, login=answers.login)
    launcher._start()
    assert launcher._worker is not None
    launcher._worker.wait()  # opened; its news waits in the event queue
    window.close()  # before the news arrives
    qtbot.wait(50)
    launcher.finish()  # the worker's database is closed, never handed to the window
    assert answers.logins == 0 and launcher.window.ctx is None
    assert closed_cleanly(county)


def test_a_window_closed_before_opening_opens_nothing(qtbot, settings, county, no_quit):
    launcher = launch(qtbot, settings, county, Answers(None))
    launcher.window.close()  # before the event loop asked for the database
    qtbot.wait(50)
    launcher.finish()
    assert launcher._worker is None and launcher.db is None


START = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from ledger.ui.app import application, local_actor, start_window
from ledger.ui.settings import Settings
app = application()
launcher = start_window(sys.argv[1], Settings(Path(sys.argv[2])), local_actor())
print(sorted(m for m in sys.modules if m.startswith(("sqlalchemy", "ledger.models",
                                                    "ledger.services", "PySide6.QtCharts"))),
      flush=True)
def attached():
    heavy = ("alembic", "openpyxl", "reportlab", "cryptography", "PySide6.QtPdf")
    print(sorted({m for m in sys.modules for h in heavy if m == h or m.startswith(h + ".")}))
    print(launcher.window.current_section(), flush=True)
    app.quit()
launcher.window.attached.connect(attached)
app.exec()
launcher.finish()
"""


def test_the_window_shows_before_the_database_layer_loads(county: Path, tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = subprocess.run(
        [sys.executable, "-c", START, str(county), str(tmp_path / "settings.ini")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    before, heavy, section = run.stdout.split("\n")[:3]
    assert before == "[]"  # shown with Qt and the settings only
    assert heavy == "[]"  # Excel, PDF, Alembic, signing: loaded when first used
    assert section == "home"
    assert closed_cleanly(county)
