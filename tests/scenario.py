"""Scenario helpers that speak the ledger's language, and small builders for test records.

A line of a scenario reads like a keeper's note::

    given(s, actor, "RK 2026-03-01 一号库 编织袋 1000袋 批次L1 有效期2027-03-01 对方某供应商")
    given(s, actor, "CK 2026-03-02 一号库 编织袋 100袋 批次L1；铁锹 5把 事件城关镇洪涝")
    given(s, actor, "DB 2026-03-03 一号库→二号库 编织袋 10袋 批次L1")
    given(s, actor, "BS 2026-03-04 一号库 编织袋 5袋 批次L1 原因损坏 审批人张三")
    given(s, actor, "GH 2026-03-05 一号库 编织袋 5袋 批次L1 原单CK-2026-00001")
    given(s, actor, "PD 2026-03-06 一号库 全面 编织袋 990袋 批次L1 审批人张三；铁锹 未盘按零")

The first words are the document type (RK 入库, CK 出库, DB 调拨, GH 归还, BS 报损, PD 盘点), its
date and its depot (``甲→乙`` for a transfer). Then come lines separated by ``；``: an item name, a
quantity with its unit, and tagged words (批次, 有效期, 原因, 放行理由, 单价, 未盘按零, 未盘保留).
Header words may stand on any line: 对方, 事件, 审批人, 经办人, 原单, 全面, 部分, 类别.
Depots and items named for the first time are created (codes equal to their names).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import Category, CounterpartyKind, DocType, IncidentKind, Level, Reason
from ledger.models import Balance, Counterparty, Depot, Incident, Item, Movement, OrgUnit
from ledger.services.stock import DocumentInput, LineInput, Posted, post_document
from ledger.services.stock.stocktake import Count, StocktakeInput, Uncounted, post_stocktake

PREFIXES = {t.prefix: t for t in DocType}
_QTY = re.compile(r"^(-?[0-9][0-9.,]*)(\D*)$")
_HEADER_TAGS = ("对方", "事件", "审批人", "经办人", "原单", "类别")
_LINE_TAGS = ("批次", "有效期", "原因", "放行理由", "单价")


# --- builders ---------------------------------------------------------------------------


def unit(session: Session, name: str = "城关镇", level: Level = Level.TOWN, **kw: Any) -> OrgUnit:
    """The org unit called ``name``, created when missing."""
    found = session.scalar(select(OrgUnit).where(OrgUnit.name == name))
    if found is None:
        found = OrgUnit(code=kw.pop("code", f"U{uuid.uuid4().hex[:10]}"), name=name, level=level)
        for key, value in kw.items():
            setattr(found, key, value)
        session.add(found)
        session.flush()
    return found


def depot(session: Session, name: str, home: OrgUnit | None = None, **kw: Any) -> Depot:
    """The depot whose code is ``name``, created (in ``home`` or 城关镇) when missing."""
    found = session.scalar(select(Depot).where(Depot.code == name))
    if found is None:
        home = home or unit(session)
        found = Depot(code=name, name=name, unit_id=home.id, **kw)
        session.add(found)
        session.flush()
    return found


def item(
    session: Session,
    name: str,
    measure: str = "个",
    category: Category = Category.FLOOD,
    **kw: Any,
) -> Item:
    """The item whose code is ``name``, created when missing."""
    found = session.scalar(select(Item).where(Item.code == name))
    if found is None:
        found = Item(code=name, name=name, unit=measure, category=category, **kw)
        session.add(found)
        session.flush()
    return found


def counterparty(
    session: Session, name: str, kind: CounterpartyKind = CounterpartyKind.SUPPLIER
) -> Counterparty:
    """The registered counterparty called ``name``, created when missing."""
    found = session.scalar(select(Counterparty).where(Counterparty.name == name))
    if found is None:
        found = Counterparty(name=name, kind=kind)
        session.add(found)
        session.flush()
    return found


def incident(
    session: Session,
    name: str,
    kind: IncidentKind = IncidentKind.FLOOD,
    started_on: date = date(2026, 1, 1),
) -> Incident:
    """The incident called ``name``, created in 城关镇 when missing."""
    found = session.scalar(select(Incident).where(Incident.name == name))
    if found is None:
        found = Incident(unit_id=unit(session).id, kind=kind, name=name, started_on=started_on)
        session.add(found)
        session.flush()
    return found


# --- reading the ledger -----------------------------------------------------------------


def on_hand(session: Session, depot_code: str, item_code: str, lot: str = "") -> Decimal:
    """The cached balance of a depot, item and lot (zero when there is no row)."""
    quantity = session.scalar(
        select(Balance.quantity)
        .join(Depot, Depot.id == Balance.depot_id)
        .join(Item, Item.id == Balance.item_id)
        .where(Depot.code == depot_code, Item.code == item_code, Balance.lot == lot)
    )
    return quantity if quantity is not None else Decimal(0)


def stock_on(session: Session, depot_code: str, item_code: str, lot: str, day: date) -> Decimal:
    """The closing balance at the end of ``day``, summed from the movements."""
    total = session.scalar(
        select(func.coalesce(func.sum(Movement.quantity), 0))
        .join(Depot, Depot.id == Movement.depot_id)
        .join(Item, Item.id == Movement.item_id)
        .where(
            Depot.code == depot_code,
            Item.code == item_code,
            Movement.lot == lot,
            Movement.occurred_on <= day,
        )
    )
    return Decimal(total or 0)


# --- scenarios --------------------------------------------------------------------------


@dataclass
class _Line:
    item: str = ""
    quantity: str = ""
    unit: str = ""
    tags: dict[str, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)


@dataclass
class _Parsed:
    doc_type: DocType
    day: date
    depot: str
    dest: str | None
    lines: list[_Line]
    header: dict[str, str]
    flags: set[str]


def parse(text: str) -> _Parsed:
    """Split a scenario line into its header and its lines."""
    head, *_ = text.split(maxsplit=3)
    words = text.split(maxsplit=3)
    if len(words) < 3 or head not in PREFIXES:
        raise ValueError(f"场景格式不对：{text}")
    _, day, place = words[:3]
    rest = words[3] if len(words) > 3 else ""
    source, _, dest = place.partition("→")
    header: dict[str, str] = {}
    flags: set[str] = set()
    lines = []
    for segment in re.split(r"[；;]", rest):
        line = _Line()
        for word in segment.split():
            _read_word(word, line, header, flags)
        if line.item or line.quantity or line.tags:
            lines.append(line)
    return _Parsed(
        PREFIXES[head], date.fromisoformat(day), source, dest or None, lines, header, flags
    )


def _read_word(word: str, line: _Line, header: dict[str, str], flags: set[str]) -> None:
    if word in ("全面", "部分"):
        flags.add(word)
        return
    if word in ("未盘按零", "未盘保留"):
        line.flags.add(word)
        return
    for tag in _HEADER_TAGS:
        if word.startswith(tag):
            header[tag] = word.removeprefix(tag)
            return
    for tag in _LINE_TAGS:
        if word.startswith(tag):
            value = word.removeprefix(tag)
            line.tags[tag] = "" if (tag == "批次" and value == "无") else value
            return
    match = _QTY.match(word)
    if match and not line.quantity:
        line.quantity, line.unit = match.groups()
    elif not line.item:
        line.item = word
    else:
        raise ValueError(f"看不懂“{word}”")


def given(session: Session, actor: Actor, text: str, **extra: Any) -> Posted:
    """Post the document ``text`` describes (creating its depots and items) and return it.

    ``extra`` overrides fields of the input (``incident_id=…``, ``note=…``).
    """
    parsed = parse(text)
    depot(session, parsed.depot)
    if parsed.dest:
        depot(session, parsed.dest)
    for line in parsed.lines:
        if line.item:
            item(session, line.item, line.unit or "个")
    if parsed.doc_type is DocType.STOCKTAKE:
        return post_stocktake(session, actor, _stocktake_input(parsed, **extra))
    return post_document(session, actor, _document_input(session, parsed, **extra))


def _document_input(session: Session, parsed: _Parsed, **extra: Any) -> DocumentInput:
    header = parsed.header
    incident_id = incident(session, header["事件"]).id if "事件" in header else None
    lines = [
        LineInput(
            item=line.item,
            quantity=line.quantity,
            lot=line.tags.get("批次", ""),
            expiry=_day(line.tags.get("有效期")),
            unit_price=Decimal(line.tags["单价"]) if "单价" in line.tags else None,
            reason=Reason.from_label(line.tags["原因"]) if "原因" in line.tags else None,
            override_reason=line.tags.get("放行理由", ""),
        )
        for line in parsed.lines
    ]
    fields: dict[str, Any] = {
        "doc_type": parsed.doc_type,
        "depot": parsed.depot,
        "doc_date": parsed.day,
        "lines": lines,
        "dest_depot": parsed.dest,
        "approver": header.get("审批人", ""),
        "handler": header.get("经办人", ""),
        "counterparty": header.get("对方", ""),
        "incident_id": incident_id,
        "source_document": header.get("原单"),
    }
    fields.update(extra)
    return DocumentInput(**fields)


def _stocktake_input(parsed: _Parsed, **extra: Any) -> StocktakeInput:
    counts = []
    uncounted: dict[tuple[str, str], Uncounted] = {}
    for line in parsed.lines:
        lot = line.tags.get("批次", "")
        if "未盘按零" in line.flags:
            uncounted[(line.item, lot)] = Uncounted.ZERO
        elif "未盘保留" in line.flags:
            uncounted[(line.item, lot)] = Uncounted.KEEP
        else:
            reason = Reason.from_label(line.tags["原因"]) if "原因" in line.tags else None
            expiry = _day(line.tags.get("有效期"))
            counts.append(Count(line.item, line.quantity, lot, expiry, reason))
    category = parsed.header.get("类别")
    fields: dict[str, Any] = {
        "depot": parsed.depot,
        "doc_date": parsed.day,
        "counts": counts,
        "full": "部分" not in parsed.flags,
        "category": Category.from_label(category) if category else None,
        "uncounted": uncounted,
        "approver": parsed.header.get("审批人", ""),
    }
    fields.update(extra)
    return StocktakeInput(**fields)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
