"""应急资源台账 — the emergency resource ledger."""

__version__ = "0.1.0"
