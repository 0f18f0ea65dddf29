"""The domain's closed vocabularies, each value stored by its English code with a Chinese label.

Labels are the plans' own terms (see ../shared/glossary.md); ``from_label`` reads the Chinese
spellings offices type into spreadsheets, including the synonyms the plans use.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from ledger.core.i18n import QT_TRANSLATE_NOOP

CONTEXT = "Enum"


class LabelledEnum(StrEnum):
    """A string enum whose members carry a Chinese label and accept synonyms when parsed."""

    @property
    def label(self) -> str:
        """The member's Chinese label (translate with context ``Enum`` in the UI)."""
        return _LABELS[type(self).__name__][self.value][0]

    @classmethod
    def from_label(cls, text: str) -> Self:
        """Return the member whose label, synonym or code is ``text`` (spaces ignored).

        Raises:
            ValueError: no member matches; the message lists the accepted labels.
        """
        key = text.strip().replace(" ", "").replace("\u3000", "")
        for member in cls:
            names = _LABELS[cls.__name__][member.value]
            if key in names or key.upper() == member.name or key == member.value:
                return member
        raise ValueError("、".join(cls.labels()))

    @classmethod
    def labels(cls) -> list[str]:
        """The Chinese labels of every member, in declaration order."""
        return [m.label for m in cls]


_LABELS: dict[str, dict[str, tuple[str, ...]]] = {}


def _labels(enum_name: str, **labels: tuple[str, ...]) -> None:
    _LABELS[enum_name] = labels


class Level(LabelledEnum):
    """Administrative level of an org unit (行政区划级别)."""

    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    TOWN = "town"
    #: 街道 (sub-district), beside towns: a rule written 乡镇（街道） covers both, 乡镇 only towns.
    STREET = "street"
    ZONE = "zone"
    VILLAGE = "village"

    @property
    def rank(self) -> int:
        """Depth in the tree: province 0 … village 4 (街道 and zones sit beside towns)."""
        return _RANKS[self.value]

    @classmethod
    def for_town_named(cls, name: str) -> Level:
        """The level of a unit below a county by its name: 街道 when it ends so, else 乡镇."""
        return cls.STREET if name.strip().endswith("街道") else cls.TOWN


_RANKS = {"province": 0, "city": 1, "county": 2, "town": 3, "street": 3, "zone": 3, "village": 4}


_labels(
    "Level",
    province=(QT_TRANSLATE_NOOP(CONTEXT, "省"), "省级"),
    city=(QT_TRANSLATE_NOOP(CONTEXT, "市"), "市级", "地级市"),
    county=(QT_TRANSLATE_NOOP(CONTEXT, "县"), "县级", "县（市、区）", "区", "县级市"),
    town=(QT_TRANSLATE_NOOP(CONTEXT, "乡镇"), "乡镇（街道）", "乡", "镇"),
    street=(QT_TRANSLATE_NOOP(CONTEXT, "街道"), "街道办事处", "街道办"),
    zone=(QT_TRANSLATE_NOOP(CONTEXT, "功能区"), "园区", "化工园区"),
    village=(QT_TRANSLATE_NOOP(CONTEXT, "村"), "村（社区）", "社区", "行政村"),
)


class TeamType(LabelledEnum):
    """Team type (队伍类型): comprehensive or a speciality."""

    COMPREHENSIVE = "comprehensive"
    FLOOD = "flood"
    FOREST_FIRE = "forest_fire"
    MINE = "mine"
    HAZMAT = "hazmat"
    FIRE = "fire"
    GEOHAZARD = "geohazard"
    COMMS = "comms"
    OTHER = "other"


_labels(
    "TeamType",
    comprehensive=(QT_TRANSLATE_NOOP(CONTEXT, "综合"), "综合应急救援"),
    flood=(QT_TRANSLATE_NOOP(CONTEXT, "防汛抗旱"), "防汛", "抗洪抢险"),
    forest_fire=(QT_TRANSLATE_NOOP(CONTEXT, "森林防灭火"), "森林消防", "森林草原灭火"),
    mine=(QT_TRANSLATE_NOOP(CONTEXT, "矿山"), "矿山救援"),
    hazmat=(QT_TRANSLATE_NOOP(CONTEXT, "危化"), "危化品", "危险化学品"),
    fire=(QT_TRANSLATE_NOOP(CONTEXT, "消防"), "专职消防", "消防救援"),
    geohazard=(QT_TRANSLATE_NOOP(CONTEXT, "地质灾害"),),
    comms=(QT_TRANSLATE_NOOP(CONTEXT, "应急通信"), "通信"),
    other=(QT_TRANSLATE_NOOP(CONTEXT, "其他"),),
)


