"""Words the clause finder reads: levels, conditions, team types, posts, slogans, numbers."""

from __future__ import annotations

import re
from decimal import Decimal

#: Level words, each with the ledger's level (市 in a county-level city's plan reads as 县).
LEVELS: tuple[tuple[str, str], ...] = (
    (r"省级|全省|各省|省、", "省"),
    (r"各省辖市|市级|全市|各市|市、|市—|市（州）|市州|^市|^各级政府", "市"),
    (r"县（市、区）|县\(市、区\)|县级|全县|各县|县区|县应急|县、|本级|^县", "县"),
    (r"功能区", "功能区"),
    (r"行政村|村（社区）|村\(社区\)|村级|每个村|每村|村、|村—|城乡社区|各村|、村(?!民)", "村"),
)
#: Words that look like levels but are not where a rule applies.
NOT_LEVELS = re.compile(
    r"省级核心网|接入省级|省级中心镇|全国重点镇|省级骨干|市级以下|县级以上|乡镇专职消防队|村组干部"
)
#: Words of towns (乡镇) and sub-districts (街道), read in this order, each read once: the
#: whole tier (乡镇（街道）, 乡级, 市、乡两级, 省、市、县、乡、村五级), towns only (各乡（镇）,
#: 其他乡镇, 二级乡镇, 重点镇), then 街道 alone; a plain 乡镇 left over is read last.
TOWN_LEVELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        r"乡镇\s*[（(]\s*街道|乡\s*[（(]镇、街道[）)]|乡镇、街道|乡镇街道|乡镇级|乡级|乡两级|乡、|乡—",
        ("乡镇", "街道"),
    ),
    (r"乡\s*[（(]镇[）)]|其他乡镇|[一二三]级乡镇|重点镇|中心镇", ("乡镇",)),
    (r"街道", ("街道",)),
)
#: 乡镇 as such: the whole tier, unless the clause names towns as such (then those towns).
PLAIN_TOWNS = r"乡镇|各乡"
#: Flags that name towns (a 重点镇 is a 镇): a clause on them is on towns only.
TOWN_FLAGS = re.compile(r"重点镇|中心镇")
#: Every word that names a level, for finding the last one before a position.
LEVEL_PATTERNS = [pattern for pattern, _ in LEVELS] + [p for p, _ in TOWN_LEVELS] + [PLAIN_TOWNS]
ORDER = ("省", "市", "县", "乡镇", "街道", "功能区", "村")
#: 乡镇 and 街道 both, as a profile writes them.
TOWNS_AND_STREETS = ("乡镇", "街道")
PARENT = {"乡镇": "县", "街道": "县", "功能区": "县", "村": "乡镇", "县": "市", "市": "省"}

#: Conditions on a unit, as the ledger's flags.
CONDITIONS: tuple[tuple[str, str], ...] = (
    (r"承担森林防灭火任务|有森林消防任务|森林防灭火任务", "森林防灭火任务"),
    (r"森林火灾高风险区|重点林区", "森林火灾高风险区"),
    (r"山洪地质灾害易发区|地质灾害易发区|地质灾害隐患点?", "地质灾害隐患"),
    (r"交通不便", "交通不便"),
    (r"灾害风险高", "灾害风险高"),
    (r"事故和自然灾害多发|事故灾害多发", "事故灾害多发"),
    (r"化工园区", "化工园区"),
    (r"全国重点镇", "全国重点镇"),
    (r"省级中心镇", "省级中心镇"),
    (r"防汛重点", "防汛重点"),
)

TEAM_TYPES: tuple[tuple[str, str], ...] = (
    (r"综合", "综合"),
    (r"防汛抗旱|抗洪|防汛", "防汛抗旱"),
    (r"森林", "森林防灭火"),
    (r"矿山", "矿山"),
    (r"危险化学品|危化|化工", "危化"),
    (r"消防", "消防"),
    (r"地质", "地质灾害"),
    (r"通信|通讯", "应急通信"),
)
TEAM_NAMES = re.compile(r"民兵|先锋队|气象|志愿")
POSTS = ("灾害信息员", "应急管理员", "安全劝导员", "网格员")

#: Institutions an office confirms, and what a composite attribute checks for each word.
ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("应急管理委员会", "confirm"),
    ("应急管理所(?!需|有|属)", "confirm"),
    ("应急管理办公室", "confirm"),
    ("应急办公室", "confirm"),
    ("应急管理室", "confirm"),
    ("应急管理站", "confirm"),
    ("安全劝导站", "confirm"),
    ("消防工作站", "confirm"),
    ("应急调度平台", "confirm"),
    ("安全劝导员", "post"),
    ("灾害信息员", "post"),
    ("兼职救援队", "team"),
    ("兼职应急救援队", "team"),
    ("应急救援队", "team"),
    ("装备物资仓库", "depot"),
    ("物资储备库", "depot"),
)

