"""Type sizes, page geometry and paragraph styles shared by every report."""

from __future__ import annotations

from functools import cache

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

BODY_SIZE = 9.0
HEAD_SIZE = 9.0
LEADING = 11.5
TITLE_SIZE = 16.0
HEADING_SIZE = 11.5
SMALL_SIZE = 8.0

PORTRAIT: tuple[float, float] = (float(A4[0]), float(A4[1]))
LANDSCAPE: tuple[float, float] = (PORTRAIT[1], PORTRAIT[0])
MARGIN_X = 15 * mm
MARGIN_TOP = 27 * mm
MARGIN_BOTTOM = 16 * mm

_ALIGN = {"LEFT": TA_LEFT, "RIGHT": TA_RIGHT, "CENTER": TA_CENTER}


def frame_width(pagesize: tuple[float, float]) -> float:
    """Width of the text frame on a page of ``pagesize``."""
    return float(pagesize[0] - 2 * MARGIN_X)


@cache
def paragraph_style(
    font: str, size: float = BODY_SIZE, align: str = "LEFT", space_before: float = 0
) -> ParagraphStyle:
    """A paragraph style in ``font`` that wraps Chinese anywhere (CJK word wrap)."""
    return ParagraphStyle(
        name=f"{font}-{size}-{align}-{space_before}",
        fontName=font,
        fontSize=size,
        leading=size * 1.3,
        alignment=_ALIGN[align],
        wordWrap="CJK",
        spaceBefore=space_before,
        spaceAfter=size * 0.4,
    )
