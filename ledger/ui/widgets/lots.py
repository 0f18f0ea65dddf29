"""First-expiring-first-out lots for the entry form (先到期先出).

When an item is chosen on an issue, transfer or write-off, the lot that expires first and is
still usable is suggested (amber) with what it holds; a quantity larger than that lot is split
over the next lots. Lots are read through :func:`ledger.services.stock.suggest_lots`.
"""

from __future__ import annotations

import uuid
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCompleter, QWidget

from ledger.core.enums import DocType
from ledger.services import stock
from ledger.services.stock import StockFilter, stock_on_hand
from ledger.ui import messages
from ledger.ui.formatting import fmt_date, fmt_qty
from ledger.ui.ops import run_query
from ledger.ui.tables.lines import OUTGOING, LineDraft

if TYPE_CHECKING:
    from ledger.ui.dialogs.document_form import DocumentDialog

#: Asked of suggest_lots to list every lot with what it holds.
ALL_LOTS = Decimal(10) ** 12


class LotAdvisor:
    """Suggests and splits lots on the form's lines; caches the depot's lots per item."""

    def __init__(self, form: DocumentDialog) -> None:
        self.form = form
        self._lots: dict[tuple[uuid.UUID, uuid.UUID], list[stock.LotPick]] = {}
        form.grid.delegate.completers = {"item": self._item_completer, "lot": self._lot_completer}
        form.lines.item_chosen.connect(self._item_chosen)
        form.lines.quantity_typed.connect(self._quantity_typed)
        form.lines.lot_typed.connect(self._lot_typed)

    def forget(self) -> None:
        """Drop cached lots (another depot or date, or stock changed by a posting)."""
        self._lots.clear()

    def lots(self, item_id: uuid.UUID) -> list[stock.LotPick]:
        """Every lot of an item in the depot with what is available, expiring first."""
        key = (self.form.depot_id(), item_id)
        if key not in self._lots:
            depot, on = key[0], self.form.date.date() or self.form.ctx.today()
            self._lots[key] = run_query(
                self.form,
                self.form.ctx,
                lambda s: stock.suggest_lots(s, depot, item_id, ALL_LOTS, on, include_expired=True),
                [],
            )
        return self._lots[key]

    def _item_completer(self, index: Any, editor: QWidget) -> Any:
        return self.form.items.completer(editor)

    def _lot_completer(self, index: Any, editor: QWidget) -> Any:
        line = self.form.lines.lines[index.row()]
        if line.item is None or self.form.current_type() not in OUTGOING | {DocType.RETURN}:
            return None
        return QCompleter([pick.lot for pick in self.lots(line.item.id) if pick.lot], editor)

    def _item_chosen(self, row: int) -> None:
        line = self.form.lines.lines[row]
        if self.form.current_type() not in OUTGOING or line.item is None:
            return
        today = self.form.date.date() or self.form.ctx.today()
        usable = [p for p in self.lots(line.item.id) if p.expiry is None or p.expiry >= today]
        if not usable:
            self.form.lines.update_line(
                row,
                available=Decimal(0),
                notes=[
                    QCoreApplication.translate("LotAdvisor", "{depot}没有可出库的{item}").format(
                        depot=self.form.depot.currentText(), item=line.item.name
                    )
                ],
            )
            return
        first = usable[0]
        note = QCoreApplication.translate(
            "LotAdvisor", "先到期先出：建议批次 {lot}（有效期至 {expiry}）"
        ).format(
            lot=first.lot or QCoreApplication.translate("LotAdvisor", "无"),
            expiry=fmt_date(first.expiry) or QCoreApplication.translate("LotAdvisor", "未填"),
        )
        self.form.lines.update_line(
            row,
            lot=first.lot,
            expiry_text=fmt_date(first.expiry),
            suggested=True,
            available=first.available,
            notes=[note],
        )

    def _lot_typed(self, row: int) -> None:
        line = self.form.lines.lines[row]
        if line.item is not None and self.form.current_type() in OUTGOING:
            pick = next((p for p in self.lots(line.item.id) if p.lot == line.lot), None)
            self.form.lines.update_line(
                row,
                available=pick.available if pick else Decimal(0),
                expiry_text=fmt_date(pick.expiry) if pick else "",
            )

    def _quantity_typed(self, row: int) -> None:
        self._split(row)
        line = self.form.lines.lines[row]
        if line.item is not None and line.over_available(self.form.current_type()):
            self._tell_elsewhere(row, line.item)

    def _tell_elsewhere(self, row: int, item: Any) -> None:
        """A quantity above what the lot holds: say what is available and which depots hold it."""
        here = self.form.depot_id()
        rows = run_query(
            self.form, self.form.ctx, lambda s: stock_on_hand(s, StockFilter(search=item.code)), []
        )
        held: dict[str, Decimal] = {}
        for r in rows:
            if r.item_id == item.id and r.depot_id != here and r.quantity > 0:
                held[r.depot_name] = held.get(r.depot_name, Decimal(0)) + r.quantity
        line = self.form.lines.lines[row]
        elsewhere = "、".join(f"{name} {fmt_qty(q, item.unit)}" for name, q in held.items())
        note = (
            QCoreApplication.translate("LotAdvisor", "其他仓库有：{depots}").format(
                depots=elsewhere
            )
            if elsewhere
            else QCoreApplication.translate("LotAdvisor", "其他仓库也没有{item}").format(
                item=item.name
            )
        )
        self.form.lines.update_line(row, notes=[note])
        messages.status(f"{self.form.lines.over_text(line)}；{note}")

    def _split(self, row: int) -> None:
        line = self.form.lines.lines[row]
        if not line.suggested or line.item is None or self.form.current_type() not in OUTGOING:
            return
        try:
            wanted = Decimal(line.quantity_text.replace(",", ""))
        except InvalidOperation:
            return
        on, depot, item_id = (
            self.form.date.date() or self.form.ctx.today(),
            self.form.depot_id(),
            line.item.id,
        )
        picks = run_query(
            self.form,
            self.form.ctx,
            lambda s: stock.suggest_lots(s, depot, item_id, wanted, on),
            [],
        )
        if len(picks) < 2 or sum(p.take for p in picks) != wanted:
            return
        first, rest = picks[0], picks[1:]
        self.form.lines.update_line(
            row,
            lot=first.lot,
            expiry_text=fmt_date(first.expiry),
            quantity_text=str(first.take),
            available=first.available,
        )
        self.form.lines.insert_lines(
            row,
            [
                LineDraft(
                    item_text=line.item.code,
                    item=line.item,
                    lot=p.lot,
                    expiry_text=fmt_date(p.expiry),
                    quantity_text=str(p.take),
                    available=p.available,
                    suggested=True,
                    notes=[
                        QCoreApplication.translate(
                            "LotAdvisor", "按先到期先出拆分到批次 {lot}"
                        ).format(lot=p.lot)
                    ],
                )
                for p in rest
            ],
        )
        messages.status(
            QCoreApplication.translate("LotAdvisor", "{item} 按先到期先出分到 {n} 个批次").format(
                item=line.item.name, n=len(picks)
            )
        )
