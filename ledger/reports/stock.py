"""Stock reports: inventory list (库存清单), stock card (物资卡片), period summary (收发存汇总表),
incident account (事件物资消耗台账) and the blank count sheet (盘点底稿).

Quantities of zero print as blanks (a clerk reads an empty cell as "nothing"); inventories
carry 单价/金额 where receipts gave prices and end in 编制人/审核人/负责人（盖章）."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from ledger.core.enums import DocType
from ledger.reports.charts import add_charts, inventory_stock, stock_chart
from ledger.reports.fmt import amounts, day, money, qty, span
from ledger.reports.layout import Report, ReportMeta
from ledger.reports.tables import Align, Column, RowKind
from ledger.services.reporting import (
    Amount,
    GroupBy,
    IncidentAccount,
    Inventory,
    InventoryLine,
    PeriodSummary,
    StockCard,
)
from ledger.services.stock import CardRow

R, C = Align.RIGHT, Align.CENTER
#: Up to this many measuring units' totals stand in the quantity column, one per line.
TOTALS_IN_COLUMN = 4
#: The signature block of lists an office files or sends up.
APPROVALS = ("编制人", "审核人", "负责人（盖章）")
ZERO = Decimal(0)


def blank_zero(value: Decimal | None, unit: str = "") -> str:
    """A quantity, or nothing when it is zero (收发存 and cards print zeros as blanks)."""
    return "" if value is None or value == 0 else qty(value, unit)


def approvals(report: Report, maker: str) -> None:
    """编制人 (who printed it), 审核人 and 负责人（盖章）: blank lines to sign and stamp."""
    report.signatures([(APPROVALS[0], maker), (APPROVALS[1], ""), (APPROVALS[2], "")])


_TITLES = {GroupBy.DEPOT: "按仓库", GroupBy.CATEGORY: "按类别", GroupBy.UNIT: "按单位"}


def inventory_report(inv: Inventory, meta: ReportMeta, today: date | None = None) -> Report:
    """The inventory list: a group heading per depot, category or unit, lots with their
    quantities, a subtotal per group and a total per measuring unit."""
    today = today or date.today()
    report = Report(meta)
    stock = inventory_stock([line for group in inv.groups for line in group.lines])
    if stock:
        add_charts(report, [replace(stock_chart(stock), wide=True)], height_mm=45)
    with_depot = inv.by is not GroupBy.DEPOT
    lines = [line for group in inv.groups for line in group.lines]
    priced = any(line.unit_price is not None for line in lines)
    columns = [
        Column("序号", 11, R),
        Column("物资编码", 19),
        Column("物资名称", 30, grow=True),
        Column("规格型号", 24, grow=True),
        *([Column("仓库", 24)] if with_depot else []),
        Column("批次", 24),
        Column("有效期至", 22, C),
        Column("数量", 24, R),
        *([Column("单价（元）", 20, R), Column("金额（元）", 25, R)] if priced else []),
    ]
    rows: list[list[str]] = []
    kinds: list[RowKind] = []
    number = 0
    quantities = len(columns) - (2 if priced else 0)  # the columns up to 数量
    for group in inv.groups:
        rows.append([group.title])
        kinds.append(RowKind.GROUP)
        for line in group.lines:
            number += 1
            row = _inventory_row(number, line, with_depot, today)
            if priced:
                row += [money(line.unit_price), money(_value(line))]
            rows.append(row)
            kinds.append(RowKind.NORMAL)
        label = f"小计：{group.items} 种物资，{len(group.lines)} 个批次"
        rows.append(_priced(_total_row(label, quantities, group.totals), priced, group.lines))
        kinds.append(RowKind.SUBTOTAL)
    total = _total_row(f"合计：{inv.items} 种物资，{inv.lots} 个批次", quantities, inv.totals)
    rows.append(_priced(total, priced, lines))
    kinds.append(RowKind.TOTAL)
    if not inv.groups:
        report.text("（没有库存）")
    report.table(columns, rows, kinds, label_span=quantities - 1)
    report.text("数量按计量单位分别合计，不同单位的数量不相加。有效期已过的批次标注“已过期”。")
    if priced:
        report.text("单价取该批次最近一次入库的单价；未填单价的批次不计金额。")
    approvals(report, meta.printed_by)
    return report


def _value(line: InventoryLine) -> Decimal | None:
    return line.unit_price * line.quantity if line.unit_price is not None else None


def _priced(
    row: list[str], priced: bool, lines: list[InventoryLine] | tuple[InventoryLine, ...]
) -> list[str]:
    """A total row with the money of its lines when the list has prices."""
    if not priced:
        return row
    return [*row, "", money(sum((_value(x) or ZERO for x in lines), ZERO))]


def inventory_title(inv: Inventory) -> str:
    """``库存清单（按仓库）``."""
    return f"应急物资库存清单（{_TITLES[inv.by]}）"


def _inventory_row(number: int, line: InventoryLine, with_depot: bool, today: date) -> list[str]:
    expiry = day(line.expiry)
    if line.expiry is not None and line.expiry < today:
        expiry += "\n已过期"  # two lines, neither broken
    return [
        str(number),
        line.item_code,
        line.item_name,
        line.spec,
        *([line.depot_name] if with_depot else []),
        line.lot,
        expiry,
        qty(line.quantity, line.unit),
    ]


def _total_row(label: str, width: int, totals: tuple[Amount, ...]) -> list[str]:
    """A subtotal or total: a few units' totals under the quantities, many after the label."""
    if len(totals) <= TOTALS_IN_COLUMN:
        return [label] + [""] * (width - 2) + [amounts(totals)]
    return [f"{label}；数量：{amounts(totals, '、')}"] + [""] * (width - 1)


