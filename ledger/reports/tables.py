"""Report tables: columns declared as data, cells wrapped to width, split across pages page by page.

A :class:`PagedTable` hands reportlab one page of rows at a time, so a 10,000-row list costs
the same per page as a 50-row one (a plain ``Table`` re-measures every remaining row at each
page break), and repeats its header row on every page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Paragraph, Table
from reportlab.platypus.tables import TableStyle

from ledger.reports.fonts import ReportFonts, covers, runs
from ledger.reports.styles import BODY_SIZE, HEAD_SIZE, LEADING, paragraph_style

#: At most this many lines per cell; longer text ends with an ellipsis (a row fits a page).
MAX_LINES = 6
PAD = 2.5
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
#: that belongs to it), a space, or any other single character (CJK breaks anywhere).
_TOKENS = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,:;/_+#%()\[\]-]*|\s+|.", re.S)
#: Characters that may not start a line (避头点): they stay with what comes before.
_NO_START = set("，。、；：！？）】》」』”’,.;:!?)%")


def wrap_lines(text: str, width: float, font: str, size: float) -> list[str]:
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
    if len(lines) > MAX_LINES:
        lines = [*lines[: MAX_LINES - 1], lines[MAX_LINES - 1][:-1] + "…"]
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
    text: str, width: float, fonts: ReportFonts, size: float = BODY_SIZE, align: Align = Align.LEFT
) -> Any:
    """A cell: plain wrapped text when the main font draws every character, else a paragraph
    that takes each missing character from a fallback font (never a box)."""
    inner = max(width - 2 * PAD, 4.0)
    if text.isascii() or covers(fonts.main, text):
        return "\n".join(wrap_lines(text, inner, fonts.main, size))
    from xml.sax.saxutils import escape

    markup = "".join(
        f'<font face="{name}">{escape(part)}</font>' for name, part in runs(text, fonts)
    )
    return Paragraph(markup, paragraph_style(fonts.main, size, align.value))


def table_style(
    columns: Sequence[Column],
    kinds: Sequence[RowKind],
    fonts: ReportFonts,
    header_rows: int = 1,
    label_span: int = 1,
) -> TableStyle:
    """The grid, header shading and alignment of a table whose data rows are ``kinds``; the
    label of a subtotal or total row spans its first ``label_span`` columns."""
    last = len(columns) - 1
    cmds: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), fonts.main, BODY_SIZE, LEADING),
        ("FONT", (0, 0), (-1, header_rows - 1), fonts.main, HEAD_SIZE, LEADING),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, header_rows - 1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
    ]
    for i, column in enumerate(columns):
        if column.align is not Align.LEFT:
            cmds.append(("ALIGN", (i, header_rows), (i, -1), column.align.value))
    for n, kind in enumerate(kinds, start=header_rows):
        if kind is RowKind.GROUP:
            cmds += [("SPAN", (0, n), (last, n)), ("BACKGROUND", (0, n), (last, n), GROUP_BG)]
            cmds.append(("ALIGN", (0, n), (last, n), "LEFT"))
            continue
        if kind is RowKind.SUBTOTAL:
            cmds.append(("BACKGROUND", (0, n), (last, n), SUBTOTAL_BG))
        elif kind is RowKind.TOTAL:
            cmds += [("BACKGROUND", (0, n), (last, n), TOTAL_BG)]
            cmds.append(("LINEABOVE", (0, n), (last, n), 0.9, colors.black))
        if kind is not RowKind.NORMAL and label_span > 1:
            cmds += [("SPAN", (0, n), (label_span - 1, n)), ("ALIGN", (0, n), (0, n), "LEFT")]
    return TableStyle(cmds)


class PagedTable(Flowable):  # type: ignore[misc]
    """A long table split page by page, its header rows repeated on each page."""

    def __init__(
        self,
        columns: Sequence[Column],
        header: list[list[Any]],
        rows: list[list[Any]],
        kinds: list[RowKind],
        widths: list[float],
        fonts: ReportFonts,
        per_page: int = 60,
        label_span: int = 1,
    ) -> None:
        super().__init__()
        self.columns, self.header, self.rows, self.kinds = columns, header, rows, kinds
        self.widths, self.fonts, self.label_span = widths, fonts, label_span
        #: Rows the last page took: the next page measures a few more than that, not all.
        self.per_page = per_page
        self._measured: tuple[float, int, Table, float] | None = None

    def _make(self, n: int) -> Table:
        table = Table(
            self.header + self.rows[:n], colWidths=self.widths, repeatRows=len(self.header)
        )
        table.setStyle(
            table_style(self.columns, self.kinds[:n], self.fonts, len(self.header), self.label_span)
        )
        return table

    def _measure(self, avail_width: float, avail_height: float) -> tuple[int, Table, float]:
        """A table of enough rows to overflow ``avail_height`` (or of all rows), and its height."""
        if self._measured is not None and self._measured[0] == avail_height:
            return self._measured[1:]
        n = min(len(self.rows), self.per_page + 10)
        while True:
            table = self._make(n)
            _, height = table.wrap(avail_width, avail_height)
            if height <= avail_height and n < len(self.rows):
                n = min(len(self.rows), n * 2)
                continue
            self._measured = (avail_height, n, table, height)
            return n, table, height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, table, height = self._measure(avail_width, avail_height)
        self.width, self.height = table._width, height
        return self.width, height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        _, table, height = self._measure(avail_width, avail_height)
        if height <= avail_height:
            return [table]
        parts = table.split(avail_width, avail_height)
        if not parts:
            return []
        fitted = parts[0]._nrows - len(self.header)
        taken = fitted
        while taken > 1 and self.kinds[taken - 1] is RowKind.GROUP:
            taken -= 1
        if taken <= 0 or (taken == 1 and self.kinds[0] is RowKind.GROUP and len(self.rows) > 1):
            return []
        first = parts[0] if taken == fitted else self._make(taken)
        rest = PagedTable(
            self.columns,
            self.header,
            self.rows[taken:],
            self.kinds[taken:],
            self.widths,
            self.fonts,
            max(taken, 10),
            self.label_span,
        )
        return [first, rest]

    def draw(self) -> None:
        assert self._measured is not None
        self._measured[2].drawOn(self.canv, 0, 0)


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
    body = []
    for row, kind in zip(rows, kinds, strict=True):
        if kind is RowKind.GROUP:
            body.append([make_cell(row[0], span, fonts)] + [""] * (len(columns) - 1))
            continue
        cells = [
            make_cell(text, w, fonts, BODY_SIZE, c.align)
            for text, w, c in zip(row, widths, columns, strict=True)
        ]
        if kind is not RowKind.NORMAL and label_span > 1:
            cells[0] = make_cell(row[0], sum(widths[:label_span]), fonts)
        body.append(cells)
    return PagedTable(columns, header, body, kinds, widths, fonts, label_span=label_span)
