"""Use cases on a Session: post and reverse documents, count stock, verify, queries, demo data.

Every service takes the session first and the :class:`~ledger.core.actor.Actor` second, and
never commits: the caller opens one transaction per user action (``Database.transaction``).
"""
