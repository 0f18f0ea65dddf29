"""Page layout of every report: header (unit, title, date range), footer (page x of y, printed
at and by), A4 portrait or landscape as the widest table needs, and the blocks reports are
made of (headings, text, field blocks, tables, signature lines)."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ledger.reports.fonts import ReportFonts, report_fonts, runs
from ledger.reports.styles import (
    BODY_SIZE,
    HEADING_SIZE,
    LANDSCAPE,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PORTRAIT,
    SMALL_SIZE,
    TITLE_SIZE,
    frame_width,
    paragraph_style,
)
from ledger.reports.tables import Column, RowKind, build_table, make_cell

CREATOR = "应急资源台账"


class Orientation(StrEnum):
    """Page orientation; ``AUTO`` turns the page when the widest table needs it."""

    AUTO = "auto"
    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"


@dataclass(frozen=True)
class Geometry:
    """Where the header, body and footer sit on a sheet (all in points)."""

    margin_x: float = MARGIN_X
    top: float = MARGIN_TOP
    bottom: float = MARGIN_BOTTOM
    title_drop: float = 14 * mm
    line_drop: float = 21.5 * mm
    footer_y: float = 9 * mm
    title_size: float = TITLE_SIZE


A4_GEOMETRY = Geometry()
#: Small sheets (half A4, 241 mm continuous forms): a tighter header and footer.
COMPACT = Geometry(8 * mm, 17 * mm, 9 * mm, 8 * mm, 13 * mm, 4 * mm, 13.0)


class Paper(StrEnum):
    """The sheet a voucher is printed on.

    ``A4``: A4 portrait. ``HALF_A4`` (二等分): A5 landscape, 210 × 148 mm, half an A4 sheet (a
    printer cuts or folds an A4 into two). ``FORM_241``: the continuous pin-feed form
    241-1 三等分, 241 × 93.1 mm a part (three parts to a 241 × 279.4 mm / 11-inch sheet), the
    common size of multi-part carbonless 出库单/入库单 for dot-matrix printers.
    """

    A4 = "a4"
    HALF_A4 = "half"
    FORM_241 = "241"

    @property
    def label(self) -> str:
        """How the paper is named to users."""
        return {
            Paper.A4: "A4",
            Paper.HALF_A4: "A4 二等分（A5 横向）",
            Paper.FORM_241: "241 mm 三等分连续纸（241×93.1 mm）",
        }[self]

    @property
    def size(self) -> tuple[float, float] | None:
        """The sheet's width and height; ``None``: A4 in the orientation the report needs."""
        return {
            Paper.A4: None,
            Paper.HALF_A4: (PORTRAIT[0], PORTRAIT[1] / 2),
            Paper.FORM_241: (241 * mm, 93.1 * mm),
        }[self]

    @property
    def geometry(self) -> Geometry:
        """Margins and header placement for this sheet."""
        return A4_GEOMETRY if self is Paper.A4 else COMPACT


@dataclass(frozen=True)
class ReportMeta:
    """What the header and footer of every page say."""

    title: str
    unit: str = ""
    period: str = ""
    printed_by: str = ""
    printed_at: datetime = field(default_factory=lambda: datetime.now().astimezone())
    #: The ledger's fingerprint (its latest signed checkpoint), printed in the footer.
    fingerprint: str = ""


def draw_text(
    canvas: Canvas, x: float, y: float, text: str, fonts: ReportFonts, size: float, align: str
) -> None:
    """Draw one line at ``x`` (left, right or centre), each character in a font that has it."""
    parts = runs(text, fonts)
    width = sum(pdfmetrics.stringWidth(part, name, size) for name, part in parts)
    start = {"left": x, "right": x - width, "center": x - width / 2}[align]
    for name, part in parts:
        canvas.setFont(name, size)
        canvas.drawString(start, y, part)
        start += pdfmetrics.stringWidth(part, name, size)


