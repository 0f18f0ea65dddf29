"""The settings dialog: it stores what it shows, binds the default plan to the top units, and
hands the report font to the report builders through the environment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ledger import paths
from ledger.core.enums import Category
from ledger.reports import fonts
from ledger.services.norms import profiles as norm_profiles
from ledger.services.org import tree as org
from ledger.ui.dialogs.preferences import REPORT_FONT, PreferencesDialog, apply_report_font
from ledger.ui.settings import (
    BACKUP_FOLDER,
    BACKUP_KEEP,
    DOCUMENT_DAYS_BACK,
    EXPIRY_WARNING_DAYS,
    LANGUAGE,
)
from tests.scenario import item

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


@pytest.fixture
def pointer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The data-folder pointer file, in the test's folder; no LEDGER_REPORT_FONT set."""
    target = tmp_path / "config" / "data-folder.txt"
    monkeypatch.setattr(paths, "data_dir_pointer", lambda: target)
    monkeypatch.delenv(fonts.ENV_VAR, raising=False)
    return target


def test_the_settings_are_stored_and_the_plan_bound_to_the_top_unit(
    qtbot, ctx, town, pointer, tmp_path, monkeypatch
) -> None:
    dialog = PreferencesDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.profile.currentData() == "henan-2021-66"
    other = next(i.id for i in norm_profiles.list_profiles()[0] if i.id != "henan-2021-66")
    dialog.profile.setCurrentIndex(dialog.profile.findData(other))
    dialog.data_folder.setText(str(tmp_path / "office-data"))
    dialog.backup_folder.setText(str(tmp_path / "backups"))
    dialog.backup_keep.setValue(4)
    dialog.expiry_days.setValue(45)
    dialog.days_back.setValue(60)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    settings = ctx.settings
    assert settings.get(BACKUP_KEEP) == 4 and settings.get(EXPIRY_WARNING_DAYS) == 45
    assert settings.get(DOCUMENT_DAYS_BACK) == 60
    assert settings.get(BACKUP_FOLDER) == str(tmp_path / "backups")
    assert settings.get(LANGUAGE) == "en"
    assert paths.chosen_data_dir() == tmp_path / "office-data"
    monkeypatch.delenv("LEDGER_DATA_DIR", raising=False)
    assert paths.data_dir() == tmp_path / "office-data"
    with ctx.db.read() as s:
        county = org.unit(s, town.county)
        village = org.unit(s, town.village)
    assert county.profile_id == other and village.profile_id in (None, other)


def test_a_report_font_reaches_the_report_builders(qtbot, ctx, pointer) -> None:
    if not WQY.is_file():
        pytest.skip("fonts-wqy-zenhei is not installed")
    dialog = PreferencesDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.report_font.setText(str(WQY))
    dialog.accept()
    assert ctx.settings.get(REPORT_FONT) == str(WQY)
    assert os.environ[fonts.ENV_VAR] == str(WQY)
    assert fonts.report_fonts().path == WQY
    os.environ.pop(fonts.ENV_VAR)
    apply_report_font(ctx.settings)
    assert os.environ.pop(fonts.ENV_VAR) == str(WQY)


def test_an_unusable_report_font_is_refused_in_the_banner(qtbot, ctx, pointer, tmp_path) -> None:
    bad = tmp_path / "not-a-font.ttf"
    bad.write_text("no font", encoding="utf-8")
    dialog = PreferencesDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.report_font.setText(str(bad))
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "not-a-font.ttf" in dialog.banner.text()
    assert ctx.settings.get(REPORT_FONT) == "" and fonts.ENV_VAR not in os.environ


def test_a_plan_whose_equipment_the_catalogue_cannot_name_is_warned_of(
    qtbot, ctx, town, pointer
) -> None:
    with ctx.db.transaction(ctx.actor) as s:
        item(s, "370M窄带手持终端", "部", Category.COMMS)
    dialog = PreferencesDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.profile.setCurrentIndex(dialog.profile.findData("xingyang-draft"))
    assert not dialog.unmatched.isHidden()
    shown = dialog.unmatched.text()
    assert "乡级应急指挥通信终端（专栏6）·便携终端" in shown
    assert "·手持终端" not in shown
    dialog.profile.setCurrentIndex(dialog.profile.findData(""))
    assert dialog.unmatched.isHidden()
    # Lists of examples the office confirms are not "always missing".
    dialog.profile.setCurrentIndex(dialog.profile.findData("xingyang-draft"))
    assert "水灾害救援装备（专栏7）" not in dialog.unmatched.text()
