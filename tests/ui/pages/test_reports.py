"""The 报表 page: choose a report, preview it, print it through Qt's printer, save it; and
printing the voucher of the document just posted."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from ledger.core.enums import DocType
from ledger.reports.kinds import Kind
from ledger.services import stock
from ledger.ui.context import AppContext
from ledger.ui.pages import _report_preview as preview
from ledger.ui.pages.reports import ReportsPage, print_last_posted


def text_of(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


@pytest.fixture
def page(qtbot, ctx: AppContext, town) -> ReportsPage:
    shown = ReportsPage(ctx)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def choose(page: ReportsPage, kind: Kind) -> None:
    for row in range(page.kinds.count()):
        if page.kinds.item(row).data(0x0100) == kind.value:
            page.kinds.setCurrentRow(row)
            return
    raise AssertionError(kind)


def generate(qtbot, page: ReportsPage) -> bytes:
    page.generate()
    assert page.task is not None
    with qtbot.waitSignal(page.task.ended, timeout=60_000):
        pass
    return page.preview.data


def test_every_kind_shows_only_its_fields(page: ReportsPage) -> None:
    assert page.kinds.count() == len(Kind)
    choose(page, Kind.STOCK_CARD)
    visible = {key for key, w in page.fields.items() if page.form.isRowVisible(w)}
    assert visible == {"depot", "item", "start", "end"}
    choose(page, Kind.ANNUAL)
    visible = {key for key, w in page.fields.items() if page.form.isRowVisible(w)}
    assert visible == {"unit", "year"}
    assert "1月10日" in page.hint.text()
    assert not page.print_button.isEnabled()


def test_the_inventory_previews_and_prints(
    qtbot, page: ReportsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose(page, Kind.INVENTORY)
    data = generate(qtbot, page)
    assert "城关镇储备库" in text_of(data) and "1000条" in text_of(data)
    assert page.preview.pages == 1 and page.status.text() == "共 1 页"
    assert page.print_button.isEnabled()
    out = tmp_path / "printed.pdf"

    def to_file(printer: QPrinter, parent: QWidget | None) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    monkeypatch.setattr(preview, "ask_printer", to_file)
    assert page.print_report() == 1
    printed = PdfReader(str(out))
    assert len(printed.pages) == 1
    box = printed.pages[0].mediabox
    assert abs(float(box.width) - 595) < 2 and abs(float(box.height) - 842) < 2


def test_a_stock_card_needs_an_item_and_then_shows_it(qtbot, page: ReportsPage, recorder) -> None:
    choose(page, Kind.STOCK_CARD)
    page.depot.setCurrentIndex(page.depot.findData("CG01"))
    page.item.setEditText("")
    page.generate()
    assert page.task is None and recorder.texts("warning") == ["物资卡片需要选择仓库和物资"]
    page.item.setEditText("IT:FX001:L1")  # as a USB scanner types a lot label
    page.start.setText("2026-03-01")
    text = text_of(generate(qtbot, page))
    assert "物资卡片" in text and "编织袋（FX001）" in text and "RK-2026-00001" in text


def test_a_voucher_is_chosen_from_the_depot_documents(qtbot, page: ReportsPage) -> None:
    choose(page, Kind.VOUCHER)
    page.depot.setCurrentIndex(page.depot.findData("CG01"))
    assert page.document.count() == 1 and "RK-2026-00001" in page.document.currentText()
    text = text_of(generate(qtbot, page))
    assert text.startswith("入库单") and "郑州防汛物资公司" in text and "保管员：" in text


def test_save_writes_the_previewed_pdf(
    qtbot, page: ReportsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose(page, Kind.ROSTER)
    data = generate(qtbot, page)
    target = tmp_path / "花名册"
    monkeypatch.setattr(preview, "ask_save_path", lambda parent, suggested: str(target))
    page.save_report()
    assert (tmp_path / "花名册.pdf").read_bytes() == data


def test_the_document_just_posted_can_be_printed_from_the_menu(
    qtbot, ctx: AppContext, town, recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = QWidget()
    window.ctx = ctx  # type: ignore[attr-defined]
    qtbot.addWidget(window)
    shown: list[tuple[str, bytes]] = []
    monkeypatch.setattr(preview, "show_preview", lambda t, d, parent: shown.append((t, d)))
    print_last_posted(window)
    assert shown[-1][0] == "入库单 CG01-RK-2026-00001"  # the town fixture's receipt, by this user
    with ctx.db.transaction(ctx.actor) as s:
        entry = stock.DocumentInput(
            DocType.ISSUE,
            "CG01",
            ctx.today(),
            [stock.LineInput("FX001", 10, "L1")],
            counterparty="东村村委会",
        )
        stock.post_document(s, ctx.actor, entry)
    print_last_posted(window)
    title, data = shown[-1]
    assert title == "出库单 CG01-CK-2026-00001"
    assert "东村村委会" in text_of(data) and "打印人：测试员" in text_of(data)
    assert recorder.texts("warning") == []


def test_nothing_posted_yet_is_said_plainly(qtbot, ctx: AppContext, recorder) -> None:
    window = QWidget()
    window.ctx = ctx  # type: ignore[attr-defined]
    qtbot.addWidget(window)
    print_last_posted(window)
    assert recorder.texts("info") == ["您还没有过账任何单据"]
