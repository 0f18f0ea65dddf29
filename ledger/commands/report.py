"""``ledger report KIND -o FILE.pdf``: write a PDF report (库存清单, 物资卡片, 单据, 花名册 …)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from ledger.commands._progress import progress
from ledger.commands.common import actor_of, open_db, subcommand
from ledger.core.enums import Category
from ledger.core.errors import InvalidValue
from ledger.core.files import write_whole
from ledger.reports.kinds import LABELS, Kind, ReportRequest, render
from ledger.services.reporting import GroupBy

_GROUPS = {"depot": GroupBy.DEPOT, "category": GroupBy.CATEGORY, "unit": GroupBy.UNIT}


def register(sub: Any) -> None:
    """Add ``ledger report``."""
    kinds = "；".join(f"{k.value} {LABELS[k]}" for k in Kind)
    parser = subcommand(sub, "report", f"生成 PDF 报表。种类：{kinds}", run)
    parser.add_argument("kind", choices=[k.value for k in Kind], metavar="KIND", help=kinds)
    parser.add_argument("-o", "--output", required=True, help="输出的 PDF 文件")
    parser.add_argument("--unit", help="单位（区划代码），含其下级")
    parser.add_argument("--depot", help="仓库编号")
    parser.add_argument("--from", dest="start", help="起始日期 YYYY-MM-DD")
    parser.add_argument("--to", dest="end", help="截止日期 YYYY-MM-DD（库存清单：该日结存）")
    parser.add_argument("--document", help="单据编号（voucher）")
    parser.add_argument("--item", help="物资编码（stock-card；labels 只打此物资）")
    parser.add_argument("--lot", help="批次（stock-card，默认全部批次）")
    parser.add_argument("--incident", help="事件名称（incident，默认全部事件）")
    parser.add_argument("--category", help="物资类别，如 防汛抗旱")
    parser.add_argument(
        "--by", choices=sorted(_GROUPS), default="depot", help="库存清单分组：仓库、类别或单位"
    )
    parser.add_argument("--year", type=int, help="年度（annual，默认上一年度直到1月底，之后本年）")
    parser.add_argument("--masked", action="store_true", help="花名册隐去身份证号和手机号中段")
    parser.add_argument(
        "--labels", choices=("equipment", "lots"), default="equipment", help="标签：装备或批次"
    )
    parser.add_argument(
        "--paper",
        choices=("a4", "half", "241"),
        default="a4",
        help="单据纸张：a4、half（A4 二等分，A5 横向）、241（241 mm 三等分连续纸 241×93.1 mm）",
    )
    parser.add_argument(
        "--copies",
        default="",
        help="单据联次，逗号分隔，每联一页并注明联名，如 存根,仓库,领用单位",
    )


def run(args: argparse.Namespace) -> int:
    """Render the report and write it; print where it went."""
    request = ReportRequest(
        kind=Kind(args.kind),
        unit=args.unit,
        depot=args.depot,
        start=_date(args.start, "--from"),
        end=_date(args.end, "--to"),
        document=args.document,
        item=args.item,
        lot=args.lot,
        incident=args.incident,
        category=_category(args.category),
        group_by=_GROUPS[args.by],
        year=args.year,
        mask=args.masked,
        labels=args.labels,
        paper=args.paper,
        copies=tuple(c.strip() for c in args.copies.replace("，", ",").split(",") if c.strip()),
    )
    output = Path(args.output)
    if not output.parent.exists():
        raise InvalidValue(where="命令行", field="-o", value=str(output), reason="所在文件夹不存在")
    actor = actor_of(args)
    db = open_db(args)
    try:
        with db.read() as session, progress(f"生成{LABELS[request.kind]}") as report:
            report(0, 0, "")
            data = render(session, actor, request)
    finally:
        db.dispose()
    write_whole(output, lambda temp: temp.write_bytes(data))
    print(f"已生成{LABELS[request.kind]}：{output}（{len(data) // 1024 + 1} KB）")
    return 0


def _date(text: str | None, option: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidValue(
            where="命令行", field=option, value=text, reason="应为 YYYY-MM-DD"
        ) from None


def _category(text: str | None) -> Category | None:
    if not text:
        return None
    try:
        return Category.from_label(text)
    except ValueError as error:
        raise InvalidValue(
            where="命令行", field="--category", value=text, reason=f"可选：{error}"
        ) from None
