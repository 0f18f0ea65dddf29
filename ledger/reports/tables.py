"""Report tables: columns declared as data, cells wrapped to width, split across pages page by page.

A :class:`PagedTable` hands reportlab one page of rows at a time, so a 10,000-row list costs
the same per page as a 50-row one (a plain ``Table`` re-measures every remaining row at each
page break), and repeats its header row on every page.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache
from typing import Any
from weakref import WeakKeyDictionary

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Paragraph, Table
from reportlab.platypus.tables import CellStyle, TableStyle

from ledger.reports.fonts import ReportFonts, covers, runs
from ledger.reports.styles import BODY_SIZE, HEAD_SIZE, LEADING, paragraph_style

#: At most this many lines per cell; longer text ends with an ellipsis (a row fits a page).
MAX_LINES = 6
#: The label of a subtotal or total row may run longer (it may list many units' totals).
LABEL_LINES = 30
PAD = 2.5
TOP_PAD = 1.6
BOTTOM_PAD = 2.2
GRID = colors.HexColor("#7F7F7F")
HEAD_BG = colors.HexColor("#E4E8EE")
SUBTOTAL_BG = colors.HexColor("#F2F2F2")
TOTAL_BG = colors.HexColor("#E6E6E6")
GROUP_BG = colors.HexColor("#F7F4EA")


class Align(StrEnum):
    """Horizontal alignment of a column's cells."""

    LEFT = "LEFT"
    RIGHT = "RIGHT"
    CENTER = "CENTER"


class RowKind(StrEnum):
    """How a row is drawn: plain, a group heading spanning all columns, a subtotal or total."""

    NORMAL = "normal"
    GROUP = "group"
    SUBTOTAL = "subtotal"
    TOTAL = "total"


@dataclass(frozen=True)
class Column:
    """A column: its heading, width in millimetres, alignment, and whether it takes spare width."""

    title: str
    width: float
    align: Align = Align.LEFT
    grow: bool = False


def fit_widths(columns: Sequence[Column], frame_width: float) -> list[float]:
    """Column widths in points filling ``frame_width``: spare width to growing columns, or all
    columns scaled down when they are too wide together."""
    widths = [c.width * mm for c in columns]
    total = sum(widths)
    growing = [i for i, c in enumerate(columns) if c.grow]
    if total <= frame_width and growing:
        extra = (frame_width - total) / len(growing)
        for i in growing:
            widths[i] += extra
    elif total > frame_width:
        widths = [w * frame_width / total for w in widths]
    return widths


#: Units a line may break between: a run of Latin letters and digits (with the punctuation
#: that belongs to it, and a measuring unit right after a number: 1003台, 247.3立方米), a
#: space, or any other single character (CJK breaks anywhere).
_TOKENS = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,:;/_+#%()\[\]-]*[\u4e00-\u9fff]{0,3}|\s+|.", re.S)
#: Characters that may not start a line (避头点): they stay with what comes before.
_NO_START = set("，。、；：！？）】》」』”’,.;:!?)%")


def wrap_lines(
    text: str, width: float, font: str, size: float, max_lines: int = MAX_LINES
) -> list[str]:
    """Break ``text`` into lines no wider than ``width``: Chinese anywhere, Latin words and
    numbers kept whole unless one alone is too wide, no line starting with a closing mark."""
    face = pdfmetrics.getFont(font)
    lines: list[str] = []
    for para in text.split("\n"):
        if face.stringWidth(para, size) <= width:
            lines.append(para)
            continue
        line, used = "", 0.0
        for token in _TOKENS.findall(para):
            w = face.stringWidth(token, size)
            if token.isspace() and not line:
                continue
            if used + w <= width or token in _NO_START or token.isspace():
                line, used = line + token, used + w
                continue
            if line:
                lines.append(line.rstrip())
            while w > width:  # a single token wider than the line: cut it
                cut = _fit(face, token, width, size)
                lines.append(token[:cut])
                token = token[cut:]
                w = face.stringWidth(token, size)
            line, used = token, w
        lines.append(line.rstrip())
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1][:-1] + "…"]
    return lines


