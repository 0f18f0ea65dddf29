"""Starting the desktop application: Qt, translations, the database, the main window."""

from __future__ import annotations

import getpass
import sys

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from ledger.core.actor import Actor
from ledger.core.enums import Role
from ledger.core.errors import LedgerError
from ledger.services.database import Database
from ledger.ui import i18n
from ledger.ui.context import AppContext
from ledger.ui.icons import icon
from ledger.ui.main_window import MainWindow
from ledger.ui.settings import Settings
from ledger.ui.startup import (
    backup_on_exit,
    close_interactively,
    may_restore_over,
    open_interactively,
    restore_over,
)

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
    name = getpass.getuser() or "admin"
    return Actor(name, Role.ADMIN, name)


def main_window(db: Database, actor: Actor, settings: Settings, **context: object) -> MainWindow:
    """Build the main window over an open database (tests and screenshots use this too)."""
    ctx = AppContext(db, actor, settings, **context)  # type: ignore[arg-type]
    return MainWindow(ctx)


def ask_instead(error: LedgerError, target: str) -> str | None:
    """Tell why ``target`` did not open; the database to try instead, or None to quit."""
    from ledger.ui.dialogs.open_problem import OpenProblemDialog

    restorer = restore_over if may_restore_over(error) else None
    return OpenProblemDialog.ask(error.message, target, restorer)


def run_app(db_path: str, actor: Actor | None = None) -> int:
    """Start the GUI on the database at ``db_path``; return the exit code.

    Args:
        db_path: a SQLite file path or a database URL.
        actor: who works; asked by the login dialog when not given.
    """
    app = application()
    settings = Settings()
    i18n.install(app, settings.language)
    from ledger.ui.dialogs.preferences import apply_report_font

    apply_report_font(settings)
    opened = open_interactively(db_path, ask_instead)
    if opened is None:
        return 1
    db, lock = opened
    try:
        from ledger.ui.dialogs.login import LoginDialog

        actor = actor or LoginDialog.ask(db)
        if actor is None:
            return 0
        from ledger.ui.dialogs.first_start import FirstStartDialog, needs_first_start

        if needs_first_start(db):
            FirstStartDialog.ask(db, actor)
        window = main_window(db, actor, settings)
        window.show()
        code = app.exec()
        backup_on_exit(db, settings)
        return code
    finally:
        close_interactively(db, lock)


if __name__ == "__main__":  # pragma: no cover - manual start
    sys.exit(run_app(sys.argv[1] if len(sys.argv) > 1 else "ledger.db"))