def _numbered_canvas(meta: ReportMeta, fonts: ReportFonts, geo: Geometry) -> type[Canvas]:
    """A canvas that holds its pages until the end, so each footer can say 'of y'."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # The initial font would otherwise be Helvetica, listed in the PDF though unused.
            kwargs["initialFontName"] = fonts.main
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                _footer(self, meta, fonts, total, geo)
                super().showPage()
            super().save()

    return NumberedCanvas


def _header(canvas: Canvas, meta: ReportMeta, fonts: ReportFonts, geo: Geometry) -> None:
    width, height = canvas._pagesize
    x = geo.margin_x
    canvas.saveState()
    draw_text(
        canvas, width / 2, height - geo.title_drop, meta.title, fonts, geo.title_size, "center"
    )
    line_y = height - geo.line_drop
    if meta.unit:
        draw_text(canvas, x, line_y, f"单位：{meta.unit}", fonts, BODY_SIZE, "left")
    if meta.period:
        draw_text(canvas, width - x, line_y, meta.period, fonts, BODY_SIZE, "right")
    canvas.setLineWidth(0.8)
    canvas.line(x, line_y - 2.5 * mm, width - x, line_y - 2.5 * mm)
    canvas.restoreState()


def _footer(
    canvas: Canvas, meta: ReportMeta, fonts: ReportFonts, total: int, geo: Geometry
) -> None:
    width, _ = canvas._pagesize
    y = geo.footer_y
    x = geo.margin_x
    canvas.saveState()
    canvas.setStrokeColor(colors.grey)
    canvas.setLineWidth(0.4)
    canvas.line(x, y + 4 * mm, width - x, y + 4 * mm)
    printed = f"打印时间：{meta.printed_at:%Y-%m-%d %H:%M}"
    if meta.printed_by:
        printed += f"　打印人：{meta.printed_by}"
    draw_text(canvas, x, y, printed, fonts, SMALL_SIZE, "left")
    if meta.fingerprint:
        mark = f"台账指纹：{meta.fingerprint}"
        draw_text(canvas, width / 2, y, mark, fonts, SMALL_SIZE, "center")
    page = f"第 {canvas.getPageNumber()} 页 / 共 {total} 页"
    draw_text(canvas, width - x, y, page, fonts, SMALL_SIZE, "right")
    canvas.restoreState()


Block = Callable[[float], list[Flowable]]


class Report:
    """A report being assembled: add blocks, then :meth:`build` the PDF."""

    def __init__(
        self,
        meta: ReportMeta,
        *,
        fonts: ReportFonts | None = None,
        orientation: Orientation = Orientation.AUTO,
        paper: Paper = Paper.A4,
    ) -> None:
        self.meta = meta
        self.paper = paper
        self.fonts = fonts or report_fonts()
        self.orientation = orientation
        self._blocks: list[Block] = []
        self._widest = 0.0
        self._headings: list[str] = []
        self._headings_last = False

    def heading(self, text: str) -> None:
        """A section heading, kept on the page with what follows it (headings that follow each
        other move to the next page together)."""
        fonts = self.fonts
        titles = [*self._headings, text] if self._headings_last else [text]

        def block(width: float) -> list[Flowable]:
            keep = 30 * mm + 9 * mm * (len(titles) - 1)
            return [CondPageBreak(keep)] + [
                paragraph(t, fonts, HEADING_SIZE, space=3 * mm) for t in titles
            ]

        if self._headings_last:
            self._blocks[-1] = block
        else:
            self._blocks.append(block)
        self._headings, self._headings_last = titles, True

    def text(self, text: str, size: float = BODY_SIZE) -> None:
        """A paragraph of plain text, wrapped to the frame."""
        fonts = self.fonts
        self._add(lambda w: [paragraph(text, fonts, size)])

    def fields(self, pairs: Sequence[tuple[str, str]], per_row: int = 2) -> None:
        """Label–value pairs in a grid without lines (a voucher's or card's heading data)."""
        fonts = self.fonts

        def block(width: float) -> list[Flowable]:
            cell_w = width / per_row
            cells = [make_cell(f"{k}：{v}", cell_w, fonts) for k, v in pairs]
            cells += [""] * (-len(cells) % per_row)
            rows = [cells[i : i + per_row] for i in range(0, len(cells), per_row)]
            table = Table(rows, colWidths=[cell_w] * per_row, hAlign="LEFT")
            table.setStyle(_plain_style(fonts, 1.5))
            return [_after(table, 2)]

        self._add(block)

    def table(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[str]],
        kinds: Sequence[RowKind] | None = None,
        *,
        label_span: int = 1,
    ) -> None:
        """A table that splits across pages and repeats its header row; the labels of its
        subtotal and total rows span the first ``label_span`` columns."""
        self._widest = max(self._widest, sum(c.width for c in columns) * mm)
        fonts = self.fonts
        self._add(lambda w: [_after(build_table(columns, rows, kinds, fonts, w, label_span), 3)])

    def signatures(
        self, people: Sequence[tuple[str, str]], per_row: int = 3, height_mm: float = 11
    ) -> None:
        """Signature lines: each label, a blank rule to sign on, and the name typed in the form
        printed small beside the rule (never on it); ``per_row`` to a row ``height_mm`` high."""
        fonts = self.fonts

        def block(width: float) -> list[Flowable]:
            gap = 6 * mm
            count = min(per_row, len(people))
            labels = max(
                pdfmetrics.stringWidth(f"{label}：", fonts.main, BODY_SIZE) + 2
                for label, _ in people
            )
            names = max(
                [
                    pdfmetrics.stringWidth(f"（{n}）", fonts.main, SMALL_SIZE) + 4
                    for _, n in people
                    if n
                ]
                or [0]
            )
            each = (width - gap * (count - 1)) / count
            names = min(names, each * 0.4)
            line = each - labels - names
            rows: list[list[Any]] = []
            for start in range(0, len(people), count):
                row: list[Any] = []
                for n, (label, name) in enumerate(people[start : start + count]):
                    if n:
                        row.append("")
                    row += [
                        f"{label}：",
                        "",
                        make_cell(f"（{name}）" if name else "", names, fonts, SMALL_SIZE),
                    ]
                row += [""] * (4 * count - 1 - len(row))
                rows.append(row)
            widths = ([labels, line, names, gap] * count)[:-1]
            table = Table(
                rows, colWidths=widths, rowHeights=[height_mm * mm] * len(rows), hAlign="LEFT"
            )
            style = _plain_style(fonts, 1)
            style.add("VALIGN", (0, 0), (-1, -1), "BOTTOM")
            style.add("LEFTPADDING", (0, 0), (-1, -1), 0)
            for r, row in enumerate(rows):
                for n in range(count):
                    if row[4 * n]:
                        style.add("LINEBELOW", (4 * n + 1, r), (4 * n + 1, r), 0.6, colors.black)
            table.setStyle(style)
            table.spaceBefore = min(4.0, height_mm / 3) * mm
            return [_after(table, 2)]

        self._add(block)

    def spacer(self, height_mm: float) -> None:
        """Vertical space."""
        self._add(lambda w: [Spacer(1, height_mm * mm)])

    def page_break(self) -> None:
        """Start a new page."""
        self._add(lambda w: [PageBreak()])

    def flowables(self, make: Block) -> None:
        """Any flowables, made once the frame width is known (labels, drawings)."""
        self._add(make)

    def _add(self, block: Block) -> None:
        self._blocks.append(block)
        self._headings_last = False

    @property
    def pagesize(self) -> tuple[float, float]:
        """A4 portrait, or landscape when asked or when a table is wider than portrait allows;
        a voucher's smaller paper when one was chosen."""
        if self.paper.size is not None:
            return self.paper.size
        if self.orientation is Orientation.LANDSCAPE:
            return LANDSCAPE
        if self.orientation is Orientation.AUTO and self._widest > frame_width(PORTRAIT) + 0.5:
            return LANDSCAPE
        return PORTRAIT

    def build(self) -> bytes:
        """Lay out every block and return the PDF."""
        buffer = io.BytesIO()
        pagesize, geo = self.pagesize, self.paper.geometry
        doc = BaseDocTemplate(
            buffer,
            pagesize=pagesize,
            leftMargin=geo.margin_x,
            rightMargin=geo.margin_x,
            topMargin=geo.top,
            bottomMargin=geo.bottom,
            title=self.meta.title,
            author=self.meta.printed_by,
            creator=CREATOR,
            subject=self.meta.unit,
        )
        frame = Frame(
            geo.margin_x,
            geo.bottom,
            doc.width,
            doc.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0 if self.paper is not Paper.A4 else 6,
            bottomPadding=0 if self.paper is not Paper.A4 else 6,
        )
        meta, fonts = self.meta, self.fonts
        doc.addPageTemplates(
            [
                PageTemplate(
                    id="page", frames=[frame], onPage=lambda c, d: _header(c, meta, fonts, geo)
                )
            ]
        )
        story: list[Flowable] = []
        for block in self._blocks:
            story += block(doc.width)
        if not story:
            story.append(Spacer(1, 1))
        doc.build(story, canvasmaker=_numbered_canvas(meta, fonts, geo))
        return buffer.getvalue()

    def save(self, path: str | Path) -> Path:
        """Build the PDF and write it to ``path``."""
        target = Path(path)
        target.write_bytes(self.build())
        return target


def _after(flowable: Flowable, space_mm: float) -> Flowable:
    """``flowable`` with space below it that never pushes an empty page at a frame's end."""
    flowable.spaceAfter = space_mm * mm
    return flowable


def _plain_style(fonts: ReportFonts, pad: float) -> TableStyle:
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), fonts.main, BODY_SIZE, BODY_SIZE * 1.3),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), pad),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )


def paragraph(text: str, fonts: ReportFonts, size: float, space: float = 0) -> Paragraph:
    """Text that wraps anywhere a Chinese line may break, splits across pages, and takes each
    character the main font lacks from a fallback font."""
    markup = "<br/>".join(
        "".join(f'<font face="{name}">{escape(part)}</font>' for name, part in runs(line, fonts))
        for line in text.split("\n")
    )
    return Paragraph(markup, paragraph_style(fonts.main, size, "LEFT", space))
