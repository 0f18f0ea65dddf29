"""``ledger readiness``: what sheltering N people for D days needs, from where, what is short."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ledger.commands.check import _date, number
from ledger.commands.common import actor_of, open_db, subcommand
from ledger.core.quantity import format_quantity
from ledger.services import readiness
from ledger.services.readiness import Need, Plan


def register(sub: Any) -> None:
    """Add ``ledger readiness``."""
    parser = subcommand(
        sub, "readiness", "应急推演：安置N人D天需要什么、从哪些仓库调拨、缺什么", run
    )
    parser.add_argument("--units", required=True, help="安置地区的区划代码，多个以逗号分隔")
    parser.add_argument("--people", type=int, required=True, help="安置人数")
    parser.add_argument("--days", type=int, required=True, help="保障天数")
    parser.add_argument("--date", help="开始日期 YYYY-MM-DD（默认：今天）")
    parser.add_argument("--rule", help="只用为此规模储备规则设定的人均定额（规则编号）")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")
    parser.add_argument("--pdf", help="另写出调拨方案 PDF 到此文件")
    parser.add_argument("--xlsx", help="另写出调拨方案 Excel 到此文件")
    parser.add_argument(
        "--draft", metavar="INCIDENT", help="确认方案：按仓库生成此事件的出库单草稿（不登记）"
    )
    parser.add_argument("--to", metavar="DEPOT", help="与 --draft 同用：改为调拨到此仓库（编号）")


def run(args: argparse.Namespace) -> int:
    """Work out the plan and print it; shortfalls are not a failure (exit 0)."""
    units = [u.strip() for u in args.units.replace("，", ",").split(",") if u.strip()]
    on = _date(args.date) if args.date else None
    actor = actor_of(args)
    db = open_db(args)
    try:
        with db.read() as session:
            found = readiness.plan(
                session, units, args.people, args.days, on, rule_id=args.rule, actor=actor
            )
        if args.draft:
            with db.transaction(actor) as session:
                made = readiness.draft_plan(session, actor, found, args.draft, args.to)
            print(f"已生成 {len(made)} 张单据草稿（未登记，待保管员登记）", file=sys.stderr)
    finally:
        db.dispose()
    if args.pdf:
        from ledger.reports.readiness import write_pdf

        write_pdf(found, args.pdf)
    if args.xlsx:
        from ledger.io.readiness import write_xlsx

        write_xlsx(found, args.xlsx)
    if args.format == "json":
        json.dump(plan_json(found), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_text(found))
    return 0


def plan_json(found: Plan) -> dict[str, Any]:
    """The plan as the JSON object ``ledger readiness --format json`` prints."""
    return {
        "units": list(found.unit_codes),
        "people": found.people,
        "days": found.days,
        "date": found.on.isoformat(),
        "last_day": found.last_day.isoformat(),
        "needs": [need_json(n) for n in found.needs],
        "teams": [
            {
                "team_code": t.code,
                "team_name": t.name,
                "unit_name": t.unit_name,
                "team_type": t.team_type.label,
                "nature": t.nature.label,
                "leader": t.leader,
                "phone": t.phone,
                "headcount": t.headcount,
                "equipment": [
                    {"item_name": name, "count": count, "unit": measure}
                    for name, count, measure in t.equipment
                ],
            }
            for t in found.teams
        ],
    }


def need_json(need: Need) -> dict[str, Any]:
    """One item of the plan as JSON."""
    return {
        "item_code": need.item_code,
        "item_name": need.item_name,
        "unit": need.unit,
        "per_person": number(need.per_person),
        "per_day": need.per_day,
        "needed": number(need.needed),
        "available": number(need.available),
        "allocations": [
            {
                "depot_code": a.depot_code,
                "depot_name": a.depot_name,
                "tier": a.tier_label,
                "lot": a.lot,
                "expiry": a.expiry.isoformat() if a.expiry else None,
                "quantity": number(a.quantity),
                "item_name": a.item_name or need.item_name,
                "unit": a.item_unit or need.unit,
                "serials": list(a.serials),
                "distance_km": None if a.distance_km is None else number(a.distance_km),
            }
            for a in need.allocations
        ],
        "short": number(need.short),
        "covers": [
            {
                "mode": c.mode.label,
                "supplier": c.supplier,
                "contact": c.contact,
                "phone": c.phone,
                "number": c.number,
                "unit_name": c.unit_name,
                "quantity": number(c.quantity),
                "ends_on": c.ends_on.isoformat() if c.ends_on else None,
            }
            for c in need.covers
        ],
    }


def render_text(found: Plan) -> str:
    """The plan as text: per item the need, the draws and what is short; then the teams."""
    out = [
        f"应急推演：{'、'.join(found.unit_names)} 安置 {found.people} 人 {found.days} 天"
        f"（{found.on.isoformat()} 至 {found.last_day.isoformat()}）\n"
    ]
    if not found.needs:
        out.append("\n尚未设定人均储备定额，无法计算需求。\n")
    for need in found.needs:
        m = need.unit
        basis = "每人每天" if need.per_day else "每人"
        out.append(
            f"\n{need.item_name}（{basis}{format_quantity(need.per_person, m)}）：需要 "
            f"{format_quantity(need.needed, m)}，可用 {format_quantity(need.available, m)}"
            + (f"，缺 {format_quantity(need.short, m)}" if need.short else "")
            + "\n"
        )
        for a in need.allocations:
            lot = f" 批次 {a.lot}" if a.lot else ""
            expiry = f" 有效期至 {a.expiry.isoformat()}" if a.expiry else ""
            serials = f" 序列号 {'、'.join(a.serials)}" if a.serials else ""
            drawn = format_quantity(a.quantity, a.item_unit or m)
            drawn = f"{a.item_name} {drawn}" if a.item_name else drawn
            far = f"（{a.distance_text}）" if a.distance_text else ""
            out.append(f"  [{a.tier_label}] {a.depot_name}{lot}{expiry}：{drawn}{serials}{far}\n")
        for c in need.covers:
            who = "，".join(x for x in (c.contact, c.phone) if x)
            out.append(
                f"  可动用{c.mode.label}：{c.supplier}" + (f"（{who}）" if who else "")
                + f" 协议数量 {format_quantity(c.quantity, m)}\n"
            )  # fmt: skip
    out.append(f"\n可调用队伍（{len(found.teams)}支）：\n")
    for t in found.teams:
        kit = "、".join(f"{name}{count}{measure}" for name, count, measure in t.equipment)
        contact = "，".join(x for x in (t.leader, t.phone) if x)
        out.append(
            f"  [{t.team_type.label}] {t.name}（{t.unit_name}，{t.nature.label}）"
            f"在队 {t.headcount} 人"
            + (f"；{contact}" if contact else "")
            + (f"；装备 {kit}" if kit else "")
            + "\n"
        )
    short = found.short
    out.append(
        "\n合计：" + (f"{len(short)} 种物资不足" if short else "全部物资可由现有库存保障") + "\n"
    )
    return "".join(out)
