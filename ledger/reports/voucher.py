"""Vouchers (单据): 入库单, 出库单, 调拨单, 归还单, 报损单 and 盘点表, each with its lines, totals,
单价/金额 with 金额大写 where prices exist, and blank signature lines (领用人 on issues, 交货人 and
验收人 on receipts, 审批人, 经办人, 保管员) with the names typed in the form printed beside them.

A voucher prints once per 联 asked (存根, 仓库, 领用单位 …), each copy naming its 联, on A4, half
an A4 (二等分) or a 241 mm 三等分 continuous form (:class:`ledger.reports.layout.Paper`)."""

from __future__ import annotations

from decimal import Decimal

from ledger.core.enums import DocType
from ledger.core.rmb import rmb_upper
from ledger.reports.fmt import amounts, day, money, qty
from ledger.reports.layout import Orientation, Paper, Report, ReportMeta
from ledger.reports.tables import Align, Column, RowKind
from ledger.services.reporting import totals
from ledger.services.stock import DocumentView, LineView

R, C = Align.RIGHT, Align.CENTER
ZERO = Decimal(0)
_COUNTERPARTY = {
    DocType.RECEIPT: "供货/捐赠单位",
    DocType.ISSUE: "领用单位",
    DocType.RETURN: "归还单位",
    DocType.WRITE_OFF: "报损事由",
    DocType.TRANSFER: "经手单位",
}
_SCOPE = {"full": "全面盘点", "partial": "部分盘点"}
#: The 联 of a voucher, in the order they are usually bound.
COPIES = ("存根", "仓库", "领用单位")
_ORDINALS = "一二三四五六七八九"


def voucher_title(view: DocumentView) -> str:
    """``入库单``, or ``入库单（红冲）`` for a reversal."""
    return view.row.doc_type.label + ("（红冲）" if view.row.is_reversal else "")


def voucher_report(
    view: DocumentView,
    meta: ReportMeta,
    *,
    paper: Paper = Paper.A4,
    copies: tuple[str, ...] = (),
) -> Report:
    """The voucher of one posted document: one page per 联 in ``copies`` (one without)."""
    report = Report(meta, orientation=Orientation.PORTRAIT, paper=paper)
    small = paper is not Paper.A4
    for number, copy in enumerate(copies or ("",)):
        if number:
            report.page_break()
        fields = _header_fields(view)
        if small and view.row.note:
            fields.append(("备注", view.row.note))
        if copy:
            ordinal = _ORDINALS[number] if number < len(_ORDINALS) else str(number + 1)
            fields.append(("联次", f"第{ordinal}联　{copy}"))
        report.fields(fields, per_row=3 if small else 2)
        if view.row.doc_type is DocType.STOCKTAKE:
            _stocktake_lines(report, view)
        else:
            _lines(report, view)
        maker = view.posted_by_name or view.posted_by
        if small:  # one row at the foot of the form: signatures, then who made it
            people = [*signatories(view), ("制单", maker)]
            report.signatures(people, per_row=len(people), height_mm=7)
            continue
        if view.row.note:
            report.text(f"备注：{view.row.note}")
        report.signatures(signatories(view))
        report.text(f"制单：{maker}")
    return report


def signatories(view: DocumentView) -> list[tuple[str, str]]:
    """Who signs a voucher, with the name typed in the form (blank: written by hand)."""
    row, kind = view.row, view.row.doc_type
    people = [("审批人", row.approver), ("经办人", row.handler), ("保管员", view.keeper)]
    if kind is DocType.ISSUE:
        return [("领用人", ""), *people]
    if kind is DocType.RECEIPT:
        return [("交货人", ""), ("验收人", ""), *people]
    if kind is DocType.TRANSFER:
        return [*people, ("接收人", "")]
    return people


def _header_fields(view: DocumentView) -> list[tuple[str, str]]:
    row = view.row
    pairs = [("单据编号", row.number), ("单据日期", day(row.doc_date))]
    if row.doc_type is DocType.TRANSFER:
        pairs += [("调出仓库", row.depot_name), ("调入仓库", row.dest_depot_name)]
    else:
        pairs.append(("仓库", f"{row.depot_name}（{view.depot_code}）"))
    if row.counterparty:
        pairs.append((_COUNTERPARTY.get(row.doc_type, "对方单位"), row.counterparty))
    if view.incident:
        pairs.append(("事件", view.incident))
    if view.source_number:
        pairs.append(("原出库单", view.source_number))
    if view.reverses_number:
        pairs.append(("红冲原单", view.reverses_number))
    if row.doc_type is DocType.STOCKTAKE:
        scope = view.scope
        label = _SCOPE.get(scope, "类别盘点" if scope.startswith("category:") else scope)
        pairs.append(("盘点范围", label))
    return pairs