def stock_card_report(card: StockCard, meta: ReportMeta) -> Report:
    """The stock card: item heading, opening balance, every movement with the balance after it,
    and the period's totals and closing balance."""
    report = Report(meta)
    report.fields(
        [
            ("仓库", f"{card.depot_name}（{card.depot_code}）"),
            ("物资", f"{card.item_name}（{card.item_code}）"),
            ("规格型号", card.spec or "—"),
            ("计量单位", card.unit),
            ("批次", card.lot if card.lot is not None else "全部批次"),
            ("期间", span(card.start, card.end) or "全部"),
        ]
    )
    unit = card.unit
    columns = [
        Column("日期", 21, C),
        Column("单据编号", 40),
        Column("摘要", 28, grow=True),
        Column("批次", 22),
        Column(f"收入（{unit}）", 22, R),
        Column(f"发出（{unit}）", 22, R),
        Column(f"结存（{unit}）", 24, R),
    ]
    rows = [[day(card.start), "", "期初结存", "", "", "", blank_zero(card.opening)]]
    kinds = [RowKind.SUBTOTAL]
    for r in card.rows:
        summary = _summary(r)
        if r.counterparty:
            summary += f"　{r.counterparty}"
        rows.append(
            [
                day(r.occurred_on),
                r.number,
                summary,
                r.lot,
                blank_zero(r.inflow),
                blank_zero(r.outflow),
                blank_zero(r.balance),
            ]
        )
        kinds.append(RowKind.NORMAL)
    rows.append(
        [
            day(card.end),
            "",
            f"本期合计（{len(card.rows)} 笔）",
            "",
            blank_zero(card.inflow),
            blank_zero(card.outflow),
            blank_zero(card.closing),
        ]
    )
    kinds.append(RowKind.TOTAL)
    report.table(columns, rows, kinds)
    report.signatures([("保管员", ""), ("复核人", "")])
    return report


def _summary(row: CardRow) -> str:
    """The 摘要 of a card line: document type, direction of a transfer, reversal mark."""
    text = row.doc_type.label
    if row.doc_type is DocType.TRANSFER:
        text = "调拨调入" if row.inflow else "调拨调出"
    return text + ("（红冲）" if row.is_reversal else "")


def summary_report(summary: PeriodSummary, meta: ReportMeta) -> Report:
    """The 收发存汇总表: per depot, each item's opening, receipts, issues and closing."""
    report = Report(meta)
    summary_table(report, summary)
    report.signatures([("制表", meta.printed_by), ("保管员", ""), ("审核", "")])
    return report


