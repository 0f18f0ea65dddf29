"""The keyboard-first entry grid: Enter commits a cell and opens the next one on the path.

Typing in a cell that is not being edited starts editing it; Enter (or picking from the
completer) commits and moves to the next column the model's path stops at, then to the first
one of the next line. Delete clears a line.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QCompleter,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ledger.core.enums import Reason
from ledger.ui.widgets.fields import EnumCombo

Index = QModelIndex | QPersistentModelIndex
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class GridDelegate(QStyledItemDelegate):
    """Editors by column key: a completer for items (and lots), a list for reasons."""

    def __init__(self, keys: list[str], parent: QTableView) -> None:
        super().__init__(parent)
        self.keys = keys
        self.completers: dict[str, Any] = {}
        self.editors: set[int] = set()

    def destroyEditor(self, editor: QWidget, index: Index) -> None:
        self.editors.discard(id(editor))
        super().destroyEditor(editor, index)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = self._create(parent, index)
        self.editors.add(id(editor))
        return editor

    def _create(self, parent: QWidget, index: Index) -> QWidget:
        key = self.keys[index.column()]
        if key == "reason":
            combo = EnumCombo(Reason, blank="", parent=parent)
            combo.activated.connect(lambda _i, c=combo: self._commit_and_move(c))
            return combo
        editor = QLineEdit(parent)
        factory = self.completers.get(key)
        completer: QCompleter | None = factory(index, editor) if callable(factory) else None
        if completer is not None:
            # Enter in the popup takes the highlighted (or only) suggestion, commits and moves
            # on: one key, not one to complete and another to leave the cell.
            editor.setCompleter(completer)
            popup = completer.popup()
            if popup is not None:
                popup.installEventFilter(_PopupEnter(editor, completer, self))
        if index.model().headerData(index.column(), Qt.Orientation.Horizontal) and key in (
            "quantity",
            "price",
            "counted",
        ):
            editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, EnumCombo):
            editor.set_value(value)
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, EnumCombo):
            model.setData(index, editor.value())
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        grid = self.parent()
        if (  # Ctrl+D in a cell: copy the line above (a line edit would delete a character)
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_D
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            and isinstance(grid, EntryGrid)
        ):
            grid.copy_above.emit()
            return True
        # Esc in an empty cell of a blank line leaves the form (one Esc cancels, as keepers
        # expect); anywhere else it only abandons the cell's edit.
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
            and isinstance(watched, QLineEdit)
            and not watched.text()
        ):
            grid = self.parent()
            if isinstance(grid, EntryGrid) and grid.on_blank_line():
                self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.RevertModelCache)
                grid.leave.emit()
                return True
        return super().eventFilter(watched, event)

    def _commit_and_move(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.SubmitModelCache)


class _PopupEnter(QObject):
    """Enter in a completer's popup: take the highlighted or only suggestion and move on."""

    def __init__(self, editor: QLineEdit, completer: QCompleter, delegate: GridDelegate) -> None:
        super().__init__(editor)
        self.editor, self.completer, self.delegate = editor, completer, delegate

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in ENTER_KEYS
        ):
            return False
        popup = self.completer.popup()
        if popup is None:
            return False
        current = popup.currentIndex()
        shown = self.completer.completionModel()
        if current.isValid():
            text = str(current.data())
        elif shown.rowCount() == 1:
            text = str(shown.index(0, 0).data())
        else:
            text = self.editor.text()
        popup.hide()
        self.editor.setText(text)
        # Once the popup's key event is over (the view still counts the editor as open).
        QTimer.singleShot(0, self, lambda: self.delegate._commit_and_move(self.editor))
        return True


class EntryGrid(QTableView):
    """A table of editable lines walked with Enter; :attr:`moved` tells where it went."""

    moved = Signal(int, int)
    #: Esc on an empty cell of a blank line: the form should close.
    leave = Signal()
    #: Ctrl+D: the current line should become a copy of the one above.
    copy_above = Signal()

    def __init__(self, keys: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.delegate = GridDelegate(keys, self)
        self.setItemDelegate(self.delegate)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().setDefaultSectionSize(28)
        self.horizontalHeader().setStretchLastSection(True)
        self.setTabKeyNavigation(True)

    def on_blank_line(self) -> bool:
        """Whether the cursor is on a line with nothing typed."""
        model: Any = self.model()
        row = self.currentIndex().row()
        return bool(0 <= row < model.rowCount() and model.lines[row].is_blank())

    def next_stop(self, row: int, column: int) -> tuple[int, int] | None:
        """Where Enter goes from a cell: the next stop on the row, else the next row's first."""
        model: Any = self.model()
        following = model.next_stop(row, column)
        if following >= 0:
            return row, following
        following_row = model.next_row(row)
        if following_row < model.rowCount():
            return following_row, model.first_stop(following_row)
        return None

    def advance(self) -> None:
        """Move to the next stop and start editing it."""
        if self.state() == QAbstractItemView.State.EditingState:
            return
        current = self.currentIndex()
        if not current.isValid():
            target: tuple[int, int] | None = (0, self.model().first_stop(0))  # type: ignore[attr-defined]
        else:
            target = self.next_stop(current.row(), current.column())
        if target is None or target[1] < 0:
            return
        index = self.model().index(*target)
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self.edit(index)
        self.moved.emit(*target)

    def start(self) -> None:
        """Put the cursor on the first stop of the first unfilled line and edit it."""
        self.finish_editing()
        model: Any = self.model()
        row = model.start_row()
        index = model.index(row, model.first_stop(row))
        self.setFocus()
        self.setCurrentIndex(index)
        if self.state() != QAbstractItemView.State.EditingState:
            self.edit(index)

    def finish_editing(self) -> None:
        """Commit the cell being edited (before posting with Ctrl+S)."""
        editor = self.indexWidget(self.currentIndex())
        if self.state() == QAbstractItemView.State.EditingState and editor is not None:
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        if id(editor) not in self.delegate.editors:
            return
        super().closeEditor(
            editor,
            QAbstractItemDelegate.EndEditHint.NoHint
            if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache
            else hint,
        )
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            # After the completer's popup has closed and focus has settled.
            QTimer.singleShot(0, self.advance)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in ENTER_KEYS and self.state() != QAbstractItemView.State.EditingState:
            index = self.currentIndex()
            if index.isValid() and index.flags() & Qt.ItemFlag.ItemIsEditable:
                self.edit(index)
            else:
                self.advance()
            return
        if (
            event.key() == Qt.Key.Key_Delete
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            index = self.currentIndex()
            if index.isValid():
                self.model().remove_line(index.row())  # type: ignore[attr-defined]
            return
        super().keyPressEvent(event)
