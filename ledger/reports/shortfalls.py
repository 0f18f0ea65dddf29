"""The shortfall report (应急能力短板问题清单): a summary by town and severity, then each unit's
findings (missing, short, overdue … in that order) with what is required, what there is, the
gap and where it comes from in words (document, section and quote; a draft plan says so; the
rule id in a narrow last column, the seed file's line not at all)."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import Level
from ledger.core.quantity import format_quantity
from ledger.norms.model import Finding, Severity
from ledger.reports.charts import add_charts, town_chart
from ledger.reports.layout import Orientation, Report, ReportMeta
from ledger.reports.remedies import REMEDY_COLUMNS, Remedies, remedy_cells, remedy_sections
from ledger.reports.tables import Align, Column, RowKind
from ledger.services import norms, reporting
from ledger.services.norms import review as review_remedies
from ledger.services.reporting import Scope, town_counts

if TYPE_CHECKING:
    from ledger.reports.kinds import ReportRequest

R, C = Align.RIGHT, Align.CENTER
TITLE = "应急能力短板问题清单"
UNBOUND_SHOWN = 30
TOWN_RANK = Level.TOWN.rank


def shortfall_report(
    session: Session,
    actor: Actor,
    scope: Scope,
    request: ReportRequest,
    today: date,
    printed_at: datetime,
) -> Report:
    """Check the norms on the request's date (today by default) and lay out what was found."""
    on = request.end or today
    unit = scope.unit_id
    result = norms.check(session, actor, on=on, unit=unit)
    name = reporting.scope_name(session, Scope(unit_id=unit))
    meta = ReportMeta(TITLE, name, f"检查日期：{on.isoformat()}", actor.name, printed_at)
    report = Report(meta, orientation=Orientation.LANDSCAPE)
    shortfall_sections(report, result, remedies=review_remedies(session, result), chart=True)
    report.signatures([("编制人", actor.name), ("审核人", ""), ("负责人（盖章）", "")])
    return report


def shortfall_sections(
    report: Report,
    result: norms.CheckResult,
    *,
    detail: bool = True,
    headings: bool = True,
    remedies: Remedies | None = None,
    since: date | None = None,
    chart: bool = False,
) -> None:
    """The summary and, with ``detail``, every unit's findings; the annual report uses the
    summary alone, under its own heading. With ``remedies``, the 整改 summary too (counting
    problems rectified from ``since``) and each finding's remedy. With ``chart``, the findings
    by town stacked by severity above the summary table (page 1)."""
    counts = Counter(f.severity for f in result.findings)
    plans = sorted({result.profiles.get(f.profile, f.profile) for f in result.findings})
    if headings:
        report.heading("一、总体情况")
    units_with = len({f.unit_id for f in result.findings})
    report.text(
        f"共检查 {len(result.units)} 个单位，{units_with} 个单位存在短板，"
        f"共 {len(result.findings)} 项："
        + "，".join(f"{s.label} {counts[s]} 项" for s in Severity)
        + "。"
        + (f"依据：{'；'.join(plans)}。" if plans else "")
    )
    if result.unbound:
        names = "、".join(result.unbound[:UNBOUND_SHOWN])
        more = f"等 {len(result.unbound)} 个" if len(result.unbound) > UNBOUND_SHOWN else ""
        report.text(f"未绑定规划、未作检查的单位：{names}{more}。请在组织机构中为其选择规划。")
    if result.unknown_profiles:
        report.text(f"绑定了未安装的规划：{'、'.join(result.unknown_profiles)}。")
    if chart and result.findings:
        add_charts(report, [town_chart(town_counts(result))], height_mm=62)
    _summary_table(report, result)
    if remedies is not None:
        remedy_sections(report, result, remedies, detail=detail, since=since)
    if not detail:
        return
    report.heading("二、各单位短板明细")
    if not result.findings:
        report.text("没有发现短板。")
    nodes = {u.id: u for u in result.units}
    by_unit: dict[object, list[Finding]] = {}
    for finding in result.findings:
        by_unit.setdefault(finding.unit_id, []).append(finding)
    for unit_id, findings in by_unit.items():
        node = nodes[unit_id]
        plan = result.profiles.get(findings[0].profile, findings[0].profile)
        report.heading(f"{node.name}（{node.code}，{node.level_label}）· {plan}")
        _findings_table(report, findings, remedies)


