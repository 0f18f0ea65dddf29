"""``ledger exchange``: packages between offices, signing keys, senders and transfers in transit.

::

    ledger exchange key --export FILE [--unit CODE] [--new]
    ledger exchange register FILE [--unit CODE] [--replace]
    ledger exchange export --unit CODE [--since LAST|N | --full] -o FILE
    ledger exchange import FILE [FILE …]
    ledger exchange senders
    ledger exchange transits [--all]
    ledger exchange receive NUMBER [--date YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO, Any

from ledger.commands._progress import progress
from ledger.commands.common import actor_of, add_db_option, open_db, subcommand
from ledger.core.errors import InvalidValue
from ledger.services import exchange


def register(sub: Any) -> None:
    """Add ``ledger exchange`` and its subcommands."""
    parser = subcommand(
        sub, "exchange", "数据交换：导出、导入数据包，登记发送方，在途调拨", None, may_create=True
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    key = _action(actions, "key", "本办公室的签名密钥：导出公钥文件交给上级登记", run_key)
    key.add_argument("--export", metavar="FILE", required=True, help="公钥文件保存到")
    key.add_argument("--unit", metavar="CODE", help="本办公室的单位代码（首次导出时指定）")
    key.add_argument("--new", action="store_true", help="换用新的签名身份（换电脑或丢失私钥后）")

    reg = _action(actions, "register", "登记发送方：导入对方办公室的公钥文件", run_register)
    reg.add_argument("file", metavar="FILE", help="对方的公钥文件")
    reg.add_argument("--unit", metavar="CODE", help="对方的单位代码（默认取公钥文件中的单位）")
    reg.add_argument("--replace", action="store_true", help="对方已换电脑：替换原登记")

    out = _action(actions, "export", "导出本办公室的数据交换包", run_export)
    out.add_argument("--unit", metavar="CODE", required=True, help="本办公室的单位代码")
    group = out.add_mutually_exclusive_group()
    group.add_argument("--since", default="LAST", help="增量包基于的数据包号（默认 LAST：上一个）")
    group.add_argument("--full", action="store_true", help="导出完整数据包")
    out.add_argument("-o", "--output", metavar="FILE", required=True, help="数据包保存到")

    inp = _action(actions, "import", "导入数据交换包（全部导入或全部不导入）", run_import)
    inp.add_argument("files", metavar="FILE", nargs="+", help="数据包文件，按顺序导入")

    _action(actions, "senders", "列出已登记的发送方", run_senders)
    lst = _action(actions, "transits", "列出在途的跨办公室调拨", run_transits)
    lst.add_argument("--all", action="store_true", help="也列出已接收或已红冲的")
    rec = _action(actions, "receive", "接收在途调拨：在调入仓库登记入库单", run_receive)
    rec.add_argument("number", metavar="NUMBER", help="调拨单号")
    rec.add_argument("--date", type=date.fromisoformat, help="入库日期（默认今天）")


def _action(actions: Any, name: str, help_text: str, func: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = actions.add_parser(
        name, help=help_text, description=help_text
    )
    add_db_option(parser)
    parser.set_defaults(func=func)
    return parser


def run_key(args: argparse.Namespace) -> int:
    """Write this office's public key file (making the key pair on first use)."""
    keys = exchange.default_key_dir()
    actor = actor_of(args)
    db = open_db(args)
    try:

        def work(session: Any) -> bytes:
            if args.new:
                exchange.new_identity(session, actor, keys)
            return exchange.public_key_file(session, actor, keys, args.unit)

        data = db.run(work, actor)
    finally:
        db.dispose()
    _write(Path(args.export), data)
    body = exchange.read_key_file(data, args.export)
    print(f"公钥文件已保存到：{args.export}")
    unit = body.unit_code or "未指定"
    print(f"安装编号 {body.installation_id}，单位 {unit}，指纹 {body.fingerprint}")
    print("请把公钥文件交给上级（或下级）办公室登记，并电话核对指纹。")
    return 0


