"""Exchange menu entries (数据菜单): packages out and in, keys, senders, transits, county view.

Registered with :mod:`ledger.ui.extensions`, so the main window lists them in its 数据 menu
without knowing this module. File and unit choices go through :func:`choose_file` and
:func:`choose_unit`, which tests replace; every change runs through ``run_op``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from ledger.core.actor import Actor
from ledger.core.enums import Level
from ledger.core.errors import InvalidValue, LedgerError
from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.services import org
from ledger.services.accounts import Action, role_may
from ledger.ui import extensions, messages
from ledger.ui.background import Progress, run_in_background
from ledger.ui.context import Changes
from ledger.ui.dialogs.exchange import CountyDialog, TransitsDialog
from ledger.ui.ops import run_op, run_query, worker_write

if TYPE_CHECKING:
    from ledger.ui.main_window import MainWindow

CONTEXT = "Exchange"
PACKAGE_FILTER = QT_TRANSLATE_NOOP("Exchange", "数据交换包 (*.zip);;所有文件 (*)")
KEY_FILTER = QT_TRANSLATE_NOOP("Exchange", "公钥文件 (*.pub *.json);;所有文件 (*)")
_ALL = frozenset(Changes) - {Changes.SETTINGS}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Exchange", text)


def choose_file(
    parent: QWidget, title: str, file_filter: str, *, save: bool, suggested: str = ""
) -> str:
    """Ask for a file to open or to write; empty when cancelled."""
    if save:
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, _tr(file_filter))
    else:
        path, _ = QFileDialog.getOpenFileName(parent, title, suggested, _tr(file_filter))
    return path


def choose_unit(
    parent: QWidget, title: str, units: list[tuple[str, str]], default: str | None
) -> str:
    """Ask for a unit among (code, name) pairs; its code, or empty when cancelled."""
    labels = [f"{name}（{code}）" for code, name in units]
    current = next((i for i, (code, _) in enumerate(units) if code == default), 0)
    chosen, ok = QInputDialog.getItem(
        parent, title, QCoreApplication.translate("Exchange", "单位"), labels, current, False
    )
    return units[labels.index(chosen)][0] if ok and chosen in labels else ""


def choose_full(parent: QWidget) -> bool | None:
    """Ask whether to export everything or the changes; ``None`` when cancelled."""
    kinds = [
        QCoreApplication.translate("Exchange", "增量：上一个数据包以来的变化"),
        QCoreApplication.translate("Exchange", "完整：本办公室的全部数据"),
    ]
    kind, ok = QInputDialog.getItem(
        parent,
        QCoreApplication.translate("Exchange", "导出数据交换包"),
        QCoreApplication.translate("Exchange", "内容"),
        kinds,
        0,
        False,
    )
    return (kind == kinds[1]) if ok else None


def _office(window: MainWindow, title: str) -> str:
    """This office's unit code: the one named before, or asked now."""
    from ledger.services import exchange  # cryptography: not at start-up

    ctx = window.ctx
    known = run_query(window, ctx, exchange.office_unit_code, None)
    if known:
        return known
    units = [
        (u.code, u.name)
        for u in run_query(window, ctx, org.units, [])
        if u.level.rank < Level.VILLAGE.rank
    ]
    if not units:
        messages.warning(
            window, QCoreApplication.translate("Exchange", "请先在“组织机构”中建立本单位")
        )
        return ""
    return choose_unit(window, title, units, None)


