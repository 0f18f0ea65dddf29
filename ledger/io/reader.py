"""Reading the import workbook into records, collecting every cell and row error on the way.

Sheets are found by name, headers by text in any order (titles and group headers above them
are skipped), the template's hint row and blank rows are skipped. Codes typed as numbers get
their lost leading zeros back where the length is known (12-digit 区划代码, or the length
every other code of that kind has) or by matching the one known code they can only be.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ledger.core import geo
from ledger.core.text import control_problem, visible
from ledger.io import cells
from ledger.io.schema import SHEETS, Column, Kind, Sheet
from ledger.io.workbook import HEADER_ZONE, OpenWorkbook, WorkbookProblem
from ledger.services.imports import Batch, Ref

REGION_LENGTH = 12
#: Rows between two progress reports.
PROGRESS_ROWS = 5000
#: Distinct values per column whose reading is remembered.
CACHE_LIMIT = 100_000
_OWN_CODE = {"units": "code", "teams": "code", "items": "code", "depots": "code"}
_OWN_CODE["equipment"] = "serial"


@dataclass(frozen=True)
class RowError:
    """One error for the user: sheet, row (as Excel numbers it), column, value and reason."""

    sheet: str
    row: int | None
    column: str
    value: str
    reason: str

    def __post_init__(self) -> None:
        # an enormous cell is never echoed whole: 100 MB of one value in the error list
        object.__setattr__(self, "value", cut(self.value, MAX_SHOWN))
        object.__setattr__(self, "reason", cut(self.reason, MAX_REASON))
        object.__setattr__(self, "sheet", cut(self.sheet, MAX_SHOWN))
        object.__setattr__(self, "column", cut(self.column, MAX_SHOWN))


#: Characters of a value (a sheet name, a header) shown in an error; the rest is cut.
MAX_SHOWN = 100
#: Characters of a reason shown in an error.
MAX_REASON = 600


def cut(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, saying how long it was."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}…（共 {len(text):,} 个字符）"


@dataclass
class Known:
    """What the database already holds: codes per kind, and the units of measure in use."""

    codes: dict[str, set[str]] = field(default_factory=dict)
    measures: set[str] = field(default_factory=set)
    #: Installed norm profile ids; ``None`` accepts any.
    profiles: set[str] | None = None


@dataclass
class _Row:
    ref: Ref
    values: dict[str, Any]
    numeric: set[str]
    cells: dict[str, Any]


@dataclass
class Parsed:
    """Records of the rows without errors, the errors, and codes of rows that had errors."""

    batch: Batch
    errors: list[RowError]
    broken: dict[str, set[str]]
    #: The workbook's sheet titles and the sheets they were read as.
    sheets: dict[str, Sheet] = field(default_factory=dict)
    #: Cells (sheet, row, field) of codes that were typed as numbers.
    numeric: set[tuple[str, int, str]] = field(default_factory=set)
    #: What the user should know though it is no error (sheets not imported).
    notices: list[str] = field(default_factory=list)


def read_workbook(
    path: Path,
    known: Known,
    progress: Callable[[int, int, str], None] | None = None,
    *,
    fast: bool = True,
) -> Parsed:
    """Read and normalise every sheet of the workbook at ``path``; never raises for its content.

    ``progress`` is called with (row, 0, what) every few thousand rows; it may raise to stop.
    With ``fast`` false the file is read by openpyxl only (the same result, slower).
    """
    errors: list[RowError] = []
    rows: dict[str, list[_Row]] = {}
    present: dict[str, frozenset[str]] = {}
    try:
        with OpenWorkbook(Path(path), fast=fast) as book:
            titles = _match_sheets(book.titles, errors)
            if not titles:
                names = "、".join(s.name for s in SHEETS)
                errors.append(
                    RowError("", None, "", "", f"工作簿中没有可导入的工作表（应为：{names}）")
                )
            notices = _unknown_sheets(book.titles, titles)
            for sheet, title in titles.items():
                try:
                    found = _read_sheet(book, sheet, title, known, errors, progress)
                except WorkbookProblem as problem:
                    errors.append(RowError(title, None, "", "", problem.reason))
                    continue
                if found is not None:
                    rows[sheet.kind], present[sheet.kind] = found
    except WorkbookProblem as problem:
        errors.append(RowError("", None, "", str(path), problem.reason))
        return Parsed(Batch(), errors, {})
    _resolve_codes(rows, known)
    parsed = _records(rows, present, errors)
    parsed.sheets = {title: sheet for sheet, title in titles.items()}
    parsed.notices = notices
    parsed.numeric = {
        (r.ref.sheet, r.ref.row, f)
        for sheet_rows in rows.values()
        for r in sheet_rows
        for f in r.numeric
    }
    return parsed


def _unknown_sheets(titles: list[str], matched: dict[Sheet, str]) -> list[str]:
    """A notice naming the sheets not imported because their name is not a template sheet's."""
    used = set(matched.values())
    others = [cut(t, MAX_SHOWN) for t in titles if t not in used and not _is_aside(t)]
    if not others:
        return []
    names = "、".join(f"“{t}”" for t in others[:20]) + ("等" if len(others) > 20 else "")
    return [f"工作表{names}不是模板中的工作表，未导入；如应导入，请改为模板中的表名"]


