"""Where a clause applies: its levels, the conditions on units, and the proposal it makes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ledger.norms.drafting import vocab as v
from ledger.norms.drafting.head import Head
from ledger.norms.drafting.model import Proposal
from ledger.norms.drafting.outline import Place

ENCOURAGED = re.compile(r"鼓励|支持|引导|倡导")

BASELINE = re.compile(r"十三五|已建成|已组建|现有|累计|共有|截至|截止")


@dataclass
class Clause:
    """One clause (between 。 and ；) of a line, with what comes before it."""

    line: int
    text: str
    sentence: str
    place: Place
    inherited: tuple[str, ...]


def levels_in(text: str, head: Head) -> tuple[str, ...]:
    """The levels the words of ``text`` name (市 as 县 in a county-level city's plan)."""
    found = town_levels(text)
    text = re.sub(r"县[（(]市、区[）)]", "县级", v.NOT_LEVELS.sub("", text))
    for pattern, _ in v.CONDITIONS:
        text = re.sub(pattern, "", text)
    for pattern, level in v.LEVELS:
        if re.search(pattern, text.strip("，, ")):
            if level == "市" and head.county_city:
                level = "县"
            found.add(level)
    if "各级政府" in text or ("各级" in text and not found):
        found |= {lvl for lvl in ("省", "市", "县") if _rank(lvl) >= _rank(head.level)}
    return tuple(lvl for lvl in v.ORDER if lvl in found)


def town_levels(text: str) -> set[str]:
    """乡镇 and/or 街道 as ``text`` names them (see :data:`v.TOWN_LEVELS`).

    A plain 乡镇 is the whole tier (both), unless the text names towns as such (其他乡镇,
    重点镇 …): then it is those towns.
    """
    named_towns = bool(v.TOWN_FLAGS.search(text))
    text = v.NOT_LEVELS.sub("", text)
    found: set[str] = set()
    for pattern, levels in v.TOWN_LEVELS:
        if re.search(pattern, text):
            found.update(levels)
            named_towns = named_towns or levels == ("乡镇",)
            text = re.sub(pattern, "□", text)
    if re.search(v.PLAIN_TOWNS, text):
        found.update(("乡镇",) if named_towns else v.TOWNS_AND_STREETS)
    return found


def _rank(level: str) -> int:
    return v.ORDER.index(level)


def flags_in(text: str) -> tuple[str, ...]:
    """The unit flags the conditions in ``text`` stand for."""
    found = []
    for pattern, flag in v.CONDITIONS:
        if re.search(pattern, text) and flag not in found:
            found.append(flag)
    return tuple(found)


def condition_words(text: str) -> str | None:
    """The plan's own words for the conditions in ``text`` (承担森林防灭火任务 …)."""
    words = []
    for pattern, _ in v.CONDITIONS:
        match = re.search(pattern, text)
        if match and match.group(0) not in words:
            words.append(match.group(0))
    return "、".join(words) or None


@dataclass
class Where:
    """Levels, flags and the condition's words for one match."""

    levels: tuple[str, ...]
    flags_any: tuple[str, ...]
    flags_none: tuple[str, ...]
    condition: str | None


def locate(clause: Clause, head: Head, start: int, end: int, scope_start: int = 0) -> Where:
    """Levels, flags and condition of the match at ``start:end`` of the clause."""
    text = clause.text
    comma = max(text.rfind(c, 0, start) for c in "，,") + 1
    near = text[comma:end]
    scope = text[scope_start:end]
    flags = flags_in(scope)
    flags_none: tuple[str, ...] = ()
    if re.search(r"其他(乡镇|县|村)", scope) and not flags:
        earlier = flags_in(text[:scope_start])
        flags_none = earlier
    levels = levels_in(near, head) or levels_in(scope, head)
    section_flags = () if flags else flags_in(clause.place.section.split("）")[-1])
    if not levels and not flags and not section_flags:
        levels = clause.inherited or row_levels(clause.place, head) or (head.level,)
    condition = condition_words(scope) if flags else None
    if section_flags and not levels:
        flags = section_flags
        condition = condition_words(clause.place.section.split("）")[-1])
    if flags_none:
        condition = "非" + (condition_words(text[:scope_start]) or "")
    return Where(levels, flags, flags_none, condition)


def row_levels(place: Place, head: Head) -> tuple[str, ...]:
    """The levels of the 专栏 row the line stands in (市级, 乡级 …), if any."""
    if not place.row_level:
        return ()
    return levels_in(place.row_level, head)


def propose(clause: Clause, head: Head, where: Where, **fields: object) -> Proposal:
    """A proposal of the clause, dated by its place (目标 and 工程: the horizon)."""
    category = clause.place.category
    effective = head.horizon if category in {"目标", "工程"} else None
    return Proposal(
        line=clause.line,
        quote=clause.text.strip(),
        levels=where.levels,
        flags_any=where.flags_any,
        flags_none=where.flags_none,
        condition=where.condition,
        section=clause.place.section,
        category=category,
        effective=effective,
        **fields,  # type: ignore[arg-type]
    )


def team_filters(phrase: str) -> dict[str, object]:
    """Team types and natures the words of a team's phrase name."""
    types = [label for pattern, label in v.TEAM_TYPES if re.search(pattern, phrase)]
    if "消防" in types and len(types) > 1 and "综合" in types:
        types.remove("消防")
    params: dict[str, object] = {}
    if types:
        params["team_types"] = types
    if re.search(r"专（兼）职|专\(兼\)职|专兼职", phrase):
        params["natures"] = ["专职", "兼职"]
    elif "兼职" in phrase:
        params["natures"] = ["兼职"]
    elif "专职" in phrase:
        params["member_natures" if "消防" in phrase else "natures"] = ["专职"]
    return params
