"""Tests of the rule kinds, one module per module of ledger/norms/kinds."""
