"""The clause finder: which sentences of a plan ask for something the ledger can check."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.norms.drafting import activity, holdings, teams
from ledger.norms.drafting.head import Head
from ledger.norms.drafting.model import Proposal, Skipped
from ledger.norms.drafting.outline import clean, outline
from ledger.norms.drafting.where import BASELINE, Clause, levels_in

ANY_NUMBER = re.compile(r"\d")

SERIAL = re.compile(r"\d{1,3}[.．、]?")

# A table cell that is only a value (<0.04, 下降15%): its label is on the line above.
CELL = re.compile(r"[<>≤≥＜＞]?\s*(?:下降|降低|提高|达到|增长)?\s*[\d.]+\s*(?:[%％‰]|以上|以下)?")

# Digits that make no clause numeric: dates, document numbers, list marks, bare years.
NOISE = re.compile(
    r"20\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[\u4e00-\u9fa5]*〔\d{4}〕\d+号|"
    r"20\d\d\s*年(?!\s*\d{1,2}\s*月)|^\s*\d+[.．、]|\d+[)）]|\d+(?:\.\d+)?\s*(?:号|条)|"
    r"专栏\s*\d+|\d+·\d+|\d+G|[“”]\d+[”“]"
)

# The finders, each a function of a clause and the plan's head giving proposals.
FINDERS: tuple[Callable[[Clause, Head], Iterator[Proposal]], ...] = (
    teams.headcount,
    teams.team_count,
    teams.rates,
    teams.ratio,
    holdings.area,
    holdings.depots,
    holdings.reserve,
    activity.drills,
    activity.training,
    holdings.equipment,
    holdings.slogans,
    holdings.institutions,
    teams.posts,
    teams.teams,
    teams.fire_stations,
)


def find(lines: tuple[str, ...], head: Head) -> tuple[list[Proposal], list[Skipped]]:
    """Proposals and skipped numeric clauses of the whole plan, in line order."""
    proposals: list[Proposal] = []
    skipped: list[Skipped] = []
    places = outline(lines)
    start = _body_start(lines)
    for index, raw in enumerate(lines[start:], start=start + 1):
        text = clean(raw)
        if not text:
            continue
        place = places[index - 1]
        box = (
            None if place.category == "基线" else holdings.box_list(index, text, lines, place, head)
        )
        if box:
            proposals.append(box)
            continue
        for sentence in re.split(r"(?<=。)", text):
            inherited: tuple[str, ...] = ()
            for part in re.split(r"[；;]", sentence):
                if not part.strip():
                    continue
                clause = Clause(index, part, sentence, place, inherited)
                if place.category == "基线":
                    if ANY_NUMBER.search(NOISE.sub("", part)):
                        reason = QT_TRANSLATE_NOOP("Drafting", "基线：“十三五”数字或现状")
                        skipped.append(Skipped(index, part.strip(), reason))
                    continue
                found = _dedupe([p for finder in FINDERS for p in finder(clause, head)])
                proposals.extend(found)
                own = levels_in(part, head)
                inherited = own or inherited
                if not found and ANY_NUMBER.search(NOISE.sub("", part)):
                    item = _skipped(index, part.strip(), lines)
                    if item is not None:
                        skipped.append(item)
    return proposals, skipped


def _body_start(lines: tuple[str, ...]) -> int:
    """Skip a table of contents: the body starts after the last line ending in a page number."""
    last = 0
    for index, line in enumerate(lines[:120]):
        if (
            re.search(r"\S\s*\d{1,3}\s*$", clean(line))
            and re.match(r"^[一二三四五六七八九十（(\d]", clean(line))
            and len(clean(line)) < 40
        ):
            last = index + 1
    return last


def _dedupe(found: list[Proposal]) -> list[Proposal]:
    seen, kept = set(), []
    for proposal in found:
        key = (proposal.kind, proposal.levels, proposal.number, proposal.subject)
        if key not in seen:
            seen.add(key)
            kept.append(proposal)
    return kept


def _skipped(index: int, text: str, lines: tuple[str, ...]) -> Skipped | None:
    """A numeric clause not proposed; a table cell is quoted with its row's label."""
    if SERIAL.fullmatch(text):
        return None  # a table's row number
    if CELL.fullmatch(text):
        label = next((clean(lines[i]) for i in range(index - 2, -1, -1) if clean(lines[i])), "")
        text = f"{label}：{text}" if label else text
    return Skipped(index, text, _skip_reason(text))


def _skip_reason(text: str) -> str:
    if re.search(r"人均[^。；]{0,16}元", text):
        return QT_TRANSLATE_NOOP("Drafting", "预算：人均经费不检查")
    if re.search(r"死亡|亡人|伤亡|起数|受灾人次", text):
        return QT_TRANSLATE_NOOP("Drafting", "结果：安全或灾害结果不检查")
    if re.search(r"GDP|生产总值", text):
        return QT_TRANSLATE_NOOP("Drafting", "结果：占GDP比例不检查")
    if re.search(r"亿元|万元|\d\s*元", text):
        return QT_TRANSLATE_NOOP("Drafting", "资金：金额不检查")
    if re.search(r"下降|减少|损失", text):
        return QT_TRANSLATE_NOOP("Drafting", "结果：安全或灾害结果不检查")
    if re.search(r"20\d\d年\d{1,2}月|年底前|月底前|前完成|年内", text):
        return QT_TRANSLATE_NOOP("Drafting", "期限：项目期限不检查")
    if BASELINE.search(text):
        return QT_TRANSLATE_NOOP("Drafting", "基线：“十三五”数字或现状")
    if re.search(r"小时|分钟", text):
        return QT_TRANSLATE_NOOP("Drafting", "无台账数据：响应时间")
    if re.search(r"[%％]", text):
        return QT_TRANSLATE_NOOP("Drafting", "无台账数据：比例指标")
    return QT_TRANSLATE_NOOP("Drafting", "未识别：请人工核对")
