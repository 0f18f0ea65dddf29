"""The desktop application (Qt widgets over services; no SQL and no business rules here)."""
