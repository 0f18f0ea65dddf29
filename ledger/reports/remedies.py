"""The rectification part (整改) of the shortfall and annual reports: each finding's remedy
columns, the 整改完成率 by town, and the problems already rectified (no longer found)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from ledger.core.enums import Level, RemedyStatus
from ledger.norms.model import Finding
from ledger.reports.layout import Report
from ledger.reports.tables import Align, Column, RowKind
from ledger.services import norms
from ledger.services.norms import Key, RemedyRow, key_of, load_all

R, C = Align.RIGHT, Align.CENTER
Remedies = dict[Key, RemedyRow]
#: The columns each finding of the shortfall list gets.
REMEDY_COLUMNS = (
    Column("整改措施", 32),
    Column("责任单位", 22),
    Column("时限", 28, C),
    Column("状态", 20, C),
)
NO_REMEDY = "未制定"
TOWN_RANK = Level.TOWN.rank


def remedy_cells(finding: Finding, remedies: Remedies) -> list[str]:
    """A finding's 整改措施, 责任单位, 时限 and 状态 (未制定 when it has no remedy)."""
    row = remedies.get(key_of(finding))
    if row is None:
        return ["", "", "", NO_REMEDY]
    return [row.measure, row.owner, row.due_on.isoformat(), status_text(row)]


def status_text(row: RemedyRow) -> str:
    """The status, with the date when done."""
    if row.done_on is not None:
        return f"{row.status.label} {row.done_on.isoformat()}"
    return row.status.label


def remedy_sections(
    report: Report,
    result: norms.CheckResult,
    remedies: Remedies,
    *,
    detail: bool = True,
    since: date | None = None,
) -> None:
    """The 整改完成率 by town and, with ``detail``, the problems rectified and no longer
    found; ``since`` leaves out those rectified before it (the annual report counts its
    year)."""
    fixed = [
        r
        for r in remedies.values()
        if r.status is RemedyStatus.DONE and (since is None or (r.done_on or since) >= since)
    ]
    found = {key_of(f) for f in result.findings}
    gone = [r for r in fixed if r.key not in found]
    report.text(
        "整改情况（整改完成率 = 已整改问题数 ÷ 问题总数；问题总数含已整改、不再检出的问题）："
    )
    _rate_table(report, result, remedies, gone, towns(result))
    if detail and gone:
        report.text("已整改、本次检查不再检出的问题：")
        _fixed_table(report, gone)


def towns(result: norms.CheckResult) -> dict[object, norms.UnitNode]:
    """Each checked unit's row of the rate table: a village counts with its town, a town,
    zone or county is its own row."""
    nodes = {u.id: u for u in result.units}
    group: dict[object, norms.UnitNode] = {}
    for node in result.units:
        current = node
        while Level.from_label(current.level_label).rank > TOWN_RANK and (
            current.parent_id in nodes
        ):
            current = nodes[current.parent_id]
        group[node.id] = current
    return group


def _rate_table(
    report: Report,
    result: norms.CheckResult,
    remedies: Remedies,
    gone: list[RemedyRow],
    groups: dict[object, norms.UnitNode],
) -> None:
    by_code = {u.code: u.id for u in result.units}
    counts: dict[object, Counter[str]] = {}
    for finding in result.findings:
        row = remedies.get(key_of(finding))
        state = row.status.value if row else "none"
        counts.setdefault(groups[finding.unit_id].id, Counter()).update(["all", state])
    for row in gone:
        counts.setdefault(groups[by_code[row.unit_code]].id, Counter()).update(["all", "done"])
    rolled_up = any(groups[u.id].id != u.id for u in result.units)
    columns = [
        Column("单位" + ("（含所辖村、社区）" if rolled_up else ""), 44, grow=True),
        Column("问题总数", 18, R),
        Column("已整改", 16, R),
        Column("整改中", 16, R),
        Column("逾期未整改", 20, R),
        Column("未制定整改", 20, R),
        Column("整改完成率", 20, R),
    ]
    rows, kinds = [], []
    total: Counter[str] = Counter()
    for node in result.units:
        if node.id in counts:
            rows.append([node.name, *_rate_cells(counts[node.id])])
            kinds.append(RowKind.NORMAL)
            total.update(counts[node.id])
    rows.append(["合计", *_rate_cells(total)])
    kinds.append(RowKind.TOTAL)
    report.table(columns, rows, kinds)


def _rate_cells(counts: Counter[str]) -> list[str]:
    states = ("done", "open", "overdue", "none")
    rate = f"{counts['done'] * 100 / counts['all']:.1f}%" if counts["all"] else "—"
    return [str(counts["all"]), *(str(counts[s]) for s in states), rate]


def _fixed_table(report: Report, gone: list[RemedyRow]) -> None:
    profiles, _, _ = load_all()
    titles = {r.id: r.title for p in profiles.values() for r in p.rules}
    columns = [
        Column("单位", 30),
        Column("短板问题", 60, grow=True),
        Column("整改措施", 60),
        Column("责任单位", 30),
        Column("时限", 20, C),
        Column("完成日期", 20, C),
    ]
    rows = []
    for r in sorted(gone, key=lambda x: x.key):
        title = titles.get(r.rule_id, r.rule_id)
        what = title + (f"：{r.subject}" if r.subject and r.subject != title else "")
        done = r.done_on.isoformat() if r.done_on else ""
        rows.append(
            [r.unit_name, f"{what}（{r.rule_id}）", r.measure, r.owner, r.due_on.isoformat(), done]
        )
    report.table(columns, rows)
