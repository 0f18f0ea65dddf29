"""About lists the version, the database and the loaded plans; Help lists every shortcut."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTableWidget

import ledger
from ledger.services.norms import profiles as norm_profiles
from ledger.ui.dialogs.about import about_dialog, shortcuts_dialog
from ledger.ui.main_window import MainWindow


def _cells(table: QTableWidget) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_about_names_version_database_and_each_plan_with_its_number(qtbot, ctx) -> None:
    dialog = about_dialog(ctx.db.path, None)
    qtbot.addWidget(dialog)
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert ledger.__version__ in text and ctx.db.path in text
    rows = _cells(dialog.findChild(QTableWidget))
    infos, _ = norm_profiles.list_profiles()
    assert len(rows) == len(infos) >= 1
    assert {(r[0], r[1]) for r in rows} == {(i.name, i.number) for i in infos}
    assert any("豫政〔2021〕66号" in r[1] for r in rows)


def test_the_shortcut_list_holds_the_menu_shortcuts(qtbot, ctx, town) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    dialog = shortcuts_dialog(window.menuBar(), window)
    qtbot.addWidget(dialog)
    rows = _cells(dialog.findChild(QTableWidget))
    entries = {r[1]: r[2] for r in rows}
    assert entries["导入工作簿…"] == "Ctrl+I"
    assert entries["设置…"] == "Ctrl+,"
    assert entries["键盘快捷键"] == "F1"
    assert any("Ctrl+1" in r[2] for r in rows)
