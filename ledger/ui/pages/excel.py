"""Excel menu entries (数据菜单): 导入工作簿, 导出全部数据, 下载导入模板.

The import runs off the GUI thread behind a cancellable progress dialog (100,000 rows of
opening stock take a while); the export and the template are written in place.
Registered with :mod:`ledger.ui.extensions` like a page, so the main window lists them in its
数据 menu without knowing this module. File choices go through :func:`choose_file`, which tests
replace.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from ledger.services.accounts import Action, role_may
from ledger.ui import extensions, messages
from ledger.ui.background import Progress, run_in_background
from ledger.ui.context import Changes
from ledger.ui.ops import run_query

# The workbook modules (openpyxl) are imported when an entry is used, not at start-up.
if TYPE_CHECKING:
    from ledger.io.importer import ImportResult
    from ledger.ui.main_window import MainWindow

T = TypeVar("T")
CONTEXT = "Excel"
_ALL = frozenset(Changes) - {Changes.SETTINGS}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def choose_file(parent: QWidget, title: str, *, save: bool, suggested: str = "") -> str:
    """Ask for an .xlsx file to open or to write; empty when cancelled."""
    from ledger.ui.dialogs.import_dialog import XLSX_FILTER

    if save:
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, _tr(XLSX_FILTER))
        if path and not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        return path
    path, _ = QFileDialog.getOpenFileName(parent, title, suggested, _tr(XLSX_FILTER))
    return path


def _busy(work: Callable[[], T]) -> T:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return work()
    finally:
        QApplication.restoreOverrideCursor()


def import_action(window: MainWindow) -> Any:
    """导入工作簿: validate the whole workbook and import it, or show every error.

    Runs off the GUI thread behind a progress dialog; 取消 stops it and, as the import is one
    transaction, leaves the database as it was. Returns the running task (``None`` when the
    user may not import or chose no file).
    """
    from ledger.io.importer import import_workbook

    ctx = window.ctx
    if not role_may(ctx.actor, Action.IMPORT):
        messages.refusal(window, _tr("用户“{user}”无权导入数据").format(user=ctx.actor.name))
        return None
    path = choose_file(window, _tr("选择要导入的工作簿"), save=False)
    if not path:
        return None
    db, actor, on = ctx.db, ctx.actor, ctx.today()

    def work(progress: Progress) -> ImportResult:
        progress.report(0, 0, _tr("正在读取工作簿……"))
        return import_workbook(db, actor, Path(path), on=on, progress=progress.report)

    return run_in_background(
        window, _tr("导入工作簿"), work, lambda result: show_import(window, path, result)
    )


def show_import(window: MainWindow, path: str, result: ImportResult) -> None:
    """Show what an import did, or list its errors (nothing was written then)."""
    from ledger.io.schema import SHEETS_BY_KIND
    from ledger.ui.dialogs.import_dialog import ImportErrorsDialog

    if result.errors:
        ImportErrorsDialog.ask(result.errors, path, window)
        return
    summary = result.summary
    assert summary is not None
    lines = [
        _tr("{sheet}：新增 {created}，更新 {updated}，未变 {unchanged}").format(
            sheet=SHEETS_BY_KIND[kind].name, created=c.created, updated=c.updated,
            unchanged=c.unchanged,
        )
        for kind, c in summary.counts.items()
        if c.created or c.updated or c.unchanged
    ]  # fmt: skip
    if summary.documents:
        lines.append(_tr("期初库存入库单：{numbers}").format(numbers="、".join(summary.documents)))
    head = _tr("导入完成。") if summary.changed else _tr("数据库中已是这些数据，没有变化。")
    messages.info(window, "\n".join([head, *lines, *result.notices]))
    window.ctx.announce(_ALL)


def export_action(window: MainWindow) -> Any:
    """导出全部数据: every table in the import format, plus the movement journal."""
    from ledger.core.files import write_whole
    from ledger.io.export import export_database

    ctx = window.ctx
    path = choose_file(
        window, _tr("导出全部数据"), save=True, suggested=_tr("应急资源台账_导出.xlsx")
    )
    if not path:
        return None
    actor = ctx.actor
    counts = _busy(
        lambda: run_query(
            window,
            ctx,
            lambda s: write_whole(Path(path), lambda temp: export_database(s, actor, temp)),
        )
    )  # a refusal (the file cannot be written …) is shown as a warning
    if counts is None:
        return None
    total = sum(counts.rows.values())
    messages.status(_tr("已导出 {rows} 行到 {path}").format(rows=total, path=path))
    return Path(path)


def template_action(window: MainWindow) -> Any:
    """下载导入模板: write the empty import workbook."""
    from ledger.io.template import write_template

    path = choose_file(
        window, _tr("保存导入模板"), save=True, suggested=_tr("应急资源台账_导入模板.xlsx")
    )
    if not path:
        return None
    try:
        write_template(Path(path))
    except OSError as error:
        messages.warning(window, _tr("无法写入“{path}”：{reason}").format(path=path, reason=error))
        return None
    messages.status(_tr("导入模板已保存到 {path}").format(path=path))
    return Path(path)


extensions.register_action(
    extensions.ActionSpec("data", "导入工作簿…", import_action, "Ctrl+I", 10, CONTEXT)
)
extensions.register_action(
    extensions.ActionSpec("data", "导出全部数据…", export_action, "", 11, CONTEXT)
)
extensions.register_action(
    extensions.ActionSpec("data", "下载导入模板…", template_action, "", 12, CONTEXT)
)