def summary_table(report: Report, summary: PeriodSummary) -> None:
    """The summary's table, a heading row per depot, and how its columns are made up."""
    columns = [
        Column("物资编码", 22),
        Column("物资名称", 32, grow=True),
        Column("规格型号", 26),
        Column("单位", 11, C),
        Column("期初结存", 22, R),
        Column("本期收入", 22, R),
        Column("本期发出", 22, R),
        Column("期末结存", 22, R),
    ]
    rows: list[list[str]] = []
    kinds: list[RowKind] = []
    depot = None
    for line in summary.lines:
        if line.depot_code != depot:
            depot = line.depot_code
            rows.append([f"{line.depot_name}（{line.depot_code}）"])
            kinds.append(RowKind.GROUP)
        rows.append(
            [
                line.item_code,
                line.item_name,
                line.spec,
                line.unit,
                blank_zero(line.opening),
                blank_zero(line.receipts),
                blank_zero(line.issues),
                blank_zero(line.closing),
            ]
        )
        kinds.append(RowKind.NORMAL)
    if not rows:
        report.text("（本期没有库存，也没有收发）")
        return
    report.table(columns, rows, kinds)
    report.text(
        "本期收入含入库、调入、归还、盘盈；本期发出含出库、调出、报损、盘亏；红冲按其方向计入。"
        "期末结存 = 期初结存 + 本期收入 − 本期发出，与物资卡片逐项一致。"
    )


def incident_report(accounts: list[IncidentAccount], meta: ReportMeta) -> Report:
    """Each incident with what it drew, returned, wrote off and consumed, by depot and item."""
    report = Report(meta)
    if not accounts:
        report.text("（没有符合条件的事件）")
    for account in accounts:
        report.heading(f"{account.name}（{account.kind}）")
        report.fields(
            [
                ("所属单位", account.unit_name),
                ("起止日期", span(account.started_on, account.ended_on) or "—"),
                ("地点", account.place or "—"),
                ("相关单据", "、".join(account.documents) or "—"),
            ]
        )
        if not account.lines:
            report.text("（没有物资领用记录）")
            continue
        columns = [
            Column("仓库", 26),
            Column("物资编码", 22),
            Column("物资名称", 30, grow=True),
            Column("规格型号", 22),
            Column("领用", 20, R),
            Column("归还", 20, R),
            Column("报损", 18, R),
            Column("净消耗", 22, R),
        ]
        rows = [
            [
                line.depot_name,
                line.item_code,
                line.item_name,
                line.spec,
                qty(line.issued, line.unit),
                qty(line.returned, line.unit),
                qty(line.written_off, line.unit),
                qty(line.consumed, line.unit),
            ]
            for line in account.lines
        ]
        report.table(columns, rows)
    report.text("净消耗 = 领用 − 归还 + 报损；红冲的单据已抵销。")
    return report


def count_sheet_report(inv: Inventory, meta: ReportMeta) -> Report:
    """The blank count sheet (盘点底稿) of a depot: every lot it holds with the book quantity,
    and empty columns to write the count, the difference and a note in, then signatures."""
    report = Report(meta)
    report.fields(
        [
            ("仓库", meta.unit if not inv.groups else inv.groups[0].title),
            ("盘点日期", "　　　　年　　月　　日"),
            ("盘点范围", "全面盘点"),
            ("账面截至", meta.period.removeprefix("截至 ")),
        ]
    )
    columns = [
        Column("序号", 10, R),
        Column("物资编码", 18),
        Column("物资名称", 26, grow=True),
        Column("规格型号", 20, grow=True),
        Column("批次", 20),
        Column("有效期至", 20, C),
        Column("单位", 10, C),
        Column("账面数量", 18, R),
        Column("实盘数量", 19, R, grow=True),  # room to write in
        Column("差异", 15, R),
        Column("备注", 18, grow=True),
    ]
    rows: list[list[str]] = []
    for number, line in enumerate((x for g in inv.groups for x in g.lines), start=1):
        rows.append(
            [
                str(number),
                line.item_code,
                line.item_name,
                line.spec,
                line.lot,
                day(line.expiry),
                line.unit,
                qty(line.quantity),
                "",
                "",
                "",
            ]
        )
    if not rows:
        report.text("（该仓库没有库存）")
    report.table(columns, rows, [RowKind.NORMAL] * len(rows))
    report.text("实盘数量按实物清点填写；差异 = 实盘数量 − 账面数量。盘点后据此录入盘点单。")
    report.signatures([("盘点人", ""), ("监盘人", ""), ("保管员", ""), ("负责人", "")], per_row=4)
    return report
