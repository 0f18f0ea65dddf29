"""A new user, with the GUI alone: a town, its team and members, depots and items, then
receive, issue, transfer, count, reverse a mistake and find every movement on the card."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from ledger.core.enums import Category, DocType, Level
from ledger.ui.dialogs import card as card_dialogs
from ledger.ui.dialogs import catalogue as catalogue_dialogs
from ledger.ui.dialogs import document_view
from ledger.ui.dialogs import org as org_dialogs
from ledger.ui.dialogs import teams as team_dialogs
from ledger.ui.dialogs.document_form import DocumentDialog
from ledger.ui.main_window import MainWindow
from ledger.ui.pages import stock as stock_pages
from ledger.ui.widgets.fields import select_data
from tests.ui.dialogs.test_document_form import on_hand, post, press, type_cell
from tests.ui.pages.test_org import drive

ID = "11010519491231002X"


def fill_unit(code: str, name: str, level: Level | None = None):
    def fill(dialog):
        dialog.code.setText(code)
        dialog.name.setText(name)
        if level is not None:
            dialog.level.set_value(level)

    return fill


def test_a_new_office_works_with_the_gui_alone(qtbot, ctx, monkeypatch, recorder) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()

    # 组织机构: the county, then a town below it
    org_page = window.show_section("org")
    drive(qtbot, monkeypatch, org_dialogs.UnitDialog, fill_unit("410122", "中牟县"))
    org_page.add_unit()
    drive(qtbot, monkeypatch, org_dialogs.UnitDialog, fill_unit("410122100", "城关镇"))
    org_page.add_unit()
    assert org_page.title.text() == "城关镇" and org_page.fact_labels["level"].text() == "乡镇"
    town = org_page.current_unit()

    # 救援队伍: a team of the town and a member
    teams_page = window.show_section("teams")
    teams_page.tree.select(town.id)
    drive(qtbot, monkeypatch, team_dialogs.TeamDialog, lambda d: d.name.setText("城关镇救援队"))
    teams_page.add_team()
    drive(
        qtbot,
        monkeypatch,
        team_dialogs.MemberDialog,
        lambda d: (d.name.setText("张三"), d.id_number.setText(ID)),
    )
    teams_page.add_member()
    assert teams_page.teams.rows[0].headcount == 1

    # 仓库与库存: two depots and an item
    stock_page = window.show_section("stock")
    for code, name in (("CG01", "城关镇储备库"), ("CG02", "城关镇二号库")):

        def depot(d, code=code, name=name):
            d.code.setText(code)
            d.name.setText(name)
            select_data(d.unit, town.id)

        drive(qtbot, monkeypatch, catalogue_dialogs.DepotDialog, depot)
        stock_page.depots.add_depot()

    def item(d):
        d.code.setText("FX001")
        d.name.setText("编织袋")
        d.unit.setText("条")
        d.category.set_value(Category.FLOOD)

    drive(qtbot, monkeypatch, catalogue_dialogs.ItemDialog, item)
    stock_page.tabs.setCurrentWidget(stock_page.items)
    catalogue_dialogs.ItemDialog.ask(ctx, None, stock_page)
    stock_page.refresh()
    depot1, depot2 = (stock_page.depot.itemData(n) for n in (1, 2))

    # Documents, typed from the keyboard in the entry form the page opens
    typed = {
        DocType.RECEIPT: [("FX001", "L1", "2028-06-30", "1000", "")],
        DocType.ISSUE: [("FX001", "", "100")],
        DocType.TRANSFER: [("FX001", "", "300")],
    }

    def enter(ctx_, kind, depot_id, parent=None):
        form = DocumentDialog(ctx_, kind, depot_id, parent)
        qtbot.addWidget(form)
        form.show()
        form.activateWindow()
        qtbot.waitActive(form)
        if kind is DocType.TRANSFER:
            select_data(form.dest, depot2)
        if kind is DocType.STOCKTAKE:
            if not form.stocktake.task.outcome:
                with qtbot.waitSignal(form.stocktake.task.ended):
                    pass
            form.approver.setText("李主任")
            form.stocktake.grid.start()
            type_cell(qtbot, form.stocktake.grid, "595")
        else:
            form.grid.start()
            for line in typed[kind]:
                for text in line:
                    type_cell(qtbot, form.grid, text)
        post(qtbot, form)
        press(qtbot, form, Qt.Key.Key_Escape)
        assert not form.isVisible()
        return form.posted

    monkeypatch.setattr(stock_pages.DocumentDialog, "ask", staticmethod(enter))
    select_data(stock_page.depot, depot1)
    for kind in (DocType.RECEIPT, DocType.ISSUE, DocType.TRANSFER, DocType.STOCKTAKE):
        stock_page.new_document(kind)
    assert recorder.kinds("refusal") == []
    assert on_hand(ctx, depot1, "FX001") == {"L1": Decimal(595)}
    assert on_hand(ctx, depot2, "FX001") == {"L1": Decimal(300)}

    # A mistake: the issue was wrong, it is reversed (红冲) from the document list
    def reverse(ctx_, document_id, number, doc_date, parent=None):
        dialog = document_view.ReverseDialog(ctx_, document_id, number, doc_date, parent)
        qtbot.addWidget(dialog)
        dialog.note.setText("出库数量录错")
        dialog.ok_button.click()
        return dialog.result_value

    monkeypatch.setattr(document_view.ReverseDialog, "ask", staticmethod(reverse))
    stock_page.tabs.setCurrentWidget(stock_page.documents)
    documents = stock_page.documents
    issue = next(n for n, r in enumerate(documents.model.rows) if r.number == "CG01-CK-2026-00001")
    documents.view.setCurrentIndex(documents.model.index(issue, 0))
    documents.reverse_button.click()
    assert on_hand(ctx, depot1, "FX001") == {"L1": Decimal(695)}

    # Every movement on the stock card, with its running balance
    cards = []

    def show(ctx_, depot_id, item_id, lot=None, parent=None):
        dialog = card_dialogs.StockCardDialog(ctx_, depot_id, item_id, lot, parent)
        qtbot.addWidget(dialog)
        cards.append(dialog)

    monkeypatch.setattr(card_dialogs.StockCardDialog, "ask", staticmethod(show))
    stock_page.tabs.setCurrentIndex(0)
    stock_page.view.setCurrentIndex(stock_page.model.index(0, 0))
    stock_page.open_card()
    (card,) = cards
    # one day: receipts (the reversal of the issue brings stock in) count before issues
    assert [(r.number, r.inflow, r.outflow, r.balance) for r in card.model.rows] == [
        ("CG01-RK-2026-00001", 1000, 0, 1000),
        ("CG01-HC-2026-00001", 100, 0, 1100),
        ("CG01-CK-2026-00001", 0, 100, 1000),
        ("CG01-DB-2026-00001", 0, 300, 700),
        ("CG01-PD-2026-00001", 0, 5, 695),
    ]
    assert card.model.rows[1].is_reversal
