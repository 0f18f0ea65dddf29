"""全县汇总: 合计, charts per town equal the rows, an Excel export and a printed copy with both."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from ledger.ui.dialogs.exchange import CountyDialog
from ledger.ui.pages import _report_preview
from tests.reports.pdfcheck import layout_rows, pdf_text


def dialog(qtbot, ctx) -> CountyDialog:  # type: ignore[no-untyped-def]
    view = CountyDialog(ctx)
    qtbot.addWidget(view)
    return view


def test_totals_and_charts_per_town_equal_the_rows(qtbot, ctx, town) -> None:
    view = dialog(qtbot, ctx)
    rows = view.rows
    assert [r.name for r in rows] == ["中牟县", "城关镇"]
    members = sum(r.members for r in rows)
    lots = sum(r.stock_lines for r in rows)
    assert lots == 4  # the town's four lots (the village's depot counts with its town)
    assert f"在队人员 {members} 人" in view.totals.text()
    assert f"库存批次 {lots} 个" in view.totals.text()
    assert f"仓库 {sum(r.depots for r in rows)} 个" in view.totals.text()
    assert view.stock_chart.categories == ["中牟县", "城关镇"]
    assert view.stock_chart.series[0].values == tuple(float(r.stock_lines) for r in rows)
    assert view.members_chart.series[0].values == tuple(float(r.members) for r in rows)
    stacked = [sum(s.values[i] for s in view.findings_chart.series) for i in range(len(rows))]
    assert stacked == [float((r.findings_red or 0) + (r.findings_amber or 0)) for r in rows]
    assert "短板：缺失" in view.totals.text()


def test_export_writes_every_office_and_the_total(qtbot, ctx, town, tmp_path: Path) -> None:
    view = dialog(qtbot, ctx)
    path = view.export_excel(tmp_path / "全县汇总.xlsx")
    assert path is not None
    sheet = load_workbook(path).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][:5] == ["单位", "区划代码", "级别", "队伍", "在队人员"]
    assert [v[0] for v in values[1:]] == ["中牟县", "城关镇", "合计"]
    assert values[-1][6] == sum(r.stock_lines for r in view.rows)
    assert values[-1][3] == sum(r.teams for r in view.rows)


def test_print_shows_the_charts_on_page_1_and_the_total(qtbot, ctx, town, monkeypatch) -> None:
    shown: list[tuple[str, bytes]] = []
    monkeypatch.setattr(_report_preview, "show_preview", lambda t, d, p: shown.append((t, d)))
    view = dialog(qtbot, ctx)
    view.print_view()
    ((title, data),) = shown
    assert title == "全县汇总"
    first = pdf_text(data).split("\f")[0]
    assert "各乡镇在队人员" in first and "各乡镇库存批次" in first
    total = next(line for line in layout_rows(data) if line[0] == "合计")
    assert str(sum(r.stock_lines for r in view.rows)) in total
