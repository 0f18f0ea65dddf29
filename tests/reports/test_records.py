"""Rosters (masked unless the user may see personal data) and the equipment and maintenance list."""

from __future__ import annotations

from ledger.core.actor import Actor
from ledger.core.enums import Role
from ledger.models.engine import Database
from ledger.reports.kinds import Kind, ReportRequest, render
from tests.reports.pdfcheck import ID_NUMBER, TODAY, layout_rows, pdf_text, row


def report(db: Database, actor: Actor, request: ReportRequest) -> bytes:
    with db.read() as s:
        return render(s, actor, request, today=TODAY)


def test_roster_shows_active_members_and_posts_whole_to_the_office(
    county: Database, actor: Actor
) -> None:
    data = report(county, actor, ReportRequest(Kind.ROSTER))
    text = pdf_text(data)
    assert "应急救援队伍花名册" in text and "截至 2026-11-25" in text
    assert "城关镇综合应急救援队（城关镇）" in text and "队长：王大山" in text
    assert "共 1 支队伍，在册队员 2 人" in text and "离队者" not in text
    assert row(data, "张三丰")[1:6] == ["张三丰", "女", "1949-12-31", ID_NUMBER, "13912345678"]
    assert "本表含个人信息" in text
    assert row(data, "东村", "赵信息")[-2:] == ["赵信息", "13600002222"]
    assert "灾害信息员" in text


def test_roster_is_masked_for_a_viewer_and_on_request(county: Database, actor: Actor) -> None:
    viewer = Actor("guest", Role.VIEWER, "访客")
    for who, request in [
        (viewer, ReportRequest(Kind.ROSTER)),
        (actor, ReportRequest(Kind.ROSTER, mask=True)),
    ]:
        data = report(county, who, request)
        text = pdf_text(data)
        assert ID_NUMBER not in text and "13912345678" not in text and "13600002222" not in text
        assert row(data, "张三丰")[3:6] == ["1949年", "1101**********002X", "139****5678"]
        assert "已按权限脱敏" in text
    assert "打印人：访客" in pdf_text(report(county, viewer, ReportRequest(Kind.ROSTER)))


def test_roster_of_a_unit_covers_its_subtree_only(county: Database, actor: Actor) -> None:
    text = pdf_text(report(county, actor, ReportRequest(Kind.ROSTER, unit="410122100201")))
    assert "单位：东村" in text and "共 0 支队伍" in text and "赵信息" in text


def test_equipment_list_flags_overdue_maintenance_and_lists_the_log(
    county: Database, actor: Actor
) -> None:
    data = report(county, actor, ReportRequest(Kind.EQUIPMENT))
    text = pdf_text(data)
    assert "装备及保养清单" in text and "共 2 台（套）" in text
    assert "在库 1 台（套），在用 1 台（套）" in text and "保养逾期 1 台（套）" in text
    rows = layout_rows(data)
    at = rows.index(row(rows, "SAT-0001"))
    assert rows[at][-2:] == ["2025-06-01", "2026-01-05"]
    assert rows[at - 1] == ["2026-04-05"] and rows[at + 1] == ["已逾期"]
    assert row(data, "SAT-0002", "在用")[-2:] == ["2026-11-20", "2027-02-18"]
    assert "保养记录（2026-01-01 至 2026-11-25）" in text
    assert row(data, "2026-11-20", "钱师傅")[-1] == "更换电池"
