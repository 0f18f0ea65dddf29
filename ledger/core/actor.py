"""Who performs an operation (操作人): the account name, its role and, for keepers, its depots."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from ledger.core.enums import Role


@dataclass(frozen=True)
class Actor:
    """The person an operation is done by; services record and check it."""

    username: str
    role: Role = Role.ADMIN
    display_name: str = ""
    depot_ids: frozenset[uuid.UUID] = field(default_factory=frozenset)
    unit_ids: frozenset[uuid.UUID] = field(default_factory=frozenset)
    #: The proof of a login, issued by :mod:`ledger.services.accounts.users`; once a database has
    #: accounts the services accept only an actor whose token a login issued in this process.
    token: str = field(default="", repr=False, compare=False)

    @property
    def name(self) -> str:
        """The name printed on documents."""
        return self.display_name or self.username


#: The actor of system work (migrations, demo data, command-line maintenance).
SYSTEM = Actor("system", Role.ADMIN, "系统")
