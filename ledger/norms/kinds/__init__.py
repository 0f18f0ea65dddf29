"""The rule kinds (规则类型), each a small pure function over plain facts, by name."""

from __future__ import annotations

from ledger.norms.kinds import activity, composite, holdings, hygiene, reserves, teams
from ledger.norms.kinds.base import Context, Kind

KINDS: dict[str, Kind] = {
    kind.name: kind
    for module in (teams, holdings, reserves, activity, composite, hygiene)
    for kind in module.KINDS
}

__all__ = ["KINDS", "Context", "Kind"]
