"""Finders of what units hold: depots and areas, reserves, equipment, slogans, institutions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ledger.norms.drafting import vocab as v
from ledger.norms.drafting.head import Head
from ledger.norms.drafting.model import Proposal
from ledger.norms.drafting.outline import Place, clean
from ledger.norms.drafting.where import (
    ENCOURAGED,
    Clause,
    Where,
    levels_in,
    locate,
    propose,
    row_levels,
)

N, R = v.NUM, v.RANGE

AREA = re.compile(rf"(?:不小于|不低于|不少于|达到|至少)\s*({N})\s*(?:平方米|㎡|m²|m2)")

DEPOT_NAME = re.compile(r"[\u4e00-\u9fa5（）()]{0,14}?(?:储备库|物资库|装备库|仓库|储备点|服务站)")

DEPOT = re.compile(
    rf"(建设|建成|新建|推动|完善|设立)(?:至少)?(?:({N})\s*个)?([^，,。；;]{{0,30}}?(?:储备库|物资库|装备库|储备点|服务站|仓库))"
)

RESERVE = re.compile(
    rf"(?:保障|安置|人口)\s*({R})\s*(万|千)?\s*(?:人)?\s*(?:集中转移安置人口)?\s*[、，,]?\s*"
    rf"({R})\s*(天|个月|日)"
)

EQUIP = re.compile(r"(配备|配置|部署|配齐)(?!率|标准|到)([^，,。；;]{2,80})")

EQUIP_COUNT = re.compile(
    rf"(建成|建设|配备|配置)(?:至少)?\s*({N})\s*(处|台|套|架|辆|部|艘)([^，,。；;]{{2,20}})"
)

EQUIP_BUILD = re.compile(r"(建立|建设)([^，,。；;]{2,20}?终端)")

SIX = re.compile(r"达到[^。；;]{0,40}?“?六有”?标准")

FOUNDING = re.compile(r"成立|建立|健全|推进|设立|建设")

#: A list entry that names a class or an action, not an item a catalogue holds.
GENERIC_ITEM = re.compile(
    r"^(各类|相关|必要的?|专业|先进|救援|应急|抢险|执法|现代化|智能化)*(装备|器材|设备|物资|车辆|设施|终端)$|"
    r"配强|配齐|配足|配置|建设|提升|加强|完善|推进|化终端|标准|能力|水平|^(?!.*森林).*设施$"
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


def area(clause: Clause, head: Head) -> Iterator[Proposal]:
    """不小于N平方米 of a named depot: ``depot_area``."""
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
        where = locate(clause, head, match.start(), match.end())
        yield propose(
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


def depots(clause: Clause, head: Head) -> Iterator[Proposal]:
    """建设…储备库/服务站 (N个): ``depot_exists``."""
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
        where = locate(clause, head, match.start(), match.end())
        params: dict[str, object] = {"match": _match_words(name)}
        whole = re.search(r"全(市|县|省)", before)
        if count > 1 and whole and where.flags_any:
            scoped = Where((head.level,), (), (), None)
            yield propose(
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
            where = Where(v.TOWNS_AND_STREETS, where.flags_any, (), where.condition)
            count = Decimal(1)
        elif count > 1:
            params["min_count"] = int(count)
        yield propose(
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


def reserve(clause: Clause, head: Head) -> Iterator[Proposal]:
    """安置N人、D天 (people × days): ``reserve``."""
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
        where = locate(clause, head, match.start(), match.end())
        params = {"category": category, "people": int(people), "days": int(days), "agreement": 1}
        yield propose(
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


def equipment(clause: Clause, head: Head) -> Iterator[Proposal]:
    """配备/配置/部署 lists and 建成N处…: ``equipment_set``."""
    if re.search(r"5\+X|四合一", clause.text):
        return
    for match in EQUIP_COUNT.finditer(clause.text):
        count = v.number(match.group(2))
        name = match.group(4).strip()
        if not v.EQUIPMENT_NOUN.search(name) or v.NOT_EQUIPMENT.search(name):
            continue
        where = locate(clause, head, match.start(), match.end())
        yield propose(
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
        where = locate(clause, head, match.start(), match.end())
        yield propose(
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


def box_list(
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
    where = Where(row_levels(place, head) or (head.level,), (), (), None)
    return propose(
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


def slogans(clause: Clause, head: Head) -> Iterator[Proposal]:
    """六有, 一办一队一库一平台, 一站两员(一队) (``composite``); 5+X, 四合一 (``equipment_set``)."""
    text = clause.text
    for slogan, (slogan_levels, attributes) in v.SLOGANS.items():
        match = SIX.search(text) if slogan == "六有" else re.search(rf"“?{slogan}(?!一)”?", text)
        if not match:
            continue
        where = locate(clause, head, match.start(), match.end())
        levels = tuple(lvl for lvl in where.levels if lvl in slogan_levels) or slogan_levels
        where = Where(levels, where.flags_any, where.flags_none, where.condition)
        params = {"attributes": [{"key": k, "check": c, **extra} for k, c, extra in attributes]}
        yield propose(
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
        where = locate(clause, head, match.start(), match.end())
        if level:
            where = Where((level,), where.flags_any, where.flags_none, where.condition)
        names = listed or list(items)
        yield propose(
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


def institutions(clause: Clause, head: Head) -> Iterator[Proposal]:
    """Institutions an office confirms, listed per level: ``composite``."""
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
        levels = levels_in(_last_level_words(text[:start]), head) or (head.level,)
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
        where = locate(clause, head, first, first)
        where = Where(levels, where.flags_any, where.flags_none, where.condition)
        yield propose(
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
    best, end, start = "", -1, 0
    for pattern in v.LEVEL_PATTERNS:
        for match in re.finditer(pattern, v.NOT_LEVELS.sub("", text)):
            later = match.end() > end or (match.end() == end and match.start() < start)
            if later and match.group(0):
                best, end, start = match.group(0), match.end(), match.start()
    return best