def _fit(face: Any, token: str, width: float, size: float) -> int:
    """How many leading characters of ``token`` fit in ``width`` (at least one)."""
    used = 0.0
    for n, ch in enumerate(token):
        used += face.stringWidth(ch, size)
        if used > width:
            return max(n, 1)
    return len(token)


def make_cell(
    text: str,
    width: float,
    fonts: ReportFonts,
    size: float = BODY_SIZE,
    align: Align = Align.LEFT,
    max_lines: int = MAX_LINES,
) -> Any:
    """A cell: plain wrapped text when the main font draws every character, else a paragraph
    that takes each missing character from a fallback font (never a box)."""
    inner = max(width - 2 * PAD, 4.0)
    plain = _plain_cell(text, inner, fonts.main, size, max_lines)
    if plain is not None:
        return plain
    from xml.sax.saxutils import escape

    markup = "".join(
        f'<font face="{name}">{escape(part)}</font>' for name, part in runs(text, fonts)
    )
    return Paragraph(markup, paragraph_style(fonts.main, size, align.value))


@lru_cache(maxsize=20_000)
def _plain_cell(text: str, inner: float, font: str, size: float, max_lines: int) -> str | None:
    """A cell's wrapped lines when ``font`` draws all of ``text`` (``None`` when it does not).

    Long lists repeat names, specs, units and dates on thousands of rows: each is measured once.
    """
    if text.isascii() or covers(font, text):
        return "\n".join(wrap_lines(text, inner, font, size, max_lines))
    return None


def table_style(
    kinds: Sequence[RowKind],
    fonts: ReportFonts,
    header_rows: int = 1,
    label_span: int = 1,
) -> TableStyle:
    """The grid, header shading and alignment of a table whose data rows are ``kinds``; the
    label of a subtotal or total row spans its first ``label_span`` columns.

    Font, paddings and alignment every cell shares are its starting style (:func:`cell_styles`),
    not commands: reportlab applies each command to each cell of its range again.
    """
    cmds: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, header_rows - 1), fonts.main, HEAD_SIZE, LEADING),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_BG),
        ("ALIGN", (0, 0), (-1, header_rows - 1), "CENTER"),
    ]
    for n, kind in enumerate(kinds, start=header_rows):
        if kind is RowKind.GROUP:
            cmds += [("SPAN", (0, n), (-1, n)), ("BACKGROUND", (0, n), (-1, n), GROUP_BG)]
            cmds.append(("ALIGN", (0, n), (-1, n), "LEFT"))
            continue
        if kind is RowKind.SUBTOTAL:
            cmds.append(("BACKGROUND", (0, n), (-1, n), SUBTOTAL_BG))
        elif kind is RowKind.TOTAL:
            cmds += [("BACKGROUND", (0, n), (-1, n), TOTAL_BG)]
            cmds.append(("LINEABOVE", (0, n), (-1, n), 0.9, colors.black))
        if kind is not RowKind.NORMAL and label_span > 1:
            cmds += [("SPAN", (0, n), (label_span - 1, n)), ("ALIGN", (0, n), (0, n), "LEFT")]
    return TableStyle(cmds)


@cache
def _cell_style(font: str, align: Align) -> type[CellStyle]:
    """A cell's starting style: the body font, paddings, centred vertically, ``align``."""
    looks = {
        "fontname": font,
        "fontsize": BODY_SIZE,
        "leading": LEADING,
        "leftPadding": PAD,
        "rightPadding": PAD,
        "topPadding": TOP_PAD,
        "bottomPadding": BOTTOM_PAD,
        "valign": "MIDDLE",
        "alignment": align.value,
    }
    return type(f"Cell{align.value.title()}", (CellStyle,), looks)


