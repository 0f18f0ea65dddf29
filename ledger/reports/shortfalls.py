"""The shortfall report (短板问题清单): summary, findings by unit and their citations."""

from __future__ import annotations

from typing import Any


def shortfall_report(*args: Any) -> Any:
    """Placeholder until the norms engine is in."""
    raise NotImplementedError
