"""Finders of activity clauses: drills and training a year."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ledger.norms.drafting import vocab as v
from ledger.norms.drafting.head import Head
from ledger.norms.drafting.model import Proposal
from ledger.norms.drafting.where import Clause, locate, propose

N, R = v.NUM, v.RANGE

DRILL = re.compile(
    rf"每年\s*(?:至少|不少于)?\s*(?:开展|组织|举行|实施|进行)?\s*({N})\s*次(?:以上)?([^，,。；;]{{0,20}}?演练)"
)

TRAIN_SESSIONS = re.compile(
    rf"每年\s*(?:至少|不少于)?\s*(?:组织|开展|举办)?\s*({N})\s*次([^，,。；;]{{0,30}}?(?:培训|轮训))"
)

TRAIN_DAYS = re.compile(
    rf"(?:培训|轮训)[^。；;]{{0,20}}?(?:不少于|至少|不低于)\s*({N})\s*(天|学时|日)"
)


def drills(clause: Clause, head: Head) -> Iterator[Proposal]:
    """每年至少N次…演练: ``drills``."""
    previous = 0
    for match in DRILL.finditer(clause.text):
        count = v.number(match.group(1))
        if re.search(r"专项(应急)?预案|各类?预案", clause.text[previous : match.start()]):
            previous = match.end()
            continue  # per emergency plan: the ledger records drills, not plans
        params: dict[str, object] = {"min_count": int(count)}
        if "综合" in match.group(2):
            params["comprehensive_only"] = True
        where = locate(clause, head, match.start(), match.end(), previous)
        previous = match.end()
        yield propose(
            clause,
            head,
            where,
            kind="drills",
            number=count,
            unit="次",
            subject=match.group(2),
            title=f"每年至少{count}次{match.group(2)}",
            params=params,
        )


def training(clause: Clause, head: Head) -> Iterator[Proposal]:
    """每年N次…培训 (``min_sessions``) and 不少于N天/学时 (``min_days``): ``training``."""
    for match in TRAIN_SESSIONS.finditer(clause.text):
        count = v.number(match.group(1))
        where = locate(clause, head, match.start(), match.end())
        yield propose(
            clause,
            head,
            where,
            kind="training",
            number=count,
            unit="次",
            subject=match.group(2),
            title=f"每年{count}次{match.group(2)}",
            params={"min_sessions": int(count)},
        )
    for match in TRAIN_DAYS.finditer(clause.text):
        amount = v.number(match.group(1))
        days = (
            amount
            if match.group(2) != "学时"
            else (amount / 8).to_integral_value(rounding="ROUND_CEILING")
        )
        params: dict[str, object] = {"min_days": int(days)}
        if re.search(r"应急管理人员|应急管理员|工作人员", clause.text):
            params.update(who="posts", post_kinds=["应急管理员"])
        elif re.search(r"队员|救援人员", clause.text):
            params["who"] = "members"
        where = locate(clause, head, match.start(), match.end())
        note = f"规划写{amount}学时，按每天8学时折为{days}天。" if match.group(2) == "学时" else ""
        yield propose(
            clause,
            head,
            where,
            kind="training",
            number=amount,
            unit=match.group(2),
            subject="培训",
            title=f"每人每年培训不少于{amount}{match.group(2)}",
            params=params,
            note=note,
        )
