"""规划导入向导: choose a plan, review and edit the proposals, dry run, install."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from ledger.core.enums import Level
from ledger.norms.schema import load_profile
from ledger.services.norms.profiles import user_dir
from ledger.services.org import tree as org
from ledger.ui.dialogs import plan_wizard as w
from ledger.ui.pages.shortfalls import ShortfallsPage
from tests.ui.pages.test_shortfalls import checked

PLAN = "\n".join(
    [
        "中牟县人民政府",
        "关于印发中牟县“十四五”应急管理体系建设规划的通知",
        "牟政〔2022〕9号",
        "2022年5月6日",
        "三、重点任务",
        "　　各乡镇（街道）建立不少于20人的专（兼）职综合应急救援队伍。",
        "　　县级配备应急发电机、编织袋、水上救援机器人。",
        "　　县财政每年安排应急物资储备资金500万元。",
    ]
)


@pytest.fixture
def plan_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sqlite_db, gui_actor, town) -> Path:  # type: ignore[no-untyped-def]
    """The plan as a text file; two more towns, so a rule on every town fires at three."""
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "data"))
    with sqlite_db.transaction(gui_actor) as s:
        for n in (1, 2):
            org.add_unit(
                s, gui_actor, org.UnitInput(f"41012210{n + 1}", f"新{n}镇", Level.TOWN, town.county)
            )
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    return path


def test_review_edit_dry_run_and_install(qtbot, ctx, plan_file, recorder) -> None:  # type: ignore[no-untyped-def]
    wizard = w.PlanWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.file_page.path.setText(str(plan_file))
    assert wizard.file_page.validatePage()
    assert "牟政〔2022〕9号" in wizard.file_page.head.text()
    review = wizard.review_page
    review.initializePage()
    assert (
        review.subTitle()
        == "中牟县“十四五”应急管理体系建设规划（牟政〔2022〕9号，中牟县人民政府，2022-05-06）"
    )
    table = review.table
    assert table.rowCount() == 2
    assert (
        table.item(0, w.NUMBER).text() == "20" and table.item(0, w.LEVEL).text() == "乡镇（街道）"
    )
    assert table.item(1, w.UNMATCHED).text() == "应急发电机、水上救援机器人"
    assert review.skipped.rowCount() == 1 and review.skipped.item(0, 1).text() == "资金：金额不检查"
    table.item(0, w.NUMBER).setText("25")
    assert table.item(0, w.TITLE).text().endswith("不少于25人")
    table.item(0, w.LEVEL).setText("县城")
    assert "无效" in review.hint.text() and table.item(0, w.LEVEL).text() == "乡镇（街道）"
    table.item(1, w.ACCEPT).setCheckState(Qt.CheckState.Unchecked)
    assert review.validatePage()
    page = wizard.install_page
    page.initializePage()
    assert page.profile_id.text() == "plan-2022-9"
    rows = {page.table.item(r, 0).text(): r for r in range(page.table.rowCount())}
    headcount = rows["D-T1"]
    assert [page.table.item(headcount, c).text() for c in (2, 3)] == ["3", "3"]
    assert page.table.item(headcount, 0).background().color() == w.FLAG_COLOUR
    assert "1 条几乎处处不达标" in page.summary.text()
    page.table.setCurrentCell(headcount, 0)
    shown = [page.findings.row(r) for r in range(page.findings.rowCount())]
    assert len(shown) == 3 and {f.rule_id for f in shown} == {"D-T1"}  # type: ignore[union-attr]
    wizard.accept()
    assert wizard.installed is not None and wizard.installed.id == "plan-2022-9"
    profile = load_profile(user_dir() / "plan-2022-9.toml")
    rules = [r for r in profile.rules if not r.id.startswith("L-")]
    assert [(r.id, r.params.min_members) for r in rules] == [("D-T1", 25)]
    assert rules[0].levels == {Level.TOWN, Level.STREET}


def test_levels_typed_as_the_plans_write_them(qtbot, ctx, plan_file, recorder) -> None:  # type: ignore[no-untyped-def]
    wizard = w.PlanWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.file_page.path.setText(str(plan_file))
    assert wizard.file_page.validatePage()
    review = wizard.review_page
    review.initializePage()
    level = review.table.item(0, w.LEVEL)
    proposal = wizard.draft.proposals[0]  # type: ignore[union-attr]
    level.setText("街道")
    assert proposal.levels == ("街道",) and review.table.item(0, w.LEVEL).text() == "街道"
    review.table.item(0, w.LEVEL).setText("乡镇、街道")
    assert proposal.levels == ("乡镇", "街道")
    assert review.table.item(0, w.LEVEL).text() == "乡镇（街道）" and not review.hint.text()
    review.table.item(0, w.LEVEL).setText("县、乡镇")
    assert proposal.levels == ("县", "乡镇")
    review.table.item(0, w.LEVEL).setText("乡镇（街道）")
    assert proposal.levels == ("乡镇", "街道")


def test_a_scanned_pdf_stays_on_the_first_page(qtbot, ctx, tmp_path, recorder) -> None:  # type: ignore[no-untyped-def]
    from reportlab.pdfgen import canvas

    scan = tmp_path / "scan.pdf"
    sheet = canvas.Canvas(str(scan))
    sheet.rect(40, 40, 500, 700, fill=1)
    sheet.save()
    wizard = w.PlanWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.file_page.path.setText(str(scan))
    assert not wizard.file_page.validatePage()
    assert "没有文字层" in recorder.texts("warning")[0]


def test_the_shortfalls_page_opens_the_wizard_and_shows_what_it_installed(
    qtbot, ctx, town, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "data"))
    page = ShortfallsPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    source = tmp_path / "ours.toml"
    source.write_text(
        (Path(__file__).resolve().parents[3] / "resources/norms/hequ-2023-25.toml")
        .read_text(encoding="utf-8")
        .replace('"hequ-2023-25"', '"plan-2022-9"'),
        encoding="utf-8",
    )

    def fake_ask(_ctx, _parent):  # type: ignore[no-untyped-def]
        from ledger.services.norms.profiles import install_profile

        return install_profile(ctx.actor, source)

    monkeypatch.setattr(w.PlanWizard, "ask", staticmethod(fake_ask))
    page.draft_button.click()
    assert page.profile.currentData() == "plan-2022-9"
    checked(qtbot, page)
    assert page.result is not None and page.result.profile_id == "plan-2022-9"
