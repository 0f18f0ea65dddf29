"""Per-machine preferences (本机设置) as typed data over one QSettings store.

Office-wide settings live in the database; these are the user's own: language, how many days
ahead a lot counts as expiring, and the window's layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T", str, int, bool)

ORGANIZATION = "emergency-ledger"
APPLICATION = "ledger"


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One preference: its key in the store, its type and its default."""

    key: str
    kind: type[T]
    default: T


#: Interface language: "zh_CN" (the source language) or "en".
LANGUAGE = Setting("ui/language", str, "zh_CN")
#: Lots expiring within this many days are shown amber.
EXPIRY_WARNING_DAYS = Setting("stock/expiry_warning_days", int, 30)
#: Maintenance due within this many days is shown amber.
MAINTENANCE_WARNING_DAYS = Setting("equipment/maintenance_warning_days", int, 30)
#: A document dated more than this many days back asks for confirmation (future dates always).
DOCUMENT_DAYS_BACK = Setting("documents/days_back", int, 30)
#: The user name that last logged in on this machine (offered at the next login).
LAST_USER = Setting("login/last_user", str, "")
#: The navigation section shown last.
LAST_SECTION = Setting("window/last_section", str, "home")
#: Back the database up automatically when the program closes.
BACKUP_ON_EXIT = Setting("backup/on_exit", bool, True)
#: Folder of the automatic backups ("" = ``backups`` in the user's data folder).
BACKUP_FOLDER = Setting("backup/folder", str, "")
#: How many automatic backups of a database are kept.
BACKUP_KEEP = Setting("backup/keep", int, 10)
#: The voucher paper last chosen in 报表 (a4, half, 241); 过账并打印 and 打印 use it too.
VOUCHER_PAPER = Setting("print/voucher_paper", str, "a4")
#: The voucher copies (联次) last chosen, comma-separated ("" = one copy).
VOUCHER_COPIES = Setting("print/voucher_copies", str, "")

ALL: tuple[Setting[str] | Setting[int] | Setting[bool], ...] = (
    LANGUAGE,
    EXPIRY_WARNING_DAYS,
    MAINTENANCE_WARNING_DAYS,
    DOCUMENT_DAYS_BACK,
    LAST_SECTION,
    LAST_USER,
    BACKUP_ON_EXIT,
    BACKUP_FOLDER,
    BACKUP_KEEP,
    VOUCHER_PAPER,
    VOUCHER_COPIES,
)


class Settings:
    """Typed access to the preferences; an ini file in tests, the platform store otherwise."""

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            self._store = QSettings(
                QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
            )
        else:
            self._store = QSettings(str(path), QSettings.Format.IniFormat)

    def get(self, setting: Setting[T]) -> T:
        """The stored value, or the default when absent or of the wrong type."""
        raw: Any = self._store.value(setting.key, setting.default)
        kind: Any = setting.kind
        try:
            value: Any = raw in (True, "true", "1", 1) if kind is bool else kind(raw)
        except (TypeError, ValueError):
            return setting.default
        return value  # type: ignore[no-any-return]

    def set(self, setting: Setting[T], value: T) -> None:
        """Store a value (written to disk when the event loop is idle or on sync)."""
        self._store.setValue(setting.key, value)

    def state(self, name: str) -> QByteArray | None:
        """A saved widget layout (window geometry, splitter or header state)."""
        value = self._store.value(f"layout/{name}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_state(self, name: str, value: QByteArray) -> None:
        """Save a widget layout under ``name``."""
        self._store.setValue(f"layout/{name}", value)

    def sync(self) -> None:
        """Write pending changes to disk now."""
        self._store.sync()

    @property
    def path(self) -> str:
        """Where the store lives."""
        return self._store.fileName()

    @property
    def language(self) -> str:
        """The interface language code."""
        return self.get(LANGUAGE)

    @property
    def expiry_warning_days(self) -> int:
        """Days ahead within which a lot counts as expiring."""
        return max(0, self.get(EXPIRY_WARNING_DAYS))

    @property
    def maintenance_warning_days(self) -> int:
        """Days ahead within which maintenance counts as due soon."""
        return max(0, self.get(MAINTENANCE_WARNING_DAYS))
