"""What every page needs: the open database, who works, preferences, and change notices."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from ledger.core.actor import Actor
from ledger.services.database import Database
from ledger.ui.settings import Settings

T = TypeVar("T")


class Changes(StrEnum):
    """Kinds of records an operation may change; pages refresh on the kinds they show."""

    ORG = "org"
    TEAMS = "teams"
    CATALOGUE = "catalogue"
    DEPOTS = "depots"
    STOCK = "stock"
    DOCUMENTS = "documents"
    EQUIPMENT = "equipment"
    SETTINGS = "settings"


#: What posting or reversing a document changes.
STOCK_CHANGES = frozenset({Changes.STOCK, Changes.DOCUMENTS, Changes.DEPOTS})


class AppContext(QObject):
    """The application's shared state, handed to every page and dialog."""

    #: Emitted with the frozenset of :class:`Changes` an operation made.
    changed = Signal(object)

    def __init__(
        self,
        db: Database,
        actor: Actor,
        settings: Settings,
        *,
        today: date | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.settings = settings
        self._today = today

    def today(self) -> date:
        """The working date (fixed in tests and screenshots, else the calendar's)."""
        return self._today or date.today()

    def read(self, query: Callable[[Any], T]) -> T:
        """Run ``query(session)`` in a read-only session and return its frozen result."""
        with self.db.read() as session:
            return query(session)

    def announce(self, changes: Iterable[Changes]) -> None:
        """Tell every page what changed."""
        kinds = frozenset(changes)
        if kinds:
            self.changed.emit(kinds)
