"""The year's report offices send by 10 January: every section, its figures from the year."""

from __future__ import annotations

from datetime import date

from ledger.core.actor import Actor
from ledger.models.engine import Database
from ledger.reports.kinds import Kind, ReportRequest, render
from ledger.services.closing import periods
from tests.reports.pdfcheck import TODAY, flat, layout_rows, pdf_text, row
from tests.scenario import given


def annual(db: Database, actor: Actor, today: date = TODAY, **kw: object) -> bytes:
    with db.read() as s:
        return render(s, actor, ReportRequest(Kind.ANNUAL, **kw), today=today)  # type: ignore[arg-type]


def test_the_year_in_every_section(county: Database, actor: Actor) -> None:
    data = annual(county, actor)
    text = pdf_text(data)
    whole = flat(text)
    assert "2026年度应急资源报表" in text and "单位：青山县" in text
    assert "2026-01-01 至 2026-11-25" in text and "本年度尚未结束" in text
    for section in ["一、基本情况", "二、应急救援队伍", "三、应急物资收发存", "四、装备",
                    "五、演练和培训", "六、突发事件物资消耗", "七、短板检查"]:  # fmt: skip
        assert section in text
    assert flat("乡镇 1 个，村 1 个") in whole and flat("储备库（点）2 个") in whole
    assert row(data, "一号库", "城关镇一号库")[-2:] == ["2", "3"]  # items, lots at the end
    assert flat("队伍 1 支，年末在册队员 2 人；本年新入队 0 人，离队 0 人") in whole
    rows = layout_rows(data)
    # an opening of 0 prints as a blank (收发存 tables leave zeros empty)
    assert row(rows, "编织袋", "1030")[-4:] == ["条", "1540", "510", "1030"]
    assert row(rows, "铁锹", "39")[-4:] == ["把", "60", "21", "39"]
    assert flat("装备 2 台（套）：在库 1 台（套），在用 1 台（套）") in whole
    assert flat("本年保养、维修记录 1 次；年末保养逾期 1 台（套）") in whole
    assert flat("2026年7月青山河洪涝（洪涝）") in whole and flat("270条") in whole
    assert "填报人：" in text and "单位负责人（盖章）：" in text


def test_in_january_the_report_is_of_the_year_just_ended(county: Database, actor: Actor) -> None:
    with county.transaction(actor) as s:
        given(s, actor, "RK 2026-12-20 一号库 帐篷 10顶")
        periods.close_all(s, actor, periods.year(2026), today=date(2027, 1, 5))
    text = pdf_text(annual(county, actor, today=date(2027, 1, 5)))
    whole = flat(text)
    assert "2026年度应急资源报表" in text and "2026-01-01 至 2026-12-31" in text
    assert "本年度尚未结束" not in text
    assert flat("已完成 2026 年度年结的仓库：城关镇一号库、东村储备点") in whole
    later = pdf_text(annual(county, actor, today=date(2027, 3, 1), year=2025))
    assert "2025年度应急资源报表" in later and "队伍 1 支，年末在册队员 2 人" in later
    assert flat("离队 1 人") in flat(later)
