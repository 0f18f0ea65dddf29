"""Charts on paper: on page 1 of the shortfall list, the annual report and the inventory, with
the numbers of the tables they summarise."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import update

from ledger.core.actor import Actor
from ledger.core.enums import Category
from ledger.models import OrgUnit
from ledger.models.engine import Database
from ledger.reports.charts import inventory_stock, stock_chart, town_chart
from ledger.reports.kinds import Kind, ReportRequest, render
from ledger.services.norms import shortfalls
from ledger.services.reporting import stock as reporting
from ledger.services.reporting.dashboard import town_counts
from ledger.services.reporting.stock import GroupBy, Scope
from tests.reports.pdfcheck import TODAY, layout_rows, pdf_text, pdffonts

PROFILE = "henan-2021-66"


def pages(data: bytes) -> list[str]:
    return pdf_text(data).split("\f")


def test_the_shortfall_list_opens_with_findings_by_town(county: Database, actor: Actor) -> None:
    with county.transaction(actor) as s:
        s.execute(update(OrgUnit).where(OrgUnit.code == "410122").values(profile_id=PROFILE))
    with county.read() as s:
        result = shortfalls.check(s, actor, on=TODAY)
        data = render(s, actor, ReportRequest(Kind.SHORTFALLS), today=TODAY)
    first = pages(data)[0]
    assert "各乡镇短板（按严重程度）" in first
    chart = town_chart(town_counts(result))
    assert chart.stacked and sum(sum(v) for _n, v, _c in chart.series) == len(result.findings)
    rows = layout_rows(data)
    for number, town in enumerate(chart.categories):
        assert town in first
        printed = next(ln for ln in rows if ln[0] == town and len(ln) > 2)  # the summary row
        assert printed[-1] == str(int(sum(v[number] for _n, v, _c in chart.series)))


def test_no_findings_no_chart(county: Database, actor: Actor) -> None:
    with county.read() as s:
        text = pdf_text(render(s, actor, ReportRequest(Kind.SHORTFALLS), today=TODAY))
    assert "各乡镇短板" not in text and "没有发现短板" in text


def test_the_annual_report_opens_with_the_home_pages_charts(
    county: Database, actor: Actor, tmp_path: Path
) -> None:
    with county.transaction(actor) as s:
        s.execute(update(OrgUnit).where(OrgUnit.code == "410122").values(profile_id=PROFILE))
    with county.read() as s:
        data = render(s, actor, ReportRequest(Kind.ANNUAL), today=TODAY)
    first = pages(data)[0]
    for title in ("各乡镇短板（按严重程度）", "库存物资品种（按类别）",
                  "队伍人数与规划最低人数（按级别）", "到期批次（2026-11 至 2027-10）",
                  "到期保养，台（套）（2026-11 至 2027-10）"):  # fmt: skip
        assert title in first, title
    assert "一、基本情况" in pdf_text(data)
    path = tmp_path / "annual.pdf"
    path.write_bytes(data)
    fonts = pdffonts(path)
    assert "Helvetica" not in fonts  # the charts' labels are in the embedded Chinese font


def test_the_inventory_charts_its_categories(county: Database, actor: Actor) -> None:
    request = ReportRequest(Kind.INVENTORY, group_by=GroupBy.CATEGORY)
    with county.read() as s:
        data = render(s, actor, request, today=TODAY)
        inv = reporting.inventory(s, Scope(), on=None, by=GroupBy.CATEGORY)
    first = pages(data)[0]
    assert "库存物资品种（按类别）" in first
    stock = inventory_stock([line for group in inv.groups for line in group.lines])
    chart = stock_chart(stock)
    assert dict(zip(chart.categories, chart.values("品种"), strict=True)) == {
        g.title: float(g.items) for g in inv.groups
    }
    assert {c.category for c in stock} == {Category.FLOOD}  # 救生衣's receipt was reversed
