"""Running ``ledger`` commands on a database that has accounts: log in as a script does."""

from __future__ import annotations

import pytest

from ledger.cli import main
from ledger.commands.common import PASSWORD_VARIABLE
from ledger.core.actor import Actor
from ledger.models.engine import Database
from ledger.services.accounts import users as accounts

ADMIN_PASSWORD = "Lingxian-2026"


def add_admin(db: Database, name: str = "admin") -> Actor:
    """Give the database its first administrator (logged in, for the services)."""
    with db.transaction() as s:
        return accounts.create_first_admin(s, ADMIN_PASSWORD, username=name)


def run_as(
    monkeypatch: pytest.MonkeyPatch,
    user: str,
    *argv: str,
    password: str = ADMIN_PASSWORD,
) -> int:
    """``ledger --user USER ARGV…`` with the password in ``LEDGER_PASSWORD`` (no console)."""
    monkeypatch.setenv(PASSWORD_VARIABLE, password)
    try:
        return main([*argv, "--user", user])
    finally:
        monkeypatch.delenv(PASSWORD_VARIABLE)
