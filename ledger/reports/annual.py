"""The year's report (年度应急资源报表) offices send to the county by 10 January: units and
depots, teams, the year's 收发存, equipment, drills and training, incidents, shortfalls."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.reports.charts import (
    add_charts,
    expiry_chart,
    headcount_chart,
    maintenance_chart,
    stock_chart,
    town_chart,
)
from ledger.reports.fmt import day, qty
from ledger.reports.layout import Report, ReportMeta
from ledger.reports.shortfalls import shortfall_sections
from ledger.reports.stock import summary_table
from ledger.reports.tables import Align, Column, RowKind
from ledger.services import norms, reporting
from ledger.services.norms import CheckResult
from ledger.services.norms import review as review_remedies
from ledger.services.reporting import AnnualData, Scope, annual_data

R, C = Align.RIGHT, Align.CENTER


def annual_report(
    session: Session, actor: Actor, scope: Scope, year: int, today: date, printed_at: datetime
) -> Report:
    """Gather the year for the scope's unit and lay it out section by section."""
    data = annual_data(session, scope.unit_id, year, today)
    period = f"{day(data.start)} 至 {day(data.end)}"
    meta = ReportMeta(f"{year}年度应急资源报表", data.unit_name, period, actor.name, printed_at)
    report = Report(meta)
    if data.end < date(year, 12, 31):
        report.text(f"本年度尚未结束，数据截至 {day(data.end)}。")
    result = norms.check(session, actor, on=data.end, unit=data.unit_id)
    _charts(session, actor, report, data, result)
    _overview(report, data)
    _teams(report, data)
    _stock(report, data)
    _equipment(report, data)
    _drills(report, data)
    _incidents(report, data)
    report.heading("七、短板检查")
    shortfall_sections(
        report,
        result,
        detail=False,
        headings=False,
        remedies=review_remedies(session, result),
        since=data.start,
    )
    report.text("各单位短板明细见同日的《应急能力短板问题清单》。")
    report.signatures(
        [("填报人", actor.name), ("审核人", ""), ("单位负责人（盖章）", ""), ("填报日期", "")]
    )
    return report


def _charts(
    session: Session, actor: Actor, report: Report, data: AnnualData, result: CheckResult
) -> None:
    """Page 1: the home page's charts for the unit, on the year's last day (or today's)."""
    scope = reporting.unit_scope(session, data.unit_id)
    view = reporting.overview(session, actor, data.end, scope=scope, recent=0)
    charts = [
        *([town_chart(reporting.town_counts(result))] if result.findings else []),
        stock_chart(view.stock),
        headcount_chart(reporting.headcount_by_level(session, actor, result, scope)),
        expiry_chart(view.expiries),
        maintenance_chart(view.maintenance),
    ]
    add_charts(report, charts, height_mm=42)


def _overview(report: Report, data: AnnualData) -> None:
    report.heading("一、基本情况")
    units = "，".join(f"{label} {n} 个" for label, n in data.units) or "无下级单位"
    closed = "、".join(data.closed_depots) or "尚无"
    report.text(
        f"下辖：{units}；常住人口 {data.population} 人；储备库（点）{len(data.depots)} 个；"
        f"已完成 {data.year} 年度年结的仓库：{closed}。"
    )
    columns = [
        Column("仓库编号", 24),
        Column("仓库名称", 50, grow=True),
        Column("所属单位", 40),
        Column("面积（㎡）", 22, R),
        Column("物资品种", 20, R),
        Column("批次", 18, R),
    ]
    rows = [
        [d.code, d.name, d.unit_name, qty(d.area_m2), str(d.items), str(d.lots)]
        for d in data.depots
    ]
    if rows:
        report.table(columns, rows)


def _teams(report: Report, data: AnnualData) -> None:
    report.heading("二、应急救援队伍")
    total = sum(t.members for t in data.teams)
    joined, left = sum(t.joined for t in data.teams), sum(t.left for t in data.teams)
    report.text(
        f"队伍 {len(data.teams)} 支，年末在册队员 {total} 人；"
        f"本年新入队 {joined} 人，离队 {left} 人。"
    )
    if not data.teams:
        return
    columns = [
        Column("队伍名称", 52, grow=True),
        Column("所属单位", 34),
        Column("类型", 22, C),
        Column("性质", 14, C),
        Column("在册", 16, R),
        Column("新入队", 18, R),
        Column("离队", 16, R),
    ]
    rows = [
        [t.name, t.unit_name, t.team_type, t.nature, str(t.members), str(t.joined), str(t.left)]
        for t in data.teams
    ]
    rows.append(["合计", "", "", "", str(total), str(joined), str(left)])
    report.table(columns, rows, [RowKind.NORMAL] * len(data.teams) + [RowKind.TOTAL], label_span=4)


def _stock(report: Report, data: AnnualData) -> None:
    report.heading("三、应急物资收发存")
    lines = data.summary.lines
    report.text(
        f"{len({ln.depot_code for ln in lines})} 个仓库、{len({ln.item_code for ln in lines})} 种"
        "物资本年度的期初、收入、发出和期末结存如下（与各物资卡片一致）。"
    )
    summary_table(report, data.summary)


def _equipment(report: Report, data: AnnualData) -> None:
    report.heading("四、装备")
    counts = "，".join(f"{label} {n} 台（套）" for label, n in data.equipment)
    report.text(
        f"装备 {sum(n for _, n in data.equipment)} 台（套）：{counts}。本年保养、维修记录 "
        f"{data.maintained} 次；年末保养逾期 {data.overdue} 台（套）。"
    )


def _drills(report: Report, data: AnnualData) -> None:
    report.heading("五、演练和培训")
    report.text(
        f"本年举行演练 {len(data.drills)} 次，"
        f"参演 {sum(d.participants for d in data.drills)} 人次；"
        f"培训 {data.trained_people} 人，共 {qty(data.training_days)} 人·天。"
    )
    if not data.drills:
        return
    columns = [
        Column("日期", 24, C),
        Column("单位", 36),
        Column("演练名称", 58, grow=True),
        Column("预案", 40),
        Column("参演人数", 20, R),
    ]
    rows = [
        [day(d.held_on), d.unit_name, d.title, d.plan, str(d.participants)] for d in data.drills
    ]
    report.table(columns, rows)


def _incidents(report: Report, data: AnnualData) -> None:
    report.heading("六、突发事件物资消耗")
    if not data.incidents:
        report.text("本年没有登记突发事件。")
        return
    columns = [
        Column("事件", 44, grow=True),
        Column("日期", 22, C),
        Column("物资名称", 40),
        Column("领用", 22, R),
        Column("归还", 22, R),
        Column("净消耗", 24, R),
    ]
    rows = []
    for account in data.incidents:
        for line in account.lines or ():
            rows.append(
                [
                    f"{account.name}（{account.kind}）",
                    day(account.started_on),
                    line.item_name,
                    qty(line.issued, line.unit),
                    qty(line.returned, line.unit),
                    qty(line.consumed, line.unit),
                ]
            )
        if not account.lines:
            rows.append(
                [f"{account.name}（{account.kind}）", day(account.started_on), "—", "", "", ""]
            )
    report.table(columns, rows)
