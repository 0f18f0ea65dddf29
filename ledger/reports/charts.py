"""Charts on paper (reportlab.graphics, vector): bar charts with Chinese labels in the report font.

The same figures as the home page (:mod:`ledger.services.reporting.dashboard`): shortfalls by town
stacked by severity, stock by category, lots expiring and maintenance falling due per month, team
headcount against the plans' minimum per level. :func:`add_charts` puts a set of them on a
report as one block (the widest first across the page, the rest two by two).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from ledger.core.enums import Category, Level
from ledger.norms.model import Severity
from ledger.reports.fonts import ReportFonts
from ledger.reports.layout import Report
from ledger.services.reporting import CategoryStock, InventoryLine, LevelHeadcount, Month, TownCount

#: Each severity's colour, as on the home page.
SEVERITY_COLORS = {
    Severity.MISSING: "#d64545",
    Severity.SHORT: "#e8a33d",
    Severity.EXPIRING: "#f0c75e",
    Severity.OVERDUE: "#b86b1f",
    Severity.UNCONFIRMED: "#9aa3ad",
    Severity.UNCONFIGURED: "#c7ccd3",
    Severity.UPCOMING: "#7aa6d8",
}
BLUE, AMBER, GREEN, RED = "#3b78c2", "#e8a33d", "#5aa469", "#d64545"


@dataclass(frozen=True)
class ChartData:
    """A chart to draw: title, categories, and named series of values with their colours."""

    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...], str], ...]
    stacked: bool = False
    wide: bool = False

    def values(self, name: str) -> tuple[float, ...]:
        """The values of the series called ``name``."""
        return next(v for n, v, _c in self.series if n == name)


def town_chart(towns: Sequence[TownCount]) -> ChartData:
    """Shortfalls by town, stacked by severity (only the severities found)."""
    shown = [s for s in Severity if any(t.counts.get(s) for t in towns)]
    return ChartData(
        "各乡镇短板（按严重程度）",
        tuple(t.name for t in towns),
        tuple(
            (s.label, tuple(float(t.counts.get(s, 0)) for t in towns), SEVERITY_COLORS[s])
            for s in shown
        ),
        stacked=True,
        wide=True,
    )


def stock_chart(stock: Sequence[CategoryStock]) -> ChartData:
    """Items (品种) held per category."""
    return ChartData(
        "库存物资品种（按类别）",
        tuple(Category(c.category).label for c in stock),
        (("品种", tuple(float(c.items) for c in stock), BLUE),),
    )


def inventory_stock(lines: Sequence[InventoryLine]) -> list[CategoryStock]:
    """Items (品种) and lots per category of an inventory's lines, in the categories' order."""
    items: dict[Category, set[str]] = {}
    lots: dict[Category, int] = {}
    for line in lines:
        items.setdefault(line.category, set()).add(line.item_code)
        lots[line.category] = lots.get(line.category, 0) + 1
    return [CategoryStock(c, len(items[c]), lots[c]) for c in Category if c in items]


def _months(months: Sequence[Month]) -> tuple[str, ...]:
    return tuple(f"{m.month.month}月" for m in months)


def _span(months: Sequence[Month]) -> str:
    if not months:
        return ""
    first, last = months[0].month, months[-1].month
    return f"（{first.year}-{first.month:02d} 至 {last.year}-{last.month:02d}）"


def expiry_chart(months: Sequence[Month]) -> ChartData:
    """Lots expiring per month."""
    return ChartData(
        "到期批次" + _span(months),
        _months(months),
        (("批次", tuple(float(m.count) for m in months), AMBER),),
    )


def maintenance_chart(months: Sequence[Month]) -> ChartData:
    """Equipment falling due for maintenance per month."""
    return ChartData(
        "到期保养，台（套）" + _span(months),
        _months(months),
        (("装备", tuple(float(m.count) for m in months), GREEN),),
    )


def headcount_chart(levels: Sequence[LevelHeadcount]) -> ChartData:
    """Active members per level of units against the plans' minimum headcounts."""
    return ChartData(
        "队伍人数与规划最低人数（按级别）",
        tuple(Level(h.level).label for h in levels),
        (
            ("在队人数", tuple(float(h.members) for h in levels), BLUE),
            ("规划最低人数", tuple(float(h.minimum) for h in levels), RED),
        ),
    )


