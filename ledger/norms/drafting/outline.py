"""Where each line of a plan stands: its chapter, subsection and 专栏, and what kind of clause."""

from __future__ import annotations

import re
from dataclasses import dataclass

CHAPTER = re.compile(r"^([一二三四五六七八九十]+)、(.*)")
SUBSECTION = re.compile(r"^（([一二三四五六七八九十]+)）(.*)")
BOX = re.compile(r"^专栏\s*(\d+)\s*(.*)")
#: A line that is only a level, heading a row of a 专栏 table (市级, 乡级队伍 …).
ROW_LEVEL = re.compile(r"^(省级|市级|县级|乡级|乡镇级|村级)(队伍|建设)?$")
BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
LIST_MARK = re.compile(r"^\d+[.．、]")


@dataclass(frozen=True)
class Place:
    """A line's place in the plan."""

    section: str  # chapter, subsection and 专栏 as the citation names them
    category: str  # 目标, 工程 or 任务 (what decides the effective date), or 基线 (past figures)
    row_level: str  # a level heading the current 专栏 row (省级, 市级 …), or ""
    heading: str  # the current numbered heading (e.g. "5.应急指挥与物资保障建设")


def clean(line: str) -> str:
    """The line without bookmarks, indentation or full-width spaces."""
    return BOOKMARK.sub("", line).replace("\u3000", "").strip()


def outline(lines: tuple[str, ...]) -> list[Place]:
    """The :class:`Place` of every line, in order."""
    chapter = subsection = box = row = heading = ""
    chapter_kind = sub_kind = box_kind = ""
    places = []
    for raw in lines:
        text = clean(raw)
        title = re.split(r"[。．]", text, maxsplit=1)[0]
        if (found := CHAPTER.match(text)) and len(title) <= 30:
            chapter, subsection, box, row, heading = title, "", "", "", ""
            chapter_kind, sub_kind, box_kind = _kind(title), "", ""
        elif (found := SUBSECTION.match(text.replace("(", "（").replace(")", "）"))) and len(
            title
        ) <= 30:
            subsection, box, row, heading = title, "", "", ""
            sub_kind, box_kind = _kind(title), ""
        elif found := BOX.match(text):
            box, row = f"专栏{found.group(1)} {found.group(2).strip()}".strip(), ""
            box_kind = _kind(text)
        elif ROW_LEVEL.match(text):
            row = text
        elif LIST_MARK.match(text) and len(title) <= 40:
            heading = title
        if not raw.startswith("\t") and len(text) > 60 and box and not _in_box(raw):
            box, row, box_kind = "", "", ""
        section = "".join(part for part in (chapter, subsection) if part)
        if box:
            section = f"{section} {box}".strip()
        head_kind = "目标" if "目标" in heading else ""
        category = box_kind or head_kind or sub_kind or chapter_kind or "任务"
        places.append(Place(section, category, row, heading))
    return places


def _in_box(raw: str) -> bool:
    return raw.startswith(("\t", " \t"))


def _kind(title: str) -> str:
    if re.search(r"发展基础|发展现状|现状|回顾|成效|成就|十三五|形势分析|面临的形势", title):
        return "基线"
    if "目标" in title or re.search(r"到20\d\d年", title):
        return "目标"
    if re.search(r"重点工程|重点项目|工程", title):
        return "工程"
    return ""