#: Slogans whose meaning is known: level, attributes (key, check, extra) or equipment items.
SLOGANS: dict[str, tuple[tuple[str, ...], tuple[tuple[str, str, dict[str, object]], ...]]] = {
    "六有": (
        TOWNS_AND_STREETS,
        (
            ("班子", "confirm", {"label": "有班子"}),
            ("机制", "confirm", {"label": "有机制"}),
            ("队伍", "team", {"label": "有队伍"}),
            ("装备物资", "holdings", {"label": "有装备物资"}),
            ("预案演练", "drill", {"label": "有预案演练"}),
            ("宣传教育培训", "training", {"label": "有宣传教育培训"}),
        ),
    ),
    "一办一队一库一平台": (
        TOWNS_AND_STREETS,
        (
            ("应急管理办公室", "confirm", {}),
            ("应急救援队", "team", {}),
            ("物资储备库", "depot", {}),
            ("应急调度平台", "confirm", {}),
        ),
    ),
    "一站两员一队": (
        ("村",),
        (
            ("安全劝导站", "confirm", {}),
            ("安全劝导员", "post", {"post_kinds": ["安全劝导员"]}),
            ("灾害信息员", "post", {"post_kinds": ["灾害信息员"]}),
            ("兼职应急救援队", "team", {"natures": ["兼职"]}),
        ),
    ),
    "一站两员": (
        ("村",),
        (
            ("安全劝导站", "confirm", {}),
            ("安全劝导员", "post", {"post_kinds": ["安全劝导员"]}),
            ("灾害信息员", "post", {"post_kinds": ["灾害信息员"]}),
        ),
    ),
}
#: Equipment slogans: level and the items when the text does not list them.
EQUIPMENT_SLOGANS = {
    "5+X": ("村", ("卫星电话", "应急发电机", "排水泵", "微型消防站", "手持扩音器")),
    "四合一": ("", ("卫星电话", "指挥车", "无人机", "单兵装备")),
}

#: Usual other names of an item in offices' catalogues.
ALIASES: dict[str, tuple[str, ...]] = {
    "卫星电话": ("卫星电话", "天通卫星电话", "天通卫星终端"),
    "应急发电机": ("应急发电机", "发电机", "汽油发电机", "柴油发电机"),
    "排水泵": ("排水泵", "抽水泵", "潜水泵"),
    "微型消防站": ("微型消防站", "微型消防站器材"),
    "手持扩音器": ("手持扩音器", "扩音器", "喊话器"),
    "指挥车": ("指挥车", "应急指挥车", "通信指挥车", "应急移动方舱"),
    "无人机": ("无人机", "多旋翼无人机", "系留无人机"),
    "单兵装备": ("单兵装备", "单兵图传", "单兵终端", "单兵通信终端"),
    "综合通信车": ("综合通信车", "通信车", "应急通信车", "通信指挥车"),
    "移动指挥平台": ("移动指挥平台", "通信指挥车", "应急指挥车", "指挥车", "应急移动方舱"),
    "手持终端": ("手持终端", "窄带手持终端", "对讲机"),
    "车载终端": ("车载终端", "窄带车载终端", "车载台"),
}

EQUIPMENT_NOUN = re.compile(
    r"终端|车|机|泵|电话|设备|器材|基站|舟|艇|电台|扩音器|照明|方舱|装备|仪|罗盘|锯|枪|工具|"
    r"点火器|吊桶|沉箱|便携站|指挥平台|消防站|设施|箱|器|灯|梯|绳|帐篷"
)
NOT_EQUIPMENT = re.compile(
    r"人员|干部|队伍|队员|管理员|信息员|消防员|技术|标准|率|机制|机构|资金|经费"
)

CN_DIGITS = {"零": 0, "一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}  # fmt: skip
NUM = r"(?:\d+(?:\.\d+)?|[一两二三四五六七八九十]+)"
RANGE = rf"{NUM}(?:\s*[—\-－~～至]\s*{NUM})?"


def number(text: str) -> Decimal:
    """A number written in digits or in Chinese (一 … 九十九)."""
    text = text.strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return Decimal(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return Decimal((CN_DIGITS.get(tens, 1) if tens else 1) * 10 + CN_DIGITS.get(ones, 0))
    value = 0
    for char in text:
        value = value * 10 + CN_DIGITS[char]
    return Decimal(value)


def lower_bound(text: str) -> tuple[Decimal, str]:
    """The lower bound of a number or range, and the range as written ("" for one number)."""
    parts = re.split(r"\s*[—\-－~～至]\s*", text.strip())
    return number(parts[0]), (text.strip() if len(parts) > 1 else "")
