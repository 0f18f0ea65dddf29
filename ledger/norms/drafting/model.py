"""A proposed rule and a skipped numeric clause, as the draft lists them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any


@dataclass
class Proposal:
    """One rule the plan's text asks for, with the clause it comes from."""

    line: int
    quote: str
    kind: str
    levels: tuple[str, ...]
    number: Decimal | None
    unit: str
    subject: str | None
    title: str
    section: str
    category: str  # 目标, 工程 or 任务
    effective: date | None = None
    condition: str | None = None
    flags_any: tuple[str, ...] = ()
    flags_none: tuple[str, ...] = ()
    params: dict[str, Any] = field(default_factory=dict)
    range_text: str = ""
    note: str = ""
    unmatched: tuple[str, ...] = ()  # items that match nothing in the office's catalogue
    accepted: bool = True

    @property
    def level(self) -> str:
        """The levels as one text (县、乡镇), "" for every level."""
        return "、".join(self.levels)


@dataclass(frozen=True)
class Skipped:
    """A clause with a number that is not proposed, and why."""

    line: int
    quote: str
    reason: str
