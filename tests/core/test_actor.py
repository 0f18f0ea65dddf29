"""The actor of an operation: the name on documents and the system actor."""

from __future__ import annotations

from ledger.core.actor import SYSTEM, Actor
from ledger.core.enums import Role


def test_name_prefers_the_display_name() -> None:
    assert Actor("li", Role.KEEPER, "李保管").name == "李保管"
    assert Actor("li", Role.KEEPER).name == "li"


def test_system_actor_is_an_admin() -> None:
    assert SYSTEM.role is Role.ADMIN
    assert SYSTEM.name == "系统"
