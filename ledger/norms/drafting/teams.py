"""Finders of team clauses: headcounts, team counts, teams founded, rates, ratios, posts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ledger.norms.drafting import vocab as v
from ledger.norms.drafting.head import Head
from ledger.norms.drafting.model import Proposal
from ledger.norms.drafting.where import (
    BASELINE,
    ENCOURAGED,
    Clause,
    Where,
    condition_words,
    flags_in,
    levels_in,
    locate,
    propose,
    team_filters,
)

N, R = v.NUM, v.RANGE

HEADCOUNT = re.compile(
    rf"(?:不少于|至少|不低于|不小于)\s*({N})\s*(?:人|名)(?:以上)?的?"
    r"([^，,。；;]{0,40}?(?:队伍|小分队|救援队|消防员|队员|专职队|突击队|分队))"
)

TEAM_COUNT = re.compile(
    rf"(?:建设|组建|建立|建成|培育|打造)({R})\s*支([^，,。；;]{{0,24}}?(?:队伍|队|力量))"
)

TEAM_FOUND = re.compile(
    r"(组建|建立起?|成立|打造|组成|建设)(一支|一批|两类)?"
    r"([^，,。；;]{0,50}?(?:队伍|行动队|先锋队|保障队|机动队|救援队|救援力量))"
)

RATE = re.compile(r"([^，,。；;]{2,40}?)(覆盖率|建队率|配备率)达到?\s*100\s*[%％]")

RATIO = re.compile(
    r"(\d+(?:\.\d+)?)\s*‰|万分之([一二三四五六七八九十\d.]+)|千分之([一二三四五六七八九十\d.]+)"
)

PER_10K = re.compile(rf"每万人(?:口)?[^，,。；;]{{0,16}}?({N})\s*(?:名|人)")

FIRE_STATION = re.compile(
    r"(?<!微型)(特勤站|消防站|专职消防队)(?:建成|全覆盖)|(?:建成|新建)[^，,。；;]{0,10}?(?<!微型)(特勤站|消防站)"
)

POST_HINT = re.compile(r"全覆盖|覆盖各|每个?(?:行政)?村|配备|队伍建设")


def headcount(clause: Clause, head: Head) -> Iterator[Proposal]:
    """不少于N人的…队伍, 配备不少于N名…消防员: ``team_headcount``."""
    previous = 0
    for match in HEADCOUNT.finditer(clause.text):
        if ENCOURAGED.search(clause.text[previous : match.start()]):
            previous = match.end()
            continue
        count = v.number(match.group(1))
        phrase = match.group(2)
        params = team_filters(phrase)
        if "member_natures" in params:
            params["min_members"] = int(count)
        else:
            params["min_members"] = int(count)
        where = locate(clause, head, match.start(), match.end(), previous)
        yield propose(
            clause,
            head,
            where,
            kind="team_headcount",
            number=count,
            unit="人",
            subject=phrase.strip("的"),
            title=f"{phrase.strip('的')}不少于{count}人",
            params=params,
        )
        previous = match.end()


def team_count(clause: Clause, head: Head) -> Iterator[Proposal]:
    """建设N—M支…队伍: ``team_exists`` with ``min_teams``."""
    for match in TEAM_COUNT.finditer(clause.text):
        low, range_text = v.lower_bound(match.group(1))
        phrase = match.group(2)
        if HEADCOUNT.search(phrase):  # 组建一支不少于N人的…: the headcount says it
            continue
        params = team_filters(phrase)
        if re.search(r"社会|志愿|企业", phrase):
            continue
        if "专业" in phrase and "team_types" not in params:
            params["team_types"] = [
                "防汛抗旱",
                "森林防灭火",
                "矿山",
                "危化",
                "地质灾害",
                "应急通信",
                "消防",
                "其他",
            ]
        params["min_teams"] = int(low)
        where = locate(clause, head, match.start(), match.end())
        yield propose(
            clause,
            head,
            where,
            kind="team_exists",
            number=low,
            unit="支",
            subject=phrase,
            title=f"{phrase}{match.group(1)}支",
            params=params,
            range_text=range_text and f"{range_text}支",
        )


def teams(clause: Clause, head: Head) -> Iterator[Proposal]:
    """组建/建立/打造…队伍 without a number: ``team_exists``."""
    if HEADCOUNT.search(clause.text) or TEAM_COUNT.search(clause.text):
        return
    for match in TEAM_FOUND.finditer(clause.text):
        before = clause.text[: match.start()]
        if ENCOURAGED.search(before) or BASELINE.search(before):
            continue
        phrase = match.group(3)
        if (
            "“" in phrase
            or phrase.count("、") > 6
            or len(phrase) < 4
            or re.search(
                r"健全|机构|执法|企业|社会|干部|预案|物资|信息员|管理员|劝导员|网格员", phrase
            )
        ):
            continue
        if re.search(r"队伍建设|队伍体系", clause.text[match.start(3) : match.end(3) + 2]):
            continue
        scope = clause.text[max(0, match.start() - 12) : match.end()]
        params = team_filters(phrase)
        names = sorted(set(v.TEAM_NAMES.findall(scope + clause.place.heading)))
        if names and "team_types" not in params:
            params["name_contains"] = names
        types = params.get("team_types", [])
        if isinstance(types, list) and len(types) > 1:
            params["each_type"] = True
        where = locate(clause, head, match.start(), match.end())
        note = "" if types or names else "规划未写队伍类型：请补充队伍类型或名称"
        yield propose(
            clause,
            head,
            where,
            kind="team_exists",
            number=Decimal(1),
            unit="支",
            subject=phrase,
            title=phrase,
            params=params,
            note=note,
        )


def fire_stations(clause: Clause, head: Head) -> Iterator[Proposal]:
    """A fire station (特勤站, 消防站) to be built: a 消防 team where it applies."""
    for match in FIRE_STATION.finditer(clause.text):
        name = match.group(1) or match.group(2)
        scope = re.split(r"[，,]", clause.text[: match.start()])[-1] + name
        where = locate(clause, head, match.start(), match.end())
        yield propose(
            clause,
            head,
            where,
            kind="team_exists",
            number=Decimal(1),
            unit="支",
            subject=scope,
            title=scope,
            params={"team_types": ["消防"]},
            note="台账以消防类队伍判定站点建成。",
        )


def rates(clause: Clause, head: Head) -> Iterator[Proposal]:
    """建队率、配备率 100% (``team_exists``) and 覆盖率 100% (``coverage`` of the level above)."""
    for match in RATE.finditer(clause.text):
        subject, rate = match.group(1), match.group(2)
        subject = re.split(r"[、，,]", subject)[-1] if "、" not in subject[-12:] else subject
        if not re.search(r"力量|队伍|救援队", subject) or re.search(r"装备|物资|设施", subject):
            continue
        params = team_filters(subject)
        levels = levels_in(subject, head)
        flags = flags_in(subject)
        if rate == "覆盖率":
            children = [lvl for lvl in levels if lvl in ("乡镇", "街道", "功能区", "村", "县")]
            if not children:
                continue
            parent = v.PARENT[children[0]]
            params.pop("team_types", None)
            params.update(child_levels=children, min_share=1)
            where = Where((parent,), (), (), None)
            yield propose(
                clause,
                head,
                where,
                kind="coverage",
                number=Decimal(1),
                unit="%",
                subject=subject,
                title=f"{subject}覆盖率100%",
                params=params,
            )
            continue
        where = Where(
            levels if levels or flags else (head.level,), flags, (), condition_words(subject)
        )
        yield propose(
            clause,
            head,
            where,
            kind="team_exists",
            number=Decimal(1),
            unit="支",
            subject=subject,
            title=f"{subject}{rate}100%",
            params=params,
        )


def ratio(clause: Clause, head: Head) -> Iterator[Proposal]:
    """N‰, 万分之N, 千分之N and 每万人N名 of the population: ``ratio``."""
    if re.search(r"死亡|亡人|GDP|生产总值|伤亡", clause.text):
        return
    for match in RATIO.finditer(clause.text):
        if match.group(1):
            per_mille = Decimal(match.group(1))
        elif match.group(2):
            per_mille = v.number(match.group(2)) / 10
        else:
            per_mille = v.number(match.group(3))
        yield _ratio_proposal(clause, head, match, per_mille)
    for match in PER_10K.finditer(clause.text):
        yield _ratio_proposal(clause, head, match, v.number(match.group(1)) / 10)


def _ratio_proposal(
    clause: Clause, head: Head, match: re.Match[str], per_mille: Decimal
) -> Proposal:
    subject = re.split(r"[，,]", clause.text[: match.start()])[-1]
    params = team_filters(subject)
    if "natures" in params and "消防" in subject:
        params["member_natures"] = params.pop("natures")
    params["per_mille"] = per_mille
    where = locate(clause, head, match.start(), match.end())
    return propose(
        clause,
        head,
        where,
        kind="ratio",
        number=per_mille / 1000,
        unit="‰",
        subject=subject,
        title=f"{subject}{match.group(0)}",
        params=params,
    )


def posts(clause: Clause, head: Head) -> Iterator[Proposal]:
    """灾害信息员、应急管理员 … in every unit (每村配备1名…, …全覆盖): ``posts``."""
    sentence = clause.sentence
    if clause.text not in sentence or not POST_HINT.search(clause.text):
        return
    plain = re.sub(r"（[^）]*）", "", clause.text)
    for post in v.POSTS:
        if post not in plain or re.search(rf"{post}[^，。；]{{0,6}}(制度|培训|管理|职责)", plain):
            continue
        count_match = re.search(rf"({N})\s*名\s*{post}", plain)
        count = v.number(count_match.group(1)) if count_match else Decimal(1)
        levels = levels_in(sentence, head) or (head.level,)
        where = Where(levels, (), (), None)
        params: dict[str, object] = {"posts": [post]}
        if count > 1:
            params["min_each"] = int(count)
        yield propose(
            clause,
            head,
            where,
            kind="posts",
            number=count,
            unit="名",
            subject=post,
            title=f"{post}",
            params=params,
        )
