"""Starting the desktop application: Qt, translations, the main window, then the database.

Only Qt and the settings are imported before the window shows; the database layer loads
behind it (:mod:`ledger.ui.launch`).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from ledger.ui import i18n
from ledger.ui.icons import icon
from ledger.ui.launch import Launcher
from ledger.ui.main_window import MainWindow
from ledger.ui.settings import Settings

if TYPE_CHECKING:
    from ledger.core.actor import Actor
    from ledger.core.errors import LedgerError
    from ledger.services.database import Database

APP_NAME = "应急资源台账"


def application() -> QApplication:
    """The one QApplication, created with the program's names, style and font."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("ledger")
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName("emergency-ledger")
    app.setStyle("Fusion")
    app_icon = icon("ledger")
    if app_icon is not None:
        app.setWindowIcon(app_icon)
    font = QFont(app.font())
    font.setFamilies(["Microsoft YaHei UI", "Noto Sans CJK SC", "WenQuanYi Zen Hei", font.family()])
    font.setPointSize(max(font.pointSize(), 10))
    app.setFont(font)
    return app


def local_actor() -> Actor:
    """Who works when no login is asked for: the computer's user, as administrator."""
    import getpass

    from ledger.core.actor import Actor
    from ledger.core.enums import Role

    name = getpass.getuser() or "admin"
    return Actor(name, Role.ADMIN, name)


def main_window(db: Database, actor: Actor, settings: Settings, **context: object) -> MainWindow:
    """Build the main window over an open database (tests and screenshots use this too)."""
    from ledger.ui.context import AppContext

    ctx = AppContext(db, actor, settings, **context)  # type: ignore[arg-type]
    return MainWindow(ctx)


def ask_instead(error: LedgerError, target: str) -> str | None:
    """Tell why ``target`` did not open; the database to try instead, or None to quit."""
    from ledger.ui.dialogs.open_problem import OpenProblemDialog
    from ledger.ui.startup import may_restore_over, restore_over

    restorer = restore_over if may_restore_over(error) else None
    return OpenProblemDialog.ask(error.message, target, restorer)


def log_in(db: Database, window: MainWindow) -> Actor | None:
    """Ask who works (the first start creates the administrator); None when the user quit."""
    from ledger.ui.dialogs.login import LoginDialog

    return LoginDialog.ask(db, window, window.settings)


def start_window(target: str, settings: Settings, actor: Actor | None = None) -> Launcher:
    """Show the main window at once and open ``target`` behind it.

    Args:
        target: a SQLite file path or a database URL.
        settings: the preferences.
        actor: who works; asked by the login dialog when not given.

    Returns:
        The launcher: its window gets the database when it is open (``window.attached``).
    """
    window = MainWindow.shell(settings, target)
    window.show()

    def login(db: Database, parent: MainWindow) -> Actor | None:
        return actor or log_in(db, parent)

    launcher = Launcher(window, target, ask=ask_instead, login=login)
    launcher.start()
    return launcher


def run_app(db_path: str, actor: Actor | None = None) -> int:
    """Start the GUI on the database at ``db_path``; return the exit code.

    Args:
        db_path: a SQLite file path or a database URL.
        actor: who works; asked by the login dialog when not given.
    """
    app = application()
    settings = Settings()
    i18n.install(app, settings.language)
    launcher = start_window(db_path, settings, actor)
    try:
        code = app.exec()
    finally:
        launcher.finish(on_close=lambda db: backup_on_exit(db, settings))
    return 1 if launcher.given_up else code


def backup_on_exit(db: Database, settings: Settings) -> None:
    """Copy the database into the backup folder if that is wanted and anything changed."""
    from ledger.ui.startup import backup_on_exit as backup

    backup(db, settings)


if __name__ == "__main__":  # pragma: no cover - manual start
    sys.exit(run_app(sys.argv[1] if len(sys.argv) > 1 else "ledger.db"))
