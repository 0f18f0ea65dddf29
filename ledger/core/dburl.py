"""A database path or URL as it may be shown or printed: a server URL's password hidden."""

from __future__ import annotations

from pathlib import Path

HIDDEN = "***"


def shown_target(target: str | Path) -> str:
    """``postgresql+psycopg://ledger:secret@host/db`` → ``postgresql+psycopg://ledger:***@host/db``;
    a file path as it is. Needs no database library (the window shows it before one loads)."""
    text = str(target)
    scheme, sep, rest = text.partition("://")
    head, mark, query = rest.partition("?")
    if not sep or "@" not in head:
        return text
    userinfo, _, host = head.rpartition("@")  # a password may hold '@' or '/'
    if ":" not in userinfo:
        return text
    user = userinfo.split(":", 1)[0]
    return f"{scheme}://{user}:{HIDDEN}@{host}{mark}{query}"
