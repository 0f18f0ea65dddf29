"""Vouchers of every document type: header, lines, totals and signature lines."""

from __future__ import annotations

import pytest

from ledger.core.actor import Actor
from ledger.core.errors import InvalidValue, UnknownRecord
from ledger.models.engine import Database
from ledger.reports.catalog import Kind, ReportRequest, render
from tests.reports.pdfcheck import layout_rows, pdf_pages, pdf_text, row


def voucher(db: Database, actor: Actor, number: str, depot: str | None = "一号库") -> bytes:
    with db.read() as s:
        return render(s, actor, ReportRequest(Kind.VOUCHER, document=number, depot=depot))


def test_receipt_voucher_has_prices_amounts_and_signature_lines(
    county: Database, actor: Actor
) -> None:
    data = voucher(county, actor, "RK-2026-00001")
    text = pdf_text(data)
    assert text.startswith("入库单")
    assert "单位：城关镇" in text and "No. 一号库-RK-2026-00001" in text
    assert "单据日期：2026-10-02" in text and "仓库：城关镇一号库（一号库）" in text
    line = row(data, "编织袋", "L1")
    assert line[-4:] == ["2027-03-01", "1000条", "2.50", "2,500.00"]
    assert row(data, "合计：1", "行")[-2:] == ["1000条", "2,500.00"]
    for label in ["审批人：", "经办人：", "保管员："]:
        assert label in text
    assert pdf_pages(data) == 1


def test_issue_voucher_names_the_incident_and_sums_each_unit(
    county: Database, actor: Actor
) -> None:
    data = voucher(county, actor, "CK-2026-00001")
    text = pdf_text(data)
    assert text.startswith("出库单") and "事件：2026年7月青山河洪涝" in text
    rows = layout_rows(data)
    assert row(rows, "编织袋")[-2:] == ["2027-03-01", "300条"]
    assert row(rows, "铁锹")[-1] == "20把"
    total = rows.index(row(rows, "合计：2", "行"))
    assert rows[total - 1 : total + 2] == [["300条"], ["合计：2", "行"], ["20把"]]


def test_transfer_write_off_and_return_vouchers(county: Database, actor: Actor) -> None:
    transfer = pdf_text(voucher(county, actor, "DB-2026-00001"))
    assert "调出仓库：城关镇一号库" in transfer and "调入仓库：东村储备点" in transfer
    write_off = voucher(county, actor, "BS-2026-00001")
    assert row(write_off, "编织袋")[-2:] == ["10条", "损坏"]
    assert "审批人：" in pdf_text(write_off) and "李主任" in pdf_text(write_off)
    back = pdf_text(voucher(county, actor, "GH-2026-00001"))
    assert back.startswith("归还单") and "原出库单：一号库-CK-2026-00001" in back


def test_stocktake_voucher_shows_book_counted_and_difference(
    county: Database, actor: Actor
) -> None:
    data = voucher(county, actor, "PD-2026-00001")
    assert pdf_text(data).startswith("盘点表")
    assert row(data, "铁锹")[-4:] == ["40把", "39把", "1把", "盘亏"]
    assert "盘点范围：部分盘点" in pdf_text(data)


def test_a_reversal_prints_negative_quantities_and_the_original(
    county: Database, actor: Actor
) -> None:
    data = voucher(county, actor, "HC-2026-00001")
    text = pdf_text(data)
    assert text.startswith("入库单（红冲）") and "红冲原单：一号库-RK-2026-00003" in text
    assert row(data, "救生衣")[-1] == "-100件"
    assert "备注：数量录错" in text


def test_a_number_shared_by_two_depots_needs_the_depot(county: Database, actor: Actor) -> None:
    with county.transaction(actor) as s:
        from tests.scenario import given

        given(s, actor, "RK 2026-11-10 二号库 铁锹 5把")
    with pytest.raises(InvalidValue) as refused:
        voucher(county, actor, "RK-2026-00001", depot=None)
    assert "--depot" in refused.value.message
    assert "东村储备点" in pdf_text(voucher(county, actor, "RK-2026-00001", depot="二号库"))
    with pytest.raises(UnknownRecord):
        voucher(county, actor, "RK-2099-00001")