def export_action(window: MainWindow) -> Any:
    """导出数据交换包: this office's records changed since its last package (or all)."""
    from ledger.services import exchange  # cryptography: not at start-up

    ctx = window.ctx
    if not role_may(ctx.actor, Action.EXCHANGE_EXPORT):
        messages.refusal(
            window,
            QCoreApplication.translate("Exchange", "用户“{user}”无权导出数据交换包").format(
                user=ctx.actor.name
            ),
        )
        return None
    unit = _office(window, QCoreApplication.translate("Exchange", "导出哪个单位的数据"))
    if not unit:
        return None
    full = choose_full(window)
    if full is None:
        return None
    suggested = f"{unit}-{ctx.today():%Y%m%d}.zip"
    path = choose_file(
        window,
        QCoreApplication.translate("Exchange", "数据包保存到"),
        PACKAGE_FILTER,
        save=True,
        suggested=suggested,
    )
    if not path:
        return None
    target = Path(path)
    temp = target.with_name(target.name + ".part")
    keys = exchange.default_key_dir()

    def work(progress: Progress) -> exchange.Exported:
        progress.report(0, 0, QCoreApplication.translate("Exchange", "正在导出数据包……"))

        def write(session: Any, actor: Actor) -> exchange.Exported:
            # written before the commit: a failed write records nothing
            with _opened(temp, "wb") as out:
                return exchange.export_package(
                    session, actor, unit, key_dir=keys, full=full, out=out, progress=progress.report
                )

        return worker_write(ctx, write)

    def exported(made: exchange.Exported) -> None:
        os.replace(temp, target)
        lines = [f"{name}：{count}" for name, count in made.counts.items()]
        kind = (
            QCoreApplication.translate("Exchange", "完整")
            if made.kind == "full"
            else QCoreApplication.translate("Exchange", "增量")
        )
        head = QCoreApplication.translate(
            "Exchange", "已导出{unit}的第 {seq} 号数据包（{kind}）：{path}"
        ).format(unit=made.unit_name, seq=made.seq, kind=kind, path=target)
        messages.info(window, "\n".join([head, *lines]))

    task = run_in_background(
        window, QCoreApplication.translate("Exchange", "导出数据交换包"), work, exported
    )

    def drop_unfinished() -> None:
        if task.outcome != "done":
            temp.unlink(missing_ok=True)

    task.ended.connect(drop_unfinished)
    return task


def import_action(window: MainWindow) -> Any:
    """导入数据交换包: check it whole and apply it, or say why not and change nothing; on the
    background worker, read from the file a batch at a time, with a progress bar."""
    from ledger.services import exchange  # cryptography: not at start-up

    ctx = window.ctx
    if not role_may(ctx.actor, Action.EXCHANGE_IMPORT):
        messages.refusal(
            window,
            QCoreApplication.translate("Exchange", "用户“{user}”无权导入数据交换包").format(
                user=ctx.actor.name
            ),
        )
        return None
    path = choose_file(
        window, QCoreApplication.translate("Exchange", "选择数据交换包"), PACKAGE_FILTER, save=False
    )
    if not path:
        return None
    name = Path(path).name

    def work(progress: Progress) -> Any:
        progress.report(0, 0, QCoreApplication.translate("Exchange", "正在核对数据包……"))

        def apply(session: Any, actor: Actor) -> Any:
            with _opened(Path(path), "rb") as data:
                return exchange.import_package(
                    session, actor, data, name=name, progress=progress.report
                )

        return worker_write(ctx, apply)

    def imported(done: Any) -> None:
        ctx.announce(_ALL)
        messages.info(window, "\n".join(done.summary()))

    return run_in_background(
        window, QCoreApplication.translate("Exchange", "导入数据交换包"), work, imported
    )


@contextmanager
def _opened(path: Path, mode: str) -> Iterator[IO[bytes]]:
    """A package file opened; one that cannot be opened or written is named in the refusal."""
    try:
        with path.open(mode) as handle:
            yield handle
    except OSError as error:
        raise InvalidValue(
            where=QCoreApplication.translate("Exchange", "文件"),
            field=QCoreApplication.translate("Exchange", "路径"),
            value=str(path),
            reason=error.strerror or str(error),
        ) from error


