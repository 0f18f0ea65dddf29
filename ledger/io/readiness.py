"""The transfer plan (调拨方案) of a readiness plan as a workbook: needs, lines, covers, teams."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from ledger.io.tables import DATE, NUMBER, QUANTITY, TableColumn, write_table
from ledger.services.readiness import Plan

NEEDS = (
    TableColumn("物资编码"), TableColumn("物资名称"), TableColumn("计量单位"),
    TableColumn("人均定额", QUANTITY), TableColumn("按天计"), TableColumn("需要", QUANTITY),
    TableColumn("可用", QUANTITY), TableColumn("缺口", QUANTITY),
)  # fmt: skip
LINES = (
    TableColumn("顺序", NUMBER), TableColumn("调出仓库编号"), TableColumn("调出仓库"),
    TableColumn("所属单位"), TableColumn("层级"), TableColumn("物资编码"), TableColumn("物资名称"),
    TableColumn("批次号"), TableColumn("有效期至", DATE), TableColumn("数量", QUANTITY),
    TableColumn("计量单位"), TableColumn("序列号"), TableColumn("距离(公里)", QUANTITY),
)  # fmt: skip
COVERS = (
    TableColumn("物资名称"), TableColumn("缺口", QUANTITY), TableColumn("计量单位"),
    TableColumn("储备方式"), TableColumn("协议单位"), TableColumn("联系人"), TableColumn("电话"),
    TableColumn("协议编号"), TableColumn("签订单位"), TableColumn("协议数量", QUANTITY),
    TableColumn("截止日期", DATE),
)  # fmt: skip
TEAMS = (
    TableColumn("队伍类型"), TableColumn("队伍编号"), TableColumn("队伍名称"),
    TableColumn("所属单位"), TableColumn("性质"), TableColumn("在队人数", NUMBER),
    TableColumn("队长"), TableColumn("联系电话"), TableColumn("装备"),
)  # fmt: skip


def write_xlsx(found: Plan, path: str | Path) -> Path:
    """Write the plan's four sheets (需求, 调拨明细, 缺口与协议储备, 可调用队伍) to ``path``."""
    book = Workbook(write_only=True)
    write_table(book, "需求", NEEDS, (
        [n.item_code, n.item_name, n.unit, n.per_person, "是" if n.per_day else "否", n.needed,
         n.available, n.short] for n in found.needs
    ))  # fmt: skip
    lines = [(n, a) for n in found.needs for a in n.allocations]
    write_table(book, "调拨明细", LINES, (
        [k, a.depot_code, a.depot_name, a.unit_name, a.tier_label, n.item_code,
         f"{n.item_name}：{a.item_name}" if a.item_name else n.item_name,
         a.lot, a.expiry, a.quantity, a.item_unit or n.unit, "、".join(a.serials), a.distance_km]
        for k, (n, a) in enumerate(lines, start=1)
    ))  # fmt: skip
    write_table(book, "缺口与协议储备", COVERS, (
        [n.item_name, n.short, n.unit, c.mode.label, c.supplier, c.contact, c.phone, c.number,
         c.unit_name, c.quantity, c.ends_on]
        for n in found.short for c in (n.covers or (None,)) if c is not None
    ))  # fmt: skip
    write_table(book, "可调用队伍", TEAMS, (
        [t.team_type.label, t.code, t.name, t.unit_name, t.nature.label, t.headcount, t.leader,
         t.phone, "、".join(f"{n}{c}{m}" for n, c, m in t.equipment)]
        for t in found.teams
    ))  # fmt: skip
    target = Path(path)
    book.save(target)
    return target
