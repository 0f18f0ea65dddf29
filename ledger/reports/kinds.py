"""Every report by kind: what a request names, and one function that renders it to PDF bytes.

The command line (``ledger report KIND``) and the GUI's 报表 page both go through
:func:`render`, so they print the same thing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import Category
from ledger.core.errors import InvalidValue, MissingField, UnknownRecord
from ledger.models import Depot, Document, Incident, OrgUnit
from ledger.reports.fmt import span
from ledger.services import closing, common, reporting
from ledger.services.reporting import GroupBy, Scope
from ledger.services.stock import document_view

if TYPE_CHECKING:  # the layout (reportlab) is imported when a report is made, not at start-up
    from ledger.reports.layout import ReportMeta


class Kind(StrEnum):
    """The reports ``ledger report KIND`` writes."""

    INVENTORY = "inventory"
    STOCK_CARD = "stock-card"
    VOUCHER = "voucher"
    ROSTER = "roster"
    EQUIPMENT = "equipment"
    INCIDENT = "incident"
    SUMMARY = "summary"
    SHORTFALLS = "shortfalls"
    LABELS = "labels"
    ANNUAL = "annual"
    COUNT_SHEET = "count-sheet"

    @property
    def label(self) -> str:
        """The report's Chinese name."""
        return LABELS[self]


LABELS = {
    Kind.INVENTORY: "应急物资库存清单",
    Kind.STOCK_CARD: "物资卡片（台账）",
    Kind.VOUCHER: "单据打印",
    Kind.ROSTER: "救援队伍花名册",
    Kind.EQUIPMENT: "装备及保养清单",
    Kind.INCIDENT: "事件物资消耗台账",
    Kind.SUMMARY: "收发存汇总表",
    Kind.SHORTFALLS: "短板问题清单",
    Kind.LABELS: "二维码标签",
    Kind.ANNUAL: "年度应急资源报表",
    Kind.COUNT_SHEET: "盘点底稿",
}


@dataclass(frozen=True)
class ReportRequest:
    """What to report on; which fields matter depends on the kind."""

    kind: Kind
    unit: str | None = None
    depot: str | None = None
    start: date | None = None
    end: date | None = None
    document: str | None = None
    item: str | None = None
    lot: str | None = None
    incident: str | None = None
    category: Category | None = None
    group_by: GroupBy = GroupBy.DEPOT
    year: int | None = None
    mask: bool = False
    labels: str = "equipment"
    #: Vouchers: the sheet ("a4", "half" 二等分, "241" 三等分 continuous form) and the 联 to print.
    paper: str = "a4"
    copies: tuple[str, ...] = ()


def render(
    session: Session,
    actor: Actor,
    request: ReportRequest,
    *,
    today: date | None = None,
    now: datetime | None = None,
) -> bytes:
    """Query what ``request`` names and return its PDF.

    Raises:
        UnknownRecord: a unit, depot, item, document or incident that does not exist.
        MissingField: the kind needs a field the request leaves out.
        FontNotFound: no Chinese font to embed.
    """
    today = today or date.today()
    printed_at = now or datetime.now().astimezone()
    return _build(session, actor, request, today, printed_at).build()


def voucher_pdf(
    session: Session,
    actor: Actor,
    document_id: uuid.UUID,
    *,
    now: datetime | None = None,
    paper: str = "a4",
    copies: tuple[str, ...] = (),
) -> tuple[str, bytes]:
    """The voucher of one document by id (the one just posted): its title and PDF.

    Raises:
        UnknownRecord: no such document.
    """
    from ledger.reports import voucher
    from ledger.reports.layout import Paper, ReportMeta

    view = document_view(session, document_id)
    title = voucher.voucher_title(view)
    meta = ReportMeta(
        title,
        view.unit_name,
        f"No. {view.row.number}",
        actor.name,
        now or datetime.now().astimezone(),
        closing.fingerprint(session),
    )
    report = voucher.voucher_report(view, meta, paper=Paper(paper), copies=copies)
    return f"{title} {view.row.number}", report.build()


def stock_card_pdf(
    session: Session,
    actor: Actor,
    depot_id: uuid.UUID,
    item_id: uuid.UUID,
    *,
    lot: str | None = None,
    start: date | None = None,
    end: date | None = None,
    today: date | None = None,
) -> tuple[str, bytes]:
    """The stock card of an item in a depot as a card dialog shows it: its title and PDF.

    Raises:
        UnknownRecord: no such depot or item.
    """
    from ledger.reports import stock
    from ledger.reports.layout import ReportMeta

    end = end or today or date.today()
    start = start or date(end.year, 1, 1)
    card = reporting.card(session, depot_id, item_id, start, end, lot)
    meta = ReportMeta("物资卡片", card.unit_name, span(start, end), actor.name)
    return "物资卡片", stock.stock_card_report(card, meta).build()


class Buildable(Protocol):
    """A laid-out report: a :class:`Report` or a label sheet."""

    def build(self) -> bytes:
        """The PDF."""
        ...


