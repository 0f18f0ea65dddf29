"""应急推演 (readiness): sheltering N people for D days, from which depots, what is short."""

from ledger.services.readiness.model import DISTANCE, TIERS, Allocation, Cover, Need, Plan, TeamRow
from ledger.services.readiness.plan import plan
from ledger.services.readiness.presets import Preset, presets

__all__ = [
    "DISTANCE",
    "TIERS",
    "Allocation",
    "Cover",
    "Need",
    "Plan",
    "Preset",
    "TeamRow",
    "plan",
    "presets",
]