def _groups(result: norms.CheckResult) -> dict[object, norms.UnitNode]:
    """Each unit's summary row: itself down to town level; a village counts with its town
    when the check covers more than one town (a county's summary has a row per town)."""
    nodes = {u.id: u for u in result.units}
    rank = {u.id: Level.from_label(u.level_label).rank for u in result.units}
    top = min(rank.values(), default=0)
    group: dict[object, norms.UnitNode] = {}
    for node in result.units:
        current = node
        while top < TOWN_RANK and rank[current.id] > TOWN_RANK and current.parent_id in nodes:
            current = nodes[current.parent_id]
        group[node.id] = current
    return group


def _summary_table(report: Report, result: norms.CheckResult) -> None:
    severities = list(Severity)
    group = _groups(result)
    rolled_up = any(group[u.id].id != u.id for u in result.units)
    columns = [
        Column("单位" + ("（含所辖村、社区）" if rolled_up else ""), 44, grow=True),
        Column("级别", 14, C),
        Column("有短板单位", 20, R),
        *[Column(s.label, 14, R) for s in severities],
        Column("合计", 14, R),
    ]
    per_group: dict[object, Counter[Severity]] = {}
    units: dict[object, set[object]] = {}
    for finding in result.findings:
        head = group[finding.unit_id].id
        per_group.setdefault(head, Counter())[finding.severity] += 1
        units.setdefault(head, set()).add(finding.unit_id)
    rows, kinds = [], []
    for node in result.units:
        counts = per_group.get(node.id)
        if not counts:
            continue
        rows.append(
            [node.name, node.level_label, str(len(units[node.id]))]
            + [str(counts[s]) if counts[s] else "" for s in severities]
            + [str(sum(counts.values()))]
        )
        kinds.append(RowKind.NORMAL)
    total = Counter(f.severity for f in result.findings)
    with_findings = len({f.unit_id for f in result.findings})
    rows.append(
        ["合计", "", str(with_findings)]
        + [str(total[s]) for s in severities]
        + [str(len(result.findings))]
    )
    kinds.append(RowKind.TOTAL)
    report.table(columns, rows, kinds, label_span=2)


def _amount(value: Decimal | None, measure: str) -> str:
    return "—" if value is None else format_quantity(value, measure)


def _findings_table(
    report: Report, findings: list[Finding], remedies: Remedies | None = None
) -> None:
    columns = [
        Column("序号", 11, R),
        Column("短板问题", 84),
        Column("要求", 22, R),
        Column("现有", 22, R),
        Column("差距", 22, R),
        Column("程度", 13, C),
        Column("依据", 70, grow=True),
        *(REMEDY_COLUMNS if remedies is not None else ()),
        Column("规则", 20, C),
    ]
    rows = []
    for n, f in enumerate(findings, start=1):
        what = f.title + (f"：{f.subject}" if f.subject and f.subject != f.title else "")
        notes = [t for t in (f.detail, f.range_text and f"原文为{f.range_text}") if t]
        if f.severity is Severity.UPCOMING and f.effective:
            notes.insert(0, f"{f.effective.isoformat()} 起生效")
        if notes:
            what += f"（{'；'.join(notes)}）"
        rows.append(
            [
                str(n),
                what,
                _amount(f.required, f.measure),
                _amount(f.actual, f.measure),
                _amount(f.gap, f.measure),
                f.severity.label,
                f"{f.source_text}「{f.citation.quote}」",
                *(remedy_cells(f, remedies) if remedies is not None else ()),
                f.rule_id,
            ]
        )
    report.table(columns, rows)
