"""Reading printed reports back: their text (pypdf), page count and embedded fonts (pdffonts)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

TODAY = date(2026, 11, 25)
ID_NUMBER = "11010519491231002X"


def pdf_text(data: bytes) -> str:
    """Every page's text, pages joined by form feeds (pypdf)."""
    return "\f".join(page.extract_text() or "" for page in PdfReader(BytesIO(data)).pages)


def pdf_pages(data: bytes) -> int:
    """How many pages the PDF has."""
    return len(PdfReader(BytesIO(data)).pages)


def pdffonts(path: Path) -> str:
    """``pdffonts`` output for a PDF file (poppler-utils)."""
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) not installed")
    return subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout


def q(value: int | str) -> Decimal:
    """A decimal from a literal."""
    return Decimal(str(value))


def layout_rows(data: bytes) -> list[list[str]]:
    """Each printed line as its words, as ``pdftotext -layout`` sees them (table rows read
    left to right)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return [line.split() for line in done.stdout.decode().splitlines() if line.strip()]


def row(data: bytes | list[list[str]], *words: str) -> list[str]:
    """The first printed line holding every one of ``words``."""
    rows = layout_rows(data) if isinstance(data, bytes) else data
    for line in rows:
        if all(w in line for w in words):
            return line
    raise AssertionError(f"no line with {words}: {rows}")


def flat(text: str) -> str:
    """``text`` without any whitespace, so words wrapped inside a cell read as one."""
    return "".join(text.split())
