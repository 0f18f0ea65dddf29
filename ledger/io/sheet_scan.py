"""A sheet's real extent, read from its XML before any reader holds it: the recorded size lies.

A 20 KB workbook may hold one cell at XFD1048576 without a ``<dimension>``, record a false one,
or merge the whole sheet; a reader that trusts any of these allocates gigabytes. The sheet part
is streamed through expat (no entity declarations: an .xlsx never has them) counting where
its cells really are (a cell or row without ``r`` follows the one before it), and its merges,
with the uncompressed size capped; the workbook's parts are found from its own relationships.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree
from xml.parsers import expat

from openpyxl.utils.cell import column_index_from_string, get_column_letter, range_boundaries

#: Columns a sheet may use: the template's sheets have a dozen; a notes column or two beside.
MAX_COLUMNS = 256
#: Rows a sheet may have (Excel's own limit).
MAX_ROWS = 1_048_576
#: Uncompressed bytes of one sheet part, or of the shared strings, that are read at all.
MAX_PART_BYTES = 512 * 1024 * 1024
_CHUNK = 1 << 20
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
Merge = tuple[int, int, int, int]


class SheetTooLarge(Exception):
    """Why a sheet part is not read; ``reason`` names what (the caller names the sheet)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Extent:
    """Where a sheet's cells really are (rows and columns from A1), and what it holds."""

    rows: int = 0
    columns: int = 0
    #: Error or ISO-date cells (calamine reads them unlike openpyxl).
    unlike: bool = False
    #: Cells of the size the sheet records (``<dimension>``), which calamine trusts.
    recorded: int = 0
    #: Merged ranges (min_col, min_row, max_col, max_row), clipped to the cells' extent.
    merges: list[Merge] = field(default_factory=list)

    @property
    def cells(self) -> int:
        """The cells of the grid from A1 to the farthest cell."""
        return self.rows * self.columns


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet's title and the package part holding it (from the workbook's relationships)."""
    try:
        book = ElementTree.fromstring(_read_small(archive, "xl/workbook.xml"))
        rels = ElementTree.fromstring(_read_small(archive, "xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError, SheetTooLarge):
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels if r.tag.endswith("Relationship")}
    parts: dict[str, str] = {}
    for sheet in book.iter():
        if sheet.tag.rpartition("}")[2] != "sheet" or sheet.get("name") is None:
            continue
        target = targets.get(sheet.get(_REL))
        if target:
            name = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            parts[str(sheet.get("name"))] = posixpath.normpath(name)
    return parts


def _read_small(archive: zipfile.ZipFile, name: str, limit: int = 16 * 1024 * 1024) -> bytes:
    with archive.open(name) as part:
        data = part.read(limit + 1)
    if len(data) > limit:
        raise SheetTooLarge("工作簿结构部分过大")
    return data


def check_part_size(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse a part (the shared strings) that unpacks beyond :data:`MAX_PART_BYTES`.

    Raises:
        SheetTooLarge: it does.
    """
    total = 0
    with archive.open(name) as part:
        while chunk := part.read(_CHUNK):
            total += len(chunk)
            if total > MAX_PART_BYTES:
                raise SheetTooLarge("解压后超过 512 MB，可能是恶意构造的文件")