def _build(
    session: Session, actor: Actor, request: ReportRequest, today: date, printed_at: datetime
) -> Buildable:
    from ledger.reports import annual, labels, records, shortfalls, stock, voucher
    from ledger.reports.layout import Paper, ReportMeta

    kind = request.kind
    scope = _scope(session, request)

    def meta(title: str, unit: str, period: str, signed: bool = False) -> ReportMeta:
        mark = closing.fingerprint(session) if signed else ""
        return ReportMeta(title, unit, period, actor.name, printed_at, mark)

    if kind is Kind.INVENTORY:
        inv = reporting.inventory(session, scope, request.group_by, request.end)
        period = f"截至 {(request.end or today).isoformat()}"
        return stock.inventory_report(
            inv, meta(stock.inventory_title(inv), inv.unit_name, period), today
        )
    if kind is Kind.COUNT_SHEET:
        if not request.depot:
            raise MissingField(where="盘点底稿", field="仓库（--depot）")
        inv = reporting.inventory(session, scope, GroupBy.DEPOT)
        period = f"截至 {today.isoformat()}"
        return stock.count_sheet_report(inv, meta("盘点底稿", inv.unit_name, period))
    if kind is Kind.STOCK_CARD:
        start, end = _year_so_far(request, today)
        if not request.depot or not request.item:
            raise MissingField(where="物资卡片", field="仓库（--depot）和物资（--item）")
        card = reporting.card(session, request.depot, request.item, start, end, request.lot)
        return stock.stock_card_report(card, meta("物资卡片", card.unit_name, span(start, end)))
    if kind is Kind.VOUCHER:
        view = document_view(session, _document_id(session, request))
        title = voucher.voucher_title(view)
        return voucher.voucher_report(
            view,
            meta(title, view.unit_name, f"No. {view.row.number}", signed=True),
            paper=Paper(request.paper),
            copies=request.copies,
        )
    if kind is Kind.SUMMARY:
        start, end = _year_so_far(request, today)
        summary = reporting.period_summary(session, start, end, scope)
        return stock.summary_report(
            summary, meta("收发存汇总表", summary.unit_name, span(start, end), signed=True)
        )
    if kind is Kind.INCIDENT:
        incident_id = _incident_id(session, request.incident)
        accounts = reporting.incident_accounts(
            session, incident_id, scope.unit_id, request.start, request.end
        )
        name = reporting.scope_name(session, scope)
        return stock.incident_report(
            accounts, meta("事件物资消耗台账", name, span(request.start, request.end))
        )
    if kind is Kind.ROSTER:
        roster = reporting.roster(
            session, actor, scope.unit_id, request.end or today, mask=request.mask
        )
        period = f"截至 {roster.on.isoformat()}"
        return records.roster_report(roster, meta("应急救援队伍花名册", roster.unit_name, period))
    if kind is Kind.EQUIPMENT:
        data = reporting.equipment_report(
            session, scope.unit_id, request.end or today, request.start
        )
        period = f"截至 {data.on.isoformat()}"
        return records.equipment_list_report(data, meta("装备及保养清单", data.unit_name, period))
    if kind is Kind.LABELS:
        return labels.labels_report(session, request, scope, meta("二维码标签", "", ""))
    if kind is Kind.SHORTFALLS:
        return shortfalls.shortfall_report(session, actor, scope, request, today, printed_at)
    year = request.year or (today.year - 1 if today.month == 1 else today.year)
    return annual.annual_report(session, actor, scope, year, today, printed_at)


def _scope(session: Session, request: ReportRequest) -> Scope:
    unit_id = common.by_key(session, OrgUnit, request.unit).id if request.unit else None
    depot_id = common.by_key(session, Depot, request.depot).id if request.depot else None
    return Scope(unit_id, depot_id, request.category)


def _month_so_far(request: ReportRequest, today: date) -> tuple[date, date]:
    """The request's dates; by default this month up to today."""
    end = request.end or today
    start = request.start or date(end.year, end.month, 1)
    if start > end:
        raise InvalidValue(
            where="报表", field="起始日期", value=start.isoformat(), reason="晚于截止日期"
        )
    return start, end


def _year_so_far(request: ReportRequest, today: date) -> tuple[date, date]:
    """The request's dates; by default the year up to today (a card or 收发存 of this month
    alone is empty most of the year)."""
    end = request.end or today
    if request.start is None:
        request = replace(request, start=date(end.year, 1, 1))
    return _month_so_far(request, today)


def _document_id(session: Session, request: ReportRequest) -> uuid.UUID:
    if not request.document:
        raise MissingField(where="单据打印", field="单据编号（--document）")
    try:  # the GUI names a document by its id
        return common.document(session, uuid.UUID(request.document.strip())).id
    except ValueError:
        pass
    query = select(Document.id).where(common.number_is(request.document))
    if request.depot:
        query = query.where(Document.depot_id == common.by_key(session, Depot, request.depot).id)
    found = session.scalars(query).all()
    if not found:
        raise UnknownRecord(kind="单据", key=request.document)
    if len(found) > 1:
        raise InvalidValue(
            where="单据打印",
            field="单据编号",
            value=request.document,
            reason="多个仓库都有这个编号，请用 --depot 指定仓库",
        )
    return found[0]


def _incident_id(session: Session, name: str | None) -> uuid.UUID | None:
    if not name:
        return None
    found = session.scalar(select(Incident.id).where(Incident.name == name.strip()))
    if found is None:
        raise UnknownRecord(kind="事件", key=name)
    return found
