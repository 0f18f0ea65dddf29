"""The county view on paper (全县汇总; a city's 全市汇总): charts per row, the rows and 合计."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from ledger.reports.charts import AMBER, BLUE, GREEN, RED, ChartData, add_charts
from ledger.reports.layout import Orientation, Report, ReportMeta
from ledger.reports.tables import Align, Column, RowKind
from ledger.services.exchange import OfficeSummary, county_totals

R, C = Align.RIGHT, Align.CENTER
TITLE, CITY_TITLE = "全县汇总", "全市汇总"


def county_charts(rows: Sequence[OfficeSummary], city: bool = False) -> list[ChartData]:
    """Per office: shortfalls (缺失, 不足/到期) stacked, members, stock lots, equipment."""
    names = tuple(r.name for r in rows)
    each = "各区县" if city else "各乡镇"
    checked = any(r.findings_red is not None for r in rows)
    charts = []
    if checked:
        charts.append(
            ChartData(
                f"{each}短板",
                names,
                (
                    ("缺失", tuple(float(r.findings_red or 0) for r in rows), RED),
                    ("不足/到期", tuple(float(r.findings_amber or 0) for r in rows), AMBER),
                ),
                stacked=True,
                wide=True,
            )
        )
    charts += [
        ChartData(
            f"{each}在队人员",
            names,
            (("在队人员", tuple(float(r.members) for r in rows), BLUE),),
            wide=True,
        ),
        ChartData(
            f"{each}库存批次",
            names,
            (("库存批次", tuple(float(r.stock_lines) for r in rows), GREEN),),
        ),
        ChartData(
            f"{each}装备，台（套）",
            names,
            (("装备", tuple(float(r.equipment) for r in rows), BLUE),),
        ),
    ]
    return charts


def county_pdf(
    rows: Sequence[OfficeSummary],
    on: date,
    printed_by: str,
    printed_at: datetime,
    *,
    city: bool = False,
) -> bytes:
    """The county view (a city's with ``city``) on ``on`` as a PDF."""
    name = rows[0].name if rows else ""
    title = CITY_TITLE if city else TITLE
    meta = ReportMeta(title, name, f"截至 {on.isoformat()}", printed_by, printed_at)
    return county_report(rows, meta, city=city).build()


def county_report(rows: Sequence[OfficeSummary], meta: ReportMeta, *, city: bool = False) -> Report:
    """The view: its charts on page 1, then the table with its 合计 row."""
    report = Report(meta, orientation=Orientation.LANDSCAPE)
    if rows:
        add_charts(report, county_charts(rows, city), height_mm=40)
    else:
        report.text("本库中没有县级单位。")
        return report
    columns = [
        Column("单位", 44, grow=True),
        Column("区划代码", 30),
        Column("级别", 14, C),
        Column("队伍", 14, R),
        Column("在队人员", 18, R),
        Column("仓库", 14, R),
        Column("库存批次", 18, R),
        Column("装备", 14, R),
        Column("缺失", 14, R),
        Column("不足/到期", 18, R),
        Column("最近数据包", 22, C),
    ]

    def count(value: int | None) -> str:
        return "—" if value is None else str(value)

    table = [
        [r.name, r.code, r.level_label, str(r.teams), str(r.members), str(r.depots),
         str(r.stock_lines), str(r.equipment), count(r.findings_red), count(r.findings_amber),
         f"第 {r.last_package} 号" if r.reports else "本库录入"]
        for r in rows
    ]  # fmt: skip
    t = county_totals(list(rows))
    table.append(["合计", "", "", str(t.teams), str(t.members), str(t.depots),
                  str(t.stock_lines), str(t.equipment), count(t.findings_red),
                  count(t.findings_amber), ""])  # fmt: skip
    report.table(columns, table, [RowKind.NORMAL] * len(rows) + [RowKind.TOTAL], label_span=3)
    return report
