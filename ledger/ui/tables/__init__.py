"""Thin Qt table models over frozen rows returned by services; columns declared as data."""
