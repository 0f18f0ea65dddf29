"""The year's report (年度应急资源报表) offices send to the county by 10 January."""

from __future__ import annotations

from typing import Any


def annual_report(*args: Any) -> Any:
    """Placeholder until the annual report is written."""
    raise NotImplementedError
