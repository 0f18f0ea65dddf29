"""Icons shipped in resources/icons (SVG), found through the one resource resolver."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from ledger.paths import resource


@cache
def icon(name: str) -> QIcon | None:
    """The icon ``resources/icons/<name>.svg``, or ``None`` when it is not shipped."""
    path = resource("icons", f"{name}.svg")
    return QIcon(str(path)) if path.exists() else None
