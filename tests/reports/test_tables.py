"""Report tables: cells start from the body style and get the looks a command per cell gave."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Table, TableStyle

from ledger.reports.fonts import report_fonts
from ledger.reports.styles import BODY_SIZE, HEAD_SIZE, LEADING
from ledger.reports.tables import (
    BOTTOM_PAD,
    GRID,
    GROUP_BG,
    HEAD_BG,
    PAD,
    SUBTOTAL_BG,
    TOP_PAD,
    TOTAL_BG,
    Align,
    Column,
    RowKind,
    build_table,
)

COLUMNS = [
    Column("序号", 12, Align.CENTER),
    Column("物资名称", 40, grow=True),
    Column("批次", 25),
    Column("数量", 24, Align.RIGHT),
]
ROWS = [
    ["一号库"],
    ["1", "编织袋", "L1", "10条"],
    ["2", "救生衣", "L2", "3件"],
    ["小计：2 种物资", "", "", "13件"],
    ["合计", "", "", "13件"],
]
KINDS = [RowKind.GROUP, RowKind.NORMAL, RowKind.NORMAL, RowKind.SUBTOTAL, RowKind.TOTAL]
LOOKS = (
    "fontname",
    "fontsize",
    "leading",
    "leftPadding",
    "rightPadding",
    "topPadding",
    "bottomPadding",
    "valign",
    "alignment",
)


def _commands(font: str) -> list[tuple[object, ...]]:
    """The style as one command per look (how the tables were styled before), label span 2."""
    cmds: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), font, BODY_SIZE, LEADING),
        ("FONT", (0, 0), (-1, 0), font, HEAD_SIZE, LEADING),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), TOP_PAD),
        ("BOTTOMPADDING", (0, 0), (-1, -1), BOTTOM_PAD),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("ALIGN", (3, 1), (3, -1), "RIGHT"),
        ("SPAN", (0, 1), (3, 1)),
        ("BACKGROUND", (0, 1), (3, 1), GROUP_BG),
        ("ALIGN", (0, 1), (3, 1), "LEFT"),
        ("BACKGROUND", (0, 4), (3, 4), SUBTOTAL_BG),
        ("SPAN", (0, 4), (1, 4)),
        ("ALIGN", (0, 4), (0, 4), "LEFT"),
        ("BACKGROUND", (0, 5), (3, 5), TOTAL_BG),
        ("LINEABOVE", (0, 5), (3, 5), 0.9, colors.black),
        ("SPAN", (0, 5), (1, 5)),
        ("ALIGN", (0, 5), (0, 5), "LEFT"),
    ]
    return cmds


def _cells(cmds: list[tuple[object, ...]], rows: int, cols: int) -> list[str]:
    """Commands with their cell ranges counted from the start (``-1`` as the last)."""

    def at(cell: object) -> tuple[int, int]:
        col, row = cell  # type: ignore[misc]
        return (col % cols, row % rows)

    return sorted(repr((c[0], at(c[1]), at(c[2]), *c[3:])) for c in cmds)


def test_cells_look_as_they_did_with_a_command_per_look() -> None:
    fonts = report_fonts()
    paged = build_table(COLUMNS, ROWS, KINDS, fonts, 400, label_span=2)
    ours = paged.split(400, 1000)[0]
    data = paged.data
    plain = Table(data.header + data.rows, colWidths=data.widths)
    plain.setStyle(TableStyle(_commands(fonts.main)))
    assert len(ours._cellStyles) == len(plain._cellStyles) == len(ROWS) + 1
    for mine, theirs in zip(ours._cellStyles, plain._cellStyles, strict=True):
        for a, b in zip(mine, theirs, strict=True):
            assert [getattr(a, k) for k in LOOKS] == [getattr(b, k) for k in LOOKS]
    size = (len(ROWS) + 1, len(COLUMNS))
    for kind in ("_bkgrndcmds", "_spanCmds", "_linecmds"):
        assert _cells(getattr(ours, kind), *size) == _cells(getattr(plain, kind), *size)


def test_cells_of_a_page_do_not_share_their_style() -> None:
    paged = build_table(COLUMNS, ROWS, KINDS, report_fonts(), 400, label_span=2)
    styles = [s for row in paged.split(400, 1000)[0]._cellStyles for s in row]
    assert len({id(s) for s in styles}) == len(styles)
    assert styles[4 + 0].alignment == "LEFT" and styles[8 + 0].alignment == "CENTER"


def _streams(data: bytes) -> list[bytes]:
    from io import BytesIO

    from pypdf import PdfReader

    return [page.get_contents().get_data() for page in PdfReader(BytesIO(data)).pages]


def test_remembered_text_runs_write_what_reportlab_writes(monkeypatch) -> None:
    from datetime import datetime

    from ledger.reports import tables
    from ledger.reports.layout import Report, ReportMeta

    meta = ReportMeta("测试清单", "青山县", "截至 2026-11-25", "张保管", datetime(2026, 11, 25, 8))
    columns = [Column("序号", 12, Align.RIGHT), Column("物资名称", 50, grow=True)]
    columns += [Column("批次", 30, Align.CENTER), Column("数量", 24, Align.RIGHT)]
    names = [f"{chr(0x5000 + n % 7)}袋{chr(0x4E00 + n % 400)}" for n in range(600)]
    rows = [[str(n), names[n], f"L{n % 13}", f"{n % 50}件"] for n in range(600)]

    def build() -> bytes:
        report = Report(meta)
        report.table(columns, rows)
        return report.build()

    remembered = build()
    monkeypatch.setattr(tables.FastTable, "_text_out", lambda self, line: self._text.textOut(line))
    plain = build()
    assert len(_streams(remembered)) > 5  # several pages, over 256 characters: two subsets
    assert _streams(remembered) == _streams(plain)
