"""The shortfall list as a workbook: each finding with its remedy, then problems rectified."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from ledger.core.actor import Actor
from ledger.core.enums import Level
from ledger.io.shortfalls import COLUMNS, SHEET, export_shortfalls
from ledger.models import OrgUnit
from ledger.models.engine import Database
from ledger.services.norms import remedies
from ledger.services.norms.shortfalls import check

ON = date(2026, 6, 1)


def test_every_finding_with_its_remedy_and_the_rectified_problems(
    db: Database, actor: Actor, tmp_path: Path
) -> None:
    with db.transaction(actor) as s:
        county = OrgUnit(
            code="140930", name="河曲县", level=Level.COUNTY, population=10_000,
            profile_id="hequ-2023-25",
        )  # fmt: skip
        s.add_all(
            [county, OrgUnit(code="140930101", name="文笔镇", level=Level.TOWN, parent=county)]
        )
        s.flush()
        findings = check(s, actor, on=ON).findings
        first = findings[0]
        for subject, measure in ((first.subject, "组建专职消防队"), ("旧问题", "已补齐")):
            remedies.set_remedy(
                s, actor, unit=first.unit_code, rule_id=first.rule_id, subject=subject,
                owner="县消防救援大队", measure=measure, due_on=date(2026, 12, 31), on=ON,
            )  # fmt: skip
        result = check(s, actor, on=ON)
        shown = remedies.settle(s, actor, result)
    path = tmp_path / "短板.xlsx"
    assert export_shortfalls(path, result, shown) == len(findings) + 1
    sheet = load_workbook(path)[SHEET]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == [h for h, _ in COLUMNS]
    head = dict(zip(rows[0], rows[1], strict=True))
    assert (head["单位"], head["规则编号"]) == ("河曲县", first.rule_id)
    assert head["程度"] == first.severity.label
    assert head["要求"] == (float(first.required) if first.required is not None else None)
    assert (head["整改措施"], head["责任单位/责任人"], head["整改状态"]) == (
        "组建专职消防队",
        "县消防救援大队",
        "整改中",
    )
    assert head["整改时限"].date() == date(2026, 12, 31)
    assert all(dict(zip(rows[0], r, strict=True))["整改状态"] == "未制定" for r in rows[2:-1])
    gone = dict(zip(rows[0], rows[-1], strict=True))
    assert (gone["所涉对象"], gone["程度"], gone["整改状态"]) == ("旧问题", "不再检出", "已整改")
    assert gone["完成日期"].date() == ON and gone["要求"] is None
    assert (gone["短板问题"], gone["出处"]) == (first.title, str(first.citation))
    assert gone["规划"] == result.profiles[first.profile]
    assert Decimal(str(head["差距"])) == first.gap
