"""Page layout: header and footer on every page, tables split with their header row repeated,
portrait or landscape as the widest table needs."""

from __future__ import annotations

from datetime import datetime
from io import BytesIO

from pypdf import PdfReader

from ledger.reports.layout import Orientation, Report, ReportMeta
from ledger.reports.tables import Align, Column, RowKind, wrap_lines
from tests.reports.pdfcheck import flat, pdf_text

META = ReportMeta("测试清单", "青山县", "截至 2026-11-25", "张保管", datetime(2026, 11, 25, 8, 0))
NARROW = [Column("序号", 12, Align.RIGHT), Column("物资名称", 60, grow=True), Column("数量", 30)]


def pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(data)).pages]


def test_a_long_table_repeats_its_header_row_and_numbers_pages() -> None:
    report = Report(META)
    rows = [[str(n), f"物资{n:04d}", f"{n}袋"] for n in range(1, 301)]
    report.table(NARROW, rows)
    texts = pages(report.build())
    assert len(texts) >= 5
    for number, text in enumerate(texts, start=1):
        assert text.startswith("测试清单")
        assert "单位：青山县" in text and "截至 2026-11-25" in text
        assert "序号" in text and "物资名称" in text
        assert f"第 {number} 页 / 共 {len(texts)} 页" in text
        assert "打印时间：2026-11-25 08:00　打印人：张保管" in text
    everything = "".join(texts)
    assert all(f"物资{n:04d}" in everything for n in range(1, 301))
    assert everything.count("物资0150") == 1


def test_a_group_heading_is_never_left_alone_at_the_foot_of_a_page() -> None:
    for size in range(38, 52):
        report = Report(META)
        rows: list[list[str]] = [[str(n), f"物资{n}", "1袋"] for n in range(size)]
        kinds = [RowKind.NORMAL] * size
        rows.append(["仓库：二号库"])
        kinds.append(RowKind.GROUP)
        rows += [["1", "最后一行", "1袋"]]
        kinds.append(RowKind.NORMAL)
        report.table(NARROW, rows, kinds)
        texts = pages(report.build())
        assert all("1袋" in text for text in texts), "a page with no rows"
        for text in texts:
            lines = [ln for ln in text.splitlines() if not ln.startswith(("打印时间", "第 "))]
            assert lines[-1] != "仓库：二号库", size


def test_wide_tables_turn_the_page_to_landscape() -> None:
    narrow, wide = Report(META), Report(META)
    narrow.table(NARROW, [["1", "编织袋", "1袋"]])
    wide.table([Column(f"列{n}", 25) for n in range(10)], [[str(n) for n in range(10)]])
    portrait = PdfReader(BytesIO(narrow.build())).pages[0].mediabox
    landscape = PdfReader(BytesIO(wide.build())).pages[0].mediabox
    assert portrait.width < portrait.height and landscape.width > landscape.height
    forced = Report(META, orientation=Orientation.LANDSCAPE)
    forced.text("横向")
    box = PdfReader(BytesIO(forced.build())).pages[0].mediabox
    assert box.width > box.height


def test_long_names_wrap_inside_their_cell_and_keep_codes_whole() -> None:
    from ledger.reports.fonts import report_fonts

    font = report_fonts().main
    lines = wrap_lines("相关单据：CK-2026-00001、GH-2026-00001、BS-2026-00001", 100, font, 9)
    assert lines == ["相关单据：", "CK-2026-00001、", "GH-2026-00001、", "BS-2026-00001"]
    assert wrap_lines("编织袋，加厚型", 30, font, 9) == ["编织袋，", "加厚型"]
    report = Report(META)
    report.table(NARROW, [["1", "超长名称" * 12, "1袋"]])
    assert "超长名称" * 3 in flat(pdf_text(report.build()))
