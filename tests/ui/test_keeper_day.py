"""A keeper's day: the own depot is chosen first on the stock page, in the reports and in the
entry form, and the form's 保管员 is the keeper."""

from __future__ import annotations

import pytest

from ledger.core.actor import Actor
from ledger.core.enums import DocType, Role
from ledger.ui.context import AppContext
from ledger.ui.dialogs.document_form import DocumentDialog
from ledger.ui.pages.reports import ReportsPage
from ledger.ui.pages.stock import StockPage
from tests.ui.conftest import TODAY


@pytest.fixture
def keeper_ctx(sqlite_db, settings, town, recorder) -> AppContext:
    keeper = Actor("wang", Role.KEEPER, "王保管", depot_ids=frozenset({town.depot2}))
    return AppContext(sqlite_db, keeper, settings, today=TODAY)


def shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_stock_page_opens_on_the_keepers_depot(qtbot, keeper_ctx, town) -> None:
    page = shown(qtbot, StockPage(keeper_ctx))
    assert page.depot_id() == town.depot2


def test_an_administrator_sees_all_depots_first(qtbot, ctx, town) -> None:
    page = shown(qtbot, StockPage(ctx))
    assert page.depot_id() is None


def test_the_reports_choose_the_keepers_depot(qtbot, keeper_ctx, town) -> None:
    page = shown(qtbot, ReportsPage(keeper_ctx))
    assert page.depot.currentData() == "CG02"


def test_the_entry_form_is_the_keepers(qtbot, keeper_ctx, ctx, town) -> None:
    form = DocumentDialog(keeper_ctx, DocType.RECEIPT)
    qtbot.addWidget(form)
    assert form.depot_id() == town.depot2
    assert form.keeper.text() == "王保管" and form.handler.text() == "王保管"
    other = DocumentDialog(ctx, DocType.RECEIPT)
    qtbot.addWidget(other)
    assert other.keeper.text() == ""
