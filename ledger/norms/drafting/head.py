"""The head of a plan: title, document number, issuer, date, the plan's own level and horizon."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

NUMBER = re.compile(r"[\u4e00-\u9fa5]{1,8}〔\d{4}〕\d{1,4}号")
DATE = re.compile(r"(20\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
ISSUER = re.compile(
    r"^(\S{2,20}?(?:人民政府办公室|人民政府办公厅|人民政府|应急管理局|安全生产委员会))"
)
TITLE = re.compile(r"《([^》]{4,60}规划)》")
NOTICE = re.compile(r"关于印发(.{4,60}?规划)的通知")
HORIZON = re.compile(r"到(20\d\d)年")
PLACE = re.compile(r"^([\u4e00-\u9fa5]{1,8}?(省|自治区|市|州|盟|县|区|旗))")
#: Words showing a 市 sits right above its towns: a county-level city.
COUNTY_CITY = re.compile(r"市、乡两级|市—乡|市、乡（镇）|市、乡、村|市级以下")
HEAD_LINES = 40


@dataclass(frozen=True)
class Head:
    """What the plan's head says of the document."""

    title: str
    number: str
    issuer: str
    date: dt.date | None
    level: str  # the plan's own level: 省, 市 or 县
    region: str
    horizon: dt.date
    county_city: bool = False  # a county-level city: its 市 is the ledger's 县


def read_head(lines: tuple[str, ...]) -> Head:
    """Title, number, issuer and date from the first lines; level and horizon from the text."""
    head = []
    for line in lines[:HEAD_LINES]:
        if len(_clean(line)) > 60:  # the body has begun
            break
        head.append(_clean(line))
    joined = "".join(head)
    whole = "\n".join(lines)
    title = _title(head, joined)
    numbers = [m.group(0) for line in head for m in [NUMBER.search(line)] if m]
    issuer = ""
    for line in head:
        found = ISSUER.match(line)
        if found and "关于" not in found.group(1):
            issuer = found.group(1)
            break
    when: dt.date | None = None
    for line in head:
        found_date = DATE.search(line)
        if found_date:
            year, month, day = (int(g) for g in found_date.groups())
            try:
                when = dt.date(year, month, day)
            except ValueError:
                continue
            break
    place_match = PLACE.match(title)
    region = place_match.group(1) if place_match else ""
    level = _level(region, whole)
    years = Counter(int(y) for y in HORIZON.findall(whole) if 2021 <= int(y) <= 2030)
    horizon_year = years.most_common(1)[0][0] if years else 2025
    return Head(
        title=title,
        number=numbers[0].removeprefix("文号") if numbers else "",
        issuer=issuer,
        date=when,
        level=level,
        region=region,
        horizon=dt.date(horizon_year, 12, 31),
        county_city=region.endswith("市") and level == "县",
    )


def _clean(line: str) -> str:
    return re.sub(r"\[bookmark:[^\]]*\]", "", line).strip().replace("\u3000", "")


def _title(head: list[str], joined: str) -> str:
    top = "".join(head[:12]).replace(" ", "")
    found = NOTICE.search(top)
    if found:
        return found.group(1)
    words = []
    for line in head:
        if not line:
            continue
        words.append(line)
        if line.endswith("规划"):
            return "".join(words)
        if len(words) == 3:
            break
    found = TITLE.search(joined)
    return found.group(1) if found else "".join(words)[:60]


def _level(region: str, text: str) -> str:
    if region.endswith(("省", "自治区")):
        return "省"
    if region.endswith(("县", "区", "旗")):
        return "县"
    if region.endswith(("市", "州", "盟")):
        return "县" if COUNTY_CITY.search(text) else "市"
    return "县"
