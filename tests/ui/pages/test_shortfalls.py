"""The 短板检查 page: tree counts, findings by unit, profile and date pickers, records, settings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt
from PySide6.QtWidgets import QLabel

from ledger.core.enums import CounterpartyKind, ReserveMode
from ledger.norms.model import Severity
from ledger.services.catalogue import register as catalogue
from ledger.services.norms import profiles as norm_profiles
from ledger.services.norms import settings as norm_settings
from ledger.ui.dialogs.norm_settings import (
    AgreementDialog,
    AgreementsDialog,
    ConfirmDialog,
    MinimumDialog,
    PerCapitaDialog,
)
from ledger.ui.main_window import MainWindow
from ledger.ui.ops import wait_for_reads
from ledger.ui.pages.shortfalls import ShortfallsPage
from ledger.ui.tables.base import GREY_FG
from ledger.ui.widgets.fields import select_data


def page_of(qtbot, ctx) -> ShortfallsPage:  # type: ignore[no-untyped-def]
    page = ShortfallsPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    checked(qtbot, page)
    return page


def checked(qtbot, page: ShortfallsPage) -> ShortfallsPage:  # type: ignore[no-untyped-def]
    """Wait until the check running on the background worker is shown."""
    qtbot.waitUntil(lambda: not page.checking, timeout=20_000)
    return page


def select_unit(page: ShortfallsPage, name: str) -> None:
    model = page.tree_model
    stack = [model.index(r, 0) for r in range(model.rowCount())]
    while stack:
        index = stack.pop()
        if model.node(index).text == name:
            page.tree.setCurrentIndex(index)
            return
        stack += [model.index(r, 0, index) for r in range(model.rowCount(index))]
    raise AssertionError(name)


def test_the_tree_counts_red_and_amber_below_each_unit(qtbot, qtmodeltester, ctx, town) -> None:
    page = page_of(qtbot, ctx)
    qtmodeltester.check(page.tree_model)
    qtmodeltester.check(page.model)
    assert page.result is not None
    findings = page.result.findings
    red = sum(1 for f in findings if f.red)
    amber = sum(1 for f in findings if f.amber)
    short = sum(1 for f in findings if f.severity.value == "short")
    top = page.tree_model.index(0, 0)
    assert page.tree_model.node(top).text == "中牟县"
    assert page.tree_model.index(0, 1).data() == str(red)
    assert page.tree_model.index(0, 2).data() == (str(short) if short else "")
    due = amber - short
    assert page.tree_model.index(0, 3).data() == (str(due) if due else "")
    assert {f.profile for f in findings} == {"henan-2021-66"}
    assert page.model.rowCount() == len(findings)


def test_choosing_a_unit_lists_its_findings_and_those_below(qtbot, ctx, town) -> None:
    page = page_of(qtbot, ctx)
    select_unit(page, "东村")
    units = {page.model.row(r).unit_name for r in range(page.model.rowCount())}
    assert units == {"东村"}
    assert {page.model.row(r).rule_id for r in range(page.model.rowCount())} >= {"P-F3"}
    select_unit(page, "城关镇")
    assert {page.model.row(r).unit_name for r in range(page.model.rowCount())} == {"城关镇", "东村"}
    texts = [page.model.index(r, 2).data() for r in range(page.model.rowCount())]
    assert "过期、临期物资：城关镇储备库·编织袋（批次 L0）" in texts
    assert "共" in page.summary.text() and "按类型：" in page.summary.text()


def test_the_profile_and_date_pickers_rerun_the_check(qtbot, ctx, town) -> None:
    page = page_of(qtbot, ctx)
    select_data(page.profile, "xingyang-draft")
    checked(qtbot, page)
    assert page.result is not None and page.result.profile_id == "xingyang-draft"
    assert {page.model.row(r).profile for r in range(page.model.rowCount())} == {"xingyang-draft"}
    page.on.set_date(date(2024, 1, 1))
    page.refresh()
    checked(qtbot, page)
    severities = {page.model.row(r).severity.value for r in range(page.model.rowCount())}
    assert "upcoming" in severities
    page.view.selectRow(0)
    assert "出处：" in page.detail.text()


def test_a_double_click_opens_the_depot_behind_a_finding(qtbot, ctx, town) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.show_section("shortfalls")
    assert isinstance(page, ShortfallsPage)
    page.refresh()
    checked(qtbot, page)
    select_unit(page, "城关镇")
    rows = [page.model.row(r) for r in range(page.model.rowCount())]
    number = next(i for i, f in enumerate(rows) if f.rule_id == "L-EXPIRY")
    proxy = page.view.model()
    page.view.setCurrentIndex(proxy.mapFromSource(page.model.index(number, 0)))
    page.open_records()
    assert window.current_section() == "stock"
    assert window.pages["stock"].depot.currentData() == town.depot


def test_settings_dialogs_save_through_the_services(qtbot, ctx, town) -> None:
    dialog = ConfirmDialog(ctx, town.town, "henan-2021-66")
    qtbot.addWidget(dialog)
    assert [dialog.attribute.itemText(i) for i in range(dialog.attribute.count())][:2] == [
        "班子",
        "机制",
    ]
    dialog.accept()
    assert [c.attribute for c in ctx.read(lambda s: norm_settings.confirmations(s, town.town))] == [
        "班子"
    ]
    minimum = MinimumDialog(ctx, town.town)
    qtbot.addWidget(minimum)
    select_data(minimum.depot, town.depot)
    minimum.item.setText("FX002")
    minimum.quantity.setText("80")
    minimum.accept()
    assert [(m.item, m.quantity) for m in ctx.read(norm_settings.minimums)] == [
        ("救生衣", Decimal(80))
    ]
    page = page_of(qtbot, ctx)
    rules = {page.model.row(r).rule_id for r in range(page.model.rowCount())}
    assert "L-MIN" in rules


def test_per_capita_amounts_only_where_a_plan_scales_a_reserve(qtbot, ctx, recorder, town) -> None:
    none = PerCapitaDialog(ctx, town.county, "henan-2021-66")
    qtbot.addWidget(none)
    assert not none.ok_button.isEnabled() and not none.banner.isHidden()
    dialog = PerCapitaDialog(ctx, town.county, "wenshang-2022-57")
    qtbot.addWidget(dialog)
    dialog.item.setText("SH001")
    dialog.amount.setText("0.25")
    dialog.per_day.setChecked(False)
    dialog.accept()
    (row,) = ctx.read(lambda s: norm_settings.per_capita_amounts(s, "wenshang-2022-57"))
    assert (row.item, row.amount, row.per_day) == ("棉被", Decimal("0.25"), False)
    refused = PerCapitaDialog(ctx, town.county, "wenshang-2022-57")
    qtbot.addWidget(refused)
    refused.item.setText("FX001")
    refused.amount.setText("1")
    refused.accept()
    assert "不属于生活保障类" in refused.banner.text()


def test_reserve_agreements_are_registered_and_listed(qtbot, ctx, town) -> None:
    with ctx.db.transaction(ctx.actor) as s:
        catalogue.add_counterparty(s, ctx.actor, "某储备企业", CounterpartyKind.ENTERPRISE)
    dialog = AgreementDialog(ctx, town.town)
    qtbot.addWidget(dialog)
    select_data(dialog.mode, ReserveMode.CAPACITY.value)
    dialog.ends_on.set_date(date(2027, 12, 31))
    dialog.lines.setPlainText("FX001 5000\n\n棉被 200")
    dialog.accept()
    listing = AgreementsDialog(ctx, town.town)
    qtbot.addWidget(listing)
    (row,) = listing.model.rows
    assert (row.counterparty, row.mode, row.lines[0][:2]) == (
        "某储备企业",
        ReserveMode.CAPACITY,
        ("编织袋", Decimal(5000)),
    )
    wrong = AgreementDialog(ctx, town.town)
    qtbot.addWidget(wrong)
    wrong.lines.setPlainText("不存在的东西 5")
    wrong.accept()
    assert wrong.banner.text() == "第1行：“不存在的东西 5”不是“物资 数量”"
    listing.view.selectRow(0)
    listing.remove()
    assert listing.model.rows == []


def test_an_office_adds_a_plan_of_its_own(
    qtbot, ctx, town, recorder, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "data"))
    page = page_of(qtbot, ctx)
    source = (norm_profiles.shipped_dir() / "hequ-2023-25.toml").read_text(encoding="utf-8")
    mine = tmp_path / "ours.toml"
    mine.write_text(source.replace('"hequ-2023-25"', '"our-county-2024"'), encoding="utf-8")
    page.add_profile(mine)
    checked(qtbot, page)
    assert page.profile.currentData() == "our-county-2024"
    assert {page.model.row(r).profile for r in range(page.model.rowCount())} == {"our-county-2024"}
    broken = tmp_path / "broken.toml"
    broken.write_text('[profile]\nid = "x1"\n', encoding="utf-8")
    page.add_profile(broken)
    assert recorder.texts("refusal") == [
        "规划文件“broken.toml”有误（[profile]，字段 effective）：缺少此项"
    ]


def test_the_list_shows_words_with_the_rule_id_last_and_no_seed_line(qtbot, ctx, town) -> None:
    page = page_of(qtbot, ctx)
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)]
    assert headers[-2:] == ["依据", "规则编号"]
    texts = [
        [page.model.index(r, c).data() for c in range(8)] for r in range(page.model.rowCount())
    ]
    (row,) = [t for t in texts if t[-1] == "P-T4"]
    assert row[-2] == "豫政〔2021〕66号 三、主要任务（五）强化应急救援力量建设"
    assert not any("002:" in str(cell) for t in texts for cell in t)
    severities = [page.model.row(r).severity for r in range(page.model.rowCount())]
    units = [page.model.row(r).unit_name for r in range(page.model.rowCount())]
    ranks = {s: i for i, s in enumerate(Severity)}
    for unit in set(units):  # missing before short before overdue, within each unit
        mine = [ranks[s] for s, u in zip(severities, units, strict=True) if u == unit]
        assert mine == sorted(mine), unit


def test_a_waiting_finding_is_grey_and_confirmed_in_one_action(qtbot, ctx, town) -> None:
    page = page_of(qtbot, ctx)
    select_data(page.profile, "xingyang-draft")
    checked(qtbot, page)
    select_unit(page, "城关镇")
    rows = [page.model.row(r) for r in range(page.model.rowCount())]
    assert all(f.draft for f in rows)
    plan = [f for f in rows if "非规划条款" not in f.citation.section]  # not the ledger's own
    assert plan and all(f.source_text.startswith("（征求意见稿）") for f in plan)
    number = next(i for i, f in enumerate(rows) if f.rule_id == "X-F3")
    assert rows[number].severity is Severity.UNCONFIRMED
    assert page.model.index(number, 1).data() == "待确认"
    assert page.model.index(number, 0).data(Qt.ItemDataRole.ForegroundRole).color() == GREY_FG
    assert page.model.index(number, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert page.tree_model.index(0, 4).data() not in ("", None)
    proxy = page.view.model()
    page.view.setCurrentIndex(proxy.mapFromSource(page.model.index(number, 0)))
    assert page.confirm_waiting_button.isEnabled()
    page.confirm_waiting_button.click()
    checked(qtbot, page)
    confirmed = ctx.read(lambda s: norm_settings.confirmations(s, town.town))
    assert [(c.attribute, c.confirmed_on) for c in confirmed] == [("应急管理委员会", ctx.today())]
    assert "X-F3" not in {
        page.model.row(r).rule_id for r in range(page.model.rowCount()) if page.model.row(r)
    }


def test_several_waiting_findings_are_confirmed_in_one_click(qtbot, ctx, town) -> None:
    page = page_of(qtbot, ctx)
    select_data(page.profile, "xingyang-draft")
    checked(qtbot, page)
    select_unit(page, "中牟县")
    rows = [page.model.row(r) for r in range(page.model.rowCount())]
    waiting = [i for i, f in enumerate(rows) if f.severity is Severity.UNCONFIRMED]
    assert len({rows[i].unit_name for i in waiting}) >= 2
    proxy = page.view.model()
    selection = page.view.selectionModel()
    for number in waiting:
        selection.select(
            proxy.mapFromSource(page.model.index(number, 0)),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    assert page.confirm_waiting_button.isEnabled()
    page.confirm_waiting_button.click()
    checked(qtbot, page)
    assert {c.attribute for c in ctx.read(lambda s: norm_settings.confirmations(s, town.town))}
    left = [page.model.row(r) for r in range(page.model.rowCount())]
    assert not [f for f in left if f and f.severity is Severity.UNCONFIRMED]


def test_the_summary_counts_each_severity_per_town(qtbot, ctx, town) -> None:
    page = page_of(qtbot, ctx)
    select_unit(page, "中牟县")
    assert page.result is not None
    text = page.summary.toolTip()  # the tree shows the counts; the summary's tooltip lists them
    assert text.startswith("按乡镇：\n")
    in_town = [f for f in page.result.findings if f.unit_name in ("城关镇", "东村")]
    missing = sum(1 for f in in_town if f.severity is Severity.MISSING)
    assert f"\n城关镇　缺失 {missing}" in text


def test_per_capita_dialog_shows_the_reference_and_sets_the_offices_amount_per_item(
    qtbot, ctx, town
) -> None:
    dialog = PerCapitaDialog(ctx, town.county, "wenshang-2022-57")
    qtbot.addWidget(dialog)
    labels = [w.text() for w in dialog.findChildren(QLabel)]
    assert any(
        "帐篷（居住面积）：每人3.5平方米" in t and "饮用水：每人每天2.5升" in t for t in labels
    )
    dialog.item.setText("SH001")
    dialog.amount.setText("1")
    dialog.per_day.setChecked(False)
    dialog.for_all.setChecked(True)
    dialog.basis.setText("本县测算")
    dialog.accept()
    rows = ctx.read(norm_settings.per_capita_norms)
    assert [(n.item, n.per_person, n.per_person_day, n.basis) for n in rows] == [
        ("棉被", Decimal(1), None, "本县测算")
    ]
    assert ctx.read(lambda s: norm_settings.per_capita_amounts(s, "wenshang-2022-57")) == []
    again = PerCapitaDialog(ctx, town.county, "wenshang-2022-57")
    qtbot.addWidget(again)
    assert any("棉被 1床/人" in w.text() for w in again.findChildren(QLabel))


def test_the_check_runs_on_the_worker_and_only_the_latest_request_is_shown(
    qtbot, ctx, town
) -> None:
    page = ShortfallsPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    assert page.checking and page.result is None
    assert not page.check_button.isEnabled() and page.check_button.text() == "正在检查……"
    assert page.summary.text() == "正在检查，请稍候……"
    select_data(page.profile, "xingyang-draft")  # another plan, asked while the first runs
    checked(qtbot, page)
    wait_for_reads()  # the first request's result, whenever it ends, is dropped
    QCoreApplication.processEvents()
    assert page.result is not None and page.result.profile_id == "xingyang-draft"
    assert {page.model.row(r).profile for r in range(page.model.rowCount())} == {"xingyang-draft"}
    assert page.check_button.isEnabled() and page.check_button.text() == "检查"
    assert page.summary.text().startswith(f"{ctx.today()}：共")