def _is_aside(title: str) -> bool:
    """The template's own notes sheet (填写说明 and the like), which is never imported."""
    return cells.fold(title) in _ASIDES


_ASIDES = frozenset({"填写说明", "_选项"})


def _match_sheets(titles: list[str], errors: list[RowError]) -> dict[Sheet, str]:
    found: dict[Sheet, str] = {}
    for title in titles:
        folded = cells.fold(title).removesuffix("表")
        for sheet in SHEETS:
            if folded in (sheet.name, *sheet.aliases):
                if sheet in found:
                    reason = f"与工作表“{found[sheet]}”重复，都是“{sheet.name}”；请合并为一个"
                    errors.append(RowError(title, None, "", "", reason))
                else:
                    found[sheet] = title
    return found


def _header_names(column: Column) -> set[str]:
    return {cells.fold(n) for n in (column.header, *column.aliases)}


def _find_header(sheet: Sheet, top: list[tuple[int, tuple[Any, ...]]]) -> tuple[int, list[str]]:
    """The header row among the first rows, and each column's header (blanks from above)."""
    names = set().union(*(_header_names(c) for c in sheet.columns))
    best, best_row, best_headers = 0, 0, []
    above: list[str] = []
    for number, row in top:
        values = tuple(row) + (None,) * (len(above) - len(row))
        headers = [
            cells.fold(v).strip("*")
            if not cells.is_blank(v)
            else (above[i] if i < len(above) else "")
            for i, v in enumerate(values)
        ]
        score = sum(1 for h in headers if h in names)
        if score > best:
            best, best_row, best_headers = score, number, headers
        above = headers
    return best_row, best_headers


def _read_sheet(
    book: OpenWorkbook,
    sheet: Sheet,
    title: str,
    known: Known,
    errors: list[RowError],
    progress: Callable[[int, int, str], None] | None = None,
) -> tuple[list[_Row], frozenset[str]] | None:
    stream = book.rows(title)
    top = []
    for number, values in stream:
        top.append((number, values))
        if number >= HEADER_ZONE:
            break
    header_row, headers = _find_header(sheet, top)
    if not header_row:
        errors.append(
            RowError(
                title, 1, "", "", "找不到表头：第1行应为列名，如“" + sheet.columns[0].header + "”"
            )
        )
        return None
    positions: dict[str, int] = {}
    for column in sheet.columns:
        names = _header_names(column)
        hits = [i for i, h in enumerate(headers) if h in names]
        if len(hits) > 1:
            reason = "这一列出现了不止一次，请只保留一列"
            errors.append(RowError(title, header_row, column.header, "", reason))
        elif hits:
            positions[column.field] = hits[0]
        elif column.required:
            errors.append(RowError(title, header_row, column.header, "", "缺少必填列"))
    if any(c.required and c.field not in positions for c in sheet.columns):
        return None
    parsed: list[_Row] = []
    body = [(n, v) for n, v in top if n > header_row]
    plan = [
        (c, positions[c.field], _CellReader(c, known))
        for c in sheet.columns
        if c.field in positions
    ]
    for number, values in _chain(body, stream):
        row = _read_row(sheet, title, number, values, plan, errors)
        if row is not None:
            parsed.append(row)
        if progress is not None and number % PROGRESS_ROWS == 0:
            progress(number, 0, f"正在读取“{title}”：第 {number:,} 行")
    return parsed, frozenset(positions)


def _chain(first: list[tuple[int, tuple[Any, ...]]], rest: Any) -> Any:
    yield from first
    yield from rest


