"""Printing where the work is: 过账并打印 in the form, 打印 in the document view and the stock
card; a preview that fits a 1366×768 screen, zooms and turns pages; a fresh page count."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader
from PySide6.QtPdfWidgets import QPdfView

from ledger.core.enums import DocType
from ledger.reports.kinds import Kind, ReportRequest, render
from ledger.services import stock
from ledger.services.catalogue import register as catalogue
from ledger.ui.dialogs.card import StockCardDialog
from ledger.ui.dialogs.document_view import DocumentViewDialog
from ledger.ui.pages import _report_preview as preview
from tests.ui.dialogs.test_document_form import fill_line, open_form
from tests.ui.pages.test_reports import choose, generate, page  # noqa: F401  (fixture)


def text_of(data: bytes) -> str:
    return "".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages)


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bytes]]:
    """What would be previewed (the preview dialog itself is looked at in its own test)."""
    seen: list[tuple[str, bytes]] = []
    monkeypatch.setattr(preview, "show_preview", lambda t, d, parent: seen.append((t, d)))
    return seen


def test_post_and_print_posts_then_previews_the_voucher(qtbot, ctx, town, recorder, shown):
    form = open_form(qtbot, ctx, DocType.ISSUE, town.depot)
    fill_line(qtbot, form, "SH001", "", "6")
    form.approver.setText("李主任")
    form.post_print_button.click()
    assert form.posted and shown[-1][0] == f"出库单 {form.posted[0].number}"
    text = text_of(shown[-1][1])
    assert "棉被" in text and "领用人：" in text and "（李主任）" in text


def test_post_and_print_prints_nothing_when_posting_is_refused(qtbot, ctx, town, recorder, shown):
    form = open_form(qtbot, ctx, DocType.ISSUE, town.depot)
    form.post_print_button.click()  # no lines
    assert form.posted == [] and shown == []


def test_the_document_view_prints_its_voucher(qtbot, ctx, town, shown) -> None:
    with ctx.db.transaction(ctx.actor) as s:
        issued = stock.post_document(
            s,
            ctx.actor,
            stock.DocumentInput(DocType.ISSUE, "CG01", ctx.today(), [stock.LineInput("SH001", 3)]),
        )
    view = DocumentViewDialog(ctx, issued.id)
    qtbot.addWidget(view)
    view.print_button.click()
    assert shown[-1][0] == f"出库单 {issued.number}"


def test_the_stock_card_prints_the_card_shown(qtbot, ctx, town, shown) -> None:
    item = next(i for i in ctx.read(catalogue.items) if i.code == "FX001")
    card = StockCardDialog(ctx, town.depot, item.id, "L1")
    qtbot.addWidget(card)
    card.print_button.click()
    title, data = shown[-1]
    assert title == "物资卡片"
    text = text_of(data)
    assert "编织袋" in text and "L1" in text and "1000" in text  # the year's receipt is in it


def test_the_preview_fits_a_laptop_screen_zooms_and_turns_pages(qtbot, ctx, town) -> None:
    request = ReportRequest(
        Kind.VOUCHER, document="CG01-RK-2026-00001", copies=("存根", "仓库", "领用单位")
    )
    data = ctx.read(lambda s: render(s, ctx.actor, request))
    dialog = preview.PreviewDialog("入库单", data)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    room = dialog.screen().availableGeometry()
    assert dialog.width() <= room.width() and dialog.height() <= room.height()
    shown = dialog.preview
    assert shown.page_label.text() == "第 1 / 3 页" and not shown.previous_button.isEnabled()
    shown.next_button.click()
    shown.next_button.click()
    assert shown.page_label.text() == "第 3 / 3 页" and not shown.next_button.isEnabled()
    before = shown.view.zoomFactor()
    shown.zoom_in_button.click()
    assert shown.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert shown.view.zoomFactor() == pytest.approx(before * preview.ZOOM_STEP)
    shown.whole_page_button.click()
    assert shown.view.zoomMode() == QPdfView.ZoomMode.FitInView


def test_switching_report_kind_clears_the_old_page_count(qtbot, page) -> None:  # noqa: F811
    choose(page, Kind.INVENTORY)
    generate(qtbot, page)
    assert page.status.text().startswith("共")
    assert page.preview.page_label.text().startswith("第 1 /")
    choose(page, Kind.STOCK_CARD)
    assert page.status.text() == "" and page.preview.page_label.text() == ""


def test_a_voucher_is_printed_on_the_paper_and_copies_chosen(qtbot, page) -> None:  # noqa: F811
    choose(page, Kind.VOUCHER)
    assert page.form.isRowVisible(page.paper) and page.form.isRowVisible(page.copies)
    page.depot.setCurrentIndex(page.depot.findData("CG01"))
    page.paper.setCurrentIndex(page.paper.findData("241"))
    page.copies.setCurrentIndex(page.copies.findData("存根,仓库,领用单位"))
    data = generate(qtbot, page)
    pages = PdfReader(BytesIO(data)).pages
    assert len(pages) == 3 and "第三联　领用单位" in pages[2].extract_text()
    width, height = (round(float(v) / 72 * 25.4, 1) for v in pages[0].mediabox.upper_right)
    assert (width, height) == (241, 93.1)
    assert page.preview.page_label.text() == "第 1 / 3 页"


def test_the_stock_card_starts_with_the_year_so_far(page) -> None:  # noqa: F811
    assert page.start.date() == page.ctx.today().replace(month=1, day=1)


def test_post_and_print_uses_the_voucher_paper_and_copies_chosen_in_reports(
    qtbot,
    ctx,
    town,
    recorder,
    shown,
    page,  # noqa: F811  (fixture)
) -> None:
    choose(page, Kind.VOUCHER)
    page.document.setCurrentIndex(max(0, page.document.findText("CG01-RK-2026-00001")))
    page.paper.setCurrentIndex(page.paper.findData("half"))
    page.copies.setCurrentIndex(page.copies.findData("存根,仓库,领用单位"))
    generate(qtbot, page)
    form = open_form(qtbot, ctx, DocType.ISSUE, town.depot)
    fill_line(qtbot, form, "SH001", "", "6")
    form.post_print_button.click()
    reader = PdfReader(BytesIO(shown[-1][1]))
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert width > height  # A4 二等分: an A5 sheet across, not an A4 page upright
    assert len(reader.pages) == 3 and "领用单位" in reader.pages[2].extract_text()
    again = type(page)(ctx)  # the next visit to 报表 offers the same choice
    qtbot.addWidget(again)
    assert (
        again.paper.currentData() == "half" and again.copies.currentData() == "存根,仓库,领用单位"
    )
