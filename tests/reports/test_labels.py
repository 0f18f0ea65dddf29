"""QR labels for equipment serials and for item + lot, 24 to an A4 sheet."""

from __future__ import annotations

import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from ledger.core.actor import Actor
from ledger.core.scancodes import ScanKind, parse_scan
from ledger.models.engine import Database
from ledger.reports.kinds import Kind, ReportRequest, render
from ledger.reports.labels import Label, LabelSheet, equipment_labels, lot_labels
from ledger.reports.layout import ReportMeta
from ledger.services.reporting.stock import Scope
from tests.reports.pdfcheck import TODAY, pdf_pages, pdf_text


def test_equipment_labels_carry_the_serial_and_the_holder(county: Database, actor: Actor) -> None:
    with county.read() as s:
        labels = equipment_labels(s, Scope())
        data = render(s, actor, ReportRequest(Kind.LABELS), today=TODAY)
    assert [label.code for label in labels] == ["EQ:SAT-0001", "EQ:SAT-0002"]
    assert parse_scan(labels[1].code).serial == "SAT-0002"
    text = pdf_text(data)
    assert "卫星电话" in text and "序列号：SAT-0001" in text and "配备：东村" in text
    assert "EQ:SAT-0002" in text


def test_lot_labels_carry_item_lot_and_expiry(county: Database, actor: Actor) -> None:
    with county.read() as s:
        labels = lot_labels(s, Scope())
        only_shovels = lot_labels(s, Scope(), item="铁锹")
    codes = [parse_scan(label.code) for label in labels]
    assert {(c.kind, c.item_code, c.lot) for c in codes} == {
        (ScanKind.ITEM, "编织袋", "L1"),
        (ScanKind.ITEM, "编织袋", "L2"),
        (ScanKind.ITEM, "铁锹", ""),
    }
    first = next(label for label in labels if "L1" in label.code)
    assert first.lines == ("编织袋　90cm×50cm", "批次：L1", "有效期至：2027-03-01")
    assert [label.title for label in only_shovels] == ["铁锹"]


def test_a_sheet_holds_24_labels_on_a4() -> None:
    labels = [Label(f"EQ:SN-{n:03d}", "应急发电机", (f"序列号：SN-{n:03d}",)) for n in range(30)]
    data = LabelSheet(labels, ReportMeta("二维码标签")).build()
    assert pdf_pages(data) == 2
    reader = PdfReader(BytesIO(data))
    first, second = (page.extract_text() for page in reader.pages)
    assert first.count("应急发电机") == 24 and second.count("应急发电机") == 6
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_the_printed_codes_scan_back(county: Database, actor: Actor, tmp_path: Path) -> None:
    """Decode the rendered page with zbarimg (zbar-tools), as a scanner would read the label."""
    if not (shutil.which("zbarimg") and shutil.which("pdftoppm")):
        pytest.skip("zbarimg (zbar-tools) or pdftoppm (poppler-utils) not installed")
    with county.read() as s:
        data = render(s, actor, ReportRequest(Kind.LABELS, labels="lots"), today=TODAY)
        expected = {label.code for label in lot_labels(s, Scope())}
    pdf = tmp_path / "labels.pdf"
    pdf.write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(pdf), str(tmp_path / "p")], check=True)
    found = subprocess.run(
        ["zbarimg", "-q", "--raw", *map(str, sorted(tmp_path.glob("p*.png")))],
        capture_output=True,
        text=True,
    ).stdout.split()
    assert set(found) == expected
