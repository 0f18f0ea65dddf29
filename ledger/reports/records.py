"""People and equipment reports: team rosters (队伍花名册) with post holders, and the equipment
and maintenance list (装备及保养清单)."""

from __future__ import annotations

from ledger.core.enums import EquipmentStatus
from ledger.reports.fmt import day, qty, span
from ledger.reports.layout import Orientation, Report, ReportMeta
from ledger.reports.tables import Align, Column
from ledger.services.reporting import EquipmentReport, Roster, RosterTeam

R, C = Align.RIGHT, Align.CENTER


def roster_report(roster: Roster, meta: ReportMeta) -> Report:
    """Every team's roster on A4 landscape, then the post holders of the units."""
    report = Report(meta, orientation=Orientation.LANDSCAPE)
    report.text(
        f"共 {len(roster.teams)} 支队伍，在册队员 {roster.headcount} 人（{day(roster.on)}）。"
        + ("身份证号、手机号已按权限脱敏。" if roster.masked else "本表含个人信息，请妥善保管。")
    )
    for team in roster.teams:
        _team(report, team)
    if roster.posts:
        report.heading("岗位人员")
        columns = [
            Column("序号", 11, R),
            Column("单位", 50, grow=True),
            Column("岗位", 40),
            Column("姓名", 30),
            Column("手机号", 36),
            Column("任职日期", 26, C),
        ]
        rows = [
            [str(n), p.unit_name, p.post, p.name, p.phone, day(p.since)]
            for n, p in enumerate(roster.posts, start=1)
        ]
        report.table(columns, rows)
    report.signatures([("填表人", meta.printed_by), ("审核人", ""), ("单位负责人", "")])
    return report


def _team(report: Report, team: RosterTeam) -> None:
    report.heading(f"{team.name}（{team.unit_name}）")
    report.fields(
        [
            ("队伍编号", team.code),
            ("类型", f"{team.team_type} · {team.nature}"),
            ("成立日期", day(team.founded_on) or "—"),
            ("队长", team.leader or "—"),
            ("联系电话", team.phone or "—"),
            ("在册人数", f"{len(team.members)} 人"),
        ],
        per_row=3,
    )
    if not team.members:
        report.text("（暂无在册队员）")
        return
    columns = [
        Column("序号", 11, R),
        Column("姓名", 20),
        Column("性别", 11, C),
        Column("出生日期", 22, C),
        Column("身份证号", 40),
        Column("手机号", 27),
        Column("职务", 22),
        Column("专兼职", 14, C),
        Column("入队日期", 22, C),
        Column("培训学时", 18, R),
        Column("证书", 40, grow=True),
    ]
    rows = [
        [
            str(n),
            m.name,
            m.gender,
            m.born,
            m.id_number,
            m.phone,
            m.role,
            m.nature,
            day(m.joined_on),
            qty(m.training_hours) if m.training_hours else "",
            m.certificates,
        ]
        for n, m in enumerate(team.members, start=1)
    ]
    report.table(columns, rows)


def equipment_list_report(data: EquipmentReport, meta: ReportMeta) -> Report:
    """Equipment by item with holder, status and maintenance dates; then the year's log."""
    report = Report(meta, orientation=Orientation.LANDSCAPE)
    counts = "，".join(f"{s.label} {data.count(s)} 台（套）" for s in EquipmentStatus)
    report.text(
        f"共 {len(data.lines)} 台（套）：{counts}；保养逾期 {data.overdue} 台（套）"
        f"（截至 {day(data.on)}）。"
    )
    columns = [
        Column("序号", 13, R),
        Column("序列号", 31),
        Column("物资编码", 20),
        Column("装备名称", 30, grow=True),
        Column("规格型号", 28),
        Column("配备单位", 58),
        Column("状态", 13, C),
        Column("购置日期", 22, C),
        Column("上次保养", 22, C),
        Column("下次保养", 22, C),
    ]
    rows = [
        [
            str(n),
            e.serial,
            e.item_code,
            e.item_name,
            e.spec,
            e.holder,
            e.status.label,
            day(e.purchased_on),
            day(e.last_maintained_on),
            day(e.next_due_on) + ("\n已逾期" if e.overdue else ""),
        ]
        for n, e in enumerate(data.lines, start=1)
    ]
    if rows:
        report.table(columns, rows)
    else:
        report.text("（没有装备）")
    report.heading(f"保养记录（{span(data.start, data.on)}）")
    if not data.maintenance:
        report.text("（本期没有保养记录）")
        return report
    log_columns = [
        Column("日期", 24, C),
        Column("序列号", 36),
        Column("装备名称", 44),
        Column("类别", 20, C),
        Column("执行人", 28),
        Column("说明", 60, grow=True),
    ]
    log = [
        [day(m.done_on), m.serial, m.item_name, m.kind, m.done_by, m.note] for m in data.maintenance
    ]
    report.table(log_columns, log)
    return report
