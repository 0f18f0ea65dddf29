"""``ledger check``: evaluate the norm profiles and print the findings (短板) as text or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ledger.commands.common import actor_of, open_db, subcommand
from ledger.commands.remedy import remedy_json, remedy_text
from ledger.core.enums import Level
from ledger.core.errors import InvalidValue
from ledger.core.quantity import format_quantity
from ledger.norms.model import Finding, Severity
from ledger.services import norms
from ledger.services.norms import RemedyRow


def level_word(node: norms.UnitNode) -> str:
    """The unit's own level word: 社区 for a village-level unit named …社区."""
    village = Level.VILLAGE.label
    if node.level_label == village and node.name.endswith("社区"):
        return "社区"
    return node.level_label


def register(sub: Any) -> None:
    """Add ``ledger check``."""
    parser = subcommand(sub, "check", "按规划检查各单位的短板并列出", run)
    parser.add_argument("--profile", help="按此规划检查全部单位（默认：各单位按其绑定的规划）")
    parser.add_argument("--date", help="检查日期 YYYY-MM-DD（默认：今天）")
    parser.add_argument("--unit", help="只检查此单位（区划代码）及其下级")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")
    parser.add_argument("--xlsx", metavar="FILE.xlsx", help="另把短板问题清单（含整改）存为工作簿")


def run(args: argparse.Namespace) -> int:
    """Run the check and print it; findings are not a failure (exit 0)."""
    on = _date(args.date) if args.date else None
    actor = actor_of(args)
    db = open_db(args)
    try:
        # one action: the check, and the remedies it settles (整改: no longer found = done)
        with db.transaction(actor) as session:
            result = norms.check(session, actor, on=on, profile_id=args.profile, unit=args.unit)
            shown = norms.settle(session, actor, result)
    finally:
        db.dispose()
    if args.xlsx:
        from ledger.io.shortfalls import export_shortfalls  # openpyxl only when asked

        rows = export_shortfalls(Path(args.xlsx), result, shown)
        sys.stderr.write(f"短板问题清单已保存到：{args.xlsx}（{rows} 行）\n")
    if args.format == "json":
        found = [finding_json(x, shown.get(norms.key_of(x))) for x in result.findings]
        json.dump(found, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_text(result, shown))
    return 0


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidValue(
            where="命令行", field="--date", value=text, reason="应为 YYYY-MM-DD"
        ) from None


def number(value: Decimal | None) -> int | float | None:
    """A decimal as a JSON number: an integer when it is whole."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def finding_json(finding: Finding, remedy: RemedyRow | None = None) -> dict[str, Any]:
    """A finding as the JSON object ``ledger check --format json`` prints (with its
    rectification record, when it has one)."""
    found: dict[str, Any] = {
        "unit_code": finding.unit_code,
        "unit_name": finding.unit_name,
        "rule_id": finding.rule_id,
        "kind": finding.kind,
        "title": finding.title,
        "subject": finding.subject,
        "required": number(finding.required),
        "actual": number(finding.actual),
        "gap": number(finding.gap),
        "measure": finding.measure,
        "severity": finding.severity.value,
        "profile": finding.profile,
        "citation": {
            "section": finding.citation.section,
            "quote": finding.citation.quote,
            "source": finding.citation.source,
        },
        "detail": finding.detail,
        "range_text": finding.range_text,
        "effective": finding.effective.isoformat() if finding.effective else None,
        "draft": finding.draft,
        "document": finding.document,
    }
    if remedy is not None:
        found["remedy"] = remedy_json(remedy)
    return found


def _amount(value: Decimal | None, measure: str) -> str:
    return "—" if value is None else format_quantity(value, measure)


def numbers(finding: Finding) -> str:
    """Required, actual and gap in words; hygiene findings (no requirement) say what there is."""
    m = finding.measure
    if finding.required is not None:
        return (
            f"要求 {_amount(finding.required, m)}，现有 {_amount(finding.actual, m)}，"
            f"差 {_amount(finding.gap, m)}"
        )
    if finding.actual is not None:
        return f"数量 {_amount(finding.actual, m)}"
    if finding.gap is not None:
        word = "逾期" if finding.severity is Severity.OVERDUE else "还剩"
        return f"{word} {_amount(finding.gap, m)}"
    return "尚不能计算"


def finding_line(finding: Finding) -> str:
    """One finding as two lines of text: what is wrong, then where the rule comes from (the
    document and section in words, the rule id last; the seed file's line is not shown)."""
    what = finding.title
    if finding.subject and finding.subject != finding.title:
        what += f"：{finding.subject}"
    ranged = f"规划原文为{finding.range_text}" if finding.range_text else ""
    extra = "；".join(t for t in (ranged, finding.detail) if t)
    if finding.severity is Severity.UPCOMING and finding.effective:
        extra = f"{finding.effective.isoformat()} 起生效" + (f"；{extra}" if extra else "")
    return (
        f"  [{finding.severity.label}] {what} —— {numbers(finding)}"
        + (f"（{extra}）" if extra else "")
        + f"\n      出处：{finding.source_text}「{finding.citation.quote}」"
        + f"（规则 {finding.rule_id}）\n"
    )


def render_text(result: norms.CheckResult, shown: dict[norms.Key, RemedyRow] | None = None) -> str:
    """The whole check as text: findings grouped by unit, then counts and binding problems."""
    basis = result.profiles.get(result.profile_id or "", "") or "各单位绑定的规划"
    out = [f"短板检查 {result.on.isoformat()}　依据：{basis}\n"]
    names = {u.id: u for u in result.units}
    current = None
    for finding in result.findings:
        if finding.unit_id != current:
            current = finding.unit_id
            node = names[finding.unit_id]
            plan = result.profiles.get(finding.profile, finding.profile)
            out.append(f"\n{node.name}（{node.code}，{level_word(node)}）· {plan}\n")
        out.append(finding_line(finding))
        remedy = (shown or {}).get(norms.key_of(finding))
        if remedy is not None:
            out.append(f"      整改：{remedy_text(remedy)}\n")
    if not result.findings:
        out.append("\n没有发现短板。\n")
    counts = Counter(f.severity for f in result.findings)
    out.append("\n合计：" + "，".join(f"{s.label} {counts[s]}" for s in Severity) + "\n")
    if result.unbound:
        out.append(f"未绑定规划的单位（{len(result.unbound)}个）：{'、'.join(result.unbound)}\n")
    if result.unknown_profiles:
        out.append(f"绑定了未安装的规划：{'、'.join(result.unknown_profiles)}\n")
    return "".join(out)
