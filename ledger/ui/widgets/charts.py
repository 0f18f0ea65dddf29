"""Bar charts (Qt Charts) for the home page and the county view: grouped or stacked, clickable.

A chart keeps the numbers it shows (:attr:`BarChart.categories`, :attr:`BarChart.series`) so
tests compare them with the lists they summarise; a click on a bar emits its category's index.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QWidget

#: Colours of the charts, in the order series take them when none is given.
PALETTE = ("#3b78c2", "#e8a33d", "#5aa469", "#d64545", "#8e6cc0", "#9aa3ad", "#4bb3c4")


@dataclass(frozen=True)
class Series:
    """One set of bars: its name, a value per category, its colour."""

    name: str
    values: tuple[float, ...]
    color: str = ""


class BarChart(QChartView):
    """A titled bar chart; ``stacked`` piles the series on each category."""

    #: The index of the category whose bar was clicked.
    clicked = Signal(int)

    def __init__(
        self, title: str, parent: QWidget | None = None, *, stacked: bool = False, angle: int = 0
    ) -> None:
        chart = QChart()
        chart.setTitle(title)
        self.title = title
        font = QFont(chart.titleFont())
        font.setPointSize(11)
        font.setBold(True)
        chart.setTitleFont(font)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setBackgroundRoundness(4)
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(230)
        self.stacked = stacked
        self.angle = angle
        self.categories: list[str] = []
        self.series: list[Series] = []
        self.empty_text = ""

    def set_data(
        self, categories: Sequence[str], series: Sequence[Series], empty: str = ""
    ) -> None:
        """Show ``series`` over ``categories`` (replacing what was shown)."""
        self.categories = list(categories)
        self.series = list(series)
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        if not categories:  # nothing to draw: say so in the title, no empty axes
            chart.setTitle(f"{self.title}（{empty}）" if empty else self.title)
            chart.legend().setVisible(False)
            return
        chart.setTitle(self.title)
        bars = QStackedBarSeries() if self.stacked else QBarSeries()
        top = 0.0
        for number, one in enumerate(series):
            bar_set = QBarSet(one.name)
            bar_set.append([float(v) for v in one.values])
            bar_set.setColor(QColor(one.color or PALETTE[number % len(PALETTE)]))
            bar_set.setBorderColor(QColor("#ffffff"))
            bars.append(bar_set)
        for index in range(len(categories)):
            values = [float(s.values[index]) for s in series]
            top = max(top, sum(values) if self.stacked else max(values, default=0.0))
        bars.clicked.connect(lambda index, _set: self.clicked.emit(int(index)))
        chart.addSeries(bars)
        x_axis = QBarCategoryAxis()
        x_axis.append(list(categories))
        if self.angle:
            x_axis.setLabelsAngle(self.angle)
        small = QFont(x_axis.labelsFont())
        small.setPointSize(8)
        x_axis.setLabelsFont(small)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        bars.attachAxis(x_axis)
        y_axis = QValueAxis()
        y_axis.setLabelFormat("%d")
        upper = max(math.ceil(top * 1.1), 1)
        if upper <= 5:  # whole numbers only: one tick per unit
            y_axis.setRange(0, upper)
            y_axis.setTickCount(upper + 1)
        else:
            y_axis.setRange(0, upper)
            y_axis.applyNiceNumbers()
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(y_axis)
        chart.legend().setVisible(len(series) > 1)

    def values(self, name: str) -> tuple[float, ...]:
        """The values of the series called ``name``."""
        return next(s.values for s in self.series if s.name == name)
