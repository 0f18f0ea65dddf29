"""整改 in the shortfall list and the annual report: remedy columns, 整改完成率 by town."""

from __future__ import annotations

from datetime import date

from sqlalchemy import update

from ledger.core.actor import Actor
from ledger.models import OrgUnit
from ledger.models.engine import Database
from ledger.norms.model import Finding
from ledger.reports.kinds import Kind, ReportRequest, render
from ledger.services.norms import remedies, shortfalls
from tests.reports.pdfcheck import TODAY, flat, layout_rows, pdf_text, row

PROFILE = "henan-2021-66"


def with_remedies(db: Database, actor: Actor) -> tuple[Finding, Finding]:
    """The county bound to Henan's plan; one finding with an open remedy, one overdue, and a
    problem rectified (its remedy's subject is no longer found)."""
    with db.transaction(actor) as s:
        s.execute(update(OrgUnit).where(OrgUnit.code == "410122").values(profile_id=PROFILE))
        findings = shortfalls.check(s, actor, on=TODAY).findings
        first, second = findings[0], findings[-1]
        assert first.unit_code != second.unit_code
        for finding, owner, due in (
            (first, "县应急局 李明", date(2026, 12, 31)),
            (second, "东村村委会 王芳", date(2026, 11, 1)),
        ):
            remedies.set_remedy(
                s,
                actor,
                unit=finding.unit_code,
                rule_id=finding.rule_id,
                subject=finding.subject,
                owner=owner,
                measure=f"落实{finding.rule_id}整改",
                due_on=due,
                on=date(2026, 10, 1),
            )
        remedies.set_remedy(
            s,
            actor,
            unit=second.unit_code,
            rule_id=second.rule_id,
            subject="已修好的对象",
            owner="东村村委会 王芳",
            measure="更换到期物资",
            due_on=date(2026, 11, 20),
            on=date(2026, 10, 1),
        )
    return first, second


def test_each_finding_shows_its_remedy_and_the_rate_by_town(county: Database, actor: Actor) -> None:
    first, _second = with_remedies(county, actor)
    with county.read() as s:
        data = render(s, actor, ReportRequest(Kind.SHORTFALLS), today=TODAY)
        found = shortfalls.check(s, actor, on=TODAY).findings
    count = len(found)
    in_town = sum(f.unit_code.startswith("410122100") for f in found)  # 城关镇 and 东村
    text, whole = pdf_text(data), flat(pdf_text(data))
    for header in ("整改措施", "责任单位", "时限", "状态", "整改完成率"):
        assert header in whole
    assert flat("县应急局 李明") in whole and "2026-12-31" in whole
    assert flat("落实" + first.rule_id + "整改") in whole
    assert "整改中" in whole and "逾期未整改" in whole and "未制定" in whole
    rows = layout_rows(data)
    # 问题总数, 已整改, 整改中, 逾期未整改, 未制定整改, 整改完成率 (one rectified, gone)
    total = [line for line in rows if line[0] == "合计"][1]
    assert total[1:] == [str(count + 1), "1", "1", "1", str(count - 2), f"{100 / (count + 1):.1f}%"]
    # the town's row counts its village's rectified problem: done 1 of its problems
    town = row(rows, "城关镇", f"{100 / (in_town + 1):.1f}%")
    assert town[1:3] == [str(in_town + 1), "1"]
    assert "已整改、本次检查不再检出的问题" in text
    assert flat("更换到期物资") in whole and "2026-11-25" in whole  # done on the check's date


def test_the_annual_report_has_the_rectification_summary(county: Database, actor: Actor) -> None:
    with_remedies(county, actor)
    with county.read() as s:
        text = flat(pdf_text(render(s, actor, ReportRequest(Kind.ANNUAL), today=TODAY)))
    assert "七、短板检查" in text and flat("整改完成率") in text
    assert flat("已整改、本次检查不再检出的问题") not in text  # the summary alone
