"""系统: preferences and checking the ledger off the GUI thread."""

from __future__ import annotations

from datetime import date

from sqlalchemy import update

from ledger import paths
from ledger.models.periods import ClosingBalance
from ledger.services.closing import periods
from ledger.ui.context import Changes
from ledger.ui.dialogs import preferences
from ledger.ui.pages.system import SystemPage
from ledger.ui.settings import EXPIRY_WARNING_DAYS, MAINTENANCE_WARNING_DAYS


def shown_page(qtbot, ctx) -> SystemPage:
    page = SystemPage(ctx)
    qtbot.addWidget(page)
    page.show()
    return page


def test_the_ledger_check_runs_in_the_background(qtbot, ctx, town) -> None:
    page = shown_page(qtbot, ctx)
    assert "出入库流水 4 条" in page.facts.text()
    page.check_ledger()
    with qtbot.waitSignal(page.task.ended, timeout=20000):
        pass
    assert page.task.outcome == "done"
    assert page.result.text() == "台账一致：库存与流水相符，哈希链完整。"
    assert page.findings.rows == []


def test_settings_live_in_one_dialog_the_page_links_to(qtbot, ctx, monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(paths, "data_dir_pointer", lambda: tmp_path / "data-folder.txt")
    page = shown_page(qtbot, ctx)
    assert "临期提醒 30 天" in page.settings_summary.text()
    opened = []

    def exec_(dialog) -> int:
        opened.append(dialog)
        dialog.expiry_days.setValue(45)
        dialog.maintenance_days.setValue(12)
        dialog.accept()
        return 1

    monkeypatch.setattr(preferences.PreferencesDialog, "exec", exec_)
    with qtbot.waitSignal(ctx.changed) as changed:
        page.settings_button.click()
    assert len(opened) == 1
    assert Changes.SETTINGS in changed.args[0]
    assert ctx.settings.get(EXPIRY_WARNING_DAYS) == 45
    assert ctx.settings.get(MAINTENANCE_WARNING_DAYS) == 12
    assert "临期提醒 45 天；保养提醒 12 天" in page.settings_summary.text()


def test_the_ledger_check_finds_a_changed_period_close(qtbot, ctx, town) -> None:
    with ctx.db.transaction(ctx.actor) as s:
        periods.close_period(
            s, ctx.actor, "CG01", periods.month(2026, 10), today=date(2026, 11, 22)
        )
    with ctx.db.transaction(ctx.actor) as s:
        s.execute(update(ClosingBalance).values(quantity=1))
    page = shown_page(qtbot, ctx)
    page.check_ledger()
    with qtbot.waitSignal(page.task.ended, timeout=20000):
        pass
    assert page.task.outcome == "done"
    assert page.findings.rows, "a changed closing balance went unnoticed"
    assert any("2026年10月" in (d.row + d.detail) for d in page.findings.rows)
