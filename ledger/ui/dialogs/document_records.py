"""Records made from inside the document form: 「新建事件…」 beside the incident picker, and
「新增物资…」 for an item the catalogue does not have yet (it lands in the line)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QPushButton, QSizePolicy

from ledger.services import catalogue, org
from ledger.services.accounts import Action
from ledger.services.catalogue import suggest_code
from ledger.ui.dialogs.catalogue import ItemDialog
from ledger.ui.dialogs.incidents import IncidentDialog
from ledger.ui.formatting import fmt_date
from ledger.ui.ops import run_query
from ledger.ui.tables.lines import KEYS
from ledger.ui.widgets.fields import select_data
from ledger.ui.widgets.page import permit

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ledger.ui.context import AppContext
    from ledger.ui.dialogs.document_form import DocumentDialog


class PrefilledItemDialog(ItemDialog):
    """The item editor opened from the document form, with the typed name filled in."""

    def __init__(self, ctx: AppContext, name: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, None, parent)
        self.name.setText(name)
        self.suggested = ""
        self.category.currentIndexChanged.connect(lambda _i: self._suggest_code())
        self._suggest_code()

    def _suggest_code(self) -> None:
        """Offer the next code of the chosen category unless the user typed one."""
        if self.code.text() and self.code.text() != self.suggested:
            return
        category = self.category.value()
        self.suggested = run_query(self, self.ctx, lambda s: suggest_code(s, category), "")
        self.code.setText(self.suggested)


def new_incident_button(form: DocumentDialog) -> QPushButton:
    """「新建事件…」: records the incident and chooses it on this document."""
    button = QPushButton(QCoreApplication.translate("DocumentRecords", "新建事件…"))
    button.setAutoDefault(False)
    button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    button.clicked.connect(lambda _=False: new_incident(form))
    return button


def new_incident(form: DocumentDialog) -> uuid.UUID | None:
    """Open the incident editor (unit of the form's depot); choose what was saved."""
    ctx = form.ctx
    units = run_query(form, ctx, org.units, [])
    depot_id = form.depot_id()
    unit_id = next((d.unit_id for d in form.depots if d.id == depot_id), None)
    found = IncidentDialog.ask(ctx, units, unit_id, None, form)
    if not isinstance(found, uuid.UUID):
        return None
    entry = run_query(form, ctx, lambda s: org.incident(s, found))
    if entry is None:
        return None
    form.incident.addItem(f"{fmt_date(entry.started_on)} {entry.name}", found)
    select_data(form.incident, found)
    return found


def new_item_button(form: DocumentDialog) -> QPushButton:
    """「新增物资…」: adds the typed item to the catalogue and puts it in its line."""
    button = QPushButton(QCoreApplication.translate("DocumentRecords", "新增物资…"))
    button.setAutoDefault(False)
    button.setToolTip(
        QCoreApplication.translate(
            "DocumentRecords", "物资目录中没有录入的物资时，新增到目录并填入该行"
        )
    )
    button.clicked.connect(lambda _=False: new_item(form))
    if permit(form.ctx.actor, Action.EDIT_CATALOGUE, button):
        form.lines.dataChanged.connect(lambda *_: _name_unknown(form, button))
    return button


def _name_unknown(form: DocumentDialog, button: QPushButton) -> None:
    """Say which typed item the button would add: 新增物资“吸水膨胀袋”…"""
    row = _unknown_line(form)
    typed = form.lines.lines[row].item_text if row is not None else ""
    if typed and not form.items.matches(typed):
        button.setText(
            QCoreApplication.translate("DocumentRecords", "新增物资“{name}”…").format(name=typed)
        )
    else:
        button.setText(QCoreApplication.translate("DocumentRecords", "新增物资…"))


def _unknown_line(form: DocumentDialog) -> int | None:
    """The line whose typed item is not in the catalogue: the current one, else the first."""
    lines = form.lines.lines
    current = form.grid.currentIndex().row()
    if 0 <= current < len(lines) and lines[current].item is None and lines[current].item_text:
        return current
    return next((n for n, line in enumerate(lines) if line.item is None and line.item_text), None)


def new_item(form: DocumentDialog) -> catalogue.ItemRow | None:
    """Open the item editor prefilled with the typed name; the new item lands in the line."""
    form.grid.finish_editing()
    row = _unknown_line(form)
    typed = form.lines.lines[row].item_text if row is not None else ""
    item_id = PrefilledItemDialog.ask(form.ctx, typed, form)
    if not isinstance(item_id, uuid.UUID):
        return None
    added = run_query(form, form.ctx, lambda s: catalogue.item(s, item_id))
    if added is None:
        return None
    form.items.add(added)
    if row is None:
        row = len(form.lines.lines) - 1
    form.lines.setData(form.lines.index(row, KEYS.index("item")), added.code)
    return added
