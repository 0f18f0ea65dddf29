"""Subcommands of ``ledger``: one module each, with ``register(subparsers)``."""