class Nature(LabelledEnum):
    """Team or member nature (性质): full-time, part-time or volunteer."""

    FULL_TIME = "full_time"
    PART_TIME = "part_time"
    VOLUNTEER = "volunteer"


_labels(
    "Nature",
    full_time=(QT_TRANSLATE_NOOP(CONTEXT, "专职"),),
    part_time=(QT_TRANSLATE_NOOP(CONTEXT, "兼职"), "专兼职", "专（兼）职"),
    volunteer=(QT_TRANSLATE_NOOP(CONTEXT, "志愿"), "志愿者"),
)


class Category(LabelledEnum):
    """Material category (物资类别) as the plans group reserves."""

    FLOOD = "flood"
    FOREST_FIRE = "forest_fire"
    MINE_RESCUE = "mine_rescue"
    HAZMAT = "hazmat"
    LIVING = "living"
    MEDICAL = "medical"
    COMMS = "comms"
    PROTECTION = "protection"
    LIGHTING_POWER = "lighting_power"
    EARTHQUAKE = "earthquake"
    ROAD = "road"
    FIRE = "fire"
    OTHER = "other"


_labels(
    "Category",
    flood=(QT_TRANSLATE_NOOP(CONTEXT, "防汛抗旱"), "防汛", "水灾害救援"),
    forest_fire=(QT_TRANSLATE_NOOP(CONTEXT, "森林防灭火"), "森林防火"),
    mine_rescue=(QT_TRANSLATE_NOOP(CONTEXT, "矿山救援"),),
    hazmat=(QT_TRANSLATE_NOOP(CONTEXT, "危化救援"), "危化品救援"),
    living=(QT_TRANSLATE_NOOP(CONTEXT, "生活保障"), "生活类", "救灾物资"),
    medical=(QT_TRANSLATE_NOOP(CONTEXT, "医疗卫生"), "医疗"),
    comms=(QT_TRANSLATE_NOOP(CONTEXT, "通信"), "应急通信", "通信保障"),
    protection=(QT_TRANSLATE_NOOP(CONTEXT, "个体防护"), "防护"),
    lighting_power=(QT_TRANSLATE_NOOP(CONTEXT, "照明动力"), "照明", "动力"),
    earthquake=(QT_TRANSLATE_NOOP(CONTEXT, "地震救援"), "抗震救灾"),
    road=(QT_TRANSLATE_NOOP(CONTEXT, "道路抢通"), "工程机械"),
    fire=(QT_TRANSLATE_NOOP(CONTEXT, "消防"), "消防救援"),
    other=(QT_TRANSLATE_NOOP(CONTEXT, "其他"),),
)


class DocType(LabelledEnum):
    """Stock document type (单据类型); the code prefixes document numbers."""

    RECEIPT = "receipt"
    ISSUE = "issue"
    TRANSFER = "transfer"
    RETURN = "return"
    WRITE_OFF = "write_off"
    STOCKTAKE = "stocktake"

    @property
    def prefix(self) -> str:
        """Number prefix: RK, CK, DB, GH, BS, PD."""
        return {
            "receipt": "RK",
            "issue": "CK",
            "transfer": "DB",
            "return": "GH",
            "write_off": "BS",
            "stocktake": "PD",
        }[self.value]


_labels(
    "DocType",
    receipt=(QT_TRANSLATE_NOOP(CONTEXT, "入库单"), "入库"),
    issue=(QT_TRANSLATE_NOOP(CONTEXT, "出库单"), "出库"),
    transfer=(QT_TRANSLATE_NOOP(CONTEXT, "调拨单"), "调拨"),
    write_off=(QT_TRANSLATE_NOOP(CONTEXT, "报损单"), "报损", "报废"),
    stocktake=(QT_TRANSLATE_NOOP(CONTEXT, "盘点表"), "盘点"),
    **{"return": (QT_TRANSLATE_NOOP(CONTEXT, "归还单"), "归还")},
)