def run_register(args: argparse.Namespace) -> int:
    """Register another office's PC as a sender."""
    path = Path(args.file)
    key_file = exchange.read_key_file(_read(path), path.name)
    actor = actor_of(args)
    db = open_db(args)
    try:
        done = db.run(
            lambda s: exchange.register_sender(
                s, actor, key_file, args.unit, name=path.name, replace=args.replace
            ),
            actor,
        )
    finally:
        db.dispose()
    verb = "已登记过" if done.already else "已登记"
    print(f"{verb}：{done.unit_name}（{done.unit_code}）的电脑 {done.installation_id}")
    print(f"公钥指纹 {done.fingerprint}（请与对方核对）")
    for old in done.replaced:
        print(f"原登记的电脑 {old} 已停用，不再接受它的数据包")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Export a package of the office's records (streamed into the file, with a progress bar)."""
    since = None if str(args.since).upper() == "LAST" else _number(args.since)
    keys = exchange.default_key_dir()
    actor = actor_of(args)
    db = open_db(args)
    target = Path(args.output)
    temp = target.with_name(target.name + ".part")
    try:
        with progress("导出数据包") as report:

            def work(session: Any) -> exchange.Exported:
                # written before the commit: a failed write records nothing
                with _opened(temp) as out:
                    return exchange.export_package(
                        session,
                        actor,
                        args.unit,
                        key_dir=keys,
                        since=since,
                        full=args.full,
                        out=out,
                        progress=report,
                    )

            made = db.run(work, actor)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
        db.dispose()
    kind = "完整" if made.kind == exchange.FULL else f"增量（自第 {made.since_seq} 号之后）"
    print(f"已导出{made.unit_name}（{made.unit_code}）的第 {made.seq} 号数据包（{kind}）：{target}")
    for name, count in made.counts.items():
        print(f"  {name}：{count} 条")
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Import packages in the order given (each read from its file a batch at a time, with a
    progress bar); stop at the first refusal."""
    actor = actor_of(args)
    db = open_db(args)
    try:
        for number, file_name in enumerate(args.files):
            path = Path(file_name)
            with progress(f"导入数据包 {number + 1}/{len(args.files)}") as report:

                def work(session: Any, path: Path = path, report: Any = report) -> Any:
                    with _opened(path, "rb") as data:
                        return exchange.import_package(
                            session, actor, data, name=path.name, progress=report
                        )

                done = db.run(work, actor)
            print("\n".join(done.summary()))
    finally:
        db.dispose()
    return 0


def run_senders(args: argparse.Namespace) -> int:
    """List the registered senders."""
    db = open_db(args)
    try:
        with db.read() as session:
            rows = exchange.senders(session)
    finally:
        db.dispose()
    if not rows:
        print("尚未登记任何发送方")
    for row in rows:
        state = "" if row.active else "（已停用）"
        print(
            f"{row.unit_code} {row.unit_name} 电脑 {row.installation_id} 指纹 {row.fingerprint} "
            f"已导入到第 {row.last_seq} 号{state}"
        )
    return 0


def run_transits(args: argparse.Namespace) -> int:
    """List transfers between offices (those in transit by default)."""
    db = open_db(args)
    try:
        with db.read() as session:
            rows = exchange.transits(session, pending_only=not args.all)
    finally:
        db.dispose()
    if not rows:
        print("没有在途的调拨")
    for row in rows:
        lines = "；".join(f"{ln.item_name} {ln.quantity}{ln.unit}" for ln in row.lines)
        state = (
            f"已由 {row.receipt_number} 接收"
            if row.receipt_number
            else ("已红冲" if row.reversed else "在途")
        )
        print(f"{row.number} {row.sent_on} {row.source_depot}→{row.dest_depot} {state}：{lines}")
    return 0


def run_receive(args: argparse.Namespace) -> int:
    """Receive a transfer in transit into its destination depot."""
    actor = actor_of(args)
    db = open_db(args)
    try:
        posted = db.run(lambda s: exchange.receive_transit(s, actor, args.number, args.date), actor)
    finally:
        db.dispose()
    print(f"已接收调拨单 {args.number}：入库单 {posted.number}")
    return 0


def _number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise InvalidValue(
            where="导出数据包", field="--since", value=text, reason="应为 LAST 或数据包号"
        ) from None


@contextmanager
def _opened(path: Path, mode: str = "wb") -> Iterator[IO[bytes]]:
    """A package file opened; a file that cannot be opened or written is named in the refusal."""
    try:
        with path.open(mode) as handle:
            yield handle
    except OSError as error:
        raise InvalidValue(
            where="文件", field="路径", value=str(path), reason=error.strerror or str(error)
        ) from error


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise InvalidValue(
            where="文件", field="路径", value=str(path), reason=error.strerror or str(error)
        ) from error


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as error:
        raise InvalidValue(
            where="文件", field="路径", value=str(path), reason=error.strerror or str(error)
        ) from error
