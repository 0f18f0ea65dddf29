"""The clause finder: which sentences of a plan ask for something the ledger can check."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.norms.drafting import vocab as v
from ledger.norms.drafting.head import Head
from ledger.norms.drafting.model import Proposal, Skipped
from ledger.norms.drafting.outline import Place, clean, outline

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
AREA = re.compile(rf"(?:不小于|不低于|不少于|达到|至少)\s*({N})\s*(?:平方米|㎡|m²|m2)")
DEPOT_NAME = re.compile(r"[\u4e00-\u9fa5（）()]{0,14}?(?:储备库|物资库|装备库|仓库|储备点|服务站)")
DEPOT = re.compile(
    rf"(建设|建成|新建|推动|完善|设立)(?:至少)?(?:({N})\s*个)?([^，,。；;]{{0,30}}?(?:储备库|物资库|装备库|储备点|服务站|仓库))"
)
RESERVE = re.compile(
    rf"(?:保障|安置|人口)\s*({R})\s*(万|千)?\s*(?:人)?\s*(?:集中转移安置人口)?\s*[、，,]?\s*"
    rf"({R})\s*(天|个月|日)"
)
DRILL = re.compile(
    rf"每年\s*(?:至少|不少于)?\s*(?:开展|组织|举行|实施|进行)?\s*({N})\s*次(?:以上)?([^，,。；;]{{0,20}}?演练)"
)
TRAIN_SESSIONS = re.compile(
    rf"每年\s*(?:至少|不少于)?\s*(?:组织|开展|举办)?\s*({N})\s*次([^，,。；;]{{0,30}}?(?:培训|轮训))"
)
TRAIN_DAYS = re.compile(
    rf"(?:培训|轮训)[^。；;]{{0,20}}?(?:不少于|至少|不低于)\s*({N})\s*(天|学时|日)"
)
EQUIP = re.compile(r"(配备|配置|部署|配齐)(?!率|标准|到)([^，,。；;]{2,80})")
EQUIP_COUNT = re.compile(
    rf"(建成|建设|配备|配置)(?:至少)?\s*({N})\s*(处|台|套|架|辆|部|艘)([^，,。；;]{{2,20}})"
)
EQUIP_BUILD = re.compile(r"(建立|建设)([^，,。；;]{2,20}?终端)")
FIRE_STATION = re.compile(
    r"(?<!微型)(特勤站|消防站|专职消防队)(?:建成|全覆盖)|(?:建成|新建)[^，,。；;]{0,10}?(?<!微型)(特勤站|消防站)"
)
SIX = re.compile(r"达到[^。；;]{0,40}?“?六有”?标准")
POST_HINT = re.compile(r"全覆盖|覆盖各|每个?(?:行政)?村|配备|队伍建设")
FOUNDING = re.compile(r"成立|建立|健全|推进|设立|建设")
ENCOURAGED = re.compile(r"鼓励|支持|引导|倡导")
BASELINE = re.compile(r"十三五|已建成|已组建|现有|累计|共有|截至|截止")
ANY_NUMBER = re.compile(r"\d")
SERIAL = re.compile(r"\d{1,3}[.．、]?")
#: A table cell that is only a value (<0.04, 下降15%): its label is on the line above.
CELL = re.compile(r"[<>≤≥＜＞]?\s*(?:下降|降低|提高|达到|增长)?\s*[\d.]+\s*(?:[%％‰]|以上|以下)?")
#: A list entry that names a class or an action, not an item a catalogue holds.
GENERIC_ITEM = re.compile(
    r"^(各类|相关|必要的?|专业|先进|救援|应急|抢险|执法|现代化|智能化)*(装备|器材|设备|物资|车辆|设施|终端)$|"
    r"配强|配齐|配足|配置|建设|提升|加强|完善|推进|化终端|标准|能力|水平|^(?!.*森林).*设施$"
)
#: Digits that make no clause numeric: dates, document numbers, list marks, bare years.
NOISE = re.compile(
    r"20\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[\u4e00-\u9fa5]*〔\d{4}〕\d+号|"
    r"20\d\d\s*年(?!\s*\d{1,2}\s*月)|^\s*\d+[.．、]|\d+[)）]|\d+(?:\.\d+)?\s*(?:号|条)|"
    r"专栏\s*\d+|\d+·\d+|\d+G|[“”]\d+[”“]"
)


@dataclass
class Clause:
    """One clause (between 。 and ；) of a line, with what comes before it."""

    line: int
    text: str
    sentence: str
    place: Place
    inherited: tuple[str, ...]


def find(lines: tuple[str, ...], head: Head) -> tuple[list[Proposal], list[Skipped]]:
    """Proposals and skipped numeric clauses of the whole plan, in line order."""
    proposals: list[Proposal] = []
    skipped: list[Skipped] = []
    places = outline(lines)
    finders: tuple[Callable[[Clause, Head], Iterator[Proposal]], ...] = (
        _headcount,
        _team_count,
        _rates,
        _ratio,
        _area,
        _depots,
        _reserve,
        _drills,
        _training,
        _equipment,
        _slogans,
        _institutions,
        _posts,
        _teams,
        _fire_stations,
    )
    start = _body_start(lines)
    for index, raw in enumerate(lines[start:], start=start + 1):
        text = clean(raw)
        if not text:
            continue
        place = places[index - 1]
        box = None if place.category == "基线" else _box_list(index, text, lines, place, head)
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
                found = _dedupe([p for finder in finders for p in finder(clause, head)])
                proposals.extend(found)
                own = _levels(part, head)
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


# --- levels and conditions ---------------------------------------------------------------


def _levels(text: str, head: Head) -> tuple[str, ...]:
    text = re.sub(r"县[（(]市、区[）)]", "县级", v.NOT_LEVELS.sub("", text))
    for pattern, _ in v.CONDITIONS:
        text = re.sub(pattern, "", text)
    found = set()
    for pattern, level in v.LEVELS:
        if re.search(pattern, text.strip("，, ")):
            if level == "市" and head.county_city:
                level = "县"
            found.add(level)
    if "各级政府" in text or ("各级" in text and not found):
        found |= {lvl for lvl in ("省", "市", "县") if _rank(lvl) >= _rank(head.level)}
    return tuple(lvl for lvl in v.ORDER if lvl in found)


def _rank(level: str) -> int:
    return v.ORDER.index(level)


def _conditions(text: str) -> tuple[str, ...]:
    found = []
    for pattern, flag in v.CONDITIONS:
        if re.search(pattern, text) and flag not in found:
            found.append(flag)
    return tuple(found)


def _condition_words(text: str) -> str | None:
    """The plan's own words for the conditions in ``text`` (承担森林防灭火任务 …)."""
    words = []
    for pattern, _ in v.CONDITIONS:
        match = re.search(pattern, text)
        if match and match.group(0) not in words:
            words.append(match.group(0))
    return "、".join(words) or None


