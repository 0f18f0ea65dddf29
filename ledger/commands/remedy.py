"""``ledger remedy``: the rectification record (整改台账) of the shortfall findings.

::

    ledger remedy set --unit CODE --rule ID [--subject TEXT] --owner TEXT --due YYYY-MM-DD
                      --measure TEXT [--date YYYY-MM-DD]
    ledger remedy done --unit CODE --rule ID [--subject TEXT] [--date YYYY-MM-DD]
    ledger remedy list [--unit CODE] [--date YYYY-MM-DD] [--format text|json]

``list`` runs the check first, so a remedy whose problem is gone is shown (and recorded) as
done on that date, and one past its due date with the problem still there as overdue.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from ledger.commands.common import actor_of, add_db_option, open_db, subcommand
from ledger.core.errors import InvalidValue
from ledger.services import norms
from ledger.services.norms import RemedyRow


def register(sub: Any) -> None:
    """Add ``ledger remedy`` and its actions."""
    parser = subcommand(sub, "remedy", "短板整改台账：登记、办结、列出", None)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    put = _action(actions, "set", "登记（或修改）一项短板的整改责任、措施和时限", run_set)
    _finding(put)
    put.add_argument("--owner", required=True, help="责任单位/责任人")
    put.add_argument("--due", required=True, help="整改时限 YYYY-MM-DD")
    put.add_argument("--measure", required=True, help="整改措施")
    put.add_argument("--date", help="登记日期 YYYY-MM-DD（默认：今天）")
    done = _action(actions, "done", "把一项整改标记为已整改", run_done)
    _finding(done)
    done.add_argument("--date", help="整改完成日期 YYYY-MM-DD（默认：今天）")
    listing = _action(actions, "list", "检查后列出整改台账及其状态", run_list)
    listing.add_argument("--unit", help="只列此单位（区划代码）及其下级")
    listing.add_argument("--date", help="检查日期 YYYY-MM-DD（默认：今天）")
    listing.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")


def _action(actions: Any, name: str, help_text: str, func: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = actions.add_parser(
        name, help=help_text, description=help_text
    )
    add_db_option(parser)
    parser.set_defaults(func=func)
    return parser


def _finding(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--unit", required=True, help="短板所在单位的区划代码")
    parser.add_argument("--rule", required=True, help="规则编号（如 P-T4）")
    parser.add_argument("--subject", help="短板所涉对象（队伍、仓库、物资…，与检查结果一致）")


def _date(text: str | None, field: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidValue(
            where="命令行", field=field, value=text, reason="应为 YYYY-MM-DD"
        ) from None


def run_set(args: argparse.Namespace) -> int:
    """Record the remedy of a finding."""
    due = _date(args.due, "--due")
    assert due is not None
    on = _date(args.date, "--date") or date.today()
    actor = actor_of(args)
    db = open_db(args)
    with db.transaction(actor) as session:
        _require_finding(norms.check(session, actor, on=on, unit=args.unit), args)
        norms.set_remedy(
            session,
            actor,
            unit=args.unit,
            rule_id=args.rule,
            subject=args.subject,
            owner=args.owner,
            measure=args.measure,
            due_on=due,
            on=on,
        )
    print(f"已登记整改：{args.unit} {args.rule}，时限 {due.isoformat()}")
    return 0


def _require_finding(result: norms.CheckResult, args: argparse.Namespace) -> None:
    """Refuse a remedy for a problem the check does not find (a subject typed differently
    would be settled as done by the very next check)."""
    key = (args.unit.strip(), args.rule.strip(), (args.subject or "").strip())
    found = [f for f in result.findings if f.unit_code == key[0] and f.rule_id == key[1]]
    if any(norms.key_of(f) == key for f in found):
        return
    subjects = "、".join(f"“{f.subject}”" if f.subject else "（无）" for f in found)
    reason = f"{result.on.isoformat()} 的检查没有这项短板" + (
        f"；此规则的短板对象：{subjects}" if found else "；此单位没有此规则的短板"
    )
    raise InvalidValue(where=f"{key[0]} {key[1]}", field="--subject", value=key[2], reason=reason)


def run_done(args: argparse.Namespace) -> int:
    """Mark a remedy done."""
    on = _date(args.date, "--date") or date.today()
    actor = actor_of(args)
    db = open_db(args)
    with db.transaction(actor) as session:
        norms.mark_done(
            session, actor, unit=args.unit, rule_id=args.rule, subject=args.subject, on=on
        )
    print(f"已整改：{args.unit} {args.rule}（{on.isoformat()}）")
    return 0


def run_list(args: argparse.Namespace) -> int:
    """Check, settle what is no longer found, and print the remedies with their status."""
    on = _date(args.date, "--date")
    actor = actor_of(args)
    db = open_db(args)
    with db.transaction(actor) as session:
        result = norms.check(session, actor, on=on, unit=args.unit)
        rows = sorted(norms.settle(session, actor, result).values(), key=_order)
    if args.format == "json":
        json.dump([listed_json(r) for r in rows], sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    for row in rows:
        sys.stdout.write(remedy_line(row))
    done, total = norms.completion(rows)
    rate = f"{done * 100 / total:.0f}%" if total else "—"
    sys.stdout.write(f"合计 {total} 项，已整改 {done} 项，整改完成率 {rate}\n")
    return 0


def _order(row: RemedyRow) -> tuple[str, str, str]:
    return row.key


def remedy_json(row: RemedyRow) -> dict[str, Any]:
    """A remedy as ``ledger check --format json`` carries it on its finding."""
    return {
        "owner": row.owner,
        "due": row.due_on.isoformat(),
        "measure": row.measure,
        "status": row.status.value,
        "done_on": row.done_on.isoformat() if row.done_on else None,
    }


def listed_json(row: RemedyRow) -> dict[str, Any]:
    """A remedy as ``ledger remedy list --format json`` prints it, with its finding's identity."""
    return {
        "unit_code": row.unit_code,
        "unit_name": row.unit_name,
        "rule_id": row.rule_id,
        "subject": row.subject or None,
        **remedy_json(row),
        "set_on": row.set_on.isoformat(),
        "done_by": row.done_by or None,
    }


def remedy_text(row: RemedyRow) -> str:
    """Owner, due date, status (with its date when done) and measure in one phrase."""
    state = row.status.label
    if row.done_on is not None:
        state += f" {row.done_on.isoformat()}"
    return f"{row.owner}负责，时限 {row.due_on.isoformat()}，{state}；措施：{row.measure}"


def remedy_line(row: RemedyRow) -> str:
    """One remedy of ``ledger remedy list`` as a line."""
    subject = f"：{row.subject}" if row.subject else ""
    return f"{row.unit_name}（{row.unit_code}）{row.rule_id}{subject} —— {remedy_text(row)}\n"
