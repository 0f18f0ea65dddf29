"""Norm profiles (规划) as data and the rule kinds as pure functions over plain facts.

Nothing here touches the database: :mod:`ledger.services.norms.shortfalls` gathers the facts and
calls :func:`ledger.norms.evaluate.evaluate`.
"""