@dataclass
class Where:
    """Levels, flags and the condition's words for one match."""

    levels: tuple[str, ...]
    flags_any: tuple[str, ...]
    flags_none: tuple[str, ...]
    condition: str | None


def _where(clause: Clause, head: Head, start: int, end: int, scope_start: int = 0) -> Where:
    text = clause.text
    comma = max(text.rfind(c, 0, start) for c in "，,") + 1
    near = text[comma:end]
    scope = text[scope_start:end]
    flags = _conditions(scope)
    flags_none: tuple[str, ...] = ()
    if re.search(r"其他(乡镇|县|村)", scope) and not flags:
        earlier = _conditions(text[:scope_start])
        flags_none = earlier
    levels = _levels(near, head) or _levels(scope, head)
    section_flags = () if flags else _conditions(clause.place.section.split("）")[-1])
    if not levels and not flags and not section_flags:
        levels = clause.inherited or _row(clause.place, head) or (head.level,)
    condition = _condition_words(scope) if flags else None
    if section_flags and not levels:
        flags = section_flags
        condition = _condition_words(clause.place.section.split("）")[-1])
    if flags_none:
        condition = "非" + (_condition_words(text[:scope_start]) or "")
    return Where(levels, flags, flags_none, condition)


def _row(place: Place, head: Head) -> tuple[str, ...]:
    if not place.row_level:
        return ()
    return _levels(place.row_level, head)