def cell_styles(columns: Sequence[Column], fonts: ReportFonts, rows: int) -> list[list[Any]]:
    """One starting style per cell of ``rows`` rows (commands then change single cells)."""
    made = [_cell_style(fonts.main, c.align) for c in columns]
    return [[make("") for make in made] for _ in range(rows)]


#: Per PDF document: a line's text operators and the font subset in use after them.
_RUNS: WeakKeyDictionary[Any, dict[tuple[Any, ...], tuple[str, int]]] = WeakKeyDictionary()


class FastTable(Table):  # type: ignore[misc]
    """A reportlab table that writes all its plain-text cells into one PDF text object.

    reportlab opens a text object per string (a quarter of a long report's time); the cells
    are placed exactly as ``Table._drawCell`` places them.
    """

    def draw(self) -> None:
        self._text = self.canv.beginText()
        self._text_font: tuple[str, float] | None = None
        super().draw()
        self.canv.drawText(self._text)

    def _drawCell(self, cellval: Any, cellstyle: Any, pos: Any, size: Any) -> None:
        plain = not isinstance(cellval, tuple | list | Flowable)
        if not plain or cellstyle.href or cellstyle.destination or cellstyle.direction:
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        lines = str(cellval).split("\n")
        if lines == [""]:
            return
        (x0, row_y), (width, height) = pos, size
        font, fontsize, leading = cellstyle.fontname, cellstyle.fontsize, cellstyle.leading
        if self._text_font != (font, fontsize):
            self._text.setFont(font, fontsize, leading)
            self._text_font = (font, fontsize)
        if cellstyle.valign == "MIDDLE":
            room = cellstyle.bottomPadding + height - cellstyle.topPadding
            y = row_y + (room + len(lines) * leading) / 2.0 - fontsize
        elif cellstyle.valign == "TOP":
            y = row_y + height - cellstyle.topPadding - fontsize
        else:
            y = row_y + cellstyle.bottomPadding + len(lines) * leading - fontsize
        face = pdfmetrics.getFont(font)
        for line in lines:
            if cellstyle.alignment == "RIGHT":
                x = x0 + width - cellstyle.rightPadding - face.stringWidth(line, fontsize)
            elif cellstyle.alignment in ("CENTER", "CENTRE"):
                middle = x0 + (width + cellstyle.leftPadding - cellstyle.rightPadding) / 2
                x = middle - face.stringWidth(line, fontsize) / 2
            else:
                x = x0 + cellstyle.leftPadding
            self._text.setTextOrigin(x, y)
            self._text_out(line)
            y -= leading

    def _text_out(self, line: str) -> None:
        """``textOut`` of a line, its PDF operators made once per document (see ``_RUNS``).

        What reportlab writes for a text depends only on the font, size, leading, the font
        subset in use before it (which it leaves changed) and the text itself.
        """
        text = self._text
        key = (text._fontname, text._fontsize, text._leading, text._curSubset, line)
        runs = _RUNS.setdefault(self.canv._doc, {})
        found = runs.get(key)
        if found is None:
            text.textOut(line)
            runs[key] = (text._code[-1], text._curSubset)
            return
        text._code.append(found[0])
        text._curSubset = found[1]


@dataclass(frozen=True)
class TableData:
    """A table's cells ready to draw, with every row's height measured once."""

    columns: Sequence[Column]
    header: list[list[Any]]
    rows: list[list[Any]]
    kinds: list[RowKind]
    widths: list[float]
    fonts: ReportFonts
    label_span: int
    header_height: float
    heights: list[float]
    #: ``ends[i]``: height of rows ``0..i-1`` together, so any run of rows is measured at once.
    ends: list[float]