def key_action(window: MainWindow) -> Any:
    """导出本机公钥: the file another office registers to accept this office's packages."""
    from ledger.services import exchange  # cryptography: not at start-up

    ctx = window.ctx
    unit = _office(window, QCoreApplication.translate("Exchange", "本机属于哪个单位"))
    if not unit:
        return None
    path = choose_file(
        window,
        QCoreApplication.translate("Exchange", "公钥文件保存到"),
        KEY_FILTER,
        save=True,
        suggested=f"{unit}.pub",
    )
    if not path:
        return None
    keys = exchange.default_key_dir()
    outcome = run_op(window, ctx, lambda s, a: exchange.public_key_file(s, a, keys, unit))
    if not outcome.ok or outcome.value is None:
        return None
    try:
        Path(path).write_bytes(outcome.value)
    except OSError as error:
        messages.warning(
            window,
            QCoreApplication.translate("Exchange", "无法写入“{path}”：{reason}").format(
                path=path, reason=error
            ),
        )
        return None
    key_file = exchange.read_key_file(outcome.value, Path(path).name)
    messages.info(
        window,
        QCoreApplication.translate(
            "Exchange",
            "公钥文件已保存到 {path}\n指纹：{fingerprint}\n请交给对方办公室登记，并电话核对指纹。",
        ).format(path=path, fingerprint=key_file.fingerprint),
    )
    return Path(path)


def register_action(window: MainWindow) -> Any:
    """登记发送方: accept another office's packages from now on."""
    from ledger.services import exchange  # cryptography: not at start-up

    ctx = window.ctx
    if not role_may(ctx.actor, Action.EXCHANGE_IMPORT):
        messages.refusal(
            window,
            QCoreApplication.translate("Exchange", "用户“{user}”无权登记发送方").format(
                user=ctx.actor.name
            ),
        )
        return None
    path = choose_file(
        window, QCoreApplication.translate("Exchange", "选择对方的公钥文件"), KEY_FILTER, save=False
    )
    if not path:
        return None
    try:
        key_file = exchange.read_key_file(Path(path).read_bytes(), Path(path).name)
    except (OSError, LedgerError) as error:
        messages.refusal(window, getattr(error, "message", str(error)))
        return None
    question = QCoreApplication.translate(
        "Exchange",
        "登记单位 {unit} 的电脑（安装编号 {installation}）为发送方？\n指纹：{fingerprint}",
    ).format(
        unit=key_file.unit_code or "",
        installation=key_file.installation_id,
        fingerprint=key_file.fingerprint,
    )
    if not messages.confirm(window, question, yes=QCoreApplication.translate("Exchange", "登记")):
        return None
    senders = run_query(window, ctx, exchange.senders, [])
    replace = any(r.active and r.unit_code == key_file.unit_code for r in senders)
    if replace and not messages.confirm(
        window,
        QCoreApplication.translate(
            "Exchange", "该单位已登记了另一台电脑。确已更换电脑，用这台替换原登记？"
        ),
        yes=QCoreApplication.translate("Exchange", "替换"),
    ):
        return None
    outcome = run_op(
        window,
        ctx,
        lambda s, a: exchange.register_sender(
            s, a, key_file, name=Path(path).name, replace=replace
        ),
    )
    if outcome.ok and outcome.value is not None:
        done = outcome.value
        messages.info(
            window,
            QCoreApplication.translate("Exchange", "已登记：{name}（{code}）").format(
                name=done.unit_name, code=done.unit_code
            ),
        )
    return outcome.value


def transits_action(window: MainWindow) -> Any:
    """在途调拨: receive transfers from other offices."""
    dialog = TransitsDialog(window.ctx, window)
    dialog.exec()
    return dialog


def county_action(window: MainWindow) -> Any:
    """全县汇总 (全市汇总 at a city): every town's (county's) teams, stock and shortfalls."""
    dialog = CountyDialog(window.ctx, window)
    dialog.exec()
    return dialog


for _order, (_title, _handler) in enumerate(
    (
        (QT_TRANSLATE_NOOP("Exchange", "导出数据交换包…"), export_action),
        (QT_TRANSLATE_NOOP("Exchange", "导入数据交换包…"), import_action),
        (QT_TRANSLATE_NOOP("Exchange", "导出本机公钥…"), key_action),
        (QT_TRANSLATE_NOOP("Exchange", "登记发送方…"), register_action),
        (QT_TRANSLATE_NOOP("Exchange", "在途调拨…"), transits_action),
        (QT_TRANSLATE_NOOP("Exchange", "全县（全市）汇总…"), county_action),
    ),
    start=40,
):
    extensions.register_action(extensions.ActionSpec("data", _title, _handler, "", _order, CONTEXT))
