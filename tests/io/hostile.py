"""Workbooks written by hand (zip + XML) as no spreadsheet program would: hostile and damaged."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

Cell = tuple[str, Any]

_XML = '<?xml version="1.0" encoding="UTF-8"?>'
_PKG = "http://schemas.openxmlformats.org/package/2006"
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_OFFICE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
CT = (
    f'{_XML}<Types xmlns="{_PKG}/content-types">'
    f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'  # noqa: E501
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_OFFICE}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_OFFICE}.worksheet+xml"/>'
    "</Types>"
)
RELS = (
    f'{_XML}<Relationships xmlns="{_PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{_DOC}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
BOOK = (
    f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_DOC}"><sheets>'
    '<sheet name="期初库存" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
BOOK_RELS = (
    f'{_XML}<Relationships xmlns="{_PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{_DOC}/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)


def cell(ref: str, v: Any) -> str:
    """One cell: inline text or a number."""
    if isinstance(v, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>'
    return f'<c r="{ref}"><v>{v}</v></c>'


def sheet_xml(
    rows: list[tuple[int, list[Cell]]],
    dimension: str | None = None,
    merge: str | None = None,
    extra: str = "",
) -> str:
    """A worksheet part: rows of (ref, value) cells, a recorded size and a merge if given."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    body = "".join(
        f'<row r="{r}">' + "".join(cell(ref, v) for ref, v in cells) + "</row>" for r, cells in rows
    )
    mc = f'<mergeCells count="1"><mergeCell ref="{merge}"/></mergeCells>' if merge else ""
    return (
        f'{_XML}<worksheet xmlns="{_MAIN}">'
        f"{dim}<sheetData>{body}{extra}</sheetData>{mc}</worksheet>"
    )


def write(path: Path, sheet: str, title: str = "期初库存") -> Path:
    """A workbook of one sheet (the part ``sheet``) named ``title``."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", BOOK.replace("期初库存", title))
        z.writestr("xl/_rels/workbook.xml.rels", BOOK_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return path
