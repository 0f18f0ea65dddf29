"""Importing a workbook (导入): validate the whole file, then write all of it or nothing.

The file is read and normalised outside any transaction; checks against the database and the
writes then run in one transaction, which writes nothing while any error remains.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from ledger.core.actor import SYSTEM, Actor
from ledger.core.enums import Level
from ledger.core.errors import LedgerError
from ledger.io.reader import Known, Parsed, RowError, read_workbook
from ledger.io.schema import SHEETS_BY_KIND
from ledger.services import accounts, imports, norms
from ledger.services.database import Database
from ledger.services.imports import Problem, Summary
from ledger.services.org import place_under

NUMBER_HINT = (
    "（这个编码在表中是数字格式，开头的 0 可能已被 Excel 去掉；请把该列设为文本后重新输入）"
)
#: Called with (done, total, what is being done); may raise to stop the work.
Progress = Callable[[int, int, str], None]
#: Sheet names as the interface spells them, for problems the services raise.
_KIND_OF_SHEET = {s.name: s for s in SHEETS_BY_KIND.values()}


@dataclass(frozen=True)
class ImportResult:
    """The errors of a workbook (nothing was written when there are any) or what was done."""

    errors: tuple[RowError, ...]
    summary: Summary | None = None
    #: What the user should know though it is no error (sheets not imported).
    notices: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the workbook was valid (and, unless only validated, imported)."""
        return not self.errors


def known(session: Session) -> Known:
    """What the database holds that reading a workbook needs to know."""
    profiles = set(norms.load_all()[0])
    return Known(imports.known_codes(session), imports.known_units(session), profiles)


def import_parsed(
    session: Session,
    actor: Actor,
    parsed: Parsed,
    *,
    on: date | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Check a read workbook against the database and, when it has no error, write it.

    Runs in the caller's transaction; writes nothing when it returns errors. ``progress`` is
    called with (done, total, what) as opening stock is posted; it may raise to stop.

    Raises:
        LedgerError: a posting was refused while writing; roll the transaction back.
    """
    if not accounts.role_may(actor, accounts.Action.IMPORT):
        reason = f"用户“{actor.name}”无权导入数据"
        return ImportResult((RowError("", None, "", "", reason),))
    problems = imports.check(session, parsed.batch, on)
    errors = list(parsed.errors) + _row_errors(problems, parsed)
    if errors:
        return ImportResult(tuple(_ordered(errors)))
    if dry_run:
        return ImportResult(())
    report = None
    if progress is not None:
        step = progress

        def report(done: int, total: int) -> None:
            step(done, total, f"正在写入期初库存：{done:,}/{total:,} 行")

    return ImportResult((), imports.apply(session, actor, parsed.batch, on, report))


def validate_workbook(session: Session, path: Path) -> ImportResult:
    """Every error of the workbook at ``path``, checked against what ``session`` sees; writes
    nothing (a read-only session is enough)."""
    parsed = read_workbook(Path(path), known(session))
    result = import_parsed(session, SYSTEM, parsed, dry_run=True)
    return replace(result, notices=tuple(parsed.notices))


def import_workbook(
    db: Database,
    actor: Actor,
    path: Path,
    *,
    on: date | None = None,
    progress: Progress | None = None,
    under: tuple[str, Level] | None = None,
) -> ImportResult:
    """Validate the workbook at ``path`` and import it in one transaction, or return its errors.

    Unlike the rest of io and services, this takes the database, not a session: an import is
    one write transaction, but it deliberately does not run the whole action in it. What the
    ledger holds is read first in a read-only session, then the file is read and normalised
    with no transaction open (a 100,000-row workbook takes seconds, and a write transaction
    holds SQLite's write lock from its ``BEGIN IMMEDIATE``: every other writer would wait that
    long), and only then are the checks against the database and the writes run in one
    transaction, all or nothing. A refusal raised while writing becomes a row error after
    that transaction rolled back, so callers get an :class:`ImportResult` either way. Callers
    that hold a session use :func:`known`, :func:`~ledger.io.reader.read_workbook` and
    :func:`import_parsed` (which runs in the caller's transaction) instead.

    ``under`` (a unit's code and level) places the workbook's units that name no parent below
    that unit (:func:`ledger.services.org.region_codes.place_under`).

    Opening stock is posted dated ``on`` (default today). ``progress`` is called with (done,
    total, what) while reading and writing; an exception it raises (a cancel) propagates after
    the transaction was rolled back, so nothing is written.
    """
    with db.read() as session:
        info = known(session)
    parsed = read_workbook(Path(path), info, progress)
    if under is not None:
        parsed = dataclasses.replace(parsed, batch=place_under(parsed.batch, *under))
    if progress is not None:
        progress(0, 0, "正在检查工作簿……")
    try:
        with db.transaction(actor) as session:
            result = import_parsed(session, actor, parsed, on=on, progress=progress)
    except LedgerError as error:
        return ImportResult((RowError("", None, "", "", f"导入被拒绝，未写入任何数据：{error}"),))
    return replace(result, notices=tuple(parsed.notices))


def _row_errors(problems: list[Problem], parsed: Parsed) -> list[RowError]:
    """Service problems as row errors; a reference to a row that had errors is not repeated."""
    errors = []
    for problem in problems:
        sheet = parsed.sheets.get(problem.ref.sheet)
        column = _column(sheet, problem.field) if sheet else problem.field
        if sheet and _refers_to_broken(sheet, problem, parsed.broken):
            continue
        reason = problem.reason
        if (problem.ref.sheet, problem.ref.row, problem.field) in parsed.numeric:
            reason += NUMBER_HINT
        errors.append(RowError(problem.ref.sheet, problem.ref.row, column, problem.value, reason))
    return errors


def _column(sheet: object, field: str) -> str:
    for column in sheet.columns:  # type: ignore[attr-defined]
        if column.field == field:
            return str(column.header)
    return field


def _refers_to_broken(sheet: object, problem: Problem, broken: dict[str, set[str]]) -> bool:
    for column in sheet.columns:  # type: ignore[attr-defined]
        if column.field == problem.field and column.refers:
            kinds = ("units", "teams", "depots") if column.refers == "holders" else (column.refers,)
            return any(problem.value in broken.get(k, set()) for k in kinds)
    return False


def _ordered(errors: list[RowError]) -> list[RowError]:
    order = {name: i for i, name in enumerate(_KIND_OF_SHEET)}
    return sorted(errors, key=lambda e: (order.get(e.sheet, -1), e.sheet, e.row or 0))
