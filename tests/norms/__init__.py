"""Tests of the norm profiles and rule kinds (ledger/norms)."""
