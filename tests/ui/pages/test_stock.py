"""仓库与库存: stock with expiry colours, search, the stock card, reversing a document."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from ledger.core.enums import Category, DocType
from ledger.services import stock
from ledger.ui.dialogs import card as card_dialog
from ledger.ui.dialogs import document_view
from ledger.ui.dialogs.card import StockCardDialog
from ledger.ui.dialogs.document_view import ReverseDialog
from ledger.ui.pages import stock as stock_page
from ledger.ui.pages.stock import StockPage
from ledger.ui.settings import EXPIRY_WARNING_DAYS
from ledger.ui.tables.base import AMBER_BG, RED_BG
from ledger.ui.widgets.fields import select_data
from tests.ui.dialogs.test_document_form import on_hand


def shown_page(qtbot, ctx) -> StockPage:
    page = StockPage(ctx)
    qtbot.addWidget(page)
    page.show()
    return page


def rows(page: StockPage) -> list[tuple[str, str, str]]:
    model = page.model
    return [(r.item_code, r.lot, model.data(model.index(n, 7))) for n, r in enumerate(model.rows)]


def background(page: StockPage, lot: str):
    model = page.model
    number = next(n for n, r in enumerate(model.rows) if r.lot == lot)
    brush = model.data(model.index(number, 0), Qt.ItemDataRole.BackgroundRole)
    return brush.color() if brush is not None else None


def test_stock_shows_quantities_with_units_and_expiry_colours(qtbot, ctx, town) -> None:
    page = shown_page(qtbot, ctx)
    assert rows(page) == [
        ("FX001", "L0", "200条"),
        ("FX001", "L1", "1000条"),
        ("FX002", "J1", "50件"),
        ("SH001", "", "80床"),
    ]
    assert background(page, "J1") == RED_BG  # expired 2026-10-01
    assert background(page, "L1") is None  # 2027-03-01
    assert background(page, "L0") == AMBER_BG  # 2026-12-01, within 30 days
    assert "共 4 个批次" in page.count.text()


def test_the_amber_horizon_follows_the_setting(qtbot, ctx, town) -> None:
    ctx.settings.set(EXPIRY_WARNING_DAYS, 10)
    page = shown_page(qtbot, ctx)
    assert background(page, "L0") == AMBER_BG
    ctx.settings.set(EXPIRY_WARNING_DAYS, 5)
    page.refresh_stock()
    assert background(page, "L0") is None


def test_search_category_and_expiring_filters(qtbot, ctx, town) -> None:
    page = shown_page(qtbot, ctx)
    with qtbot.waitSignal(page.search.search):
        page.search.setText("救生")
    assert [r.item_code for r in page.model.rows] == ["FX002"]
    page.search.clear()
    page.search.flush()
    page.category.set_value(Category.LIVING)
    assert [r.item_code for r in page.model.rows] == ["SH001"]
    page.category.set_value(None)
    page.expiring.setChecked(True)
    assert [r.lot for r in page.model.rows] == ["L0", "J1"]  # within 30 days, and expired


def test_double_click_opens_the_stock_card_with_running_balance(
    qtbot, ctx, town, monkeypatch
) -> None:
    opened = []

    def show_card(ctx_, depot_id, item_id, lot=None, parent=None):
        dialog = StockCardDialog(ctx_, depot_id, item_id, lot, parent)
        qtbot.addWidget(dialog)
        opened.append(dialog)

    monkeypatch.setattr(card_dialog.StockCardDialog, "ask", staticmethod(show_card))
    with ctx.db.transaction(ctx.actor) as s:
        stock.post_document(
            s,
            ctx.actor,
            stock.DocumentInput(
                DocType.ISSUE, "CG01", ctx.today(), [stock.LineInput("FX001", 30, "L1")]
            ),
        )
    page = shown_page(qtbot, ctx)
    index = page.model.index(1, 2)
    page.view.setCurrentIndex(index)
    page.view.doubleClicked.emit(index)
    (card,) = opened
    balances = [(r.number, r.inflow, r.outflow, r.balance) for r in card.model.rows]
    assert balances == [
        ("CG01-RK-2026-00001", 1000, 0, 1000),
        ("CG01-RK-2026-00001", 200, 0, 1200),
        ("CG01-CK-2026-00001", 0, 30, 1170),
    ]
    assert card.on_hand.text() == "现有库存：1170条"
    select_data(card.lot, "L1")
    assert [r.balance for r in card.model.rows] == [1000, 970]


def test_a_document_is_reversed_from_the_document_list(qtbot, ctx, town, monkeypatch) -> None:
    def reverse(ctx_, document_id, number, doc_date, parent=None):
        dialog = ReverseDialog(ctx_, document_id, number, doc_date, parent)
        qtbot.addWidget(dialog)
        dialog.note.setText("数量录错")
        dialog.ok_button.click()
        return dialog.result_value

    monkeypatch.setattr(document_view.ReverseDialog, "ask", staticmethod(reverse))
    with ctx.db.transaction(ctx.actor) as s:
        stock.post_document(
            s,
            ctx.actor,
            stock.DocumentInput(DocType.ISSUE, "CG01", ctx.today(), [stock.LineInput("SH001", 30)]),
        )
    page = shown_page(qtbot, ctx)
    page.tabs.setCurrentWidget(page.documents)
    documents = page.documents
    assert [r.number for r in documents.model.rows] == ["CG01-CK-2026-00001", "CG01-RK-2026-00001"]
    documents.view.setCurrentIndex(documents.model.index(0, 0))
    documents.reverse_button.click()
    assert on_hand(ctx, town.depot, "SH001") == {"": Decimal(80)}
    numbers = [(r.number, r.reversed_by) for r in documents.model.rows]
    assert numbers[:2] == [("CG01-HC-2026-00001", ""), ("CG01-CK-2026-00001", "CG01-HC-2026-00001")]


def test_menu_entries_open_the_entry_form_in_the_chosen_depot(
    qtbot, ctx, town, monkeypatch
) -> None:
    asked = []
    monkeypatch.setattr(
        stock_page.DocumentDialog, "ask", staticmethod(lambda *args: asked.append(args) or [])
    )
    page = shown_page(qtbot, ctx)
    select_data(page.depot, town.depot2)
    page.new_document(DocType.ISSUE)
    assert asked[0][1:3] == (DocType.ISSUE, town.depot2)
