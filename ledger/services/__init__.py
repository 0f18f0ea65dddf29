"""Use cases on a Session: post and reverse documents, count stock, verify, queries, demo data.

Every service takes the session first and the :class:`~ledger.core.actor.Actor` second, and
never commits: the caller opens one transaction per user action (``Database.transaction``).
Whatever service is used, the exchange's flush guard and its answers to stock about other
offices (:mod:`ledger.services.stock.offices`) are in place: importing any service imports it.
"""

from ledger.services import exchange as _exchange  # noqa: F401 - flush guard, offices for stock