#: Prefix of a reversal's number (红冲单).
REVERSAL_PREFIX = "HC"


class Reason(LabelledEnum):
    """Reason of a write-off or a stocktake difference (报损/盘点原因)."""

    DAMAGED = "damaged"
    EXPIRED = "expired"
    LOST = "lost"
    STOLEN = "stolen"
    SCRAPPED = "scrapped"
    CONSUMED = "consumed"
    GAIN = "gain"
    LOSS = "loss"
    OTHER = "other"


_labels(
    "Reason",
    damaged=(QT_TRANSLATE_NOOP(CONTEXT, "损坏"), "损毁"),
    expired=(QT_TRANSLATE_NOOP(CONTEXT, "过期"), "过期失效"),
    lost=(QT_TRANSLATE_NOOP(CONTEXT, "丢失"), "遗失"),
    stolen=(QT_TRANSLATE_NOOP(CONTEXT, "被盗"),),
    scrapped=(QT_TRANSLATE_NOOP(CONTEXT, "报废"),),
    consumed=(QT_TRANSLATE_NOOP(CONTEXT, "救灾消耗"), "消耗"),
    gain=(QT_TRANSLATE_NOOP(CONTEXT, "盘盈"),),
    loss=(QT_TRANSLATE_NOOP(CONTEXT, "盘亏"),),
    other=(QT_TRANSLATE_NOOP(CONTEXT, "其他"),),
)


class EquipmentStatus(LabelledEnum):
    """Equipment status (装备状态)."""

    IN_STOCK = "in_stock"
    IN_USE = "in_use"
    REPAIR = "repair"
    SCRAPPED = "scrapped"


_labels(
    "EquipmentStatus",
    in_stock=(QT_TRANSLATE_NOOP(CONTEXT, "在库"),),
    in_use=(QT_TRANSLATE_NOOP(CONTEXT, "在用"),),
    repair=(QT_TRANSLATE_NOOP(CONTEXT, "维修"),),
    scrapped=(QT_TRANSLATE_NOOP(CONTEXT, "报废"),),
)


class PostKind(LabelledEnum):
    """Named posts a unit must fill (岗位)."""

    EMERGENCY_OFFICER = "emergency_officer"
    DISASTER_INFORMANT = "disaster_informant"
    DISASTER_INFORMANT_B = "disaster_informant_b"
    SAFETY_ADVISOR = "safety_advisor"
    GRID_WORKER = "grid_worker"
    ENFORCEMENT_OFFICER = "enforcement_officer"


_labels(
    "PostKind",
    emergency_officer=(QT_TRANSLATE_NOOP(CONTEXT, "应急管理员"),),
    disaster_informant=(QT_TRANSLATE_NOOP(CONTEXT, "灾害信息员"), "灾害信息员(A岗)"),
    disaster_informant_b=(QT_TRANSLATE_NOOP(CONTEXT, "灾害信息员(B岗)"), "灾害信息员（B岗）"),
    safety_advisor=(QT_TRANSLATE_NOOP(CONTEXT, "安全劝导员"),),
    grid_worker=(QT_TRANSLATE_NOOP(CONTEXT, "网格员"),),
    enforcement_officer=(
        QT_TRANSLATE_NOOP(CONTEXT, "执法人员"),
        "执法队员",
        "应急管理执法人员",
        "综合行政执法人员",
    ),
)


class ReserveMode(LabelledEnum):
    """How a reserve is held (储备方式)."""

    PHYSICAL = "physical"
    AGREEMENT = "agreement"
    CAPACITY = "capacity"


_labels(
    "ReserveMode",
    physical=(QT_TRANSLATE_NOOP(CONTEXT, "实物储备"),),
    agreement=(QT_TRANSLATE_NOOP(CONTEXT, "协议储备"),),
    capacity=(QT_TRANSLATE_NOOP(CONTEXT, "产能储备"),),
)


class Trainee(LabelledEnum):
    """Whose training a record is (培训对象): the office's staff, team members, or others."""

    STAFF = "staff"
    MEMBER = "member"
    OTHER = "other"