def drawing(chart: ChartData, width: float, height: float, fonts: ReportFonts) -> Drawing:
    """One bar chart as a vector drawing ``width`` × ``height`` points."""
    font = fonts.main
    d = Drawing(width, height)
    d.initialFontName = font  # else the renderer's starting state embeds Helvetica
    d.add(String(width / 2, height - 11, chart.title, fontName=font, fontSize=9,
                 textAnchor="middle"))  # fmt: skip
    many = len(chart.categories) > 8
    bottom = 34 if many else 18
    legend = 12 if len(chart.series) > 1 else 0
    bars = VerticalBarChart()
    bars.x, bars.y = 28, bottom + legend
    bars.width, bars.height = width - 36, height - bottom - legend - 20
    data = [list(values) for _n, values, _c in chart.series] or [[0.0]]
    if not chart.categories:
        data = [[0.0]]
    bars.data = data
    bars.categoryAxis.categoryNames = list(chart.categories) or ["（无）"]
    bars.categoryAxis.labels.fontName = font
    bars.categoryAxis.labels.fontSize = 6.5
    if many:
        bars.categoryAxis.labels.angle = 45
        bars.categoryAxis.labels.boxAnchor = "ne"
        bars.categoryAxis.labels.dx = 3
        bars.categoryAxis.labels.dy = -2
    bars.valueAxis.labels.fontName = font
    bars.valueAxis.labels.fontSize = 6.5
    bars.valueAxis.valueMin = 0
    top = max(
        (sum(col) if chart.stacked else max(col) for col in zip(*data, strict=True)), default=0
    )
    bars.valueAxis.valueMax = max(top * 1.1, 1)
    bars.valueAxis.labelTextFormat = "%d"
    bars.valueAxis.visibleGrid = True
    bars.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    if chart.stacked:
        bars.categoryAxis.style = "stacked"
    bars.barSpacing = 1
    bars.groupSpacing = 4
    for number, (_name, _values, color) in enumerate(chart.series):
        bars.bars[number].fillColor = colors.HexColor(color)
        bars.bars[number].strokeColor = colors.white
        bars.bars[number].strokeWidth = 0.3
    d.add(bars)
    if legend:
        key = Legend()
        key.fontName, key.fontSize = font, 7
        key.alignment = "right"
        key.columnMaximum = 1
        key.deltax = 60
        key.dx = key.dy = 6
        key.x, key.y = 30, 8
        key.colorNamePairs = [(colors.HexColor(c), n) for n, _v, c in chart.series]
        d.add(key)
    return d


def add_charts(report: Report, charts: Sequence[ChartData], height_mm: float = 52) -> None:
    """The charts as one block: wide ones across the page, the others two to a row."""
    fonts = report.fonts

    def block(width: float) -> list[Flowable]:
        height = height_mm * mm
        rows: list[list[Drawing | str]] = []
        pending: list[Drawing] = []
        for chart in charts:
            if chart.wide:
                rows.append([drawing(chart, width, height * 1.15, fonts), ""])
            else:
                pending.append(drawing(chart, width / 2 - 2, height, fonts))
        for start in range(0, len(pending), 2):
            pair: list[Drawing | str] = list(pending[start : start + 2])
            rows.append(pair + [""] * (2 - len(pair)))
        if not rows:
            return []
        table = Table(rows, colWidths=[width / 2] * 2, hAlign="LEFT")
        style = TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.main),  # empty cells: no Helvetica
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
        for number in range(sum(1 for c in charts if c.wide)):  # the wide ones come first
            style.add("SPAN", (0, number), (1, number))
        table.setStyle(style)
        return [table]

    report.flowables(block)
