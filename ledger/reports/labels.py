"""QR labels (二维码标签) for equipment serials and for item + lot, 24 to an A4 sheet (3 × 8 of
70 × 37 mm, the common self-adhesive sheet), each with the code a USB scanner types back."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy.orm import Session

from ledger.core.scancodes import equipment_code, item_code
from ledger.reports.fmt import day
from ledger.reports.fonts import ReportFonts, report_fonts
from ledger.reports.layout import CREATOR, ReportMeta, draw_text
from ledger.reports.tables import wrap_lines
from ledger.services import reporting
from ledger.services.catalogue import EquipmentFilter, HolderKind, equipment
from ledger.services.reporting import Scope

if TYPE_CHECKING:
    from ledger.reports.kinds import ReportRequest

COLS, ROWS = 3, 8
LABEL_W, LABEL_H = 70 * mm, 37 * mm
QR_SIZE = 29 * mm
PAD = 3 * mm


@dataclass(frozen=True)
class Label:
    """One label: the code in its QR, a title and up to three lines of detail."""

    code: str
    title: str
    lines: tuple[str, ...]


def equipment_labels(session: Session, scope: Scope, item: str | None = None) -> list[Label]:
    """A label per piece of equipment of the scope (a depot's, or a unit's subtree's)."""
    if scope.depot_id is not None:
        flt = EquipmentFilter(holder_kind=HolderKind.DEPOT, holder_id=scope.depot_id)
    else:
        flt = EquipmentFilter(unit_id=scope.unit_id)
    rows = sorted(equipment(session, flt), key=lambda r: (r.item_code, r.serial))
    return [
        Label(
            equipment_code(r.serial),
            r.item_name,
            (f"序列号：{r.serial}", f"{r.item_code}　{r.spec}".strip(), f"配备：{r.holder_name}"),
        )
        for r in rows
        if item is None or r.item_code == item
    ]


def lot_labels(session: Session, scope: Scope, item: str | None = None) -> list[Label]:
    """A label per item and lot in stock in the scope (one per item where lots are not kept)."""
    inv = reporting.inventory(session, scope)
    seen: set[tuple[str, str]] = set()
    labels = []
    for group in inv.groups:
        for line in group.lines:
            key = (line.item_code, line.lot)
            if key in seen or (item is not None and line.item_code != item):
                continue
            seen.add(key)
            detail = [f"{line.item_code}　{line.spec}".strip()]
            if line.lot:
                detail.append(f"批次：{line.lot}")
            if line.expiry:
                detail.append(f"有效期至：{day(line.expiry)}")
            labels.append(Label(item_code(line.item_code, line.lot), line.item_name, tuple(detail)))
    return labels


class LabelSheet:
    """Labels laid out on A4 sheets without header or footer, so they line up with the cuts."""

    def __init__(self, labels: list[Label], meta: ReportMeta, fonts: ReportFonts | None = None):
        self.labels, self.meta = labels, meta
        self.fonts = fonts or report_fonts()

    def build(self) -> bytes:
        """The PDF of every label, 24 per page, with faint cut lines."""
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=A4, initialFontName=self.fonts.main)
        canvas.setTitle(self.meta.title)
        canvas.setCreator(CREATOR)
        canvas.setAuthor(self.meta.printed_by)
        if not self.labels:
            draw_text(
                canvas, 20 * mm, A4[1] - 30 * mm, "（没有可打印的标签）", self.fonts, 12, "left"
            )
        per_page = COLS * ROWS
        for start in range(0, len(self.labels), per_page):
            if start:
                canvas.showPage()
            for n, label in enumerate(self.labels[start : start + per_page]):
                x = (n % COLS) * LABEL_W
                y = A4[1] - (n // COLS + 1) * LABEL_H - (A4[1] - ROWS * LABEL_H) / 2
                self._draw(canvas, label, x, y)
        canvas.showPage()
        canvas.save()
        return buffer.getvalue()

    def _draw(self, canvas: Canvas, label: Label, x: float, y: float) -> None:
        canvas.setStrokeColor(colors.HexColor("#CCCCCC"))
        canvas.setLineWidth(0.3)
        canvas.rect(x, y, LABEL_W, LABEL_H)
        widget = QrCodeWidget(label.code, barLevel="M", barBorder=2)
        left, bottom, right, top = widget.getBounds()
        drawing = Drawing(QR_SIZE, QR_SIZE)
        drawing.add(widget)
        drawing.scale(QR_SIZE / (right - left), QR_SIZE / (top - bottom))
        renderPDF.draw(drawing, canvas, x + 1.5 * mm, y + LABEL_H - QR_SIZE - 1.5 * mm)
        if "%" not in label.code:  # the code as typed by a scanner, when a person can read it
            draw_text(canvas, x + 2.5 * mm, y + 2.2 * mm, label.code, self.fonts, 5.5, "left")
        text_x = x + QR_SIZE + 3 * mm
        width = LABEL_W - QR_SIZE - 3 * mm - PAD
        cursor = y + LABEL_H - PAD - 9
        for line in wrap_lines(label.title, width, self.fonts.main, 9.5)[:2]:
            draw_text(canvas, text_x, cursor, line, self.fonts, 9.5, "left")
            cursor -= 11.5
        cursor -= 2
        for detail in label.lines:
            for line in wrap_lines(detail, width, self.fonts.main, 7)[:2]:
                if cursor < y + PAD:
                    return
                draw_text(canvas, text_x, cursor, line, self.fonts, 7, "left")
                cursor -= 9


def labels_report(
    session: Session, request: ReportRequest, scope: Scope, meta: ReportMeta
) -> LabelSheet:
    """The label sheet ``request.labels`` names: ``equipment`` (serials) or ``lots``."""
    if request.labels == "lots":
        found = lot_labels(session, scope, request.item)
    else:
        found = equipment_labels(session, scope, request.item)
    return LabelSheet(found, meta)