_labels(
    "Trainee",
    staff=(QT_TRANSLATE_NOOP(CONTEXT, "机构工作人员"), "工作人员", "应急管理机构工作人员", "干部"),
    member=(QT_TRANSLATE_NOOP(CONTEXT, "救援队员"), "队员"),
    other=(QT_TRANSLATE_NOOP(CONTEXT, "其他"),),
)


class CounterpartyKind(LabelledEnum):
    """Who stock comes from or goes to (往来单位类型)."""

    SUPPLIER = "supplier"
    DONOR = "donor"
    UNIT = "unit"
    TEAM = "team"
    ENTERPRISE = "enterprise"
    PERSON = "person"


_labels(
    "CounterpartyKind",
    supplier=(QT_TRANSLATE_NOOP(CONTEXT, "供应商"),),
    donor=(QT_TRANSLATE_NOOP(CONTEXT, "捐赠方"),),
    unit=(QT_TRANSLATE_NOOP(CONTEXT, "领用单位"), "单位"),
    team=(QT_TRANSLATE_NOOP(CONTEXT, "救援队伍"), "队伍"),
    enterprise=(QT_TRANSLATE_NOOP(CONTEXT, "储备企业"),),
    person=(QT_TRANSLATE_NOOP(CONTEXT, "个人"),),
)


class IncidentKind(LabelledEnum):
    """Kind of incident a document may serve (事件类型)."""

    FLOOD = "flood"
    FIRE = "fire"
    FOREST_FIRE = "forest_fire"
    EARTHQUAKE = "earthquake"
    GEOHAZARD = "geohazard"
    ACCIDENT = "accident"
    DRILL = "drill"
    OTHER = "other"


_labels(
    "IncidentKind",
    flood=(QT_TRANSLATE_NOOP(CONTEXT, "洪涝"), "汛情", "暴雨"),
    fire=(QT_TRANSLATE_NOOP(CONTEXT, "火灾"),),
    forest_fire=(QT_TRANSLATE_NOOP(CONTEXT, "森林火灾"),),
    earthquake=(QT_TRANSLATE_NOOP(CONTEXT, "地震"),),
    geohazard=(QT_TRANSLATE_NOOP(CONTEXT, "地质灾害"),),
    accident=(QT_TRANSLATE_NOOP(CONTEXT, "生产安全事故"), "事故"),
    drill=(QT_TRANSLATE_NOOP(CONTEXT, "演练"),),
    other=(QT_TRANSLATE_NOOP(CONTEXT, "其他"),),
)


class Role(LabelledEnum):
    """Account role (角色)."""

    ADMIN = "admin"
    OFFICE = "office"
    KEEPER = "keeper"
    VIEWER = "viewer"


_labels(
    "Role",
    admin=(QT_TRANSLATE_NOOP(CONTEXT, "管理员"),),
    office=(QT_TRANSLATE_NOOP(CONTEXT, "应急办"),),
    keeper=(QT_TRANSLATE_NOOP(CONTEXT, "保管员"),),
    viewer=(QT_TRANSLATE_NOOP(CONTEXT, "只读"),),
)


class Gender(LabelledEnum):
    """Gender (性别)."""

    MALE = "male"
    FEMALE = "female"


_labels(
    "Gender",
    male=(QT_TRANSLATE_NOOP(CONTEXT, "男"),),
    female=(QT_TRANSLATE_NOOP(CONTEXT, "女"),),
)


class RemedyStatus(LabelledEnum):
    """Where a rectification (整改) stands; ``overdue`` is derived, never stored."""

    OPEN = "open"
    OVERDUE = "overdue"
    DONE = "done"


_labels(
    "RemedyStatus",
    open=(QT_TRANSLATE_NOOP(CONTEXT, "整改中"), "未整改"),
    overdue=(QT_TRANSLATE_NOOP(CONTEXT, "逾期未整改"), "逾期"),
    done=(QT_TRANSLATE_NOOP(CONTEXT, "已整改"), "完成"),
)

#: Unit flags conditional norms test (标志), as ../shared/interfaces.md lists them.
KNOWN_FLAGS: tuple[str, ...] = (
    "森林防灭火任务",
    "森林火灾高风险区",
    "防汛重点",
    "全国重点镇",
    "省级中心镇",
    "交通不便",
    "灾害风险高",
    "事故灾害多发",
    "化工园区",
    "矿山企业",
    "危化企业",
    "地质灾害隐患",
    "人口密集",
)
