"""What the QR labels hold, and reading it back when a USB scanner types it into a field.

A scanner in keyboard mode types the label's text and presses Enter, so the text is plain
ASCII (``EQ:`` + serial for equipment, ``IT:`` + item code and lot for stock); anything else,
including non-ASCII characters and the separator, is percent-encoded. Text that is not a label
code (an item code typed by hand, a maker's barcode) reads as :attr:`ScanKind.PLAIN`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import quote, unquote

EQUIPMENT_PREFIX = "EQ:"
ITEM_PREFIX = "IT:"
_SAFE = "-_.~/+#()[]"


class ScanKind(StrEnum):
    """What a scanned text names."""

    EQUIPMENT = "equipment"
    ITEM = "item"
    PLAIN = "plain"


@dataclass(frozen=True)
class ScanCode:
    """A scanned text read back: a serial, or an item code with an optional lot."""

    kind: ScanKind
    serial: str = ""
    item_code: str = ""
    lot: str = ""
    text: str = ""


def _part(value: str) -> str:
    return quote(value.strip(), safe=_SAFE)


def equipment_code(serial: str) -> str:
    """The label text of a piece of equipment: ``EQ:SN-001``."""
    return EQUIPMENT_PREFIX + _part(serial)


def item_code(code: str, lot: str = "") -> str:
    """The label text of an item and lot: ``IT:WZ001:L2026-01`` (``IT:WZ001`` without a lot)."""
    text = ITEM_PREFIX + _part(code)
    return f"{text}:{_part(lot)}" if lot.strip() else text


def parse_scan(text: str) -> ScanCode:
    """Read what a scanner typed (surrounding spaces and a trailing Enter ignored).

    Prefixes are matched case-insensitively, since a scanner may type with Caps Lock on.
    """
    raw = text.strip()
    head = raw[:3].upper()
    if head == EQUIPMENT_PREFIX and len(raw) > 3:
        return ScanCode(ScanKind.EQUIPMENT, serial=unquote(raw[3:]), text=raw)
    if head == ITEM_PREFIX and len(raw) > 3:
        code, _, lot = raw[3:].partition(":")
        return ScanCode(ScanKind.ITEM, item_code=unquote(code), lot=unquote(lot), text=raw)
    return ScanCode(ScanKind.PLAIN, text=raw)