class _CellReader:
    """Reads the cells of one column, each distinct value once: codes, lots, dates and
    quantities repeat down a sheet, so most cells of a large sheet are a dictionary hit."""

    def __init__(self, column: Column, known: Known) -> None:
        self.column, self.known = column, known
        self.seen: dict[tuple[type, Any], tuple[Any, bool, str | None]] = {}

    def __call__(self, value: Any) -> tuple[Any, bool]:
        """The parsed value and whether it was a code typed as a number.

        Raises:
            cells.CellProblem: the cell cannot be read.
        """
        key = (value.__class__, value)  # 1, 1.0 and True are equal but read differently
        found = self.seen.get(key)
        if found is None:
            try:
                found = (*_parse(self.column, value, self.known), None)
            except cells.CellProblem as problem:
                found = (None, False, problem.reason)
            if len(self.seen) < CACHE_LIMIT:
                self.seen[key] = found
        if found[2] is not None:
            raise cells.CellProblem(found[2])
        return found[0], found[1]


def _read_row(
    sheet: Sheet,
    title: str,
    number: int,
    values: tuple[Any, ...],
    plan: list[tuple[Column, int, _CellReader]],
    errors: list[RowError],
) -> _Row | None:
    width = len(values)
    raw = {c.field: values[i] if i < width else None for c, i, _ in plan}
    blank = [cells.is_blank(v) for v in raw.values()]  # in plan order, as raw was built
    if all(blank):
        return None
    if number <= HEADER_ZONE + 1 and _is_hint_row(sheet, raw):
        return None
    row = _Row(Ref(title, number), {}, set(), raw)
    count = len(errors)
    for (column, _index, read), empty in zip(plan, blank, strict=True):
        if empty:
            if column.required:
                errors.append(RowError(title, number, column.header, "", "必填项为空"))
            continue
        value = raw[column.field]
        try:
            row.values[column.field], numeric = read(value)
        except cells.CellProblem as problem:
            text = cells.display(value)
            shown = visible(text, len(text))  # control characters shown; RowError cuts it
            errors.append(RowError(title, number, column.header, shown, problem.reason))
            continue
        if numeric:
            row.numeric.add(column.field)
    _row_checks(sheet, row, errors)
    if len(errors) > count:
        row.values = {}
    return row


def _is_hint_row(sheet: Sheet, raw: dict[str, Any]) -> bool:
    filled = [f for f, v in raw.items() if not cells.is_blank(v)]
    hints = sum(1 for f in filled if cells.fold(raw[f]) == cells.fold(sheet.column(f).hint))
    return hints * 2 >= len(filled) and hints > 0


def _parse(column: Column, value: Any, known: Known) -> tuple[Any, bool]:
    """A cell's value as its column reads it, and whether it was a code typed as a number."""
    cells.check_not_error(value)
    if isinstance(value, str) and (problem := control_problem(value)):
        raise cells.CellProblem(problem)
    kind = column.kind
    if kind in (Kind.CODE, Kind.REGION):
        code, numeric = cells.parse_code(value, column.header)
        if len(code) > column.max_length:
            raise cells.CellProblem(f"不能超过{column.max_length}个字符")
        return code, numeric
    if kind is Kind.TEXT:
        text = cells.clean_text(value)
        if len(text) > column.max_length:
            raise cells.CellProblem(f"不能超过{column.max_length}个字")
        return text, False
    return _PARSERS[kind](value, column, known), False


#: The largest whole number a column takes (months of shelf life, days between maintenances).
_INT_LIMITS = {"shelf_life_months": 1200, "maintenance_interval_days": 36500}
_INT_LIMIT = 10**10
_LIMITS = {
    Kind.QUANTITY: Decimal(10) ** 12,
    Kind.PRICE: Decimal(10) ** 10,
    Kind.AREA: Decimal(10) ** 9,
}

_PARSERS: dict[Kind, Callable[[Any, Column, Known], Any]] = {
    Kind.INT: lambda v, c, k: cells.parse_int(v, _INT_LIMITS.get(c.field, _INT_LIMIT)),
    Kind.DATE: lambda v, c, k: cells.parse_date(v),
    Kind.FLAGS: lambda v, c, k: cells.parse_flags(v),
    Kind.BOOL: lambda v, c, k: cells.parse_bool(v),
    Kind.ID_NUMBER: lambda v, c, k: cells.parse_id_number(v),
    Kind.PHONE: lambda v, c, k: cells.parse_phone(v),
    Kind.QUANTITY: lambda v, c, k: cells.parse_decimal(v, 3, "数量", _LIMITS[Kind.QUANTITY]),
    Kind.PRICE: lambda v, c, k: cells.parse_decimal(v, 4, "单价", _LIMITS[Kind.PRICE]),
    Kind.AREA: lambda v, c, k: cells.parse_decimal(v, 3, "面积", _LIMITS[Kind.AREA]),
    Kind.MEASURE: lambda v, c, k: cells.parse_measure(v, k.measures),
    Kind.PROFILE: lambda v, c, k: cells.parse_profile(v, k.profiles),
    Kind.DEGREES: lambda v, c, k: cells.parse_degrees(v, c.field),
    Kind.ENUM: lambda v, c, k: cells.parse_enum(v, c.enum),  # type: ignore[arg-type]
}


