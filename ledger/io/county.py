"""The county view (全县汇总; a city's 全市汇总) as a workbook: a row per office, then 合计."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ledger.io.tables import DATE, NUMBER, TEXT, export_table
from ledger.services.exchange import OfficeSummary, county_totals

SHEET = "全县汇总"
COLUMNS: tuple[tuple[str, str], ...] = (
    ("单位", TEXT),
    ("区划代码", TEXT),
    ("级别", TEXT),
    ("队伍", NUMBER),
    ("在队人员", NUMBER),
    ("仓库", NUMBER),
    ("库存批次", NUMBER),
    ("装备", NUMBER),
    ("缺失", NUMBER),
    ("不足/到期", NUMBER),
    ("最近数据包", TEXT),
    ("导入时间", DATE),
)


def county_rows(rows: list[OfficeSummary]) -> list[list[Any]]:
    """The offices' rows, then 合计."""
    out: list[list[Any]] = []
    for r in rows:
        package = f"第 {r.last_package} 号" if r.reports else "本库录入"
        when = r.last_import.astimezone().replace(tzinfo=None) if r.last_import else None
        out.append([r.name, r.code, r.level_label, r.teams, r.members, r.depots, r.stock_lines,
                    r.equipment, r.findings_red, r.findings_amber, package, when])  # fmt: skip
    t = county_totals(rows)
    out.append(["合计", "", "", t.teams, t.members, t.depots, t.stock_lines, t.equipment,
                t.findings_red, t.findings_amber, "", None])  # fmt: skip
    return out


def export_county(path: Path, rows: list[OfficeSummary], sheet: str = SHEET) -> int:
    """Write the view (全县汇总, or ``sheet``: 全市汇总) to ``path``; return the number of rows
    written (合计 included)."""
    return export_table(
        path, [h for h, _k in COLUMNS], county_rows(rows), [k for _h, k in COLUMNS], sheet
    )
