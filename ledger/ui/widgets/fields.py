"""Entry fields: a date typed as 2026-11-22 (with a calendar), a debounced search box."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import Enum
from typing import Any

from PySide6.QtCore import QDate, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QCalendarWidget, QComboBox, QLineEdit, QMenu, QWidget, QWidgetAction

from ledger.ui.formatting import fmt_date, parse_date
from ledger.ui.i18n import label
from ledger.ui.icons import icon

INVALID_STYLE = "QLineEdit { background: #fde2e1; }"


def calendar_widget(parent: QWidget | None = None) -> QCalendarWidget:
    """A month calendar as a Chinese office reads it: a grid, no ISO week numbers."""
    calendar = QCalendarWidget(parent)
    calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
    calendar.setGridVisible(True)
    return calendar


class DateField(QLineEdit):
    """A date typed as 2026-11-22 (also 2026/11/22, 20261122), empty allowed, with a calendar."""

    date_changed = Signal(object)

    def __init__(self, value: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("年-月-日"))
        self.setMaxLength(12)
        self.setMinimumWidth(110)
        self._calendar_action = QAction(icon("calendar") or QIcon(), self.tr("选择日期"), self)
        self._calendar_action.triggered.connect(self._pick)
        self.addAction(self._calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.textChanged.connect(self._check)
        self.editingFinished.connect(self._tidy)
        self.set_date(value)

    def date(self) -> dt.date | None:
        """The date typed, or ``None`` when empty or not a date."""
        try:
            return parse_date(self.text())
        except ValueError:
            return None

    def is_valid(self) -> bool:
        """Whether the text is empty or a real date."""
        try:
            parse_date(self.text())
        except ValueError:
            return False
        return True

    def set_date(self, value: dt.date | None) -> None:
        """Show ``value`` (empty for none)."""
        self.setText(fmt_date(value))

    def _check(self) -> None:
        self.setStyleSheet("" if self.is_valid() else INVALID_STYLE)
        if self.is_valid():
            self.date_changed.emit(self.date())

    def _tidy(self) -> None:
        value = self.date()
        if value is not None and self.text() != fmt_date(value):
            with QSignalBlocker(self):
                self.setText(fmt_date(value))

    def _pick(self) -> None:
        menu = QMenu(self)
        calendar = calendar_widget(menu)
        current = self.date() or dt.date.today()
        calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)

        def chosen(value: QDate) -> None:
            self.set_date(dt.date(value.year(), value.month(), value.day()))
            menu.close()

        calendar.clicked.connect(chosen)
        calendar.activated.connect(chosen)
        menu.popup(self.mapToGlobal(self.rect().bottomLeft()))


class SearchBox(QLineEdit):
    """A search field that emits :attr:`search` a moment after the user stops typing."""

    search = Signal(str)

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(placeholder or self.tr("搜索"))
        self.setMinimumWidth(220)
        search_icon = icon("search")
        if search_icon is not None:
            self.addAction(search_icon, QLineEdit.ActionPosition.LeadingPosition)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(lambda: self.search.emit(self.text().strip()))
        self.textChanged.connect(lambda _text: self._timer.start())
        self.returnPressed.connect(self.flush)

    def flush(self) -> None:
        """Emit the search now (Enter, or a test that does not want to wait)."""
        self._timer.stop()
        self.search.emit(self.text().strip())

    def keyPressEvent(self, event: object) -> None:
        from PySide6.QtGui import QKeyEvent

        if isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            self.flush()
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]


class EnumCombo(QComboBox):
    """A choice among enum members shown by their translated labels; optionally a blank first.

    Qt turns string enums stored as item data into plain strings, so the members are kept here
    and :meth:`value` returns the member itself.
    """

    def __init__(
        self,
        members: Iterable[Enum],
        current: Enum | None = None,
        blank: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.members: list[Enum | None] = [None] if blank is not None else []
        if blank is not None:
            self.addItem(blank, None)
        for member in members:
            self.members.append(member)
            self.addItem(label(member), getattr(member, "value", None))
        self.set_value(current)

    def value(self) -> Any:
        """The member chosen (``None`` for the blank entry)."""
        index = self.currentIndex()
        return self.members[index] if 0 <= index < len(self.members) else None

    def set_value(self, member: Enum | None) -> None:
        """Choose ``member`` (the first entry when it is not offered)."""
        self.setCurrentIndex(self.members.index(member) if member in self.members else 0)


def select_data(combo: QComboBox, value: object) -> bool:
    """Choose the entry whose item data equals ``value`` (ids included, unlike ``findData``).

    Returns whether one was found; the first entry is chosen otherwise.
    """
    for number in range(combo.count()):
        if combo.itemData(number) == value:
            combo.setCurrentIndex(number)
            return True
    combo.setCurrentIndex(0 if combo.count() else -1)
    return False
