"""The audit view: filters, paging, the selected change's before and after, who may open it."""

from __future__ import annotations

from ledger.core.actor import Actor
from ledger.core.enums import Level, Role
from ledger.services.org import tree as org
from ledger.ui.context import AppContext
from ledger.ui.main_window import MainWindow
from ledger.ui.pages.audit import AuditView, open_audit


def test_the_view_lists_filters_and_shows_differences(qtbot, qtmodeltester, ctx, town) -> None:
    with ctx.db.transaction(ctx.actor) as s:
        org.update_unit(
            s,
            ctx.actor,
            town.town,
            org.UnitInput("410122100", "城关镇", Level.TOWN, town.county, population=53000),
        )
    view = AuditView(ctx)
    qtbot.addWidget(view)
    qtmodeltester.check(view.model)
    assert view.model.total > 10 and "共" in view.count_label.text()
    first = view.model.row(0)
    assert first is not None and first.action == "update" and first.subject == "城关镇"
    assert view.diff_model.rows == [("常住人口", "52000", "53000")]
    view.table_filter.setCurrentIndex(view.table_filter.findData("depots"))
    view.reload()
    assert view.model.total == 2
    assert {view.model.row(i).subject for i in range(2)} == {"城关镇储备库", "东村存储点"}
    view.table_filter.setCurrentIndex(0)
    view.record.setText(str(town.town))
    view.reload()
    assert [view.model.row(i).action for i in range(view.model.total)] == ["update", "insert"]
    view.since.setText("2099-01-01")
    view.reload()
    assert view.model.total == 0 and view.diff_model.rows == []


def test_keepers_are_refused_the_audit_log(qtbot, sqlite_db, settings, recorder) -> None:
    keeper = Actor("k", Role.KEEPER, "保管员甲")
    window = MainWindow(AppContext(sqlite_db, keeper, settings))
    qtbot.addWidget(window)
    open_audit(window)
    assert recorder.texts("refusal") == ["只有管理员和应急办账户可以查看审计日志"]


def test_the_menu_offers_the_audit_log(qtbot, ctx) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    titles = [a.text() for a in window.menus["data"].actions()]
    assert "审计日志(&A)…" in titles
