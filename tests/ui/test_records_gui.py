"""The records an office needs, through the GUI: incidents, certificates, 删除/停用, the
standard catalogue, and records made from inside the document form."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QPushButton

from ledger.core.enums import Category, DocType, IncidentKind, Level
from ledger.services.catalogue import register as catalogue
from ledger.services.catalogue.standard import standard_items
from ledger.services.org import incident_records as incidents
from ledger.services.org import member_certificates as certificates
from ledger.services.org import rescue_teams as teams
from ledger.services.org import tree as org
from ledger.services.org.lifecycle import RecordKind, set_disabled
from ledger.ui.dialogs import document_records
from ledger.ui.dialogs.certificates import CertificateDialog
from ledger.ui.dialogs.first_start import FirstStartDialog
from ledger.ui.dialogs.incidents import CloseIncidentDialog, IncidentDialog
from ledger.ui.dialogs.teams import MemberDialog
from ledger.ui.pages._incidents_tab import IncidentsTab
from ledger.ui.pages._stock_tabs import DepotsTab, ItemsTab
from ledger.ui.pages.teams import TeamsPage
from tests.ui.dialogs.test_document_form import open_form, post, type_cell
from tests.ui.pages.test_org import drive


def test_an_incident_is_added_listed_and_closed(qtbot, ctx, town, monkeypatch) -> None:
    tab = IncidentsTab(ctx)
    qtbot.addWidget(tab)
    tab.refresh()
    assert tab.model.rows == [] and "共 0 个事件" in tab.count.text()

    def fill(d):
        d.name.setText("“7·20”暴雨洪涝")
        d.place.setText("城关镇沿河村")
        d.started_on.setText("2026-07-20")

    drive(qtbot, monkeypatch, IncidentDialog, fill)
    tab.add_incident()
    (row,) = tab.model.rows
    assert (row.code, row.name, row.kind, row.started_on) == (
        "SJ-2026-001",
        "“7·20”暴雨洪涝",
        IncidentKind.FLOOD,
        date(2026, 7, 20),
    )
    tab.view.setCurrentIndex(tab.view.model().index(0, 0))
    drive(qtbot, monkeypatch, CloseIncidentDialog, lambda d: d.ended_on.setText("2026-07-28"))
    tab.close_incident()
    assert tab.model.rows[0].ended_on == date(2026, 7, 28)
    tab.open_only.setChecked(True)
    assert tab.model.rows == []


def test_new_incident_from_the_issue_form_is_chosen(qtbot, ctx, town, monkeypatch) -> None:
    form = open_form(qtbot, ctx, DocType.ISSUE, town.depot)
    assert form.new_incident.isVisible()
    drive(qtbot, monkeypatch, IncidentDialog, lambda d: d.name.setText("城关镇山洪"))
    found = document_records.new_incident(form)
    assert found is not None and form.incident.currentData() == found
    type_cell(qtbot, form.grid, "FX001")
    type_cell(qtbot, form.grid, "L1")
    type_cell(qtbot, form.grid, "10")
    post(qtbot, form)
    assert form.posted, form.banner.text()
    (row,) = ctx.read(incidents.incidents)
    assert (row.name, row.unit_id, row.documents) == ("城关镇山洪", town.town, 1)
    receipt = open_form(qtbot, ctx, DocType.RECEIPT, town.depot)
    assert not receipt.new_incident.isVisible()


def test_an_unknown_typed_item_is_added_and_lands_in_its_line(
    qtbot, ctx, town, monkeypatch
) -> None:
    form = open_form(qtbot, ctx, DocType.RECEIPT, town.depot)
    type_cell(qtbot, form.grid, "防汛沙袋")
    assert form.lines.lines[0].item is None
    (button,) = [b for b in form.findChildren(QPushButton) if b.text().startswith("新增物资")]
    assert button.text() == "新增物资“防汛沙袋”…"
    seen = []

    def fill(d):
        seen.append((d.name.text(), d.code.text()))
        d.code.setText("FX099")
        d.unit.setText("条")

    drive(qtbot, monkeypatch, document_records.PrefilledItemDialog, fill)
    added = document_records.new_item(form)
    assert seen == [("防汛沙袋", "010001")]  # the next code of 防汛抗旱 is offered
    assert added is not None and form.lines.lines[0].item == added
    assert form.items.resolve("FX099") == added
    assert ctx.read(lambda s: catalogue.item(s, "FX099")).name == "防汛沙袋"
    assert button.text() == "新增物资…"


def test_certificates_are_entered_in_the_member_editor(
    qtbot, ctx, town, monkeypatch, recorder
) -> None:
    member = ctx.db.run(
        lambda s: teams.save_member(s, ctx.actor, town.team, teams.MemberInput("李四")), ctx.actor
    )
    dialog = MemberDialog(ctx, town.team, member)
    qtbot.addWidget(dialog)
    box = dialog.certificates

    def fill(d):
        d.name.setText("应急救援员")
        d.number.setText("JY-0001")
        d.issuer.setText("中牟县应急管理局")
        d.expires_on.setText("2026-10-31")

    opened = drive(qtbot, monkeypatch, CertificateDialog, fill)
    box.add_certificate()
    opened[0].setParent(None)  # outlives the member editor until the test ends
    (row,) = box.model.rows
    assert (row.issuer, row.expires_on) == ("中牟县应急管理局", date(2026, 10, 31))
    shown = box.model.data(box.model.index(0, 3))
    assert shown == "2026-10-31（已过期）"  # the working date is 2026-11-22
    box.view.setCurrentIndex(box.view.model().index(0, 0))
    recorder.answers.append(False)
    box.remove_certificate()
    assert len(box.model.rows) == 1
    box.remove_certificate()
    assert box.model.rows == [] and ctx.read(lambda s: certificates.certificates(s, member)) == []
    assert "应急救援员 JY-0001" in recorder.texts("confirm")[-1]
    new = MemberDialog(ctx, town.team)
    qtbot.addWidget(new)
    assert not new.certificates.add_button.isEnabled()


def test_a_team_is_disabled_greyed_and_enabled_again(qtbot, ctx, town, recorder) -> None:
    page = TeamsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.tree.select(town.town)
    page.teams_view.setCurrentIndex(page.teams_view.model().index(0, 0))
    menu = page.team_actions.menu()
    assert menu is not None and [a.text() for a in menu.actions() if a.text()] == [
        "停用",
        "删除…",
    ]
    assert page.team_actions.set_disabled(True)
    assert page.teams.rows[0].disabled
    assert page.teams.data(page.teams.index(0, 0)).endswith("（已停用）")
    menu = page.team_actions.menu()
    assert menu is not None and menu.actions()[0].text() == "启用"
    assert page.team_actions.set_disabled(False)
    assert not page.teams.rows[0].disabled


def test_delete_asks_naming_the_record_and_refuses_one_in_use(qtbot, ctx, town, recorder) -> None:
    items = ItemsTab(ctx)
    qtbot.addWidget(items)
    items.refresh()
    items.view.setCurrentIndex(items.view.model().index(0, 0))  # FX001, in stock
    recorder.answers.append(False)
    assert not items.record_actions.delete()
    assert "确定删除“FX001 编织袋”吗" in recorder.texts("confirm")[-1]
    assert not items.record_actions.delete()
    assert "仍被引用，不能删除" in recorder.texts("refusal")[-1]
    depots = DepotsTab(ctx)
    qtbot.addWidget(depots)
    depots.refresh()
    names = [r.name for r in depots.model.rows]
    depots.view.setCurrentIndex(depots.view.model().index(names.index("东村存储点"), 0))
    assert depots.record_actions.delete()
    depots.refresh()  # the stock page does this when told the depots changed
    assert [r.name for r in depots.model.rows] == ["城关镇储备库"]


def test_a_disabled_item_or_depot_is_not_offered_in_the_entry_form(qtbot, ctx, town) -> None:
    def disable(s, a):
        entry = catalogue.ItemInput("FX050", "旧式救生圈", "个", Category.FLOOD)
        set_disabled(s, a, RecordKind.ITEM, catalogue.save_item(s, a, entry), True)
        set_disabled(s, a, RecordKind.DEPOT, town.depot2, True)

    ctx.db.run(lambda s: disable(s, ctx.actor), ctx.actor)
    form = open_form(qtbot, ctx, DocType.RECEIPT, town.depot)
    depots = [form.dest.itemData(n) for n in range(form.dest.count())]
    assert town.depot2 not in depots and town.depot in depots
    assert form.items.resolve("FX050") is None and form.items.resolve("FX001") is not None
    type_cell(qtbot, form.grid, "FX050")
    assert (
        form.lines.item_problem(form.lines.lines[0])
        == "物资“FX050”已停用；需要时请在物资目录中启用"
    )


def test_first_start_loads_the_standard_catalogue(qtbot, sqlite_db, gui_actor, recorder) -> None:
    dialog = FirstStartDialog(sqlite_db, gui_actor)
    qtbot.addWidget(dialog)
    assert dialog.standard_catalogue.isChecked()
    dialog.county.setText("荥阳市")
    dialog.county_code.setText("410182")
    dialog.accept()
    with sqlite_db.read() as s:
        assert catalogue.count_items(s) == len(standard_items())
    other = FirstStartDialog(sqlite_db, gui_actor)
    qtbot.addWidget(other)
    other.demo.setChecked(True)
    assert not other.standard_catalogue.isEnabled()


def test_an_empty_catalogue_offers_the_standard_one(qtbot, ctx, recorder) -> None:
    county = org.UnitInput("410122", "中牟县", Level.COUNTY)
    ctx.db.run(lambda s: org.add_unit(s, ctx.actor, county), ctx.actor)
    tab = ItemsTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    tab.refresh()
    assert tab.standard.isVisible()
    tab.standard.click()
    assert "载入" in recorder.texts("confirm")[-1]
    tab.refresh()
    assert tab.model.total == len(standard_items()) and not tab.standard.isVisible()


def test_a_village_is_disabled_once_its_depot_is(qtbot, ctx, town, recorder) -> None:
    from ledger.ui.pages.org import OrgPage

    page = OrgPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert page.tree.select(town.village)
    assert not page.record_actions.set_disabled(True)
    assert "请先停用仓库“东村存储点”" in recorder.texts("refusal")[-1]
    ctx.db.run(lambda s: set_disabled(s, ctx.actor, RecordKind.DEPOT, town.depot2, True), ctx.actor)
    assert page.record_actions.set_disabled(True)
    page.refresh()
    assert page.tree.select(town.village)
    assert page.tree.current().text == "东村（已停用）"
