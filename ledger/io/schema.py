"""The import workbook as data (标准导入模板): sheets, columns, kinds, hints and drop-downs.

One declaration serves the template writer, the reader and the full export, so the three
cannot drift apart. Sheets and headers are those of ../shared/interfaces.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ledger.core.enums import (
    KNOWN_FLAGS,
    Category,
    EquipmentStatus,
    Gender,
    IncidentKind,
    LabelledEnum,
    Level,
    Nature,
    PostKind,
    TeamType,
)
from ledger.services.imports import (
    CertificateRecord,
    DepotRecord,
    EquipmentRecord,
    IncidentRecord,
    ItemRecord,
    MemberRecord,
    PerCapitaRecord,
    PostRecord,
    StockRecord,
    TeamRecord,
    UnitRecord,
)


class Kind(Enum):
    """How a column's cells are read and written."""

    TEXT = "text"
    CODE = "code"
    REGION = "region"  # 区划代码: a code whose usual length (12) is known
    INT = "int"
    QUANTITY = "quantity"
    PRICE = "price"
    AREA = "area"
    DATE = "date"
    ENUM = "enum"
    FLAGS = "flags"
    BOOL = "bool"
    ID_NUMBER = "id_number"
    PHONE = "phone"
    MEASURE = "measure"  # 计量单位
    PROFILE = "profile"  # 规划: a norm profile id
    DEGREES = "degrees"  # 经度, 纬度: WGS-84 decimal degrees


@dataclass(frozen=True)
class Column:
    """One column: its header, the record field it fills, how it is read, and its hint."""

    header: str
    field: str
    kind: Kind = Kind.TEXT
    required: bool = False
    hint: str = ""
    enum: type[LabelledEnum] | None = None
    aliases: tuple[str, ...] = ()
    max_length: int = 100
    #: For codes that refer to another sheet: the kind of record referred to.
    refers: str = ""

    @property
    def choices(self) -> tuple[str, ...]:
        """The labels offered in the drop-down (empty for free input)."""
        if self.enum is not None:
            return tuple(self.enum.labels())
        if self.kind is Kind.BOOL:
            return ("是", "否")
        return ()

    @property
    def width(self) -> int:
        """A column width (in characters) that fits the header and typical values."""
        typical = {Kind.REGION: 16, Kind.ID_NUMBER: 22, Kind.PHONE: 15, Kind.DATE: 12}
        wide = 24 if self.kind is Kind.FLAGS or self.max_length > 100 else 0
        return max(len(self.header) * 2 + 4, typical.get(self.kind, 10), wide)


@dataclass(frozen=True)
class Sheet:
    """One sheet of the workbook and the records its rows become."""

    name: str
    kind: str
    record: type
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()

    def column(self, field: str) -> Column:
        """The column that fills record field ``field``."""
        return next(c for c in self.columns if c.field == field)


def _c(header: str, field: str, kind: Kind = Kind.TEXT, req: bool = False, **kw: object) -> Column:
    hint = str(kw.pop("hint", ""))
    if req:
        hint = f"必填。{hint}" if hint else "必填"
    return Column(header, field, kind, req, hint, **kw)  # type: ignore[arg-type]


_DATE = "日期，如 2024-03-01"
#: The optional place columns of 组织机构 and 仓库 (workbooks without them still import).
_PLACE = (
    _c("经度", "longitude", Kind.DEGREES, hint="WGS-84 十进制度数，如 116.587245；与纬度同填",
       aliases=("东经", "经度(°)", "longitude", "lng", "lon")),
    _c("纬度", "latitude", Kind.DEGREES, hint="WGS-84 十进制度数，如 35.414982；与经度同填",
       aliases=("北纬", "纬度(°)", "latitude", "lat")),
)  # fmt: skip
_REGION = "12位统计用区划代码，按文本填写"

SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "组织机构",
        "units",
        UnitRecord,
        (
            _c("区划代码", "code", Kind.REGION, True, hint=_REGION, max_length=32),
            _c("名称", "name", req=True),
            _c("级别", "level", Kind.ENUM, True, enum=Level, hint="省/市/县/乡镇/街道/功能区/村"),
            _c(
                "上级区划代码",
                "parent_code",
                Kind.REGION,
                refers="units",
                max_length=32,
                hint="上级单位的区划代码；最上级留空",
            ),
            _c("常住人口", "population", Kind.INT, hint="人"),
            _c("标志", "flags", Kind.FLAGS, hint="多个用；分隔，如 " + "；".join(KNOWN_FLAGS[:3])),
            _c(
                "规划",
                "profile_id",
                Kind.PROFILE,
                hint="适用的规划标准编号；留空则继承上级",
                max_length=64,
            ),
            *_PLACE,
        ),
        aliases=("行政区划", "单位"),
    ),
    Sheet(
        "队伍",
        "teams",
        TeamRecord,
        (
            _c("队伍编号", "code", Kind.CODE, True, max_length=32),
            _c("队伍名称", "name", req=True),
            _c("所属区划代码", "unit_code", Kind.REGION, True, refers="units", max_length=32),
            _c("队伍类型", "team_type", Kind.ENUM, True, enum=TeamType),
            _c("性质", "nature", Kind.ENUM, True, enum=Nature),
            _c("队长", "leader", max_length=50),
            _c("联系电话", "phone", Kind.PHONE),
            _c("成立日期", "founded_on", Kind.DATE, hint=_DATE),
        ),
        aliases=("救援队伍", "应急救援队伍"),
    ),
    Sheet(
        "队员",
        "members",
        MemberRecord,
        (
            _c("队伍编号", "team_code", Kind.CODE, True, refers="teams", max_length=32),
            _c("姓名", "name", req=True, max_length=50),
            _c("性别", "gender", Kind.ENUM, enum=Gender, hint="留空则按身份证号"),
            _c("身份证号", "id_number", Kind.ID_NUMBER, hint="18位，按文本填写"),
            _c("手机号", "phone", Kind.PHONE, aliases=("联系电话", "电话")),
            _c("职务", "role", max_length=50),
            _c("专兼职", "nature", Kind.ENUM, enum=Nature, hint="专职/兼职，留空为兼职"),
            _c("入队日期", "joined_on", Kind.DATE, hint=_DATE),
            _c("离队日期", "left_on", Kind.DATE, hint="仍在队留空"),
        ),
        aliases=("队员名单", "人员"),
    ),
    Sheet(
        "物资目录",
        "items",
        ItemRecord,
        (
            _c("物资编码", "code", Kind.CODE, True, aliases=("物资编号",), max_length=32),
            _c("物资名称", "name", req=True),
            _c("规格型号", "spec", aliases=("规格", "型号")),
            _c("计量单位", "unit", Kind.MEASURE, True, aliases=("单位",), max_length=10),
            _c("类别", "category", Kind.ENUM, True, enum=Category, aliases=("物资类别",)),
            _c("保质期(月)", "shelf_life_months", Kind.INT, aliases=("保质期",)),
            _c("保养周期(天)", "maintenance_interval_days", Kind.INT, aliases=("保养周期",)),
            _c("按序列号管理", "serial_tracked", Kind.BOOL, hint="是/否，装备填“是”"),
        ),
        aliases=("物资", "物资名录"),
    ),
    Sheet(
        "岗位人员",
        "posts",
        PostRecord,
        (
            _c("区划代码", "unit_code", Kind.REGION, True, refers="units", max_length=32),
            _c("岗位", "kind", Kind.ENUM, True, enum=PostKind),
            _c("姓名", "name", req=True, max_length=50),
            _c("手机号", "phone", Kind.PHONE, aliases=("联系电话", "电话")),
            _c("任职日期", "since", Kind.DATE, hint=_DATE),
            _c("离任日期", "until", Kind.DATE, hint="在任留空"),
        ),
        aliases=("岗位",),
    ),
    Sheet(
        "仓库",
        "depots",
        DepotRecord,
        (
            _c("仓库编号", "code", Kind.CODE, True, max_length=32),
            _c("仓库名称", "name", req=True),
            _c("所属区划代码", "unit_code", Kind.REGION, True, refers="units", max_length=32),
            _c("仓库类型", "kind", max_length=50),
            _c("面积(平方米)", "area_m2", Kind.AREA, aliases=("面积", "面积(㎡)", "面积(m2)")),
            _c("地址", "address", max_length=200),
            _c("保管员", "keepers", max_length=200),
            *_PLACE,
        ),
        aliases=("储备库",),
    ),
    Sheet(
        "期初库存",
        "stock",
        StockRecord,
        (
            _c("仓库编号", "depot_code", Kind.CODE, True, refers="depots", max_length=32),
            _c(
                "物资编码",
                "item_code",
                Kind.CODE,
                True,
                refers="items",
                aliases=("物资编号",),
                max_length=32,
            ),
            _c("数量", "quantity", Kind.QUANTITY, True, aliases=("期初数量", "库存数量")),
            _c("批次号", "lot", Kind.CODE, aliases=("批次",), max_length=50),
            _c("有效期至", "expiry", Kind.DATE, hint=_DATE, aliases=("有效期",)),
            _c("单价", "unit_price", Kind.PRICE, hint="元"),
        ),
        aliases=("库存", "期初"),
    ),
    Sheet(
        "装备",
        "equipment",
        EquipmentRecord,
        (
            _c("序列号", "serial", Kind.CODE, True, max_length=64),
            _c(
                "物资编码",
                "item_code",
                Kind.CODE,
                True,
                refers="items",
                aliases=("物资编号",),
                max_length=32,
            ),
            _c(
                "配备单位",
                "holder_code",
                Kind.CODE,
                True,
                refers="holders",
                max_length=32,
                hint="区划代码、队伍编号或仓库编号",
            ),
            _c("状态", "status", Kind.ENUM, enum=EquipmentStatus, hint="留空为在库"),
            _c("购置日期", "purchased_on", Kind.DATE, hint=_DATE),
            _c("上次保养日期", "last_maintained_on", Kind.DATE, hint=_DATE),
        ),
        aliases=("装备台账",),
    ),
    Sheet(
        "事件",
        "incidents",
        IncidentRecord,
        (
            _c("事件编号", "code", Kind.CODE, True, max_length=32, hint="如 SJ-2026-001"),
            _c("事件名称", "name", req=True, max_length=200),
            _c("类型", "kind", Kind.ENUM, True, enum=IncidentKind, aliases=("事件类型",)),
            _c("开始日期", "started_on", Kind.DATE, True, hint=_DATE),
            _c("结束日期", "ended_on", Kind.DATE, hint="未结束留空"),
            _c("地点", "place", max_length=200),
            _c("所属区划代码", "unit_code", Kind.REGION, True, refers="units", max_length=32),
        ),
        aliases=("突发事件", "事件台账"),
    ),
    Sheet(
        "证书",
        "certificates",
        CertificateRecord,
        (
            _c("队伍编号", "team_code", Kind.CODE, True, refers="teams", max_length=32),
            _c("姓名", "member_name", req=True, max_length=50, hint="队员名单中的姓名"),
            _c("证书名称", "name", req=True),
            _c("证书编号", "number", Kind.CODE, max_length=50),
            _c("发证机关", "issuer"),
            _c("有效期至", "expires_on", Kind.DATE, hint=_DATE, aliases=("有效期",)),
        ),
        aliases=("队员证书", "资格证书"),
    ),
    Sheet(
        "人均储备定额",
        "per_capita",
        PerCapitaRecord,
        (
            _c(
                "物资编码",
                "item_code",
                Kind.CODE,
                True,
                refers="items",
                aliases=("物资编号",),
                max_length=32,
            ),
            _c("每人数量", "per_person", Kind.QUANTITY, hint="每人一次（帐篷、棉被）"),
            _c("每人每天数量", "per_person_day", Kind.QUANTITY, hint="每人每天（饮用水、食品）"),
            _c("依据", "basis", max_length=500, hint="数量出自的标准或文件"),
        ),
        aliases=("人均储备", "储备定额"),
    ),
)

SHEETS_BY_KIND = {s.kind: s for s in SHEETS}
