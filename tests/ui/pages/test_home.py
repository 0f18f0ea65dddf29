"""The 工作台 page: alerts open their lists, charts equal the lists, bars open a town's findings."""

from __future__ import annotations

from collections import Counter
from datetime import date

from ledger.core.enums import DocType
from ledger.norms.model import Severity
from ledger.services import stock
from ledger.services.reporting.dashboard import Alert
from ledger.services.stock.queries import StockFilter, stock_on_hand
from ledger.ui.context import STOCK_CHANGES
from ledger.ui.i18n import label
from ledger.ui.main_window import MainWindow
from ledger.ui.ops import run_op
from ledger.ui.pages.home import AlertListDialog, HomePage
from ledger.ui.pages.shortfalls import ShortfallsPage
from tests.ui.pages.test_shortfalls import checked


def home(qtbot, ctx) -> HomePage:  # type: ignore[no-untyped-def]
    page = HomePage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.result is not None)
    return page


def count_of(page: HomePage, alert: Alert) -> int:
    return int(page.cards[alert].text().split("\n")[1].replace(",", ""))


def test_an_alert_opens_the_list_it_counts(qtbot, ctx, town) -> None:
    page = home(qtbot, ctx)
    assert count_of(page, Alert.EXPIRED) == 1  # 救生衣 J1, expired 2026-10-01
    assert count_of(page, Alert.EXPIRING) == 1  # 编织袋 L0, 2026-12-01
    for alert in Alert:
        dialog = page.open_alert(alert)
        qtbot.addWidget(dialog)
        assert isinstance(dialog, AlertListDialog)
        assert dialog.model.rowCount() == count_of(page, alert)
        dialog.close()
    dialog = page.open_alert(Alert.EXPIRED)
    qtbot.addWidget(dialog)
    assert dialog.model.rows[0].what == "救生衣" and dialog.model.rows[0].where == "城关镇储备库"
    assert dialog.model.index(0, 2).data() == "2026-10-01"


def test_the_charts_equal_the_stock_list(qtbot, ctx, town) -> None:
    page = home(qtbot, ctx)
    held = ctx.read(lambda s: stock_on_hand(s, StockFilter()))
    items: dict[str, set[str]] = {}
    for row in held:
        items.setdefault(label(row.category), set()).add(row.item_code)
    chart = page.stock_chart
    assert dict(zip(chart.categories, chart.series[0].values, strict=True)) == {
        k: len(v) for k, v in items.items()
    }
    expiries = page.expiry_chart
    assert len(expiries.categories) == 12 and expiries.categories[0] == "11月"
    ahead = Counter(
        (r.expiry.year, r.expiry.month) for r in held if r.expiry and r.expiry >= date(2026, 11, 22)
    )
    months = [(2026 + (10 + n) // 12, (10 + n) % 12 + 1) for n in range(12)]
    assert expiries.series[0].values == tuple(float(ahead[m]) for m in months)
    assert "2026-11 至 2027-10" in expiries.chart().title()


def test_the_shortfall_charts_equal_the_findings(qtbot, ctx, town) -> None:
    page = home(qtbot, ctx)
    assert page.result is not None
    findings = page.result.findings
    by_severity = Counter(f.severity for f in findings)
    for severity, card in page.severity_cards.items():
        assert card.isVisibleTo(page) == bool(by_severity[severity])
        if by_severity[severity]:
            assert card.text().endswith(f" {by_severity[severity]}")
    chart = page.towns_chart
    totals = [sum(s.values[i] for s in chart.series) for i in range(len(chart.categories))]
    assert sum(totals) == len(findings)
    assert chart.categories == [t.name for t in page.towns]
    town_row = chart.categories.index("城关镇")
    below = {"城关镇", "东村"}
    assert totals[town_row] == sum(1 for f in findings if f.unit_name in below)
    missing = chart.values(label_of(Severity.MISSING)) if by_severity[Severity.MISSING] else ()
    assert sum(missing) == by_severity[Severity.MISSING]
    members = page.headcount_chart.values("在队人数")
    assert sum(members) == 0  # the town's team has no members yet


def label_of(severity: Severity) -> str:
    from ledger.ui.i18n import translate

    return translate("Norms", severity.label)


def test_a_bar_opens_the_towns_findings_and_a_card_the_check(qtbot, ctx, town) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.show_section("home")
    assert isinstance(page, HomePage)
    qtbot.waitUntil(lambda: page.result is not None)
    page.towns_chart.clicked.emit(page.towns_chart.categories.index("城关镇"))
    shown = window.stack.currentWidget()
    assert isinstance(shown, ShortfallsPage)
    checked(qtbot, shown)  # the town is chosen once the check's findings are shown
    assert shown.tree_model.node(shown.tree.currentIndex()).text == "城关镇"
    assert {f.unit_name for f in shown.model.rows} <= {"城关镇", "东村"}
    window.show_section("home")
    visible = next(c for c in page.severity_cards.values() if c.isVisibleTo(page))
    visible.click()
    assert window.current_section() == "shortfalls"


def test_the_page_follows_changes(qtbot, ctx, town) -> None:
    page = home(qtbot, ctx)
    assert count_of(page, Alert.EXPIRED) == 1
    entry = stock.DocumentInput(
        DocType.RECEIPT,
        "CG01",
        date(2026, 11, 1),
        [stock.LineInput("FX002", 3, "J9", date(2026, 11, 2))],
    )
    outcome = run_op(
        page, ctx, lambda s, a: stock.post_document(s, a, entry), changes=STOCK_CHANGES
    )
    assert outcome.ok
    assert count_of(page, Alert.EXPIRED) == 2
    assert page.recent.rows[0].number == outcome.value.number  # type: ignore[union-attr]


def test_an_empty_ledger_shows_zeros_and_empty_charts(qtbot, ctx) -> None:
    page = home(qtbot, ctx)
    assert all(count_of(page, a) == 0 for a in Alert)
    assert page.stock_chart.categories == []
    assert page.towns_chart.categories == []
    assert page.recent.rowCount() == 0
    assert "还没有自动备份" in page.backup.text()


def test_the_check_waits_while_the_user_is_elsewhere(qtbot, ctx, town) -> None:
    page = HomePage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.hide()  # gone to another page before the check started
    qtbot.wait(150)
    assert page.result is None
    page.show()
    qtbot.waitUntil(lambda: page.result is not None)
    assert page.towns_chart.categories
