"""The first-start wizard: the office's own county and town with their plan, a workbook, the
demo county; refusals stay in the dialog's banner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ledger.core.enums import Level
from ledger.io.export import export_database
from ledger.models.engine import open_database
from ledger.services.norms import profiles as norm_profiles
from ledger.services.org import tree as org
from ledger.ui.dialogs.first_start import FirstStartDialog, Start, needs_first_start


def _units(db) -> list[org.UnitRow]:
    with db.read() as s:
        return org.units(s)


def test_own_county_and_town_are_created_with_the_chosen_plan(
    qtbot, sqlite_db, gui_actor, recorder
) -> None:
    assert needs_first_start(sqlite_db)
    dialog = FirstStartDialog(sqlite_db, gui_actor)
    qtbot.addWidget(dialog)
    assert dialog.choice() is Start.OWN and dialog.unit_box.isEnabled()
    infos, _ = norm_profiles.list_profiles()
    plan = infos[0]
    dialog.county.setText("荥阳市")
    dialog.county_code.setText("410182")
    dialog.town.setText("豫龙镇")
    dialog.town_code.setText("410182101")
    dialog.profile.setCurrentIndex(dialog.profile.findData(plan.id))
    assert plan.number in dialog.profile.currentText()
    dialog.accept()
    assert dialog.done_with is Start.OWN
    units = {u.name: u for u in _units(sqlite_db)}
    assert units["荥阳市"].level is Level.COUNTY and units["荥阳市"].profile_id == plan.id
    assert units["豫龙镇"].parent_id == units["荥阳市"].id
    assert units["豫龙镇"].profile_id is None  # the town inherits the county's plan
    assert units["豫龙镇"].level is Level.TOWN
    assert not needs_first_start(sqlite_db)


def test_an_own_unit_named_jiedao_is_a_street(qtbot, sqlite_db, gui_actor, recorder) -> None:
    dialog = FirstStartDialog(sqlite_db, gui_actor)
    qtbot.addWidget(dialog)
    dialog.county.setText("荥阳市")
    dialog.county_code.setText("410182")
    dialog.town.setText("京城路街道")
    dialog.town_code.setText("410182001")
    dialog.accept()
    units = {u.name: u for u in _units(sqlite_db)}
    assert units["京城路街道"].level is Level.STREET


def test_a_city_office_creates_the_city_and_a_county_below_it(
    qtbot, sqlite_db, gui_actor, recorder
) -> None:
    dialog = FirstStartDialog(sqlite_db, gui_actor)
    qtbot.addWidget(dialog)
    dialog.city.setChecked(True)
    assert dialog.form.labelForField(dialog.town).text() == "区县"
    assert not dialog.then_import.isEnabled()
    dialog.county.setText("张掖市")
    dialog.county_code.setText("620700")
    dialog.town.setText("甘州区")
    dialog.town_code.setText("620702")
    dialog.accept()
    assert dialog.done_with is Start.OWN
    units = {u.name: u for u in _units(sqlite_db)}
    assert (units["张掖市"].level, units["张掖市"].code) == (Level.CITY, "620700000000")
    assert units["甘州区"].level is Level.COUNTY
    assert units["甘州区"].parent_id == units["张掖市"].id


def test_a_county_code_outside_the_city_is_refused(qtbot, sqlite_db, gui_actor, recorder) -> None:
    dialog = FirstStartDialog(sqlite_db, gui_actor)
    qtbot.addWidget(dialog)
    dialog.city.setChecked(True)
    dialog.county.setText("张掖市")
    dialog.county_code.setText("620700")
    dialog.town.setText("永登县")
    dialog.town_code.setText("620121")
    dialog.accept()
    assert dialog.done_with is None
    assert "应以上级的代码 6207 开头" in dialog.banner.text()
    assert _units(sqlite_db) == []


def test_a_missing_code_is_refused_in_the_banner_and_nothing_is_written(
    qtbot, sqlite_db, gui_actor, recorder
) -> None:
    dialog = FirstStartDialog(sqlite_db, gui_actor)
    qtbot.addWidget(dialog)
    dialog.county.setText("荥阳市")
    dialog.accept()
    assert dialog.done_with is None
    assert "区划代码" in dialog.banner.text() and not dialog.banner.isHidden()
    assert _units(sqlite_db) == []


def test_the_other_choices_disable_the_unit_form(qtbot, sqlite_db, gui_actor, recorder) -> None:
    dialog = FirstStartDialog(sqlite_db, gui_actor)
    qtbot.addWidget(dialog)
    dialog.demo.setChecked(True)
    assert dialog.choice() is Start.DEMO and not dialog.unit_box.isEnabled()
    assert dialog.ok_button.text() == "打开演示县"
    dialog.from_workbook.setChecked(True)
    assert dialog.choice() is Start.WORKBOOK and dialog.ok_button.text() == "选择工作簿…"


def test_a_workbook_with_the_organisation_sheet_is_imported(
    qtbot, sqlite_db, db, gui_actor, town, tmp_path: Path, recorder
) -> None:
    workbook = tmp_path / "office.xlsx"
    with sqlite_db.read() as session:
        export_database(session, gui_actor, workbook)
    dialog = FirstStartDialog(db, gui_actor)
    qtbot.addWidget(dialog)
    dialog.from_workbook.setChecked(True)
    dialog.workbook = str(workbook)
    dialog.accept()
    assert dialog.done_with is Start.WORKBOOK
    assert {u.code for u in _units(db)} == {u.code for u in _units(sqlite_db)}


@pytest.mark.slow
def test_the_demo_county_is_built_in_the_background_in_its_own_file(
    qtbot, sqlite_db, gui_actor, recorder, tmp_path
) -> None:
    dialog = FirstStartDialog(sqlite_db, gui_actor)
    qtbot.addWidget(dialog)
    dialog.demo_target = str(tmp_path / "demo-county.db")
    dialog.demo.setChecked(True)
    dialog.accept()
    assert dialog.task is not None and not dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.task.ended, timeout=300_000):
        pass
    assert dialog.done_with is Start.DEMO and dialog.task.outcome == "done"
    assert needs_first_start(sqlite_db)  # the office's database stays empty
    demo = open_database(tmp_path / "demo-county.db")
    names = {u.name for u in _units(demo)}
    demo.dispose()
    assert "河清县" in names and len(names) > 10


def test_an_existing_demo_file_is_opened_as_it_is(
    qtbot, sqlite_db, sqlite_template, gui_actor, recorder, tmp_path
) -> None:
    target = tmp_path / "demo-county.db"
    shutil.copy(sqlite_template, target)
    demo = open_database(target)
    with demo.transaction(gui_actor) as s:
        org.add_unit(s, gui_actor, org.UnitInput("410182", "荥阳市", Level.COUNTY))
    demo.dispose()
    dialog = FirstStartDialog(sqlite_db, gui_actor)
    qtbot.addWidget(dialog)
    dialog.demo_target = str(target)
    dialog.demo.setChecked(True)
    dialog.accept()
    with qtbot.waitSignal(dialog.task.ended, timeout=60_000):
        pass
    assert dialog.done_with is Start.DEMO
    demo = open_database(target)
    assert [u.name for u in _units(demo)] == ["荥阳市"]  # not rebuilt
    demo.dispose()
    assert needs_first_start(sqlite_db)


def test_a_town_is_created_with_population_and_its_villages_imported_below_it(
    qtbot, sqlite_db, gui_actor, recorder, tmp_path
) -> None:
    from tests.io.books import write_book
    from tests.io.test_import_under import VILLAGES

    dialog = FirstStartDialog(sqlite_db, gui_actor)
    qtbot.addWidget(dialog)
    dialog.county.setText("中原区")
    dialog.county_code.setText("410102")  # the first 6 digits: filled out as the template has it
    dialog.county_population.setText("500000")
    dialog.town.setText("林山寨街道")
    dialog.town_code.setText("410102001")
    dialog.town_population.setText("12000")
    dialog.then_import.setChecked(True)
    dialog.workbook = str(write_book(tmp_path / "villages.xlsx", VILLAGES))
    dialog.accept()
    assert dialog.done_with is Start.OWN, dialog.banner.text()
    units = {u.name: u for u in _units(sqlite_db)}
    assert units["中原区"].code == "410102000000" and units["中原区"].population == 500000
    town = units["林山寨街道"]
    assert (town.code, town.population) == ("410102001000", 12000)
    assert units["前进村"].parent_id == town.id and units["红旗村"].parent_id == town.id


def test_a_town_code_outside_the_county_is_refused(qtbot, sqlite_db, gui_actor, recorder) -> None:
    dialog = FirstStartDialog(sqlite_db, gui_actor)
    qtbot.addWidget(dialog)
    dialog.county.setText("中原区")
    dialog.county_code.setText("410102")
    dialog.town.setText("豫龙镇")
    dialog.town_code.setText("410182101")
    dialog.accept()
    assert dialog.done_with is None and "应以上级的代码 410102 开头" in dialog.banner.text()
    assert needs_first_start(sqlite_db)


def test_the_blank_template_is_offered(qtbot, sqlite_db, gui_actor, recorder, tmp_path) -> None:
    from openpyxl import load_workbook

    dialog = FirstStartDialog(sqlite_db, gui_actor)
    qtbot.addWidget(dialog)
    dialog.template_path = str(tmp_path / "模板.xlsx")
    dialog.template_button.click()
    assert "组织机构" in load_workbook(tmp_path / "模板.xlsx").sheetnames
    assert recorder.texts("info")[0].startswith("已保存空白导入模板")
    assert dialog.done_with is None  # the wizard goes on
