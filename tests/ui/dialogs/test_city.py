"""全市汇总: a city that received two counties' packages, one row per county with 合计, its
charts per county, the Excel and printed copies titled so, and a county's 全县汇总 opened from
its row."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ledger.models.engine import Database, open_database
from ledger.ui.context import AppContext
from ledger.ui.dialogs.exchange import CountyDialog
from ledger.ui.pages import _report_preview
from tests.reports.pdfcheck import layout_rows, pdf_text
from tests.services.city_world import COUNTY_A, make_city, set_up_county
from tests.ui.conftest import TODAY


@pytest.fixture
def city(tmp_path: Path, sqlite_template: Path, gui_actor, settings, recorder) -> AppContext:  # type: ignore[no-untyped-def]
    """The city's context after both counties sent their packages."""
    made: list[Database] = []

    def make(name: str) -> Database:
        path = tmp_path / f"{name}.db"
        shutil.copy(sqlite_template, path)
        made.append(open_database(path))
        return made[-1]

    office, a, b = make_city(make, tmp_path / "keys")
    set_up_county(a, "A", towns=2)
    set_up_county(b, "B", towns=1)
    for county in (a, b):
        county.send_to(office)
    return AppContext(office.db, gui_actor, settings, today=TODAY)


def dialog(qtbot, ctx) -> CountyDialog:  # type: ignore[no-untyped-def]
    view = CountyDialog(ctx)
    qtbot.addWidget(view)
    return view


def test_one_row_per_county_with_the_total_and_charts(qtbot, city) -> None:
    view = dialog(qtbot, city)
    assert view.windowTitle() == "全市汇总"
    assert [r.name for r in view.rows] == ["张掖市", "甘州区", "肃南县"]
    assert [r.depots for r in view.rows] == [1, 3, 2]
    assert "仓库 6 个" in view.totals.text()
    assert f"库存批次 {sum(r.stock_lines for r in view.rows)} 个" in view.totals.text()
    assert view.stock_chart.title == "各区县库存批次"
    assert view.stock_chart.categories == ["张掖市", "甘州区", "肃南县"]
    assert view.members_chart.series[0].values == (0.0, 2.0, 2.0)
    assert "下辖各区县" in view.caption.text()


def test_a_countys_row_opens_its_county_view(qtbot, city) -> None:
    view = dialog(qtbot, city)
    assert view.open_row(view.rows[0]) is None  # the city's own row: nothing below to open
    county = view.open_row(next(r for r in view.rows if r.code == COUNTY_A))
    assert county is not None
    qtbot.addWidget(county)
    assert county.windowTitle() == "全县汇总"
    assert [r.name for r in county.rows] == ["甘州区", "甘州区第1镇", "甘州区第2镇"]
    assert [r.depots for r in county.rows] == [1, 1, 1]
    assert county.stock_chart.title == "各乡镇库存批次"
    # the towns' records came in the county's package: theirs is the county's last package
    assert {r.last_package for r in county.rows} == {1}
    assert all(r.last_import is not None for r in county.rows)


def test_export_and_print_are_titled_for_the_city(qtbot, city, tmp_path, monkeypatch) -> None:
    view = dialog(qtbot, city)
    path = view.export_excel(tmp_path / "全市汇总.xlsx")
    assert path is not None
    book = load_workbook(path)
    assert book.sheetnames == ["全市汇总"]
    values = [[c.value for c in row] for row in book.active.iter_rows()]
    assert [v[0] for v in values[1:]] == ["张掖市", "甘州区", "肃南县", "合计"]
    assert values[-1][5] == 6
    shown: list[tuple[str, bytes]] = []
    monkeypatch.setattr(_report_preview, "show_preview", lambda t, d, p: shown.append((t, d)))
    view.print_view()
    ((title, data),) = shown
    assert title == "全市汇总"
    text = pdf_text(data)
    assert "全市汇总" in text and "各区县在队人员" in text.split("\f")[0]
    total = next(line for line in layout_rows(data) if line[0] == "合计")
    assert "6" in total


def test_an_office_without_a_city_keeps_its_county_view(qtbot, ctx, town) -> None:
    view = dialog(qtbot, ctx)
    assert view.windowTitle() == "全县汇总"
    assert view.stock_chart.title == "各乡镇库存批次"
