"""``python -m devtools.screenshots``: a PNG of each main screen and dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from devtools import screenshots
from ledger.ui import extensions


def test_every_screen_is_saved_as_a_picture(qtbot, sqlite_db, town, tmp_path: Path) -> None:
    saved = screenshots.take(tmp_path / "shots", Path(sqlite_db.path))
    names = {path.name for path in saved}
    for number, section in enumerate(extensions.SECTIONS, start=1):
        if extensions.page(section.key) is not None:
            assert f"{number:02d}_{section.key}.png" in names
    assert {
        "20_issue_form.png",
        "21_stocktake_form.png",
        "22_stock_card.png",
        "23_member_editor.png",
        "24_home_lower.png",
        "25_alert_list.png",
        "26_county_view.png",
    } <= names
    image = QImage(str(tmp_path / "shots" / "01_home.png"))
    assert (image.width(), image.height()) == screenshots.SIZE
