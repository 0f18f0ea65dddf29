"""载入标准物资目录: the shipped catalogue offered at first start and for an empty catalogue."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QWidget

from ledger.core.actor import Actor
from ledger.services.catalogue import catalogue_is_empty, load_standard_catalogue, standard_items
from ledger.ui import messages
from ledger.ui.context import AppContext, Changes
from ledger.ui.ops import Opening, run_op

if TYPE_CHECKING:
    from ledger.ui.dialogs.first_start import FirstStartDialog


def first_start_checkbox(dialog: FirstStartDialog) -> QCheckBox:
    """「载入标准物资目录」 on the first-start window: checked, off for the demo county."""
    from ledger.ui.dialogs.first_start import Start

    box = QCheckBox(
        QCoreApplication.translate(
            "StandardCatalogue",
            "载入标准物资目录（{n} 种常用应急物资，按规划的物资类别编码，可再修改）",
        ).format(n=len(standard_items())),
        dialog,
    )
    box.setChecked(True)
    dialog.choices.idToggled.connect(lambda *_: box.setEnabled(dialog.choice() is not Start.DEMO))
    return box


def load_at_first_start(dialog: FirstStartDialog) -> int:
    """Load the catalogue when the box is ticked and the catalogue is still empty."""
    box = dialog.standard_catalogue
    if not box.isChecked() or not box.isEnabled():
        return 0

    def load(session: Any, actor: Actor) -> int:
        return load_standard_catalogue(session, actor) if catalogue_is_empty(session) else 0

    outcome = run_op(dialog, Opening(dialog.db, dialog.actor), load)
    return int(outcome.value or 0) if outcome.ok else 0


def offer(parent: QWidget, ctx: AppContext) -> int:
    """Ask, then load the standard catalogue into the empty one; how many items were added."""
    question = QCoreApplication.translate(
        "StandardCatalogue",
        "把标准物资目录（{n} 种常用应急物资）载入目前为空的物资目录吗？载入后可以修改或停用。",
    ).format(n=len(standard_items()))
    if not messages.confirm(
        parent,
        question,
        yes=QCoreApplication.translate("StandardCatalogue", "载入"),
        no=QCoreApplication.translate("StandardCatalogue", "取消"),
    ):
        return 0
    outcome = run_op(
        parent,
        ctx,
        load_standard_catalogue,
        changes={Changes.CATALOGUE},
        done=QCoreApplication.translate("StandardCatalogue", "已载入标准物资目录"),
    )
    return int(outcome.value or 0) if outcome.ok else 0
