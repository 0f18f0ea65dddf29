"""Made-up people for the demo county: Chinese names, valid ID numbers (GB 11643) and mobiles.

Everything is drawn from a :class:`random.Random` so the same seed gives the same people.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from ledger.core.enums import Gender

#: Surnames with rough weights (the common ones of central China first); unweighted ones count 1.
SURNAME_WEIGHTS = (
    "王12 李11 张11 刘8 陈6 杨5 赵4 黄3 周3 吴3 徐2 孙3 胡2 朱2 高3 郭3 马3 何 罗 郑2 梁 宋2 谢 "
    "韩2 唐 冯2 于 董2 程 曹 袁 邓 许 傅 沈 曾 彭 吕 苏 卢 蒋 蔡 贾 丁 魏 薛 叶 阎 余 潘 杜 戴 夏 "
    "钟 汪 田 任 姜 范 方 石 姚 谭 廖 邹 熊 金 陆 郝 孔 白 崔 康 毛 邱 秦 江 史 顾 侯 邵 孟 龙 万 "
    "段 雷 钱 汤 尹 常 武 乔 贺 赖 龚 文 牛 申 付 耿 楚 翟 岳"
)
MALE_CHARS = (
    "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宁浩凯健俊帅建国"
    "志峰亮海林东新兵松振文博宇晨阳晓卫红庆春旭龙广德永成福生全胜利宏彬"
)
FEMALE_CHARS = (
    "芳娜敏静丽艳娟霞秀英燕玲桂兰萍红梅琳洁颖倩雪慧琴晶晓婷欣怡月莉丹凤翠云霞玉珍华荣彩艳"
)

#: Mobile number prefixes in use (1[3-9]x).
MOBILE_PREFIXES = (
    "130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 "
    "166 173 175 176 177 178 180 181 182 183 184 185 186 187 188 189 191 193 195 198 199"
)


def _weighted(text: str) -> str:
    """Each character repeated by the count after it: ``"王3 李"`` is ``"王王王李"``."""
    return "".join(word[0] * int(word[1:] or 1) for word in text.split())


SURNAMES = _weighted(SURNAME_WEIGHTS)
PREFIXES = tuple(MOBILE_PREFIXES.split())
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


@dataclass(frozen=True)
class Person:
    """A made-up resident: name, gender, birth date, ID number and mobile number."""

    name: str
    gender: Gender
    birth_date: date
    id_number: str
    phone: str


def id_check_digit(first17: str) -> str:
    """The GB 11643-1999 check character of the first 17 digits of an ID number."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def id_number_valid(number: str) -> bool:
    """Whether an 18-character ID number has a valid birth date and check character."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    try:
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return number[17] == id_check_digit(number[:17])


def years_before(day: date, years: int) -> date:
    """The same calendar day ``years`` earlier (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


class People:
    """A source of made-up people whose ID numbers never repeat."""

    def __init__(self, rng: random.Random, region: str, today: date) -> None:
        self.rng = rng
        self.region = region
        self.today = today
        self._used: set[str] = set()

    def name(self, gender: Gender) -> str:
        """A Chinese name of one surname and one or two given characters."""
        chars = MALE_CHARS if gender is Gender.MALE else FEMALE_CHARS
        given = self.rng.choice(chars)
        if self.rng.random() < 0.7:
            given += self.rng.choice(chars)
        return self.rng.choice(SURNAMES) + given

    def any_name(self) -> str:
        """A name of either gender (for keepers, handlers, service staff)."""
        return self.name(Gender.FEMALE if self.rng.random() < 0.3 else Gender.MALE)

    def phone(self) -> str:
        """A mobile number of 11 digits starting 13–19."""
        return self.rng.choice(PREFIXES) + f"{self.rng.randrange(10**8):08d}"

    def person(self, *, min_age: int = 20, max_age: int = 55, female_share: float = 0.15) -> Person:
        """A person aged between ``min_age`` and ``max_age`` on the reference date."""
        gender = Gender.FEMALE if self.rng.random() < female_share else Gender.MALE
        oldest = years_before(self.today, max_age + 1) + timedelta(days=1)
        youngest = years_before(self.today, min_age)
        birth = oldest + timedelta(days=self.rng.randrange((youngest - oldest).days))
        return Person(
            self.name(gender), gender, birth, self._id_number(gender, birth), self.phone()
        )

    def _id_number(self, gender: Gender, birth: date) -> str:
        region = (
            self.region
            if self.rng.random() < 0.9
            else self.region[:4] + "2" + "12345"[self.rng.randrange(5)]
        )
        while True:
            order = self.rng.randrange(1, 500) * 2 - (1 if gender is Gender.MALE else 0)
            first17 = f"{region}{birth:%Y%m%d}{order:03d}"
            number = first17 + id_check_digit(first17)
            if number not in self._used:
                self._used.add(number)
                return number
