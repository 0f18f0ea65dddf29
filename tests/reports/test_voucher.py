"""Vouchers of every document type: header, lines, totals and signature lines."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from ledger.core.actor import Actor
from ledger.core.errors import InvalidValue, UnknownRecord
from ledger.models.engine import Database
from ledger.reports.kinds import Kind, ReportRequest, render
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


def test_signature_lines_are_blank_with_the_typed_names_beside_them(
    county: Database, actor: Actor
) -> None:
    issue = pdf_text(voucher(county, actor, "CK-2026-00001"))
    assert "领用人：" in issue and "交货人" not in issue
    receipt = pdf_text(voucher(county, actor, "RK-2026-00001"))
    assert "交货人：" in receipt and "验收人：" in receipt and "领用人" not in receipt
    write_off = voucher(county, actor, "BS-2026-00001")
    assert row(write_off, "审批人：")[:2] == ["审批人：", "（李主任）"]  # beside the rule
    assert "制单：系统" in pdf_text(write_off)  # the name, not the login "system"


def test_a_priced_voucher_writes_the_amount_in_chinese_uppercase(
    county: Database, actor: Actor
) -> None:
    text = pdf_text(voucher(county, actor, "RK-2026-00001"))
    assert "金额合计（大写）：贰仟伍佰元整" in text and "¥2,500.00" in text
    assert "大写" not in pdf_text(voucher(county, actor, "DB-2026-00001"))  # no prices


def test_the_maker_is_named_by_the_accounts_display_name(db: Database, actor: Actor) -> None:
    from ledger.core.enums import Category, Level, Role
    from ledger.services.accounts import admin as account_admin
    from ledger.services.accounts import users as accounts
    from ledger.services.catalogue import register as catalogue
    from ledger.services.org import tree as org
    from tests.scenario import given

    with db.transaction(actor) as s:
        account_admin.create_account(
            s, actor, account_admin.AccountInput("zhangsan", Role.ADMIN, "张三"), "Str0ng!pass-9"
        )
        town = org.add_unit(s, actor, org.UnitInput("410122100", "城关镇", Level.TOWN))
        catalogue.save_depot(s, actor, catalogue.DepotInput("一号库", "城关镇一号库", town))
        catalogue.save_item(s, actor, catalogue.ItemInput("铁锹", "铁锹", "把", Category.FLOOD))
    clerk = accounts.change_password(db, "zhangsan", "Str0ng!pass-9", "Another!pass-10")
    with db.transaction(clerk) as s:
        given(s, clerk, "RK 2026-10-03 一号库 铁锹 60把")
    text = pdf_text(voucher(db, clerk, "RK-2026-00001"))
    assert "制单：张三" in text and "zhangsan" not in text


def _voucher(db: Database, actor: Actor, number: str, paper: str, copies=()) -> bytes:
    with db.read() as s:
        request = ReportRequest(
            Kind.VOUCHER, document=number, depot="一号库", paper=paper, copies=copies
        )
        return render(s, actor, request)


def test_one_page_per_copy_named_by_its_copy(county: Database, actor: Actor) -> None:
    data = _voucher(county, actor, "CK-2026-00001", "a4", ("存根", "仓库", "领用单位"))
    assert pdf_pages(data) == 3
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    for page, name in zip(pages, ["第一联　存根", "第二联　仓库", "第三联　领用单位"], strict=True):
        assert f"联次：{name}" in page
        assert "编织袋" in page and "领用人" in page


@pytest.mark.parametrize(
    ("paper", "size_mm"), [("a4", (210, 297)), ("half", (210, 148.5)), ("241", (241, 93.1))]
)
def test_vouchers_print_on_a4_half_a4_or_241_mm_forms(
    county: Database, actor: Actor, paper: str, size_mm: tuple[float, float]
) -> None:
    data = _voucher(county, actor, "CK-2026-00001", paper)
    first = PdfReader(io.BytesIO(data)).pages[0]
    width, height = (float(v) / 72 * 25.4 for v in first.mediabox.upper_right)
    assert (round(width, 1), round(height, 1)) == size_mm
    assert pdf_pages(data) == 1  # the whole voucher, signatures included, on one sheet
    assert "领用人：" in pdf_text(data) and "制单" in pdf_text(data)
