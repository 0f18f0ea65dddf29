"""The transfer plan (调拨方案) of a readiness plan: needs, each depot's lines, covers, teams."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from pathlib import Path

from ledger.core.quantity import format_quantity
from ledger.reports.layout import Orientation, Report, ReportMeta
from ledger.reports.tables import Align, Column, RowKind
from ledger.services.readiness import Allocation, Plan

R, C = Align.RIGHT, Align.CENTER
TITLE = "应急物资调拨方案"


def readiness_report(
    found: Plan, printed_by: str = "", printed_at: datetime | None = None
) -> Report:
    """Lay out the plan: a summary per item, one signed section per depot, covers and teams."""
    period = (
        f"安置 {found.people} 人 {found.days} 天（{found.on.isoformat()} 至 "
        f"{found.last_day.isoformat()}）"
    )
    meta = ReportMeta(TITLE, "、".join(found.unit_names), period, printed_by,
                      printed_at or datetime.now().astimezone())  # fmt: skip
    report = Report(meta, orientation=Orientation.LANDSCAPE)
    report.heading("一、需求与保障")
    if not found.needs:
        report.text("尚未设定人均储备定额，无法计算需求。请在短板检查页的“人均储备定额”中设定。")
    _needs(report, found)
    report.heading("二、各仓库调拨明细")
    by_depot: dict[str, list[tuple[str, str, Allocation]]] = defaultdict(list)
    for need in found.needs:
        for line in need.allocations:
            name = f"{need.item_name}：{line.item_name}" if line.item_name else need.item_name
            by_depot[line.depot_code].append((name, line.item_unit or need.unit, line))
    if not by_depot:
        report.text("没有可调拨的库存。")
    for lines in by_depot.values():
        first = lines[0][2]
        where = "，".join(x for x in (first.unit_name, first.tier_label, first.distance_text) if x)
        report.text(f"{first.depot_name}（{where}）")
        columns = [Column("序号", 11, R), Column("物资", 50, grow=True), Column("批次", 30),
                   Column("有效期至", 24, C), Column("数量", 26, R),
                   Column("序列号", 60)]  # fmt: skip
        report.table(
            columns,
            [
                [str(n), item, a.lot or "—", a.expiry.isoformat() if a.expiry else "—",
                 format_quantity(a.quantity, measure), "、".join(a.serials)]
                for n, (item, measure, a) in enumerate(lines, start=1)
            ],
        )  # fmt: skip
        report.signatures([("调出仓库保管员", ""), ("经办人", ""), ("接收人", "")])
    short = found.short
    report.heading("三、缺口及可动用的协议储备、产能储备")
    if not short:
        report.text("现有库存可保障全部需求。")
    rows = []
    for need in short:
        covers = "；".join(
            f"{c.mode.label} {c.supplier}"
            + (f"（{'，'.join(x for x in (c.contact, c.phone) if x)}）" if c.contact or c.phone
               else "")
            + f" {format_quantity(c.quantity, need.unit)}"
            for c in need.covers
        ) or "无"  # fmt: skip
        rows.append([need.item_name, format_quantity(need.short, need.unit), covers])
    if rows:
        wide = Column("可动用储备", 120, grow=True)
        report.table([Column("物资", 40), Column("缺口", 26, R), wide], rows)
    report.heading("四、可调用队伍")
    if not found.teams:
        report.text("没有可调用的队伍。")
    else:
        report.table(
            [Column("类型", 22), Column("队伍", 50, grow=True), Column("所属", 30),
             Column("性质", 12, C), Column("在队人数", 16, R), Column("队长及电话", 40),
             Column("装备", 70, grow=True)],
            [
                [t.team_type.label, t.name, t.unit_name, t.nature.label, str(t.headcount),
                 " ".join(x for x in (t.leader, t.phone) if x),
                 "、".join(f"{n}{c}{m}" for n, c, m in t.equipment)]
                for t in found.teams
            ],
        )  # fmt: skip
    report.signatures([("编制人", printed_by), ("审核人", ""), ("批准人", "")])
    return report


def _needs(report: Report, found: Plan) -> None:
    if not found.needs:
        return
    columns = [Column("序号", 11, R), Column("物资", 44, grow=True), Column("人均定额", 30, R),
               Column("需要", 28, R), Column("可用", 28, R), Column("调拨", 28, R),
               Column("缺口", 28, R)]  # fmt: skip
    rows, kinds = [], []
    for n, need in enumerate(found.needs, start=1):
        m = need.unit
        basis = ("每人每天" if need.per_day else "每人") + format_quantity(need.per_person, m)
        drawn = min(need.needed, need.available)  # what the draws cover
        rows.append([str(n), need.item_name, basis, format_quantity(need.needed, m),
                     format_quantity(need.available, m), format_quantity(drawn, m),
                     format_quantity(need.short, m) if need.short else "—"])  # fmt: skip
        kinds.append(RowKind.NORMAL)
    report.table(columns, rows, kinds)


def write_pdf(found: Plan, path: str | Path, printed_by: str = "") -> Path:
    """Write the transfer plan to ``path``."""
    return readiness_report(found, printed_by).save(path)
