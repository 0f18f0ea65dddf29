"""An empty table says what to do next; the hint goes as soon as the table has rows."""

from __future__ import annotations

from ledger.ui.main_window import MainWindow
from ledger.ui.tables.base import Column, RowsModel
from ledger.ui.widgets.empty_hint import empty_hint
from ledger.ui.widgets.page import table_view


def test_the_hint_shows_only_while_the_table_is_empty(qtbot) -> None:
    model: RowsModel[str] = RowsModel([Column("名称", lambda r: r)])
    view = table_view(model, sortable=True)
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()
    hint = empty_hint(view, "还没有数据：点“新增”登记。")
    assert hint.label.isVisible() and "新增" in hint.label.text()
    assert hint.label.width() > 300
    model.set_rows(["帐篷"])
    assert not hint.label.isVisible()
    model.set_rows([])
    assert hint.label.isVisible()


def test_the_main_tables_of_an_empty_database_say_what_to_do(qtbot, ctx) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    stock = window.show_section("stock")
    assert stock.empty.label.isVisible() and "F2" in stock.empty.label.text()
    teams = window.show_section("teams")
    assert teams.teams_empty.label.isVisible() and "新增队伍" in teams.teams_empty.label.text()
    equipment = window.show_section("equipment")
    assert equipment.empty.label.isVisible() and "新增装备" in equipment.empty.label.text()


def test_a_table_with_rows_shows_no_hint(qtbot, ctx, town) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    stock = window.show_section("stock")
    qtbot.waitUntil(lambda: stock.model.rowCount() > 0)
    assert not stock.empty.label.isVisible()
