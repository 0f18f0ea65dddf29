"""仓库与库存 as a clerk's spreadsheet: 按物资汇总 with its lots, 单据 by dates and 事件, 合计."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from ledger.core.enums import DocType, IncidentKind
from ledger.services import stock
from ledger.services.org import incident_records as incidents
from ledger.ui.pages.stock import StockPage
from ledger.ui.widgets.fields import select_data


def shown_page(qtbot, ctx) -> StockPage:
    page = StockPage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    return page


def test_stock_per_item_across_depots_with_its_lots_below(qtbot, ctx, town, qtmodeltester) -> None:
    with ctx.db.transaction(ctx.actor) as s:
        stock.post_document(
            s,
            ctx.actor,
            stock.DocumentInput(
                DocType.TRANSFER,
                "CG01",
                ctx.today(),
                [stock.LineInput("FX001", 300, "L1")],
                dest_depot="CG02",
            ),
        )
    page = shown_page(qtbot, ctx)
    page.tabs.setCurrentWidget(page.totals)
    tab = page.totals
    proxy = tab.view.model()
    shown = [
        (proxy.index(n, 0).data(), proxy.index(n, 4).data(), proxy.index(n, 5).data())
        for n in range(proxy.rowCount())
    ]
    assert shown == [("FX001", "1200条", "2"), ("FX002", "50件", "1"), ("SH001", "80床", "1")]
    tab.view.setCurrentIndex(proxy.index(0, 0))
    lots = [(r.depot_name, r.lot, r.quantity) for r in tab.lots.rows]
    assert sorted(lots) == [
        ("东村存储点", "L1", 300),
        ("城关镇储备库", "L0", 200),
        ("城关镇储备库", "L1", 700),
    ]
    assert "2 个仓库" in tab.caption.text()
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.view.model())
    assert "3 种计量单位" in tab.view.footer.text()
    assert "1200条" in tab.view.footer.toolTip()
    select_data(page.depot, town.depot2)  # one depot: only what it holds
    assert [tab.view.model().index(n, 0).data() for n in range(tab.view.model().rowCount())] == [
        "FX001"
    ]
    assert "数量：300条" in tab.view.footer.text()


def test_stock_total_per_unit_when_one_item_is_searched(qtbot, ctx, town) -> None:
    page = shown_page(qtbot, ctx)
    with qtbot.waitSignal(page.search.search):
        page.search.setText("编织袋")
    assert "数量：1200条" in page.view.footer.text()


def test_documents_by_date_range_and_incident(qtbot, ctx, town) -> None:
    with ctx.db.transaction(ctx.actor) as s:
        flood = incidents.save_incident(
            s,
            ctx.actor,
            incidents.IncidentInput(town.town, IncidentKind.FLOOD, "7·20暴雨", date(2026, 7, 20)),
        )
        for day, incident in ((date(2026, 7, 21), flood), (date(2026, 9, 1), None)):
            stock.post_document(
                s,
                ctx.actor,
                stock.DocumentInput(
                    DocType.ISSUE,
                    "CG01",
                    day,
                    [stock.LineInput("SH001", 5)],
                    incident_id=incident,
                ),
            )
    page = shown_page(qtbot, ctx)
    page.tabs.setCurrentWidget(page.documents)
    documents = page.documents

    def dates() -> list[date]:
        return [r.doc_date for r in documents.model.rows]

    assert dates() == [date(2026, 9, 1), date(2026, 7, 21), date(2026, 3, 1)]
    documents.start.setText("2026-07-01")
    documents.end.setText("2026-08-31")
    assert dates() == [date(2026, 7, 21)]
    documents.start.setText("")
    documents.end.setText("")
    assert len(dates()) == 3
    assert select_data(documents.incident, flood)
    assert documents.incident.currentText().endswith("7·20暴雨")
    assert dates() == [date(2026, 7, 21)]
    documents.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert documents.view.model().rowCount() == 1
