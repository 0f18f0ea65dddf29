"""Label codes: what a QR label holds and what a scanner typing it into a field reads back."""

from __future__ import annotations

import pytest

from ledger.core.scancodes import ScanCode, ScanKind, equipment_code, item_code, parse_scan


def test_equipment_and_item_codes_are_plain_ascii() -> None:
    assert equipment_code("SAT-0001") == "EQ:SAT-0001"
    assert item_code("WZ001", "L2026-01") == "IT:WZ001:L2026-01"
    assert item_code("WZ001") == "IT:WZ001"
    assert item_code("编织袋", "批次:1").isascii()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("EQ:SAT-0001\n", ScanCode(ScanKind.EQUIPMENT, serial="SAT-0001", text="EQ:SAT-0001")),
        ("eq:sat-0001", ScanCode(ScanKind.EQUIPMENT, serial="sat-0001", text="eq:sat-0001")),
        (
            "IT:WZ001:L2026-01",
            ScanCode(ScanKind.ITEM, item_code="WZ001", lot="L2026-01", text="IT:WZ001:L2026-01"),
        ),
        ("IT:WZ001", ScanCode(ScanKind.ITEM, item_code="WZ001", text="IT:WZ001")),
        ("WZ001", ScanCode(ScanKind.PLAIN, text="WZ001")),
        ("  6901234567890 ", ScanCode(ScanKind.PLAIN, text="6901234567890")),
        ("EQ:", ScanCode(ScanKind.PLAIN, text="EQ:")),
    ],
)
def test_parse_scan_reads_what_a_scanner_types(typed: str, expected: ScanCode) -> None:
    assert parse_scan(typed) == expected


def test_non_ascii_codes_and_lots_survive_the_round_trip() -> None:
    scanned = parse_scan(item_code("编织袋", "批次:1 号"))
    assert (scanned.kind, scanned.item_code, scanned.lot) == (ScanKind.ITEM, "编织袋", "批次:1 号")
    assert parse_scan(equipment_code("卫星-01")).serial == "卫星-01"
