"""整改 from the 短板检查 page: the dialog records a remedy, the list shows it, the next check
settles it, the office marks one done, and the whole list exports to Excel."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from ledger.core.enums import PostKind, RemedyStatus
from ledger.models import Post
from ledger.norms.model import Finding
from ledger.services.norms import remedies
from ledger.ui.dialogs.remedy import RemedyDialog
from ledger.ui.pages.shortfalls import ShortfallsPage
from tests.ui.conftest import TODAY
from tests.ui.pages.test_shortfalls import checked, page_of, select_unit


def choose(page: ShortfallsPage, rule_id: str, unit: str = "城关镇") -> Finding:
    """Select the finding of ``rule_id`` of ``unit`` in the table."""
    rows = [page.model.row(r) for r in range(page.model.rowCount())]
    number = next(i for i, f in enumerate(rows) if f.rule_id == rule_id and f.unit_name == unit)
    proxy = page.view.model()
    page.view.setCurrentIndex(proxy.mapFromSource(page.model.index(number, 0)))
    finding = page.current()
    assert finding is not None and finding.rule_id == rule_id
    return finding


def column(page: ShortfallsPage, title: str, finding: Finding) -> Any:
    titles = [c.title for c in page.model.columns]
    row = next(r for r in range(page.model.rowCount()) if page.model.row(r) == finding)
    return page.model.index(row, titles.index(title)).data()


def fill_in(qtbot, monkeypatch, owner: str, measure: str, due: str) -> list[RemedyDialog]:  # type: ignore[no-untyped-def]
    """Replace ``ask()``: fill the real dialog and press 保存."""
    opened: list[RemedyDialog] = []

    def ask(ctx, finding, current=None, parent=None):  # type: ignore[no-untyped-def]
        dialog = RemedyDialog(ctx, finding, current)
        qtbot.addWidget(dialog)
        opened.append(dialog)
        dialog.owner.setText(owner)
        dialog.measure.setPlainText(measure)
        dialog.due.setText(due)
        dialog.accept()
        return dialog.result_value

    monkeypatch.setattr(RemedyDialog, "ask", ask)
    return opened


def test_a_remedy_recorded_from_a_finding_shows_in_the_list_and_settles(
    qtbot, qtmodeltester, ctx, recorder, town, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = page_of(qtbot, ctx)
    select_unit(page, "城关镇")
    finding = choose(page, "P-T18")
    assert column(page, "整改状态", finding) == ""
    opened = fill_in(qtbot, monkeypatch, "城关镇应急办 张三", "选聘灾害信息员", "2026-12-31")
    page.remedy()
    checked(qtbot, page)
    assert opened[0].result() == opened[0].DialogCode.Accepted
    qtmodeltester.check(page.model)
    assert column(page, "整改状态", finding) == "整改中"
    assert column(page, "整改时限", finding) == "2026-12-31"
    choose(page, "P-T18")
    assert "整改：城关镇应急办 张三，时限 2026-12-31，整改中；措施：选聘灾害信息员" in (
        page.detail.text()
    )
    # the town appoints an informant: the next check no longer finds it, the remedy is done
    with ctx.db.transaction(ctx.actor) as s:
        s.add(Post(unit_id=town.town, kind=PostKind.DISASTER_INFORMANT, name="李四"))
    checked(qtbot, page).refresh()
    checked(qtbot, page)
    assert not any(
        page.model.row(r).rule_id == "P-T18" and page.model.row(r).unit_name == "城关镇"
        for r in range(page.model.rowCount())
    )
    (row,) = ctx.read(lambda s: remedies.remedies(s, on=TODAY))
    assert (row.status, row.done_on, row.done_by) == (RemedyStatus.DONE, TODAY, "短板检查")


def test_the_dialog_refuses_in_place_and_proposes_a_due_date(qtbot, ctx, recorder, town) -> None:
    page = page_of(qtbot, ctx)
    select_unit(page, "城关镇")
    dialog = RemedyDialog(ctx, choose(page, "P-T18"))
    qtbot.addWidget(dialog)
    assert dialog.due.date() == TODAY + timedelta(days=30)
    dialog.owner.setText("城关镇应急办")
    dialog.accept()
    assert not dialog.banner.isHidden() and "整改措施" in dialog.banner.text()
    assert dialog.result_value is None
    assert ctx.read(lambda s: remedies.remedies(s)) == []


def test_marking_done_and_exporting_the_list(
    qtbot, ctx, recorder, town, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    page = page_of(qtbot, ctx)
    select_unit(page, "城关镇")
    finding = choose(page, "P-T18")
    page.mark_done()
    assert recorder.texts("warning") == ["请先选择一项已登记整改的短板"]
    fill_in(qtbot, monkeypatch, "城关镇应急办", "选聘灾害信息员", "2026-12-31")
    page.remedy()
    checked(qtbot, page)
    choose(page, "P-T18")
    page.mark_done()
    checked(qtbot, page)
    assert column(page, "整改状态", finding) == f"已整改 {TODAY.isoformat()}"
    path = tmp_path / "清单.xlsx"
    page.export_excel(path)
    rows = list(load_workbook(path)["短板问题清单"].iter_rows(values_only=True))
    assert page.result is not None and len(rows) == len(page.result.findings) + 1
    assert sum(1 for r in rows if "已整改" in r and "城关镇应急办" in r) == 1
    assert any(t.startswith("已导出") for t in recorder.texts("status"))
