"""经纬度 in the unit and depot forms: kept, shown again, refused; the readiness page's 距离."""

from __future__ import annotations

from decimal import Decimal

from ledger.services.catalogue import register as catalogue
from ledger.services.norms import settings as norm_settings
from ledger.services.org import tree as org
from ledger.ui.dialogs.catalogue import DepotDialog
from ledger.ui.dialogs.org import UnitDialog
from ledger.ui.pages.org import OrgPage
from ledger.ui.pages.readiness import ReadinessPage


def units(ctx):  # type: ignore[no-untyped-def]
    return ctx.read(org.units)


def depot_row(ctx, depot_id):  # type: ignore[no-untyped-def]
    return next(d for d in ctx.read(catalogue.depots) if d.id == depot_id)


def test_a_unit_form_keeps_its_coordinates_and_shows_them_again(qtbot, ctx, town) -> None:
    row = ctx.read(lambda s: org.unit(s, town.village))
    dialog = UnitDialog(ctx, row)
    qtbot.addWidget(dialog)
    assert dialog.place.values() == (None, None)
    dialog.place.longitude.setText("113.9875")
    dialog.place.latitude.setText("34.72")
    dialog.ok_button.click()
    assert dialog.result_value == town.village
    row = ctx.read(lambda s: org.unit(s, town.village))
    assert (row.latitude, row.longitude) == (Decimal("34.72"), Decimal("113.9875"))
    again = UnitDialog(ctx, row)
    qtbot.addWidget(again)
    assert (again.place.longitude.text(), again.place.latitude.text()) == ("113.9875", "34.72")
    page = OrgPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.tree.select(town.village)
    assert page.fact_labels["place"].text() == "经度 113.9875，纬度 34.72"
    assert page.tree.select(town.town)
    assert page.fact_labels["place"].text() == "未填"


def test_a_depot_form_refuses_a_latitude_out_of_range_and_one_without_the_other(
    qtbot, ctx, town
) -> None:
    dialog = DepotDialog(ctx, units(ctx), depot_row(ctx, town.depot))
    qtbot.addWidget(dialog)
    dialog.place.longitude.setText("113.98")
    dialog.place.latitude.setText("134.7")
    dialog.ok_button.click()
    assert dialog.result_value is None
    assert dialog.banner.text().startswith("仓库“城关镇储备库”的纬度“134.7”无效：应为 -90 到 90")
    dialog.place.latitude.setText("")
    dialog.ok_button.click()
    assert dialog.result_value is None
    assert "经度和纬度须同时填写" in dialog.banner.text()
    dialog.place.latitude.setText("34.7")
    dialog.ok_button.click()
    assert dialog.result_value == town.depot
    found = depot_row(ctx, town.depot)
    assert (found.latitude, found.longitude) == (Decimal("34.7"), Decimal("113.98"))


def test_the_readiness_page_says_how_far_a_depot_is(qtbot, ctx, town, gui_actor) -> None:
    rule = next(r for r in norm_settings.scaled_rules("wenshang-2022-57") if r.rule_id == "W-M3")
    with ctx.db.transaction(gui_actor) as s:
        norm_settings.set_per_capita(s, gui_actor, town.county, rule, "SH001", "0.5", per_day=False)
        village = org.unit(s, town.village)
        org.update_unit(
            s,
            gui_actor,
            town.village,
            org.UnitInput(
                village.code, village.name, village.level, latitude="34.70", longitude="114.00"
            ),
        )
        row = next(d for d in catalogue.depots(s) if d.id == town.depot)
        catalogue.save_depot(
            s,
            gui_actor,
            catalogue.DepotInput(
                row.code, row.name, row.unit_id, latitude="34.80", longitude="114.00"
            ),
            town.depot,
        )
    page = ReadinessPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    for number in range(page.unit.count()):
        if page.unit.itemData(number)[1] == "东村":
            page.unit.setCurrentIndex(number)
            page.add_unit()
    page.people.setValue(200)
    page.days.setValue(3)
    page.run()
    assert page.lines.index(0, 1).data() == "城关镇储备库（城关镇）"
    assert page.lines.index(0, 5).data() == "约 11.1 公里"
