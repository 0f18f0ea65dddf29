"""An empty table says what to do next: a centred hint over the view while it has no rows."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel

HINT_STYLE = "QLabel { color: #6b7785; font-size: 11pt; background: transparent; }"


class EmptyHint(QObject):
    """Keeps a hint label over ``view``'s viewport, visible exactly while the model is empty."""

    def __init__(self, view: QAbstractItemView, text: str) -> None:
        super().__init__(view)
        self.view = view
        self.label = QLabel(text, view.viewport())
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setStyleSheet(HINT_STYLE)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (
            model.modelReset,
            model.rowsInserted,
            model.rowsRemoved,
            model.layoutChanged,
        ):
            signal.connect(self.update)
        self.update()

    def set_text(self, text: str) -> None:
        """Change what the hint says."""
        self.label.setText(text)

    def update(self, *_: object) -> None:
        """Show the hint when the model has no rows, hide it otherwise."""
        empty = self.view.model().rowCount() == 0
        self.label.setVisible(empty)
        if empty:
            self.label.setGeometry(self.view.viewport().rect().adjusted(24, 12, -24, -12))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.update()
        return False


def empty_hint(view: QAbstractItemView, text: str) -> EmptyHint:
    """Show ``text`` in ``view`` while it has no rows (e.g. what to click to add the first)."""
    return EmptyHint(view, text)
