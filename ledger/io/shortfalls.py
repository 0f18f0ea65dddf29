"""The shortfall list as a workbook (短板问题清单.xlsx): every finding with its rectification
(整改) record, then the problems rectified that the check no longer finds."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ledger.core.enums import RemedyStatus
from ledger.io.tables import DATE, QUANTITY, TEXT, export_table
from ledger.norms.model import Finding, Rule
from ledger.services.norms import CheckResult, Key, RemedyRow, key_of, load_all

SHEET = "短板问题清单"
COLUMNS: tuple[tuple[str, str], ...] = (
    ("单位", TEXT),
    ("区划代码", TEXT),
    ("短板问题", TEXT),
    ("所涉对象", TEXT),
    ("程度", TEXT),
    ("要求", QUANTITY),
    ("现有", QUANTITY),
    ("差距", QUANTITY),
    ("计量单位", TEXT),
    ("规划", TEXT),
    ("出处", TEXT),
    ("规则编号", TEXT),
    ("整改措施", TEXT),
    ("责任单位/责任人", TEXT),
    ("整改时限", DATE),
    ("整改状态", TEXT),
    ("完成日期", DATE),
)
NO_REMEDY = "未制定"


def shortfall_rows(result: CheckResult, remedies: Mapping[Key, RemedyRow]) -> Iterator[list[Any]]:
    """One row per finding, then one per rectified problem no longer found."""
    for finding in result.findings:
        yield _finding_row(result, finding, remedies.get(key_of(finding)))
    found = {key_of(f) for f in result.findings}
    gone = [r for r in remedies.values() if r.status is RemedyStatus.DONE and r.key not in found]
    if gone:
        profiles, _, _ = load_all()
        rules = {r.id: (r, p.document) for p in profiles.values() for r in p.rules}
        for row in sorted(gone, key=lambda r: r.key):
            yield _gone_row(row, *rules.get(row.rule_id, (None, "")))


def _gone_row(row: RemedyRow, rule: Rule | None, document: str) -> list[Any]:
    """A rectified problem no longer found: its rule's words, no numbers (it is gone)."""
    title = rule.title if rule is not None else row.rule_id
    subject = row.subject if row.subject != title else ""
    cited = str(rule.citation) if rule is not None else ""
    head = [row.unit_name, row.unit_code, title, subject, "不再检出", None, None, None, ""]
    return [*head, document, cited, row.rule_id, *remedy_cells(row)]


def _finding_row(result: CheckResult, f: Finding, remedy: RemedyRow | None) -> list[Any]:
    cells: list[Any] = [
        f.unit_name,
        f.unit_code,
        f.title,
        f.subject if f.subject and f.subject != f.title else "",
        f.severity.label,
        f.required,
        f.actual,
        f.gap,
        f.measure,
        result.profiles.get(f.profile, f.profile),
        str(f.citation),
        f.rule_id,
    ]
    return cells + remedy_cells(remedy)


def remedy_cells(remedy: RemedyRow | None) -> list[Any]:
    """整改措施, 责任单位/责任人, 时限, 状态 and 完成日期 of a finding (未制定 without one)."""
    if remedy is None:
        return ["", "", None, NO_REMEDY, None]
    return [remedy.measure, remedy.owner, remedy.due_on, remedy.status.label, remedy.done_on]


def export_shortfalls(path: Path, result: CheckResult, remedies: Mapping[Key, RemedyRow]) -> int:
    """Write the shortfall list with its remedies to ``path``; return the number of rows."""
    headers = [h for h, _ in COLUMNS]
    kinds = [k for _, k in COLUMNS]
    return export_table(Path(path), headers, shortfall_rows(result, remedies), kinds, title=SHEET)
