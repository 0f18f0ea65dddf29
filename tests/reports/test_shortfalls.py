"""The shortfall report: summary by unit and severity, findings by unit with their citations."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import update

from ledger.core.actor import Actor
from ledger.models import OrgUnit
from ledger.models.engine import Database
from ledger.norms.model import Severity
from ledger.reports.kinds import Kind, ReportRequest, render
from ledger.services.norms import shortfalls
from tests.reports.pdfcheck import TODAY, flat, layout_rows, pdf_text

PROFILE = "henan-2021-66"


def bind(db: Database, actor: Actor) -> None:
    with db.transaction(actor) as s:
        s.execute(update(OrgUnit).where(OrgUnit.code == "410122").values(profile_id=PROFILE))


def test_findings_are_printed_by_unit_with_numbers_and_citations(
    county: Database, actor: Actor
) -> None:
    bind(county, actor)
    with county.read() as s:
        result = shortfalls.check(s, actor, on=TODAY)
        data = render(s, actor, ReportRequest(Kind.SHORTFALLS), today=TODAY)
    assert result.findings, "the small county should fall short of the Henan plan"
    text = pdf_text(data)
    whole = flat(text)
    assert "应急能力短板问题清单" in text and "检查日期：2026-11-25" in text
    assert "一、总体情况" in text and "二、各单位短板明细" in text
    counts = Counter(f.severity for f in result.findings)
    assert f"共 {len(result.findings)} 项" in text
    assert f"缺失 {counts[Severity.MISSING]} 项" in text
    total = next(line for line in layout_rows(data) if line[0] == "合计")
    assert total[-1] == str(len(result.findings))
    units = {f.unit_name for f in result.findings}
    for finding in result.findings:
        assert finding.rule_id in whole
        assert flat(finding.citation.quote)[:12] in whole
    for name in units:
        assert f"{name}（" in text
    assert flat("河南省") in whole  # the plan named in the summary and each unit's heading
    assert flat("豫政〔2021〕66号 三、主要任务") in whole  # the document and section, in words
    assert "002:" not in whole  # the seed file's line is not for users


def test_nothing_bound_says_so_and_names_the_units(county: Database, actor: Actor) -> None:
    with county.read() as s:
        text = pdf_text(render(s, actor, ReportRequest(Kind.SHORTFALLS), today=TODAY))
    assert "没有发现短板" in text
    assert "未绑定规划、未作检查的单位：青山县、城关镇、东村" in text


def test_a_draft_plans_findings_say_so_and_waiting_ones_are_counted_per_town(
    county: Database, actor: Actor
) -> None:
    with county.transaction(actor) as s:
        s.execute(
            update(OrgUnit).where(OrgUnit.code == "410122").values(profile_id="xingyang-draft")
        )
    with county.read() as s:
        result = shortfalls.check(s, actor, on=TODAY)
        data = render(s, actor, ReportRequest(Kind.SHORTFALLS), today=TODAY)
    whole = flat(pdf_text(data))
    waiting = [f for f in result.findings if f.severity is Severity.UNCONFIRMED]
    assert waiting, "a town's 应急管理委员会 waits on the office"
    own = [f for f in result.findings if "非规划条款" in f.citation.section]
    assert whole.count(flat("（征求意见稿）荥阳市")) >= len(result.findings) - len(own)
    rows = layout_rows(data)
    header = next(line for line in rows if "单位" in line[0] and "待确认" in line)
    assert header[3 : 3 + len(Severity)] == [s.label for s in Severity]
    total = next(line for line in rows if line[0] == "合计")
    counts = Counter(f.severity for f in result.findings)
    assert total[2 : 2 + len(Severity)] == [str(counts[s]) for s in Severity]
    assert any(line[0] == "城关镇" for line in rows)  # a row per town


def test_the_shortfall_list_ends_in_the_approval_block(county, actor) -> None:
    from ledger.reports.kinds import Kind, ReportRequest, render
    from tests.reports.pdfcheck import pdf_text

    with county.read() as s:
        text = pdf_text(render(s, actor, ReportRequest(Kind.SHORTFALLS)))
    for label in ("编制人：", "审核人：", "负责人（盖章）："):
        assert label in text
