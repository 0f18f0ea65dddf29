"""Starting the desktop application: Qt, translations, the database, the main window."""

from __future__ import annotations

import getpass
import sys

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from ledger.core.actor import Actor
from ledger.core.enums import Role
from ledger.core.errors import LedgerError
from ledger.services.database import Database, open_ledger
from ledger.ui import i18n, messages
from ledger.ui.context import AppContext
from ledger.ui.main_window import MainWindow
from ledger.ui.settings import Settings

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


def run_app(db_path: str, actor: Actor | None = None) -> int:
    """Start the GUI on the database at ``db_path``; return the exit code.

    Args:
        db_path: a SQLite file path or a database URL.
        actor: who works; the local user as administrator when not given.
    """
    app = application()
    settings = Settings()
    i18n.install(app, settings.language)
    try:
        db = open_ledger(db_path)
    except LedgerError as error:
        messages.warning(None, error.message)
        return 1
    window = main_window(db, actor or local_actor(), settings)
    window.show()
    code = app.exec()
    db.dispose()
    return code


if __name__ == "__main__":  # pragma: no cover - manual start
    sys.exit(run_app(sys.argv[1] if len(sys.argv) > 1 else "ledger.db"))
