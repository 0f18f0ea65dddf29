"""Dialogs; each has an ``ask()`` classmethod that tests may replace."""