def _proposal(clause: Clause, head: Head, where: Where, **fields: object) -> Proposal:
    category = clause.place.category
    effective = head.horizon if category in {"目标", "工程"} else None
    return Proposal(
        line=clause.line,
        quote=clause.text.strip(),
        levels=where.levels,
        flags_any=where.flags_any,
        flags_none=where.flags_none,
        condition=where.condition,
        section=clause.place.section,
        category=category,
        effective=effective,
        **fields,  # type: ignore[arg-type]
    )


def _team_filters(phrase: str) -> dict[str, object]:
    types = [label for pattern, label in v.TEAM_TYPES if re.search(pattern, phrase)]
    if "消防" in types and len(types) > 1 and "综合" in types:
        types.remove("消防")
    params: dict[str, object] = {}
    if types:
        params["team_types"] = types
    if re.search(r"专（兼）职|专\(兼\)职|专兼职", phrase):
        params["natures"] = ["专职", "兼职"]
    elif "兼职" in phrase:
        params["natures"] = ["兼职"]
    elif "专职" in phrase:
        params["member_natures" if "消防" in phrase else "natures"] = ["专职"]
    return params


# --- the finders -------------------------------------------------------------------------


def _headcount(clause: Clause, head: Head) -> Iterator[Proposal]:
    previous = 0
    for match in HEADCOUNT.finditer(clause.text):
        if ENCOURAGED.search(clause.text[previous : match.start()]):
            previous = match.end()
            continue
        count = v.number(match.group(1))
        phrase = match.group(2)
        params = _team_filters(phrase)
        if "member_natures" in params:
            params["min_members"] = int(count)
        else:
            params["min_members"] = int(count)
        where = _where(clause, head, match.start(), match.end(), previous)
        yield _proposal(
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


def _team_count(clause: Clause, head: Head) -> Iterator[Proposal]:
    for match in TEAM_COUNT.finditer(clause.text):
        low, range_text = v.lower_bound(match.group(1))
        phrase = match.group(2)
        if HEADCOUNT.search(phrase):  # 组建一支不少于N人的…: the headcount says it
            continue
        params = _team_filters(phrase)
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
        where = _where(clause, head, match.start(), match.end())
        yield _proposal(
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


def _teams(clause: Clause, head: Head) -> Iterator[Proposal]:
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
        params = _team_filters(phrase)
        names = sorted(set(v.TEAM_NAMES.findall(scope + clause.place.heading)))
        if names and "team_types" not in params:
            params["name_contains"] = names
        types = params.get("team_types", [])
        if isinstance(types, list) and len(types) > 1:
            params["each_type"] = True
        where = _where(clause, head, match.start(), match.end())
        note = "" if types or names else "规划未写队伍类型：请补充队伍类型或名称"
        yield _proposal(
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


def _fire_stations(clause: Clause, head: Head) -> Iterator[Proposal]:
    """A fire station (特勤站, 消防站) to be built: a 消防 team where it applies."""
    for match in FIRE_STATION.finditer(clause.text):
        name = match.group(1) or match.group(2)
        scope = re.split(r"[，,]", clause.text[: match.start()])[-1] + name
        where = _where(clause, head, match.start(), match.end())
        yield _proposal(
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


def _rates(clause: Clause, head: Head) -> Iterator[Proposal]:
    for match in RATE.finditer(clause.text):
        subject, rate = match.group(1), match.group(2)
        subject = re.split(r"[、，,]", subject)[-1] if "、" not in subject[-12:] else subject
        if not re.search(r"力量|队伍|救援队", subject) or re.search(r"装备|物资|设施", subject):
            continue
        params = _team_filters(subject)
        levels = _levels(subject, head)
        flags = _conditions(subject)
        if rate == "覆盖率":
            children = [lvl for lvl in levels if lvl in ("乡镇", "功能区", "村", "县")]
            if not children:
                continue
            parent = v.PARENT[children[0]]
            params.pop("team_types", None)
            params.update(child_levels=children, min_share=1)
            where = Where((parent,), (), (), None)
            yield _proposal(
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
            levels if levels or flags else (head.level,), flags, (), _condition_words(subject)
        )
        yield _proposal(
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


def _ratio(clause: Clause, head: Head) -> Iterator[Proposal]:
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
    params = _team_filters(subject)
    if "natures" in params and "消防" in subject:
        params["member_natures"] = params.pop("natures")
    params["per_mille"] = per_mille
    where = _where(clause, head, match.start(), match.end())
    return _proposal(
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


def _match_words(name: str) -> list[str]:
    words = [
        w
        for w in (
            "服务站",
            "储备点",
            "水旱灾害",
            "防汛",
            "森林",
            "防灭火",
            "救灾物资",
            "应急物资",
            "装备库",
            "医疗",
        )
        if w in name
    ]
    return words or [re.sub(r"^.*?(县级|市级|乡级|村级|乡镇|县区|市、)", "", name)]


def _area(clause: Clause, head: Head) -> Iterator[Proposal]:
    for match in AREA.finditer(clause.text):
        before = clause.text[: match.start()]
        if re.search(r"避难|场所|厂房|办公", before[-20:]):
            continue
        names = [n for n in DEPOT_NAME.findall(before) if n and not n.endswith("站点")]
        name = names[-1] if names else "储备库"
        name = re.sub(r"^.*?(完善|建设|新建|改扩建|各)", "", name)
        area = v.number(match.group(1))
        params: dict[str, object] = {"match": _match_words(name), "min_area": area}
        if "原则上" in before or "每个" in before:
            params["require_exists"] = False
        where = _where(clause, head, match.start(), match.end())
        yield _proposal(
            clause,
            head,
            where,
            kind="depot_area",
            number=area,
            unit="平方米",
            subject=name,
            title=f"{name}面积不小于{area}平方米",
            params=params,
        )


def _depots(clause: Clause, head: Head) -> Iterator[Proposal]:
    if AREA.search(clause.text):
        return
    for match in DEPOT.finditer(clause.text):
        before = clause.text[: match.start()]
        if ENCOURAGED.search(before[-10:]) or re.search(r"家庭|社区|企业|政企", match.group(3)):
            continue
        name = re.split(r"[、和的]", match.group(3))[-1]
        name = re.sub(r"^.*?(县级|市级|乡级|县区|等方式推动)", "", name)
        if len(name) < 3:
            continue
        count = v.number(match.group(2)) if match.group(2) else Decimal(1)
        where = _where(clause, head, match.start(), match.end())
        params: dict[str, object] = {"match": _match_words(name)}
        whole = re.search(r"全(市|县|省)", before)
        if count > 1 and whole and where.flags_any:
            scoped = Where((head.level,), (), (), None)
            yield _proposal(
                clause,
                head,
                scoped,
                kind="depot_exists",
                number=count,
                unit="个",
                subject=name,
                title=f"全{whole.group(1)}{name}{count}个",
                params=params | {"min_count": int(count), "scope": "subtree"},
            )
            where = Where(("乡镇",), where.flags_any, (), where.condition)
            count = Decimal(1)
        elif count > 1:
            params["min_count"] = int(count)
        yield _proposal(
            clause,
            head,
            where,
            kind="depot_exists",
            number=count,
            unit="个",
            subject=name,
            title=name,
            params=params,
        )


def _reserve(clause: Clause, head: Head) -> Iterator[Proposal]:
    for match in RESERVE.finditer(clause.text):
        people, people_range = v.lower_bound(match.group(1))
        scale = {"万": 10000, "千": 1000}.get(match.group(2) or "", 1)
        people *= scale
        days, days_range = v.lower_bound(match.group(3))
        if match.group(4) == "个月":
            days *= 30
        around = clause.text[match.start() : match.end() + 12]
        category = "医疗卫生" if re.search(r"医疗|卫生|救治|医学", around) else "生活保障"
        range_text = "、".join(
            t
            for t in (
                people_range and people_range + (match.group(2) or "") + "人",
                days_range and days_range + match.group(4),
                "1个月" if match.group(4) == "个月" and not days_range else "",
            )
            if t
        )
        where = _where(clause, head, match.start(), match.end())
        params = {"category": category, "people": int(people), "days": int(days), "agreement": 1}
        yield _proposal(
            clause,
            head,
            where,
            kind="reserve",
            number=people,
            unit="人",
            subject=category,
            title=f"{category}类物资：{int(people)}人、{int(days)}天",
            params=params,
            range_text=range_text,
            note="规划只给规模，未给人均数量：由本单位设定各物资人均数量后检查。",
        )


def _drills(clause: Clause, head: Head) -> Iterator[Proposal]:
    previous = 0
    for match in DRILL.finditer(clause.text):
        count = v.number(match.group(1))
        if re.search(r"专项(应急)?预案|各类?预案", clause.text[previous : match.start()]):
            previous = match.end()
            continue  # per emergency plan: the ledger records drills, not plans
        params: dict[str, object] = {"min_count": int(count)}
        if "综合" in match.group(2):
            params["comprehensive_only"] = True
        where = _where(clause, head, match.start(), match.end(), previous)
        previous = match.end()
        yield _proposal(
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


def _training(clause: Clause, head: Head) -> Iterator[Proposal]:
    for match in TRAIN_SESSIONS.finditer(clause.text):
        count = v.number(match.group(1))
        where = _where(clause, head, match.start(), match.end())
        yield _proposal(
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
        where = _where(clause, head, match.start(), match.end())
        note = f"规划写{amount}学时，按每天8学时折为{days}天。" if match.group(2) == "学时" else ""
        yield _proposal(
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


def _items(listing: str) -> tuple[list[str], str]:
    """Item names of a list (、 及 和), and the modifiers that name no item (中型、小型)."""
    listing = re.sub(r"等$|等.{0,6}$", "", listing.strip("。，, "))
    parts = [
        re.sub(r"^.*的", "", p.strip()) for p in re.split(r"[、，,]|及|和", listing) if p.strip()
    ]
    if len(parts) > 1 and parts[-1] and not any(v.EQUIPMENT_NOUN.search(p) for p in parts[:-1]):
        noun = v.EQUIPMENT_NOUN.findall(parts[-1])
        if all(p.endswith("化") for p in parts[:-1]):
            return [], ""  # 智能化、网络化…终端: qualities, not items
        if noun and len(parts[-1]) <= 8 and all(len(p) <= 2 for p in parts[:-1]):
            tail = parts[-1]
            if all(re.fullmatch(r"[中小大微]型", p) for p in parts[:-1]):
                return [re.sub(r"^[中小大微]型", "", tail)], "、".join([*parts[:-1], tail[:2]])
            return [p + noun[-1] for p in parts[:-1]] + [tail], ""
    return [p for p in parts if v.EQUIPMENT_NOUN.search(p) and not GENERIC_ITEM.search(p)], ""


def _item_table(names: list[str], minimum: int = 1) -> list[dict[str, object]]:
    table = []
    for name in names:
        entry: dict[str, object] = {"name": name}
        if name in v.ALIASES:
            entry["accept"] = list(v.ALIASES[name])
        if "森林防灭火" in name and "设施" in name:
            entry = {"name": name, "category": "森林防灭火"}
        if minimum > 1:
            entry["min"] = minimum
        table.append(entry)
    return table


def _equipment(clause: Clause, head: Head) -> Iterator[Proposal]:
    if re.search(r"5\+X|四合一", clause.text):
        return
    for match in EQUIP_COUNT.finditer(clause.text):
        count = v.number(match.group(2))
        name = match.group(4).strip()
        if not v.EQUIPMENT_NOUN.search(name) or v.NOT_EQUIPMENT.search(name):
            continue
        where = _where(clause, head, match.start(), match.end())
        yield _proposal(
            clause,
            head,
            where,
            kind="equipment_set",
            number=count,
            unit=match.group(3),
            subject=name,
            title=f"{name}{count}{match.group(3)}",
            params={"items": _item_table([name], int(count))},
        )
    if EQUIP_COUNT.search(clause.text):
        return
    for match in list(EQUIP.finditer(clause.text)) + list(EQUIP_BUILD.finditer(clause.text)):
        listing = match.group(2)
        if v.NOT_EQUIPMENT.search(listing) or ENCOURAGED.search(clause.text[: match.start()][-8:]):
            continue
        names, range_text = _items(listing)
        if not names:
            continue
        count_match = re.search(rf"({N})\s*(台|套|架|辆|部|艘)", listing)
        count = v.number(count_match.group(1)) if count_match else Decimal(1)
        names = [re.sub(rf"{N}\s*(台|套|架|辆|部|艘)", "", n) for n in names]
        where = _where(clause, head, match.start(), match.end())
        yield _proposal(
            clause,
            head,
            where,
            kind="equipment_set",
            number=count,
            unit=count_match.group(2) if count_match else "台（套）",
            subject="、".join(names),
            title="、".join(names),
            params={"items": _item_table(names, int(count))},
            range_text=range_text,
        )


def _box_list(
    index: int, text: str, lines: tuple[str, ...], place: Place, head: Head
) -> Proposal | None:
    """A 专栏 row listing equipment: label line (…装备) followed by a long 、 list."""
    if "专栏" not in place.section or text.count("、") < 4 or "，" in text:
        return None
    label = ""
    for back in range(index - 2, max(index - 4, 0) - 1, -1):
        label = clean(lines[back])
        if label:
            break
    if not re.search(r"装备|器材|设备", label) or len(label) > 16:
        return None
    names, _ = _items(text)
    names = [n for n in (p.strip() for p in re.split(r"[、，,]", re.sub(r"等。?$", "", text))) if n]
    if len(names) < 5:
        return None
    clause = Clause(index, text, text, place, ())
    where = Where(_row(place, head) or (head.level,), (), (), None)
    return _proposal(
        clause,
        head,
        where,
        kind="equipment_set",
        number=Decimal(1),
        unit="台（套）",
        subject=label,
        title=f"{label}（{place.section.split(' ')[-1]}）",
        params={"items": _item_table(names)},
        note="清单未给数量：每项至少1台（套）。",
    )


def _slogans(clause: Clause, head: Head) -> Iterator[Proposal]:
    text = clause.text
    for slogan, (level, attributes) in v.SLOGANS.items():
        match = SIX.search(text) if slogan == "六有" else re.search(rf"“?{slogan}(?!一)”?", text)
        if not match:
            continue
        where = _where(clause, head, match.start(), match.end())
        levels = tuple(lvl for lvl in where.levels if lvl == level) or (level,)
        where = Where(levels, where.flags_any, where.flags_none, where.condition)
        params = {"attributes": [{"key": k, "check": c, **extra} for k, c, extra in attributes]}
        yield _proposal(
            clause,
            head,
            where,
            kind="composite",
            number=None,
            unit="",
            subject=slogan,
            title=f"“{slogan}”",
            params=params,
        )
    for slogan, (level, items) in v.EQUIPMENT_SLOGANS.items():
        match = re.search(rf"{re.escape(slogan)}", text)
        if not match:
            continue
        listed = _slogan_items(text, match)
        where = _where(clause, head, match.start(), match.end())
        if level:
            where = Where((level,), where.flags_any, where.flags_none, where.condition)
        names = listed or list(items)
        yield _proposal(
            clause,
            head,
            where,
            kind="equipment_set",
            number=Decimal(1),
            unit="台（套）",
            subject=slogan,
            title=f"应急装备“{slogan}”",
            params={"items": _item_table(names)},
        )


def _slogan_items(text: str, match: re.Match[str]) -> list[str]:
    after = re.search(r"实现([^，,。；;]+?)配备到", text[match.end() :])
    if after:
        return [p for p in after.group(1).split("、") if p]
    before = re.split(r"[，,。；;]", text[: match.start()])[-1].strip("“")
    parts = before.split("、")
    if len(parts) < 3:
        return []
    parts = [re.sub(r"^.*(应急处置|推行|配备|实现|县区|县级|市级|乡级|村级)", "", p) for p in parts]
    names = [re.sub(r"[(（][^)）]*[)）]", "", p) for p in parts]
    return [n for n in names if n and not re.fullmatch(r"[省市县区乡镇级]+", n)]


def _institutions(clause: Clause, head: Head) -> Iterator[Proposal]:
    text = re.sub(
        r"[“”]?(一办一队一库一平台|一站两员一队|一站两员)[”“]?（[^）]*）", "", clause.text
    )
    if not FOUNDING.search(text):
        return
    spans: list[tuple[int, int, str, str]] = []
    for word, check in v.ATTRIBUTES:
        for match in re.finditer(word, text):
            if any(s <= match.start() < e for s, e, _, _ in spans):
                continue
            spans.append((match.start(), match.end(), match.group(0), check))
    spans.sort()
    spans = _listed_with_an_institution(spans, text)
    if not spans:
        return
    groups: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    for start, _, word, check in spans:
        levels = _levels(_last_level_words(text[:start]), head) or (head.level,)
        groups.setdefault(levels, []).append((word, check))
    first = spans[0][0]
    for levels, words in groups.items():
        attributes: list[dict[str, object]] = []
        joined = [w for w, _ in words]
        for word, check in words:
            if attributes and re.search(rf"{attributes[-1]['key']}或{word}", text):
                attributes[-1]["key"] = f"{attributes[-1]['key']}或{word}"
                continue
            entry: dict[str, object] = {"key": word, "check": check}
            if check == "post":
                entry["post_kinds"] = [word]
            if check == "team" and "兼职" in word:
                entry["natures"] = ["兼职"]
            attributes.append(entry)
        if not any(a["check"] == "confirm" for a in attributes):
            continue
        where = _where(clause, head, first, first)
        where = Where(levels, where.flags_any, where.flags_none, where.condition)
        yield _proposal(
            clause,
            head,
            where,
            kind="composite",
            number=None,
            unit="",
            subject="、".join(joined),
            title="、".join(joined),
            params={"attributes": attributes},
        )


def _listed_with_an_institution(
    spans: list[tuple[int, int, str, str]], text: str
) -> list[tuple[int, int, str, str]]:
    """The words that stand in one list (、 和 或) with an institution the office confirms."""
    runs: list[list[tuple[int, int, str, str]]] = []
    for span in spans:
        gap = text[runs[-1][-1][1] : span[0]] if runs else ""
        if runs and len(gap) <= 14 and not re.search(r"[，,。；;]", gap):
            runs[-1].append(span)
        else:
            runs.append([span])
    return [s for run in runs if any(c == "confirm" for *_, c in run) for s in run]


def _last_level_words(text: str) -> str:
    """The last level word before a position (so 村级应急管理室 is 村, not 乡镇)."""
    best, where = "", -1
    for pattern, _ in v.LEVELS:
        for match in re.finditer(pattern, v.NOT_LEVELS.sub("", text)):
            if match.start() > where and match.group(0):
                best, where = match.group(0), match.start()
    return best


def _posts(clause: Clause, head: Head) -> Iterator[Proposal]:
    sentence = clause.sentence
    if clause.text not in sentence or not POST_HINT.search(clause.text):
        return
    plain = re.sub(r"（[^）]*）", "", clause.text)
    for post in v.POSTS:
        if post not in plain or re.search(rf"{post}[^，。；]{{0,6}}(制度|培训|管理|职责)", plain):
            continue
        count_match = re.search(rf"({N})\s*名\s*{post}", plain)
        count = v.number(count_match.group(1)) if count_match else Decimal(1)
        levels = _levels(sentence, head) or (head.level,)
        where = Where(levels, (), (), None)
        params: dict[str, object] = {"posts": [post]}
        if count > 1:
            params["min_each"] = int(count)
        yield _proposal(
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
