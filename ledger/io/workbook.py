"""Opening a workbook offices send, whatever it really is, and streaming its rows.

Refuses clearly what is not an .xlsx (an old .xls, a WPS .et, a CSV, a Word file), a workbook
protected by a password, and a damaged file. Reads formulas' cached values (``data_only``) in
read-only mode so that 100,000 rows stream in seconds, and fills merged cells: header merges
in every direction, merges further down only downwards (one value for several rows).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from openpyxl import load_workbook

from ledger.io import fast_read, sheet_scan
from ledger.io.sheet_scan import Extent, SheetTooLarge

#: Rows looked at for titles and headers; merges starting here are filled in every direction.
HEADER_ZONE = 10
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_READ_LIMIT = 64 * 1024 * 1024


class WorkbookProblem(Exception):
    """Why a file cannot be read as a workbook at all; ``reason`` is shown to the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_OLD_FORMAT = (
    "这是旧版 Excel 97-2003（.xls）或 WPS（.et）格式，请在 Excel 或 WPS 中"
    "“另存为”Excel 工作簿（.xlsx）后再导入"
)


def sniff(path: Path) -> None:
    """Refuse a file that is missing, empty, encrypted, or not an .xlsx at all.

    Raises:
        WorkbookProblem: what the file is instead, and what to do.
    """
    if not path.exists():
        raise WorkbookProblem("文件不存在")
    if path.is_dir():
        raise WorkbookProblem("这是一个文件夹，不是 Excel 文件")
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
            if head == _OLE_MAGIC:
                body = head + handle.read(_READ_LIMIT)
                if _ENCRYPTED in body:
                    raise WorkbookProblem(
                        "工作簿设置了打开密码，无法读取；请在 Excel 或 WPS 中取消密码"
                        "（文件→信息→保护工作簿→用密码进行加密，清空密码）后再导入"
                    )
                raise WorkbookProblem(_OLD_FORMAT)
    except OSError as error:
        raise WorkbookProblem(f"无法打开文件：{error.strerror or error}") from error
    if not head:
        raise WorkbookProblem("文件是空的（0 字节）")
    if not head.startswith(b"PK"):
        what = "PDF 文件" if head.startswith(b"%PDF") else "文本或其他格式的文件（如 CSV）"
        raise WorkbookProblem(f"这不是 Excel 工作簿（.xlsx），而是{what}；请另存为 .xlsx 后再导入")


class OpenWorkbook:
    """A workbook opened read-only with cached formula values; use as a context manager.

    calamine reads it when it can (:mod:`ledger.io.fast_read`), openpyxl otherwise: a sheet
    gives the same rows either way.
    """

    def __init__(self, path: Path, *, fast: bool = True) -> None:
        """Open ``path``; with ``fast`` false, always through openpyxl.

        Raises:
            WorkbookProblem: the file is not a readable .xlsx.
        """
        sniff(path)
        self._path = path
        self._extents = survey(path)
        self._fast = fast_read.open_fast(path, self._extents) if fast else None
        self._handle: IO[bytes] | None = None
        self._book: Any = None
        if self._fast is None:
            self._open_slow()

    def _open_slow(self) -> Any:
        """The workbook opened by openpyxl (once).

        Raises:
            WorkbookProblem: the file is damaged or not a workbook.
        """
        if self._book is not None:
            return self._book
        self._handle = self._path.open("rb")
        try:
            self._book = load_workbook(self._handle, read_only=True, data_only=True)
        except zipfile.BadZipFile as error:
            self._handle.close()
            damaged = [f"工作表“{t}”{e}" for t, e in self._extents.items() if isinstance(e, str)]
            raise WorkbookProblem(
                "；".join(damaged) or "文件已损坏（压缩包不完整），无法读取"
            ) from error
        except Exception as error:  # openpyxl raises anything on a malformed package
            self._handle.close()
            raise WorkbookProblem(f"不是有效的 Excel 工作簿或文件已损坏（{error}）") from error
        return self._book

    def __enter__(self) -> OpenWorkbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the file."""
        if self._fast is not None:
            self._fast.close()
        if self._book is not None:
            self._book.close()
        if self._handle is not None:
            self._handle.close()

    @property
    def titles(self) -> list[str]:
        """Sheet names in workbook order."""
        if self._fast is not None:
            return list(self._fast.titles)
        return list(self._open_slow().sheetnames)

    def rows(self, title: str) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """Row number (from 1) and values of every row of a sheet, merged cells filled.

        Raises:
            WorkbookProblem: the sheet's XML is damaged.
        """
        extent = self._extents.get(title)
        if not isinstance(extent, Extent):
            raise WorkbookProblem(f"工作表“{title}”{extent or '无法读取，文件可能已损坏'}")
        merges = extent.merges
        fast = self._fast.sheet(title) if self._fast is not None else None
        if fast is not None:
            source = fast
        else:
            book = self._open_slow()
            if title not in book.sheetnames:  # calamine named it; openpyxl does not know it
                raise WorkbookProblem(f"工作表“{title}”无法读取，文件可能已损坏")
            sheet = book[title]
            sheet.reset_dimensions()  # some writers record a wrong size; read to the real end
            source = sheet.iter_rows(values_only=True)
        header_fill: dict[tuple[int, int], tuple[int, int]] = {}
        down: dict[int, list[tuple[int, int]]] = {}
        for min_col, min_row, max_col, max_row in merges:
            if min_row <= HEADER_ZONE:
                for r in range(min_row, max_row + 1):
                    for c in range(min_col, max_col + 1):
                        header_fill[(r, c)] = (min_row, min_col)
            elif max_row > min_row:
                down.setdefault(min_row, []).append((min_col, max_row))
        yield from _fill(source, header_fill, down)


def _fill(
    source: Iterator[tuple[Any, ...]],
    header_fill: dict[tuple[int, int], tuple[int, int]],
    down: dict[int, list[tuple[int, int]]],
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    seen: dict[tuple[int, int], Any] = {}
    active: dict[int, tuple[int, Any]] = {}
    width = max((c for _, c in header_fill), default=0)
    try:
        for number, values in enumerate(source, start=1):
            row = list(values)
            if number <= HEADER_ZONE:
                row.extend([None] * (width - len(row)))
                for c, value in enumerate(row, start=1):
                    seen[(number, c)] = value
                for (r, c), origin in header_fill.items():
                    if r == number and c <= len(row) and origin != (r, c):
                        row[c - 1] = seen.get(origin)
            for col, (until, value) in list(active.items()):
                if number > until:
                    del active[col]
                elif col <= len(row) and row[col - 1] is None:
                    row[col - 1] = value
            for col, until in down.get(number, ()):
                if col <= len(row):
                    active[col] = (until, row[col - 1])
            yield number, tuple(row)
    except WorkbookProblem:
        raise
    except Exception as error:  # a damaged sheet part fails inside the XML parser
        raise WorkbookProblem(f"工作表内容已损坏，无法读取（{error}）") from error


def survey(path: Path) -> dict[str, Extent | str]:
    """Each sheet's real extent, or why it is not read (:func:`sheet_scan.survey`).

    Raises:
        WorkbookProblem: the shared strings are damaged or unpack beyond the size cap.
    """
    try:
        return sheet_scan.survey(path)
    except SheetTooLarge as problem:
        raise WorkbookProblem(problem.reason) from problem
