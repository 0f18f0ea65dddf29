"""The 数据 menu's Excel entries: template, import (with the error list) and export."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from ledger.io.reader import RowError
from ledger.models import AuditRow, Balance, Depot, Document, DocumentLine, Item, Movement
from ledger.services.stock.bulk_receipts import CHUNK
from ledger.ui.dialogs.import_dialog import ImportErrorsDialog
from ledger.ui.main_window import MainWindow
from ledger.ui.pages import excel
from tests.io.books import VALID, valid_book


@pytest.fixture
def window(qtbot, ctx):  # type: ignore[no-untyped-def]
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    return win


def _answer(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(excel, "choose_file", lambda *a, **k: str(path))


def test_the_data_menu_lists_the_excel_entries(window) -> None:  # type: ignore[no-untyped-def]
    titles = [a.text() for a in window.menus["data"].actions()]
    assert {"导入工作簿…", "导出全部数据…", "下载导入模板…"} <= set(titles)


def test_template_then_import_then_export(qtbot, window, recorder, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _answer(monkeypatch, tmp_path / "t.xlsx")
    assert excel.template_action(window) == tmp_path / "t.xlsx"
    assert "组织机构" in load_workbook(tmp_path / "t.xlsx").sheetnames
    changes = []
    window.ctx.changed.connect(changes.append)
    _answer(monkeypatch, valid_book(tmp_path / "a.xlsx"))
    task = excel.import_action(window)
    assert task is not None
    with qtbot.waitSignal(task.ended, timeout=60_000):
        pass
    assert task.outcome == "done"
    (info,) = recorder.texts("info")
    assert "导入完成" in info and "组织机构：新增 3" in info
    assert changes
    _answer(monkeypatch, tmp_path / "out.xlsx")
    assert excel.export_action(window) == tmp_path / "out.xlsx"
    assert load_workbook(tmp_path / "out.xlsx")["仓库"]["A2"].value == "K01"


def test_a_workbook_with_errors_opens_the_error_list(qtbot, window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown = []
    monkeypatch.setattr(
        ImportErrorsDialog, "ask", classmethod(lambda cls, e, s, p=None: shown.append(e))
    )
    items = [["001", "编织袋", "", "条", "太空", None, None, "否"], *VALID["物资目录"][1:]]
    _answer(monkeypatch, valid_book(tmp_path / "bad.xlsx", 物资目录=items))
    task = excel.import_action(window)
    assert task is not None
    with qtbot.waitSignal(task.ended, timeout=60_000):
        pass
    (errors,) = shown
    assert [(e.sheet, e.row, e.column) for e in errors] == [("物资目录", 2, "类别")]


def test_the_error_dialog_lists_and_saves_the_errors(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    errors = [
        RowError("物资目录", 2, "类别", "太空", "应为以下之一：防汛抗旱"),
        RowError("", None, "", "x.csv", "这不是 Excel 工作簿（.xlsx）"),
    ]
    dialog = ImportErrorsDialog(errors, str(tmp_path / "a.xlsx"))
    qtbot.addWidget(dialog)
    table = dialog.table
    assert table.rowCount() == 2
    assert [table.horizontalHeaderItem(c).text() for c in range(5)] == [
        "工作表",
        "行",
        "列",
        "值",
        "原因",
    ]
    assert table.item(0, 3).text() == "太空"
    dialog.save_to(tmp_path / "e.xlsx")
    sheet = load_workbook(tmp_path / "e.xlsx").active
    assert sheet["E2"].value == "应为以下之一：防汛抗旱"
    assert sheet["A3"].value is None or sheet["A3"].value == ""


def test_cancelling_an_import_leaves_the_database_as_it_was(  # type: ignore[no-untyped-def]
    qtbot, window, recorder, tmp_path, monkeypatch
) -> None:
    """取消 while opening stock is being written: the one transaction is rolled back."""
    rows = [["K01", "001", 1, f"B{k}", None, None] for k in range(2 * CHUNK + 10)]
    _answer(monkeypatch, valid_book(tmp_path / "big.xlsx", 期初库存=[VALID["期初库存"][0], *rows]))
    listed: list[object] = []
    monkeypatch.setattr(
        ImportErrorsDialog, "ask", classmethod(lambda cls, e, s, p=None: listed.append(e))
    )
    with window.ctx.db.read() as session:
        before = _counts(session)
    task = excel.import_action(window)
    assert task is not None
    seen: list[str] = []

    def cancel_while_writing(done: int, total: int, text: str) -> None:
        seen.append(text)  # runs in the worker thread, before its next report
        if text.startswith("正在写入期初库存"):
            task.worker.progress.cancel()

    task.worker.progressed.connect(cancel_while_writing, Qt.ConnectionType.DirectConnection)
    with qtbot.waitSignal(task.ended, timeout=120_000):
        pass
    assert listed == []
    assert task.outcome == "cancelled"
    assert any(t.startswith("正在写入期初库存") for t in seen)
    assert recorder.texts("status")[-1] == "已取消"
    with window.ctx.db.read() as session:
        assert _counts(session) == before


def _counts(session) -> tuple[int, ...]:  # type: ignore[no-untyped-def]
    return tuple(
        session.scalar(select(func.count()).select_from(model))
        for model in (Item, Depot, Document, DocumentLine, Movement, Balance, AuditRow)
    )
