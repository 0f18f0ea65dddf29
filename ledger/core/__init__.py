"""Value types shared by every layer: quantities, enums, codes, errors (no SQLAlchemy, no Qt)."""
