"""What the GUI offers depends on the role; the services refuse the rest anyway."""

from __future__ import annotations

from ledger.core.actor import Actor
from ledger.core.enums import DocType, Role
from ledger.ui.context import AppContext
from ledger.ui.dialogs.document_form import DocumentDialog
from ledger.ui.pages.org import OrgPage
from ledger.ui.pages.stock import StockPage
from tests.ui.conftest import TODAY


def test_a_viewer_gets_no_buttons_that_change_anything(qtbot, sqlite_db, settings, town) -> None:
    ctx = AppContext(sqlite_db, Actor("guest", Role.VIEWER, "访客"), settings, today=TODAY)
    stock = StockPage(ctx)
    org = OrgPage(ctx)
    for page in (stock, org):
        qtbot.addWidget(page)
        page.show()
    new_buttons = [
        b
        for b in stock.findChildren(type(stock.documents.reverse_button))
        if b.text().endswith(("(F2)", "(F3)"))
    ]
    assert new_buttons and not any(b.isEnabled() for b in new_buttons)
    assert not stock.documents.reverse_button.isEnabled()
    assert not org.add_button.isEnabled() and not org.edit_button.isEnabled()
    assert "无权" in org.add_button.toolTip()


def test_a_keeper_enters_documents_only_in_its_own_depots(
    qtbot, sqlite_db, settings, town, recorder
) -> None:
    keeper = Actor("keeper", Role.KEEPER, "李保管", depot_ids=frozenset({town.depot2}))
    ctx = AppContext(sqlite_db, keeper, settings, today=TODAY)
    form = DocumentDialog(ctx, DocType.ISSUE, town.depot)
    qtbot.addWidget(form)
    assert [form.depot.itemData(n) for n in range(form.depot.count())] == [town.depot2]
    assert [form.dest.itemData(n) for n in range(form.dest.count())] == [
        None,
        town.depot,
        town.depot2,
    ]
