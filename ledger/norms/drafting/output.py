"""A draft as JSON proposals and as a profile TOML that ``ledger profiles --add`` accepts."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from ledger.norms.drafting.head import Head
from ledger.norms.drafting.model import Proposal, Skipped, level_words
from ledger.norms.model import Profile
from ledger.norms.schema import parse_profile

PREFIX = {"team_headcount": "T", "team_exists": "T", "coverage": "T", "ratio": "T", "posts": "T",
          "equipment_set": "E", "depot_exists": "M", "depot_area": "M", "reserve": "M",
          "drills": "I", "training": "I", "composite": "F"}  # fmt: skip
HYGIENE = """
[[rule]]
id = "L-EXPIRY"
kind = "expired_stock"
title = "过期、临期物资"
warn_days = 30
citation = { section = "台账规范（非规划条款）", quote = "物资应在有效期内使用、及时轮换" }

[[rule]]
id = "L-MAINT"
kind = "maintenance"
title = "装备保养逾期"
citation = { section = "台账规范（非规划条款）", quote = "装备应按保养周期保养" }

[[rule]]
id = "L-CERT"
kind = "certificates"
title = "队员证书过期"
warn_days = 30
citation = { section = "台账规范（非规划条款）", quote = "队员所持证书应在有效期内" }

[[rule]]
id = "L-MIN"
kind = "office_minimum"
title = "低于本单位设定的最低库存"
citation = { section = "本单位设定（非规划条款）", quote = "各仓库最低库存由本单位设定" }
"""


@dataclass
class Draft:
    """A plan read and its proposals: the head, the proposals and the skipped numeric clauses."""

    source: str
    head: Head
    proposals: list[Proposal]
    skipped: list[Skipped]

    @property
    def effective(self) -> date:
        """When the plan's tasks take effect: its date, else the start of its five years."""
        return self.head.date or date(self.head.horizon.year - 4, 1, 1)


def _json_number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def proposal_json(
    proposal: Proposal, rule_id: str = "", plan_date: date | None = None
) -> dict[str, Any]:
    """One proposal as the JSON of ``ledger profiles --draft --format json``.

    ``effective`` is the proposal's own date (targets, projects) or else ``plan_date``.
    """
    effective = proposal.effective or plan_date
    return {
        "id": rule_id,
        "line": proposal.line,
        "quote": proposal.quote,
        "kind": proposal.kind,
        "level": proposal.level,
        "levels": level_words(proposal.levels),
        "number": _json_number(proposal.number),
        "unit": proposal.unit,
        "subject": proposal.subject,
        "condition": proposal.condition,
        "flags_any": list(proposal.flags_any),
        "flags_none": list(proposal.flags_none),
        "title": proposal.title,
        "section": proposal.section,
        "effective": effective.isoformat() if effective else None,
        "range_text": proposal.range_text,
        "params": {k: _plain(v) for k, v in proposal.params.items()},
        "unmatched": list(proposal.unmatched),
        "note": proposal.note,
    }


def draft_json(draft: Draft) -> list[dict[str, Any]]:
    """The accepted proposals as JSON objects, each with its rule id."""
    return [proposal_json(p, rid, draft.effective) for rid, p in numbered(draft)]


def skipped_json(draft: Draft) -> list[dict[str, Any]]:
    """The skipped numeric clauses as JSON objects."""
    return [{"line": s.line, "quote": s.quote, "reason": s.reason} for s in draft.skipped]


def numbered(draft: Draft) -> list[tuple[str, Proposal]]:
    """Accepted proposals with rule ids D-T1, D-E1 … by kind group, in line order."""
    counts: dict[str, int] = {}
    result = []
    for proposal in draft.proposals:
        if not proposal.accepted:
            continue
        prefix = PREFIX.get(proposal.kind, "R")
        counts[prefix] = counts.get(prefix, 0) + 1
        result.append((f"D-{prefix}{counts[prefix]}", proposal))
    return result


def profile_id(draft: Draft) -> str:
    """An id for the profile from its number's year and serial (else ``draft-<year>``)."""
    found = re.search(r"〔(\d{4})〕(\d+)号", draft.head.number)
    if found:
        return f"plan-{found.group(1)}-{found.group(2)}"
    return f"draft-{draft.effective.year}"


def draft_toml(draft: Draft, pid: str = "") -> str:
    """The accepted proposals as a profile file (hygiene rules L-… added)."""
    head = draft.head
    out = [
        f"# 由规划文本“{draft.source}”起草的规划（请逐条核对后安装）",
        "",
        "[profile]",
        f"id = {_q(pid or profile_id(draft))}",
        f"name = {_q(head.title or draft.source)}",
        f"issuer = {_q(head.issuer or '未署发文机关')}",
        f"number = {_q(head.number)}",
    ]
    if head.date:
        out.append(f"date = {head.date.isoformat()}")
    out += [
        f"effective = {draft.effective.isoformat()}",
        f"source = {_q(draft.source)}",
        f"region = {_q(head.region)}",
    ]
    if not head.date:
        out.append(f"note = {_q('规划未署日期：任务类条款自“十四五”开局起检查，请核对。')}")
    for rid, proposal in numbered(draft):
        out += ["", "[[rule]]", f"id = {_q(rid)}", f"kind = {_q(proposal.kind)}"]
        out.append(f"title = {_q(proposal.title[:60])}")
        if proposal.levels:
            out.append(f"levels = {_list(level_words(proposal.levels))}")
        if proposal.flags_any:
            out.append(f"flags_any = {_list(proposal.flags_any)}")
        if proposal.flags_none:
            out.append(f"flags_none = {_list(proposal.flags_none)}")
        if proposal.effective:
            out.append(f"effective = {proposal.effective.isoformat()}")
        if proposal.range_text:
            out.append(f"range_text = {_q(proposal.range_text)}")
        if proposal.note:
            out.append(f"note = {_q(proposal.note)}")
        source = f"{draft.source}:{proposal.line}"
        quote = proposal.quote if len(proposal.quote) <= 120 else proposal.quote[:118] + "…"
        section = proposal.section or "正文"
        out.append(
            f"citation = {{ section = {_q(section)}, quote = {_q(quote)}, source = {_q(source)} }}"
        )
        for key, value in proposal.params.items():
            if key == "child_levels":
                value = level_words(tuple(value))
            out.append(f"{key} = {_value(value)}")
    out.append(HYGIENE)
    if draft.skipped:
        out.append("# 未采用的数字条款（行号：原因：原文）")
        for item in draft.skipped:
            quote = item.quote.replace("\n", " ")[:80]
            out.append(f"# {item.line}：{item.reason}：{quote}")
    return "\n".join(out) + "\n"


def validate(text: str, name: str) -> Profile:
    """Read the TOML through the profile schema (raises ProfileInvalid as ``--add`` would)."""
    return parse_profile(tomllib.loads(text), name=name)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return _json_number(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", " ") + '"'


def _list(values: Any) -> str:
    return "[" + ", ".join(_value(v) for v in values) + "]"


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return str(_json_number(value))
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return _q(value)
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list | tuple):
        if value and isinstance(value[0], dict):
            return "[\n" + "".join(f"  {_value(v)},\n" for v in value) + "]"
        return _list(value)
    raise TypeError(type(value))