def row_height(cells: Sequence[Any], widths: Sequence[float]) -> float:
    """The height reportlab gives a row of these cells (text lines times leading, paragraphs as
    they wrap), so pages can be filled without asking reportlab to measure them again."""
    tallest = 0.0
    for cell, width in zip(cells, widths, strict=True):
        if isinstance(cell, Flowable):
            height = cell.wrap(width - 2 * PAD, 1e6)[1]
        else:
            height = LEADING * (str(cell).count("\n") + 1)
        tallest = max(tallest, height)
    return tallest + TOP_PAD + BOTTOM_PAD


class PagedTable(Flowable):  # type: ignore[misc]
    """A long table split page by page, its header rows repeated on each page.

    Row heights are measured once; each page then becomes one reportlab ``Table`` of exactly
    the rows that fit, with those heights given, so nothing is measured or split twice.
    """

    def __init__(self, data: TableData, start: int = 0) -> None:
        super().__init__()
        self.data, self.start = data, start
        self.width = sum(data.widths)

    def _height(self, stop: int) -> float:
        return self.data.header_height + self.data.ends[stop] - self.data.ends[self.start]

    def _make(self, stop: int) -> Table:
        d = self.data
        rows = d.header + d.rows[self.start : stop]
        table = FastTable(
            rows,
            colWidths=d.widths,
            rowHeights=[d.header_height] * len(d.header) + d.heights[self.start : stop],
            repeatRows=len(d.header),
            cellStyles=cell_styles(d.columns, d.fonts, len(rows)),
        )
        kinds = d.kinds[self.start : stop]
        table.setStyle(table_style(kinds, d.fonts, len(d.header), d.label_span))
        return table

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.height = self._height(len(self.data.rows))
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        d, end = self.data, len(self.data.rows)
        room = avail_height - d.header_height + d.ends[self.start]
        stop = bisect.bisect_right(d.ends, room, lo=self.start) - 1
        stop = min(stop, end)
        while stop - 1 > self.start and d.kinds[stop - 1] is RowKind.GROUP:
            stop -= 1  # a group heading goes to the next page with its first row
        if stop <= self.start or (stop == self.start + 1 and d.kinds[self.start] is RowKind.GROUP):
            return []
        if stop >= end:
            return [self._make(end)]
        return [self._make(stop), PagedTable(d, stop)]

    def draw(self) -> None:
        table = self._make(len(self.data.rows))
        table.wrapOn(self.canv, self.width, self.height)
        table.drawOn(self.canv, 0, 0)


def build_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    kinds: Sequence[RowKind] | None,
    fonts: ReportFonts,
    frame_width: float,
    label_span: int = 1,
) -> PagedTable:
    """A paged table of text rows (numbers already formatted) filling ``frame_width``."""
    widths = fit_widths(columns, frame_width)
    kinds = list(kinds) if kinds is not None else [RowKind.NORMAL] * len(rows)
    header = [
        [make_cell(c.title, w, fonts, HEAD_SIZE) for c, w in zip(columns, widths, strict=True)]
    ]
    span = sum(widths)
    body, heights = [], []
    for row, kind in zip(rows, kinds, strict=True):
        if kind is RowKind.GROUP:
            cells = [make_cell(row[0], span, fonts)] + [""] * (len(columns) - 1)
            heights.append(row_height(cells[:1], [span]))
            body.append(cells)
            continue
        cells = [
            make_cell(text, w, fonts, BODY_SIZE, c.align)
            for text, w, c in zip(row, widths, columns, strict=True)
        ]
        measure = list(widths)
        if kind is not RowKind.NORMAL and label_span > 1:
            cells[0] = make_cell(row[0], sum(widths[:label_span]), fonts, max_lines=LABEL_LINES)
            measure[0] = sum(widths[:label_span])
            cells[1:label_span] = [""] * (label_span - 1)
        heights.append(row_height(cells, measure))
        body.append(cells)
    ends = [0.0, *itertools.accumulate(heights)]
    data = TableData(
        columns, header, body, kinds, widths, fonts, label_span,
        row_height(header[0], widths), heights, ends,
    )  # fmt: skip
    return PagedTable(data)