def _row_checks(sheet: Sheet, row: _Row, errors: list[RowError]) -> None:
    if sheet.kind == "per_capita" and row.values:
        _amount_checks(sheet, row, errors)
    if sheet.kind in ("units", "depots"):
        half = geo.missing_half(row.values.get("latitude"), row.values.get("longitude"))
        if half is not None:
            column = sheet.column("latitude" if half[0] == geo.LATITUDE else "longitude")
            errors.append(RowError(row.ref.sheet, row.ref.row, column.header, "", half[1]))
    pairs = {
        "members": ("joined_on", "left_on"),
        "posts": ("since", "until"),
        "incidents": ("started_on", "ended_on"),
    }
    if sheet.kind in pairs:
        start, end = (row.values.get(f) for f in pairs[sheet.kind])
        if start and end and end < start:
            column = sheet.column(pairs[sheet.kind][1])
            reason = f"不能早于{sheet.column(pairs[sheet.kind][0]).header}（{start.isoformat()}）"
            errors.append(
                RowError(row.ref.sheet, row.ref.row, column.header, end.isoformat(), reason)
            )


def _amount_checks(sheet: Sheet, row: _Row, errors: list[RowError]) -> None:
    """A per-person row gives at least one amount, and each amount given is above zero."""
    amounts = [(f, row.values.get(f)) for f in ("per_person", "per_person_day")]
    if all(value is None for _, value in amounts):
        column = sheet.column("per_person")
        reason = "每人数量与每人每天数量至少填一个"
        errors.append(RowError(row.ref.sheet, row.ref.row, column.header, "", reason))
    for field_name, value in amounts:
        if value is not None and value <= 0:
            column = sheet.column(field_name)
            errors.append(
                RowError(row.ref.sheet, row.ref.row, column.header, str(value), "须大于零")
            )


def _resolve_codes(rows: dict[str, list[_Row]], known: Known) -> None:
    """Give codes typed as numbers back the leading zeros Excel took from them."""
    defined: dict[str, set[str]] = {k: set(known.codes.get(k, set())) for k in _OWN_CODE}
    for kind, own in _OWN_CODE.items():
        sheet_rows = rows.get(kind, [])
        texts = {r.values[own] for r in sheet_rows if own in r.values and own not in r.numeric}
        lengths = {len(c) for c in texts | known.codes.get(kind, set())}
        for row in sheet_rows:
            code = row.values.get(own)
            if code is not None and own in row.numeric:
                if kind == "units" and len(code) in (REGION_LENGTH - 2, REGION_LENGTH - 1):
                    row.values[own] = code.zfill(REGION_LENGTH)
                elif len(lengths) == 1 and len(code) < (length := next(iter(lengths))):
                    row.values[own] = code.zfill(length)
            if own in row.values:
                defined[kind].add(row.values[own])
    defined["holders"] = defined["units"] | defined["teams"] | defined["depots"]
    for kind, sheet_rows in rows.items():
        sheet = next(s for s in SHEETS if s.kind == kind)
        for column in sheet.columns:
            if column.refers:
                for row in sheet_rows:
                    if column.field in row.numeric and column.field in row.values:
                        row.values[column.field] = _match(
                            row.values[column.field], defined[column.refers], column
                        )


def _match(code: str, candidates: set[str], column: Column) -> str:
    if column.kind is Kind.REGION and len(code) in (REGION_LENGTH - 2, REGION_LENGTH - 1):
        code = code.zfill(REGION_LENGTH)
    if code in candidates:
        return code
    same = [c for c in candidates if c.lstrip("0") == code.lstrip("0") and c.isdigit()]
    return same[0] if len(same) == 1 else code


def _records(
    rows: dict[str, list[_Row]], present: dict[str, frozenset[str]], errors: list[RowError]
) -> Parsed:
    lists: dict[str, tuple[Any, ...]] = {}
    broken: dict[str, set[str]] = {}
    for sheet in SHEETS:
        records = []
        own = _OWN_CODE.get(sheet.kind)
        for row in rows.get(sheet.kind, []):
            if row.values:
                records.append(sheet.record(**row.values, ref=row.ref))
            elif own:
                code = cells.fold(row.cells.get(own)) if row.cells.get(own) is not None else ""
                broken.setdefault(sheet.kind, set()).add(code)
        lists[sheet.kind] = tuple(records)
    return Parsed(Batch(**lists, present=present), errors, broken)
