"""The main window's pages; each module registers itself with :mod:`ledger.ui.extensions`."""
