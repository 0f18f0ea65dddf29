"""Picking a catalogue item by code or name: a completer and a resolver of typed text.

A USB scanner types the code followed by Enter, so a code alone resolves too.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter

from ledger.services.catalogue import ItemRow

ITEM_ROLE = Qt.ItemDataRole.UserRole + 10


def display(item: ItemRow) -> str:
    """How an item reads in the completer and the entry grid: code, name, specification."""
    return "  ".join(part for part in (item.code, item.name, item.spec) if part)


class ItemIndex:
    """The catalogue as the entry grid searches it."""

    def __init__(self, items: Sequence[ItemRow]) -> None:
        self.items = [i for i in items if not i.disabled]  # 停用 items are not offered
        self._retired = {i.code.casefold(): i for i in items if i.disabled}
        self._by_code = {i.code.casefold(): i for i in self.items}
        self._by_display = {display(i): i for i in self.items}

    def resolve(self, text: str) -> ItemRow | None:
        """The one item ``text`` means: a code, a completer entry, or a name only one item has."""
        typed = text.strip()
        if not typed:
            return None
        found = self._by_display.get(typed) or self._by_code.get(typed.casefold())
        if found is not None:
            return found
        head = typed.split()[0].casefold()
        if head in self._by_code and typed.startswith(self._by_code[head].code):
            return self._by_code[head]
        exact = [i for i in self.items if i.name == typed]
        if len(exact) == 1:
            return exact[0]
        candidates = self.matches(typed)
        return candidates[0] if len(candidates) == 1 else None

    def matches(self, text: str) -> list[ItemRow]:
        """Items whose code, name or specification contain ``text``."""
        key = text.strip().casefold()
        return [i for i in self.items if key in display(i).casefold()]

    def retired(self, text: str) -> ItemRow | None:
        """The 停用 item whose code (or completer entry) ``text`` is, if any."""
        typed = text.strip()
        head = typed.split()[0].casefold() if typed else ""
        return self._retired.get(typed.casefold()) or self._retired.get(head)

    def add(self, item: ItemRow) -> None:
        """Offer an item just added to the catalogue."""
        self.items.append(item)
        self._by_code[item.code.casefold()] = item
        self._by_display[display(item)] = item

    def by_id(self, item_id: object) -> ItemRow | None:
        """An item by id."""
        return next((i for i in self.items if i.id == item_id), None)

    def completer(self, parent: QObject | None = None) -> QCompleter:
        """A completer matching anywhere in code, name or specification."""
        model = QStandardItemModel(parent)
        for item in self.items:
            entry = QStandardItem(display(item))
            entry.setData(item, ITEM_ROLE)
            entry.setEditable(False)
            model.appendRow(entry)
        completer = QCompleter(model, parent)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        return completer
