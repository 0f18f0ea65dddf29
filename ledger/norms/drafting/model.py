"""A proposed rule and a skipped numeric clause, as the draft lists them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from ledger.norms.drafting import vocab as v

#: The parameter that holds each kind's number.
NUMBER_PARAMS = {
    "team_headcount": "min_members", "team_exists": "min_teams", "depot_area": "min_area",
    "depot_exists": "min_count", "reserve": "people", "drills": "min_count",
    "training": "min_sessions", "posts": "min_each", "ratio": "per_mille",
    "equipment_set": "min", "coverage": "min_share",
}  # fmt: skip
#: Level words the office may type (乡镇（街道）: both, 社区 = 村), each with the levels it names.
LEVEL_WORDS: dict[str, tuple[str, ...]] = {
    "省": ("省",), "市": ("市",), "县": ("县",), "乡镇": ("乡镇",), "乡": ("乡镇",),
    "镇": ("乡镇",), "街道": ("街道",), "乡镇（街道）": ("乡镇", "街道"),
    "乡镇(街道)": ("乡镇", "街道"), "功能区": ("功能区",), "村": ("村",), "社区": ("村",),
    "村（社区）": ("村",), "村(社区)": ("村",),
}  # fmt: skip
BOTH = "乡镇（街道）"


def level_words(levels: tuple[str, ...]) -> list[str]:
    """The levels as a profile writes them: 乡镇 and 街道 together as 乡镇（街道）."""
    if "乡镇" in levels and "街道" in levels:
        return [BOTH if lvl == "乡镇" else lvl for lvl in levels if lvl != "街道"]
    return list(levels)


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
        """The levels as one text (县、乡镇（街道）), "" for every level."""
        return "、".join(level_words(self.levels))

    @property
    def shown_number(self) -> Decimal | None:
        """The number as the office reads it (a ratio in ‰, the rest as proposed)."""
        if self.kind == "ratio" and self.number is not None:
            return self.number * 1000
        return self.number

    def set_number(self, value: Decimal) -> None:
        """Change the threshold (as :attr:`shown_number` shows it) and the parameter behind it.

        Raises:
            ValueError: a negative number, a fraction where a count is meant, or a kind
                without a number (a composite standard).
        """
        key = NUMBER_PARAMS.get(self.kind)
        if key is None or value < 0:
            raise ValueError(self.kind)
        old = self.shown_number
        if old is not None:
            self.title = self.title.replace(_plain(old), _plain(value), 1)
        if self.kind == "ratio":
            self.params["per_mille"] = value
            self.number = value / 1000
            return
        if self.kind == "training" and "min_days" in self.params:
            key = "min_days"
        whole = self.kind not in {"depot_area", "coverage"}
        if whole and value != value.to_integral_value():
            raise ValueError(self.kind)
        stored: int | Decimal = int(value) if whole else value
        if self.kind == "equipment_set":
            for item in self.params.get("items", []):
                if int(value) > 1:
                    item["min"] = int(value)
                else:
                    item.pop("min", None)
        else:
            self.params[key] = stored
        self.number = value

    def set_levels(self, text: str) -> None:
        """Change the levels from a text such as 县、乡镇（街道） (empty: every level).

        Raises:
            ValueError: a word that is not a level.
        """
        words = [w for w in re.split(r"[、,，\s]+", text.strip()) if w]
        unknown = [w for w in words if w not in LEVEL_WORDS]
        if unknown:
            raise ValueError(unknown[0])
        named = {level for word in words for level in LEVEL_WORDS[word]}
        self.levels = tuple(level for level in v.ORDER if level in named)


@dataclass(frozen=True)
class Skipped:
    """A clause with a number that is not proposed, and why."""

    line: int
    quote: str
    reason: str


def _plain(value: Decimal) -> str:
    """A number as the titles write it (20, 0.5)."""
    text = format(value.normalize(), "f")
    return text
