"""Region codes as the template has them (12-digit 统计用区划代码), and a workbook placed below
the unit the office has just created."""

from __future__ import annotations

import dataclasses

from ledger.core.enums import Level
from ledger.core.errors import InvalidValue
from ledger.services.imports.records import Batch

#: Digits of a 统计用区划代码: 6 for the county, 9 for the town, 12 in full.
FULL = 12


def statistical_code(text: str, where: str, within: str = "") -> str:
    """The 12-digit statistical code for ``text``: a 6-digit county or 9-digit town code is
    filled out with zeros (410182 → 410182000000). ``within`` is the parent's code it must
    start with (its first 4, 6 or 9 digits that are not zeros: a city, a county, a town).

    Raises:
        InvalidValue: not digits, or not 6, 9 or 12 of them, or not within the parent.
    """
    code = text.strip()
    if not code.isdigit() or len(code) not in (6, 9, FULL):
        raise InvalidValue(
            where=where,
            field="区划代码",
            value=code,
            reason="应为12位统计用区划代码（如 410182101000；县6位、乡镇9位可自动补零）",
        )
    code = code.ljust(FULL, "0")
    prefix = within[:4] if within.endswith("00000000") else within[:6]  # a city's, a county's
    prefix = prefix if within.endswith("000000") else within[:9]
    if within and not code.startswith(prefix):
        raise InvalidValue(
            where=where, field="区划代码", value=code, reason=f"应以上级的代码 {prefix} 开头"
        )
    return code


def place_under(batch: Batch, code: str, level: Level) -> Batch:
    """The workbook's units below the unit ``code`` (of ``level``): a unit of a lower level
    whose 上级区划代码 is blank gets ``code`` as its parent (a town's workbook of villages
    without the county and town rows). Units that name their parent are left as they are."""
    units = tuple(
        dataclasses.replace(u, parent_code=code)
        if not u.parent_code and u.code != code and u.level.rank > level.rank
        else u
        for u in batch.units
    )
    if units == batch.units:
        return batch
    present = dict(batch.present)
    present["units"] = frozenset(present.get("units", frozenset())) | {"parent_code"}
    return dataclasses.replace(batch, units=units, present=present)
