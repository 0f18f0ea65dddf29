"""Reusable widgets: date fields, search boxes, item pickers, the unit tree."""
