"""Importing (导入), the database side: check a whole batch of records, then write it.

:func:`check` returns every problem of the batch as data (duplicates inside the file, codes
that refer to nothing, conflicts with what the database holds) and writes nothing.
:func:`apply` upserts org units, teams, members, items, posts, depots and equipment, and posts
the opening stock as receipts (in bulk); run it only on a batch :func:`check` found no problem in,
inside the caller's one transaction. Applying the same batch twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.services.imports import rights as import_rights
from ledger.services.imports import upserts as import_upserts
from ledger.services.imports.index import Index
from ledger.services.imports.records import Batch, Problem, Ref, Summary, UnitRecord
from ledger.services.stock import opening as opening_stock

R = TypeVar("R")

__all__ = ["apply", "check", "known_codes", "known_units"]


def known_codes(session: Session) -> dict[str, set[str]]:
    """Codes the database holds per kind: units, teams, items, depots and equipment serials."""
    return Index.load(session).codes()


def known_units(session: Session) -> set[str]:
    """Units of measure (计量单位) the catalogue already uses."""
    from ledger.models import Item

    return set(session.scalars(select(Item.unit).distinct()))


def check(session: Session, batch: Batch, on: date | None = None) -> list[Problem]:
    """Every problem of ``batch`` against itself and the database, in sheet and row order.

    Opening stock is checked as posted on ``on`` (today): closed periods and later stocktakes.
    """
    idx = Index.load(session)
    problems = [*_duplicates(batch), *_tree(batch, idx), *_references(batch, idx)]
    problems += _conflicts(session, batch, idx)
    problems += opening_stock.check(session, batch, idx, on)
    return sorted(problems, key=lambda p: (p.ref, p.field))


def apply(
    session: Session,
    actor: Actor,
    batch: Batch,
    on: date | None = None,
    report: Callable[[int, int], None] | None = None,
) -> Summary:
    """Write ``batch`` (checked beforehand) and post its opening stock dated ``on`` (today).

    ``report`` is called with (opening-stock lines written, lines in all) as they are posted;
    it may raise to stop, and the caller's rollback then leaves nothing behind.

    Raises:
        PermissionDenied: a row lies outside the actor's units (see import_rights).
        LedgerError: a posting was refused; the caller's transaction must be rolled back.
    """
    idx = Index.load(session)
    import_rights.require_import(session, actor, batch, idx)
    summary = Summary()
    import_upserts.write_all(session, batch, idx, summary)
    opening_stock.post(session, actor, batch, idx, on or date.today(), summary, report)
    return summary


def _first_seen(
    records: Iterable[R], key: Callable[[R], Any], field: str, what: str
) -> list[Problem]:
    seen: dict[Any, Ref] = {}
    problems = []
    for record in records:
        k = key(record)
        ref: Ref = record.ref  # type: ignore[attr-defined]
        if k in seen:
            value = str(getattr(record, field))
            reason = f"{what}与第{seen[k].row}行重复"
            problems.append(Problem(ref, field, value, reason))
        else:
            seen[k] = ref
    return problems


def _duplicates(batch: Batch) -> list[Problem]:
    return [
        *_first_seen(batch.units, lambda r: r.code, "code", "区划代码"),
        *_first_seen(batch.teams, lambda r: r.code, "code", "队伍编号"),
        *_first_seen(batch.items, lambda r: r.code, "code", "物资编码"),
        *_first_seen(batch.depots, lambda r: r.code, "code", "仓库编号"),
        *_first_seen(batch.equipment, lambda r: r.serial, "serial", "序列号"),
        *_first_seen(batch.incidents, lambda r: r.code, "code", "事件编号"),
        *_first_seen(batch.certificates, lambda r: r.key, "name", "同一队员的同名同编号证书"),
        *_first_seen(batch.posts, lambda r: r.key, "name", "同一单位同一岗位的此人"),
        *_first_seen(batch.stock, lambda r: r.key, "item_code", "同一仓库、物资和批次的期初库存"),
        *_first_seen(
            batch.per_capita, lambda r: r.item_code, "item_code", "同一物资的人均储备定额"
        ),
        *_first_seen(
            [m for m in batch.members if m.id_number],
            lambda r: r.key,
            "id_number",
            "同一队伍中的身份证号",
        ),
        *_first_seen(
            [m for m in batch.members if not m.id_number],
            lambda r: r.key,
            "name",
            "同一队伍中没有身份证号的同名队员",
        ),
    ]


def _tree(batch: Batch, idx: Index) -> list[Problem]:
    """Parents exist, rank above their children, and the file makes no cycle."""
    in_file = {u.code: u for u in batch.units}
    problems = []
    for unit in batch.units:
        if not unit.parent_code:
            continue
        if unit.parent_code == unit.code:
            problems.append(Problem(unit.ref, "parent_code", unit.parent_code, "上级不能是自己"))
            continue
        parent_level = (
            in_file[unit.parent_code].level
            if unit.parent_code in in_file
            else idx.unit_level(unit.parent_code)
        )
        if parent_level is None:
            reason = "找不到这个上级区划代码（本文件和数据库中都没有）"
            problems.append(Problem(unit.ref, "parent_code", unit.parent_code, reason))
        elif parent_level.rank >= unit.level.rank:
            reason = f"上级的级别（{parent_level.label}）应高于本级（{unit.level.label}）"
            problems.append(Problem(unit.ref, "parent_code", unit.parent_code, reason))
        elif _cycles(unit, in_file):
            reason = "上级关系形成了循环"
            problems.append(Problem(unit.ref, "parent_code", unit.parent_code, reason))
    return problems


def _cycles(unit: UnitRecord, in_file: dict[str, UnitRecord]) -> bool:
    seen = {unit.code}
    code = unit.parent_code
    while code in in_file:
        if code in seen:
            return True
        seen.add(code)
        code = in_file[code].parent_code
    return False


def _references(batch: Batch, idx: Index) -> list[Problem]:
    units = {u.code for u in batch.units} | idx.units.keys()
    teams = {t.code for t in batch.teams} | idx.teams.keys()
    items = {i.code for i in batch.items} | idx.items.keys()
    depots = {d.code for d in batch.depots} | idx.depots.keys()
    checks: list[tuple[Iterable[Any], str, set[str] | Any, str]] = [
        (batch.teams, "unit_code", units, "组织机构"),
        (batch.members, "team_code", teams, "队伍"),
        (batch.posts, "unit_code", units, "组织机构"),
        (batch.depots, "unit_code", units, "组织机构"),
        (batch.stock, "depot_code", depots, "仓库"),
        (batch.stock, "item_code", items, "物资目录"),
        (batch.equipment, "item_code", items, "物资目录"),
        (batch.incidents, "unit_code", units, "组织机构"),
        (batch.certificates, "team_code", teams, "队伍"),
        (batch.per_capita, "item_code", items, "物资目录"),
    ]
    problems = []
    for records, field, known, sheet in checks:
        for record in records:
            value = getattr(record, field)
            if value not in known:
                reason = f"找不到这个编码：“{sheet}”表和数据库中都没有"
                problems.append(Problem(record.ref, field, value, reason))
    problems += _certificate_holders(batch, idx, teams)
    for eq in batch.equipment:
        holders = (("单位", units), ("队伍", teams), ("仓库", depots))
        kinds = [kind for kind, known in holders if eq.holder_code in known]
        if not kinds:
            reason = "找不到这个配备单位：应为区划代码、队伍编号或仓库编号"
            problems.append(Problem(eq.ref, "holder_code", eq.holder_code, reason))
        elif len(kinds) > 1:
            reason = f"这个编码同时是{'和'.join(kinds)}的编码，无法确定配备给谁"
            problems.append(Problem(eq.ref, "holder_code", eq.holder_code, reason))
    return problems


def _certificate_holders(batch: Batch, idx: Index, teams: set[str]) -> list[Problem]:
    """Each certificate names exactly one member of its team (in the file or the database)."""
    problems = []
    for cert in batch.certificates:
        if cert.team_code not in teams:
            continue
        in_file = {
            m.id_number or m.name
            for m in batch.members
            if m.team_code == cert.team_code and m.name == cert.member_name
        }
        in_db = {m.id_number or m.name for m in idx.members_named(cert.team_code, cert.member_name)}
        found = in_file | in_db
        if not found:
            reason = "这个队伍中没有这名队员：“队员”表和数据库中都没有"
            problems.append(Problem(cert.ref, "member_name", cert.member_name, reason))
        elif len(found) > 1:
            reason = "这个队伍中有不止一名同名队员，无法确定证书属于谁"
            problems.append(Problem(cert.ref, "member_name", cert.member_name, reason))
    return problems


def _conflicts(session: Session, batch: Batch, idx: Index) -> list[Problem]:
    """Codes the database already gives to something else (another name, item or person)."""
    problems = []
    for kind, records in (
        ("units", batch.units),
        ("teams", batch.teams),
        ("items", batch.items),
        ("depots", batch.depots),
        ("incidents", batch.incidents),
    ):
        for record in records:
            name = idx.name_of(kind, record.code)
            if name is not None and name != record.name:
                reason = (
                    f"数据库中这个编码已属于“{name}”；同一编码的名称必须一致（改名请在程序中进行）"
                )
                problems.append(Problem(record.ref, "code", record.code, reason))
    problems += import_upserts.conflicts(session, batch, idx)
    return problems
