"""Building workbooks for import tests: a valid county, and the mess offices really send."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlalchemy import func, select

from ledger.io.schema import SHEETS
from ledger.models import AuditRow, Base
from ledger.models.engine import Database

ID_A = "11010519491231002X"
ID_B = "110101199003070038"

HEADERS = {s.name: [c.header for c in s.columns] for s in SHEETS}

#: A small but complete county: every sheet, codes as text, values as the template asks.
VALID: dict[str, list[list[Any]]] = {
    "组织机构": [
        ["410102000000", "中原区", "县", None, 500000, "防汛重点", None, None, None],
        ["410102001000", "林山寨街道", "乡镇", "410102000000", 12000, "全国重点镇；防汛重点", None,
         None, None],
        ["410102001001", "前进村", "村", "410102001000", 1800, None, None, None, None],
    ],
    "队伍": [
        ["T001", "前进村应急救援队", "410102001001", "综合", "兼职", "张三", "13812345678",
         "2020-03-01"],
    ],
    "队员": [
        ["T001", "李丽", None, ID_A, "13900001111", "队员", "兼职", "2021-05-01", None],
        ["T001", "王强", "男", ID_B, "13900002222", "副队长", "专职", "2020-03-01", None],
    ],
    "物资目录": [
        ["001", "编织袋", "50×80cm", "条", "防汛抗旱", 36, None, "否"],
        ["002", "卫星电话", "天通", "部", "通信", None, 90, "是"],
        ["003", "救生衣", "", "件", "防汛抗旱", 60, None, "否"],
    ],
    "岗位人员": [
        ["410102001001", "网格员", "赵六", "13711112222", "2023-01-01", None],
        ["410102001001", "灾害信息员", "钱七", "13711113333", "2022-06-01", None],
    ],
    "仓库": [
        ["K01", "林山寨街道应急仓库", "410102001000", "乡镇级", 120.5, "建设路1号", "孙八", None,
         None],
    ],
    "期初库存": [
        ["K01", "001", 1000, "L2024", "2027-03-01", 2.5],
        ["K01", "003", 50, "", None, 80],
        ["K01", "002", 2, "", None, None],
    ],
    "装备": [
        ["SN-0001", "002", "T001", "在用", "2022-05-01", "2024-01-01"],
        ["SN-0002", "002", "K01", "在库", "2022-05-01", None],
    ],
    "事件": [
        ["SJ-2024-001", "“7·20”暴雨洪涝", "洪涝", "2024-07-20", "2024-07-28", "前进村",
         "410102001000"],
        ["SJ-2025-001", "春季森林防火演练", "演练", "2025-03-15", None, "", "410102001001"],
    ],
    "证书": [
        ["T001", "李丽", "应急救援员", "JY-0001", "郑州市应急管理局", "2026-12-31"],
        ["T001", "王强", "红十字救护员", "", "", None],
    ],
    "人均储备定额": [
        ["001", 0.2, None, "本单位测算"],
    ],
}  # fmt: skip


def write_book(path: Path, sheets: dict[str, Sequence[Sequence[Any]]], headers: Any = None) -> Path:
    """Write a workbook with a header row (the interface's, unless given) and the rows."""
    book = Workbook()
    assert book.active is not None
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        sheet.append((headers or HEADERS).get(name, []))
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


def valid_book(path: Path, **changes: list[list[Any]]) -> Path:
    """The valid county workbook, with some sheets replaced."""
    return write_book(path, {**VALID, **changes})


def with_cached_values(path: Path, values: dict[str, str]) -> None:
    """Give formula cells the cached results Excel would have stored (openpyxl writes none)."""
    src = zipfile.ZipFile(path)
    parts = {name: src.read(name) for name in src.namelist()}
    src.close()
    for name, data in parts.items():
        if name.startswith("xl/worksheets/sheet"):
            text = data.decode()
            for ref, value in values.items():
                text = re.sub(
                    rf'(<c r="{ref}"[^>]*>)<f>([^<]*)</f><v\s*/?>(</v>)?',
                    lambda m, v=value: f"{m[1]}<f>{m[2]}</f><v>{v}</v>",
                    text,
                )
            parts[name] = text.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)


def snapshot(db: Database) -> dict[str, int]:
    """Row counts of every table and of the audit log: equal snapshots, unchanged database."""
    with db.read() as session:
        counts = {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }
        counts["audit"] = session.scalar(select(func.count(AuditRow.id))) or 0
    return counts
