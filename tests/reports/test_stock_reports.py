"""Inventory list, stock card, 收发存汇总表 and incident account as printed: text and numbers."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from ledger.core.actor import Actor
from ledger.core.errors import MissingField
from ledger.models.engine import Database
from ledger.reports.kinds import Kind, ReportRequest, render
from ledger.services.reporting import stock as reporting
from ledger.services.reporting.stock import GroupBy
from tests.reports.pdfcheck import TODAY, flat, layout_rows, pdf_text, pdffonts, row

NOW = datetime(2026, 11, 25, 9, 30).astimezone()


def _render(db: Database, actor: Actor, request: ReportRequest) -> bytes:
    with db.read() as s:
        return render(s, actor, request, today=TODAY, now=NOW)


def test_inventory_by_depot_lists_lots_with_subtotals_per_measuring_unit(
    county: Database, actor: Actor, tmp_path: Path
) -> None:
    data = _render(county, actor, ReportRequest(Kind.INVENTORY))
    text = pdf_text(data)
    assert "应急物资库存清单（按仓库）" in text and "单位：青山县" in text
    assert "截至 2026-11-25" in text
    assert "城关镇一号库（一号库）" in text and "东村储备点（二号库）" in text
    # 一号库: 编织袋 L1 1000-300+40-10 = 730, L2 500-200 = 300; 铁锹 60-20-1 = 39.
    assert "730条" in text and "300条" in text and "39把" in text
    assert "小计：2 种物资，3 个批次" in text
    assert "1030条" in text  # subtotal of 条 in 一号库
    assert "合计：2 种物资，4 个批次" in text and "1230条" in text
    assert "救生衣" not in text  # received and reversed
    assert "打印时间：2026-11-25 09:30" in text and "打印人：系统" in text
    assert "第 1 页 / 共 1 页" in text
    path = tmp_path / "inventory.pdf"
    path.write_bytes(data)
    fonts = pdffonts(path)
    assert "TrueType" in fonts and "yes yes yes" in fonts
    assert "Helvetica" not in fonts


def test_inventory_by_category_and_on_a_past_date(county: Database, actor: Actor) -> None:
    text = pdf_text(
        _render(
            county,
            actor,
            ReportRequest(Kind.INVENTORY, group_by=GroupBy.CATEGORY, end=date(2026, 10, 5)),
        )
    )
    assert "按类别" in text and "防汛抗旱" in text and "截至 2026-10-05" in text
    assert "1000条" in text and "500条" in text and "60把" in text and "1560" not in text


def test_stock_card_shows_running_balance_and_period_totals(county: Database, actor: Actor) -> None:
    request = ReportRequest(Kind.STOCK_CARD, depot="一号库", item="编织袋", start=date(2026, 10, 1))
    text = pdf_text(_render(county, actor, request))
    assert "物资卡片" in text and "城关镇一号库（一号库）" in text and "编织袋（编织袋）" in text
    assert "2026-10-01 至 2026-11-25" in text
    for number in ["RK-2026-00001", "CK-2026-00001", "GH-2026-00001", "BS-2026-00001"]:
        assert number in text
    # Running balance: 1000, 1500, 1200, 1240, 1230, 1030.
    for balance in ["1500", "1200", "1240", "1230", "1030"]:
        assert balance in text
    assert "本期合计（6 笔）" in text and "1540" in text and "510" in text


def test_stock_card_needs_a_depot_and_an_item(county: Database, actor: Actor) -> None:
    with pytest.raises(MissingField):
        _render(county, actor, ReportRequest(Kind.STOCK_CARD, depot="一号库"))


def test_period_summary_matches_the_stock_cards(county: Database, actor: Actor) -> None:
    request = ReportRequest(Kind.SUMMARY, start=date(2026, 10, 10), end=date(2026, 10, 31))
    data = _render(county, actor, request)
    text = pdf_text(data)
    assert "收发存汇总表" in text and "2026-10-10 至 2026-10-31" in text
    rows = layout_rows(data)
    # 一号库 编织袋: opening 1200 (1500-300), receipts 40, issues 10+200, closing 1030.
    assert row(rows, "编织袋", "1200")[-4:] == ["1200", "40", "210", "1030"]
    # 二号库 编织袋: opening 0, receipts 200 (transfer in), closing 200; zeros print blank.
    second = rows[rows.index(row(rows, "编织袋", "1200")) + 2 :]
    assert row(second, "编织袋")[-2:] == ["200", "200"]
    assert row(rows, "铁锹")[-3:] == ["40", "1", "39"]
    with county.read() as s:
        for depot, item, closing in [("一号库", "编织袋", 1030), ("二号库", "编织袋", 200)]:
            card = reporting.card(s, depot, item, request.start, request.end)
            assert card.closing == closing


def test_incident_account_nets_issues_returns_and_write_offs(
    county: Database, actor: Actor
) -> None:
    data = _render(county, actor, ReportRequest(Kind.INCIDENT))
    text = pdf_text(data)
    assert "2026年7月青山河洪涝（洪涝）" in text
    assert "一号库-CK-2026-00001、一号库-GH-2026-00001、一号库-BS-2026-00001" in flat(text)
    assert row(data, "编织袋", "300条")[-4:] == ["300条", "40条", "10条", "270条"]
    assert row(data, "铁锹", "尖头")[-4:] == ["20把", "0把", "0把", "20把"]


def test_inventory_prices_lots_and_ends_in_approvals(county: Database, actor: Actor) -> None:
    data = _render(county, actor, ReportRequest(Kind.INVENTORY, depot="一号库"))
    rows = layout_rows(data)
    # L1 was received at 2.50: 730 × 2.50; L2 and 铁锹 have no price.
    assert row(rows, "编织袋", "L1")[-3:] == ["730条", "2.50", "1,825.00"]
    assert row(rows, "编织袋", "L2")[-1] == "300条"
    assert row(rows, "合计：2", "种物资，3")[-1] == "1,825.00"
    text = pdf_text(data)
    assert "单价（元）" in text and "金额（元）" in text
    for label in ("编制人：", "审核人：", "负责人（盖章）："):
        assert label in text
    assert "（系统）" in text  # who printed it, beside the 编制人 line


def test_stock_card_and_summary_default_to_the_year_so_far(county: Database, actor: Actor) -> None:
    card = pdf_text(
        _render(county, actor, ReportRequest(Kind.STOCK_CARD, depot="一号库", item="编织袋"))
    )
    assert "2026-01-01 至 2026-11-25" in card and "RK-2026-00001" in card
    summary = pdf_text(_render(county, actor, ReportRequest(Kind.SUMMARY)))
    assert "2026-01-01 至 2026-11-25" in summary and "1030" in summary


def test_count_sheet_lists_a_depots_lots_with_blank_count_columns(
    county: Database, actor: Actor
) -> None:
    data = _render(county, actor, ReportRequest(Kind.COUNT_SHEET, depot="一号库"))
    text = pdf_text(data)
    assert text.startswith("盘点底稿") and "城关镇一号库（一号库）" in text
    rows = layout_rows(data)
    assert row(rows, "编织袋", "L1")[-3:] == ["2027-03-01", "条", "730"]  # count left blank
    assert row(rows, "铁锹")[-2:] == ["把", "39"]
    assert "实盘数量" in text and "差异" in text
    for label in ("盘点人：", "监盘人：", "保管员：", "负责人："):
        assert label in text
    with pytest.raises(MissingField):
        _render(county, actor, ReportRequest(Kind.COUNT_SHEET))
