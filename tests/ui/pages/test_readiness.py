"""The 应急推演 page: units, people and days in; needs, draws, covers and teams out; PDF, Excel."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ledger.core.enums import CounterpartyKind, IncidentKind, ReserveMode
from ledger.services.catalogue import register as catalogue
from ledger.services.norms import settings as norm_settings
from ledger.ui.main_window import MainWindow
from ledger.ui.pages import _report_preview as preview
from ledger.ui.pages import excel
from ledger.ui.pages.readiness import ReadinessPage
from ledger.ui.widgets.fields import select_data


@pytest.fixture
def amounts(ctx, town) -> None:  # type: ignore[no-untyped-def]
    """The county sets 0.5 棉被 a person (once); a reserve enterprise holds 500 on agreement."""
    rule = next(r for r in norm_settings.scaled_rules("wenshang-2022-57") if r.rule_id == "W-M3")

    def work(s, a):  # type: ignore[no-untyped-def]
        norm_settings.set_per_capita(s, a, town.county, rule, "SH001", "0.5", per_day=False)
        catalogue.add_counterparty(
            s, a, "某被服厂", CounterpartyKind.ENTERPRISE, "李厂长", "13900000000"
        )
        norm_settings.save_agreement(
            s,
            a,
            norm_settings.AgreementInput(
                town.county, "某被服厂", ReserveMode.AGREEMENT, [("SH001", 500)]
            ),
        )

    with ctx.db.transaction(ctx.actor) as s:
        work(s, ctx.actor)


def page_of(qtbot, ctx) -> ReadinessPage:  # type: ignore[no-untyped-def]
    page = ReadinessPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    return page


def choose(page: ReadinessPage, name: str) -> None:
    for number in range(page.unit.count()):
        if page.unit.itemData(number)[1] == name:
            page.unit.setCurrentIndex(number)
            page.add_unit()
            return
    raise AssertionError(name)


def test_a_plan_shows_needs_draws_covers_and_teams(qtbot, ctx, town, amounts, recorder) -> None:
    page = page_of(qtbot, ctx)
    choose(page, "东村")
    page.people.setValue(200)
    page.days.setValue(3)
    page.run()
    assert page.units_label.text() == "东村"
    assert page.needs.rowCount() == 1
    need = page.needs.row(0)
    assert need is not None and (need.needed, need.available, need.short) == (100, 80, 20)
    cells = [page.needs.index(0, c).data() for c in range(5)]
    assert cells == ["棉被", "每人0.5床", "100床", "80床", "20床"]
    lines = [
        [page.lines.index(r, c).data() for c in range(5)] for r in range(page.lines.rowCount())
    ]
    assert lines == [
        ["本乡镇", "城关镇储备库（城关镇）", "", "", "80床"],
        ["协议储备", "某被服厂（李厂长，13900000000）", "", "", "500床"],
    ]
    assert [page.teams.index(r, 1).data() for r in range(page.teams.rowCount())] == [
        "城关镇综合应急救援队"
    ]
    assert "1 种物资不足" in page.summary.text()
    assert page.pdf_button.isEnabled()


def test_without_a_unit_it_says_so(qtbot, ctx, town, recorder) -> None:
    page = page_of(qtbot, ctx)
    page.unit.clear()
    page.run()
    assert recorder.texts("warning") == ["请先选择安置地区"]
    assert not page.pdf_button.isEnabled()


def test_a_preset_fills_people_and_days(qtbot, ctx, town, amounts) -> None:
    page = page_of(qtbot, ctx)
    number = next(n for n, p in enumerate(page.presets) if p.rule_id == "W-M3")
    select_data(page.preset, number)
    page.apply_preset()
    assert (page.people.value(), page.days.value()) == (5000, 15)


def test_the_plan_prints_and_exports(
    qtbot, ctx, town, amounts, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = page_of(qtbot, ctx)
    choose(page, "城关镇")
    page.people.setValue(100)
    page.run()
    monkeypatch.setattr(preview, "ask_save_path", lambda parent, s: str(tmp_path / "plan.pdf"))
    monkeypatch.setattr(excel, "choose_file", lambda *a, **k: str(tmp_path / "plan.xlsx"))
    assert page.save_pdf() == tmp_path / "plan.pdf"
    assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF")
    assert page.save_xlsx() == tmp_path / "plan.xlsx"
    sheet = load_workbook(tmp_path / "plan.xlsx")["调拨明细"]
    assert [c.value for c in sheet[2]][1:4] == ["CG01", "城关镇储备库", "城关镇"]


def test_the_page_is_in_the_navigation(qtbot, ctx, town) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.show_section("readiness")
    assert isinstance(page, ReadinessPage)
    shown = [page.unit.itemText(n) for n in range(page.unit.count())]
    assert shown == ["中牟县", "　城关镇", "　　东村"]  # the tree, parents first
    assert page.unit.currentText() == "中牟县"
    assert page.units_label.text() == "（未添加：按所选地区）"
    assert page.on.date() == date(2026, 11, 22)
    assert Decimal(page.people.value()) == 1000


def test_confirming_drafts_then_a_keeper_posts_one(
    qtbot, ctx, town, amounts, recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ledger.services.stock import queries as stock_queries
    from ledger.ui.dialogs import readiness as dialogs

    with ctx.db.transaction(ctx.actor) as s:
        catalogue.add_incident(
            s,
            ctx.actor,
            catalogue.IncidentInput(town.town, IncidentKind.FLOOD, "东村洪涝", date(2026, 11, 20)),
        )
        catalogue.add_incident(
            s,
            ctx.actor,
            catalogue.IncidentInput(town.town, IncidentKind.DRILL, "演练", date(2026, 11, 21)),
        )
    page = page_of(qtbot, ctx)
    select_data(page.preset, next(n for n, p in enumerate(page.presets) if p.title == "东村洪涝"))
    page.apply_preset()  # the town, its start date and the incident the drafts will serve
    assert (page.units_label.text(), page.on.date()) == ("城关镇", date(2026, 11, 20))
    page.clear_units()
    choose(page, "东村")
    page.people.setValue(100)
    page.on.set_date(date(2026, 11, 22))
    page.run()

    def confirm(ctx, plan, parent, incident_id):  # type: ignore[no-untyped-def]
        dialog = dialogs.DraftPlanDialog(ctx, plan, parent, incident_id)
        qtbot.addWidget(dialog)
        assert dialog.incident.currentText() == "东村洪涝（2026-11-20）"
        select_data(dialog.dest, town.depot2)  # to the village's own 东村存储点
        dialog.accept()
        return dialog.result_value

    monkeypatch.setattr(dialogs.DraftPlanDialog, "ask", staticmethod(confirm))
    documents = ctx.read(lambda s: stock_queries.count_documents(s))
    assert page.confirm_plan()
    assert page.tabs.currentIndex() == 1
    assert page.units_label.text() == "东村"
    assert [page.drafts.index(0, c).data() for c in range(7)] == [
        "待登记", "调拨单", "城关镇储备库", "东村存储点", "东村洪涝", "2026-11-22", "棉被 50床"
    ]  # fmt: skip
    assert ctx.read(lambda s: stock_queries.count_documents(s)) == documents
    page.drafts_view.selectRow(0)
    recorder.answers.append(False)
    assert not page.withdraw_draft()  # asked, and not withdrawn
    assert page.post_draft()
    assert ctx.read(lambda s: stock_queries.count_documents(s)) == documents + 1
    assert page.drafts.index(0, 0).data() == "已登记"
    need = page.needs.row(0)  # still 80 in the town, now 50 of them in the village's own depot
    assert need is not None and need.available == 80
    assert [(a.depot_name, a.quantity) for a in need.allocations] == [("东村存储点", 50)]
