"""Menu entries for 设置… (文件 menu) and 键盘快捷键 (帮助 menu)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.ui import extensions
from ledger.ui.dialogs.about import shortcuts_dialog

if TYPE_CHECKING:
    from ledger.ui.main_window import MainWindow

CONTEXT = "Preferences"


def preferences_action(window: MainWindow) -> Any:
    """设置…: edit this computer's settings and the office's default plan."""
    from ledger.ui.dialogs.preferences import PreferencesDialog  # report fonts: not at start-up

    dialog = PreferencesDialog(window.ctx, window)
    dialog.exec()
    return dialog


def shortcuts_action(window: MainWindow) -> Any:
    """键盘快捷键: every shortcut of the menus and the general keys."""
    dialog = shortcuts_dialog(window.menuBar(), window)
    dialog.exec()
    return dialog


extensions.register_action(
    extensions.ActionSpec(
        "file", QT_TRANSLATE_NOOP(CONTEXT, "设置…"), preferences_action, "Ctrl+,", 90, CONTEXT
    )
)
extensions.register_action(
    extensions.ActionSpec(
        "help", QT_TRANSLATE_NOOP(CONTEXT, "键盘快捷键"), shortcuts_action, "F1", 10, CONTEXT
    )
)