def _lines(report: Report, view: DocumentView) -> None:
    doc_type, sign = view.row.doc_type, -1 if view.row.is_reversal else 1
    priced = any(line.unit_price is not None for line in view.lines)
    last = {DocType.WRITE_OFF: "报损原因"}.get(doc_type, "序列号/说明")
    columns = [
        Column("序号", 10, R),
        Column("物资编码", 19),
        Column("物资名称", 26, grow=True),
        Column("规格型号", 22),
        Column("批次", 24),
        Column("有效期至", 19, C),
        Column("数量", 20, R),
    ]
    if priced:
        columns += [Column("单价（元）", 19, R), Column("金额（元）", 21, R)]
    else:
        columns.append(Column(last, 40))
    rows, money_total = [], ZERO
    for line in view.lines:
        row = [
            str(line.line_no),
            line.item_code,
            line.item_name,
            line.spec,
            line.lot,
            day(line.expiry),
            _signed(sign * line.quantity, line.unit),
        ]
        if priced:
            value = line.unit_price * line.quantity if line.unit_price is not None else None
            money_total += value or ZERO
            row += [money(line.unit_price), money(sign * value) if value is not None else ""]
        else:
            row.append(_remark(line, doc_type))
        rows.append(row)
    total = amounts(totals([(ln.unit, sign * ln.quantity) for ln in view.lines]))
    footer = [f"合计：{len(view.lines)} 行"] + [""] * (len(columns) - 1)
    footer[6] = total
    if priced:
        footer[8] = money(sign * money_total)
    kinds = [RowKind.NORMAL] * len(rows) + [RowKind.TOTAL]
    report.table(columns, [*rows, footer], kinds, label_span=6)
    if priced:
        total_money = sign * money_total
        report.text(f"金额合计（大写）：{rmb_upper(total_money)}　（小写）：¥{money(total_money)}")


def _signed(value: Decimal, unit: str) -> str:
    return ("-" if value < 0 else "") + qty(abs(value), unit)


def _remark(line: LineView, doc_type: DocType) -> str:
    if doc_type is DocType.WRITE_OFF:
        return line.reason
    parts = []
    if line.serials:
        parts.append(line.serials.replace(",", "、"))
    if line.override_reason and line.override_reason != "红冲":
        parts.append(f"过期放行：{line.override_reason}")
    return "；".join(parts)


def _stocktake_lines(report: Report, view: DocumentView) -> None:
    sign = -1 if view.row.is_reversal else 1
    columns = [
        Column("序号", 10, R),
        Column("物资编码", 19),
        Column("物资名称", 24, grow=True),
        Column("规格型号", 20),
        Column("批次", 22),
        Column("账面数量", 20, R),
        Column("实盘数量", 20, R),
        Column("盘盈", 16, R),
        Column("盘亏", 16, R),
        Column("原因", 13, C),
    ]
    rows, gains, losses = [], [], []
    for line in view.lines:
        book, counted = line.book_quantity or ZERO, line.counted_quantity or ZERO
        diff = counted - book
        gains.append((line.unit, sign * diff if diff > 0 else ZERO))
        losses.append((line.unit, sign * -diff if diff < 0 else ZERO))
        rows.append(
            [
                str(line.line_no),
                line.item_code,
                line.item_name,
                line.spec,
                line.lot,
                qty(book, line.unit),
                qty(counted, line.unit),
                _signed(sign * diff, line.unit) if diff > 0 else "",
                _signed(sign * -diff, line.unit) if diff < 0 else "",
                line.reason,
            ]
        )
    footer = [f"合计：{len(view.lines)} 行"] + [""] * (len(columns) - 1)
    footer[7] = amounts(a for a in totals(gains) if a.quantity)
    footer[8] = amounts(a for a in totals(losses) if a.quantity)
    kinds = [RowKind.NORMAL] * len(rows) + [RowKind.TOTAL]
    report.table(columns, [*rows, footer], kinds, label_span=7)