def scan(archive: zipfile.ZipFile, name: str) -> Extent:
    """The real extent of the sheet part ``name``, its merges and whether it has unlike cells.

    Raises:
        SheetTooLarge: it is beyond the template's size, or unpacks beyond the size cap.
        zipfile.BadZipFile, zlib.error, OSError, expat.ExpatError: the part is damaged.
    """
    extent = Extent()
    state = {"row": 0, "col": 0}
    raw_merges: list[Merge] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = tag.rpartition(":")[2]
        if local == "c":
            ref = attrs.get("r")
            col = _column_of(ref) if ref else state["col"] + 1
            row = _row_of(ref) if ref else 0
            if row:
                state["row"] = row
            state["col"] = col
            extent.rows = max(extent.rows, state["row"])
            extent.columns = max(extent.columns, col)
            if attrs.get("t") in ("e", "d"):
                extent.unlike = True
            _check(extent)
        elif local == "row":
            number = attrs.get("r")
            state["row"] = int(number) if number and number.isdigit() else state["row"] + 1
            state["col"] = 0
            if state["row"] > MAX_ROWS:
                raise SheetTooLarge(f"行号 {state['row']:,} 超出了 Excel 的最大行数")
        elif local == "dimension" and attrs.get("ref"):
            try:
                _, _, max_col, max_row = range_boundaries(attrs["ref"])
            except (ValueError, TypeError):
                extent.recorded = MAX_COLUMNS * MAX_ROWS  # unreadable: not for calamine
                return
            extent.recorded = (max_col or 1) * (max_row or 1)
        elif local == "mergeCell" and attrs.get("ref"):
            try:
                min_col, min_row, max_col, max_row = range_boundaries(attrs["ref"])
            except (ValueError, TypeError):
                return
            if min_col and min_row and max_col and max_row:
                raw_merges.append((min_col, min_row, max_col, max_row))

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.EntityDeclHandler = _no_entities
    total = 0
    with archive.open(name) as part:
        while chunk := part.read(_CHUNK):
            total += len(chunk)
            if total > MAX_PART_BYTES:
                raise SheetTooLarge("解压后超过 512 MB，可能是恶意构造的文件")
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    extent.merges = [
        (c0, r0, min(c1, extent.columns), min(r1, extent.rows))
        for c0, r0, c1, r1 in raw_merges
        if c0 <= extent.columns and r0 <= extent.rows
    ]
    return extent


def _no_entities(*_args: object) -> None:
    raise SheetTooLarge("含有实体声明（DTD），不是 Excel 写出的工作表")


def _column_of(ref: str) -> int:
    letters = ref.rstrip("0123456789").lstrip("$")
    try:
        return column_index_from_string(letters.upper()) if letters else 1
    except ValueError:
        raise SheetTooLarge(f"单元格位置“{ref[:20]}”无效") from None


def _row_of(ref: str) -> int:
    digits = ref[len(ref.rstrip("0123456789")) :]
    return int(digits) if digits else 0


def _check(extent: Extent) -> None:
    if extent.columns > MAX_COLUMNS:
        where = f"{get_column_letter(min(extent.columns, 18278))}{extent.rows}"
        raise SheetTooLarge(
            f"有内容的单元格远在 {where}（第 {extent.columns:,} 列），超出了模板的范围"
            f"（最多 {MAX_COLUMNS} 列）；请删除表格右侧多余的内容后再导入"
        )
    if extent.rows > MAX_ROWS:
        raise SheetTooLarge(f"行号 {extent.rows:,} 超出了 Excel 的最大行数")


def survey(path: Path) -> dict[str, Extent | str]:
    """Each sheet's real extent, or why it is not read (too large, damaged); empty when the
    package cannot be opened (openpyxl then words the refusal).

    Raises:
        SheetTooLarge: the shared strings unpack beyond the size cap.
    """
    found: dict[str, Extent | str] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            if "xl/sharedStrings.xml" in archive.namelist():
                _check_strings(archive)
            for title, part in sheet_parts(archive).items():
                found[title] = _scan_or_reason(archive, part)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError):
        return {}
    return found


def _check_strings(archive: zipfile.ZipFile) -> None:
    try:
        check_part_size(archive, "xl/sharedStrings.xml")
    except SheetTooLarge as problem:
        raise SheetTooLarge(f"工作簿的文字部分{problem.reason}") from problem
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as error:
        raise SheetTooLarge(
            "工作簿的文字部分已损坏，无法读取；请在 Excel 或 WPS 中打开后另存一份再导入"
        ) from error


def _scan_or_reason(archive: zipfile.ZipFile, part: str) -> Extent | str:
    try:
        return scan(archive, part)
    except SheetTooLarge as problem:
        return problem.reason
    except KeyError:
        return "在文件中缺失，文件可能已损坏"
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        EOFError,
        expat.ExpatError,
        ValueError,
        RuntimeError,
    ):
        return "内容已损坏，无法读取；请在 Excel 或 WPS 中打开后另存一份再导入"
