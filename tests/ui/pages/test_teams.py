"""救援队伍: teams with headcount, the member editor's checks, masked lists."""

from __future__ import annotations

from datetime import date

from ledger.core.enums import Gender, TeamType
from ledger.ui.dialogs import teams as team_dialogs
from ledger.ui.pages.teams import TeamsPage
from tests.ui.pages.test_org import drive

ID = "11010519491231002X"


def shown_page(qtbot, ctx, town) -> TeamsPage:
    page = TeamsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.tree.select(town.town)
    return page


def test_the_member_editor_checks_as_the_user_types(qtbot, ctx, town) -> None:
    dialog = team_dialogs.MemberDialog(ctx, town.team)
    qtbot.addWidget(dialog)
    dialog.name.setText("张三")
    dialog.id_number.setText("110105194912310021")
    assert dialog.hints["id_number"].text() == "校验位不正确，请核对是否输错"
    dialog.phone.setText("2381234")
    assert dialog.hints["phone"].text() == "手机号应为以1开头的11位数字"
    dialog.left_on.setText("2020-01-01")
    assert dialog.hints["left_on"].text() == "必须晚于入队日期"
    dialog.left_on.setText("2020-13-01")
    assert "不是有效日期" in dialog.hints["left_on"].text()
    dialog.ok_button.click()
    assert dialog.result_value is None and "身份证号" in dialog.banner.text()
    dialog.id_number.setText(ID)
    dialog.id_number.editingFinished.emit()
    assert dialog.hints["id_number"].isHidden()
    assert dialog.birth_date.date() == date(1949, 12, 31)
    assert dialog.gender.value() is Gender.FEMALE


def test_a_member_is_added_and_listed_masked(qtbot, ctx, town, monkeypatch) -> None:
    def fill(d):
        d.name.setText("李四")
        d.id_number.setText(ID)
        d.phone.setText("13812345678")
        d.joined_on.setText("2025-03-01")

    drive(qtbot, monkeypatch, team_dialogs.MemberDialog, fill)
    page = shown_page(qtbot, ctx, town)
    assert [t.name for t in page.teams.rows] == ["城关镇综合应急救援队"]
    page.add_member()
    (member,) = page.members.rows
    assert (member.id_masked, member.phone_masked) == ("1101**********002X", "138****5678")
    assert page.teams.rows[0].headcount == 1
    assert "在队 1 人" in page.members_caption.text()


def test_a_team_is_added_to_the_chosen_unit(qtbot, ctx, town, monkeypatch) -> None:
    def fill(d):
        d.name.setText("城关镇防汛抢险队")
        d.team_type.set_value(TeamType.FLOOD)

    drive(qtbot, monkeypatch, team_dialogs.TeamDialog, fill)
    page = shown_page(qtbot, ctx, town)
    page.add_team()
    assert {(t.name, t.team_type) for t in page.teams.rows} == {
        ("城关镇防汛抢险队", TeamType.FLOOD),
        ("城关镇综合应急救援队", TeamType.COMPREHENSIVE),
    }
    assert "队伍 2 支" in page.teams_caption.text()
    total = sum(t.headcount for t in page.teams.rows)
    assert page.teams_view.footer.text().endswith(f"在队人数：{total}")
