"""关于 and 键盘快捷键: the version, the database, the loaded plans; every shortcut of the menus."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QMenuBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

import ledger
from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.services import norms
from ledger.ui.icons import icon


def _table(parent: QWidget, headers: list[str], rows: list[list[str]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _dialog(parent: QWidget | None, title: str) -> tuple[QDialog, QVBoxLayout]:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    app = icon("ledger")
    if app is not None:
        dialog.setWindowIcon(app)
    layout = QVBoxLayout(dialog)
    return dialog, layout


def _close_button(dialog: QDialog, layout: QVBoxLayout) -> None:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)


def about_dialog(db_path: str, parent: QWidget | None = None) -> QDialog:
    """关于: version, database path and the loaded plans with their document numbers."""
    dialog, layout = _dialog(parent, QCoreApplication.translate("About", "关于应急资源台账"))
    dialog.setMinimumSize(900, 400)
    head = QLabel(dialog)
    head.setTextFormat(Qt.TextFormat.RichText)
    head.setText(
        "<h2>应急资源台账</h2>"
        + QCoreApplication.translate("About", "版本 {version}").format(version=ledger.__version__)
        + "<br>"
        + QCoreApplication.translate(
            "About", "乡镇、县级应急物资、队伍与装备台账，对照规划检查短板。"
        )
    )
    path = QLabel(
        QCoreApplication.translate("About", "数据库：{path}").format(path=db_path), dialog
    )
    path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    path.setWordWrap(True)
    infos, _ = norms.list_profiles()
    rows = [
        [
            i.name,
            i.number,
            i.issuer,
            QCoreApplication.translate("About", "本机")
            if i.user
            else QCoreApplication.translate("About", "随程序"),
        ]
        for i in infos
    ]
    headers = [
        dialog_tr(h)
        for h in (
            QT_TRANSLATE_NOOP("About", "规划"),
            QT_TRANSLATE_NOOP("About", "文号"),
            QT_TRANSLATE_NOOP("About", "发文机关"),
            QT_TRANSLATE_NOOP("About", "来源"),
        )
    ]
    layout.addWidget(head)
    layout.addWidget(path)
    layout.addWidget(
        QLabel(
            QCoreApplication.translate("About", "已加载的规划（{n} 个）").format(n=len(infos)),
            dialog,
        )
    )
    layout.addWidget(_table(dialog, headers, rows), 1)
    _close_button(dialog, layout)
    return dialog


def shortcut_rows(menu_bar: QMenuBar) -> list[list[str]]:
    """Every menu entry with a shortcut: menu, entry, keys (as the user's platform writes them)."""
    rows: list[list[str]] = []
    for menu_action in menu_bar.actions():
        menu = menu_action.menu()
        if not isinstance(menu, QMenu):  # the stubs type it QObject
            continue
        title = re.sub(r"\(&\w\)|&", "", menu_action.text())
        for action in menu.actions():
            if isinstance(action, QAction) and not action.shortcut().isEmpty():
                keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                rows.append([title, action.text().replace("&", ""), keys])
    return rows


#: Keys that work everywhere but are not in a menu.
GENERAL_KEYS = (
    ("Ctrl+1 … Ctrl+9", QT_TRANSLATE_NOOP("About", "切换到左侧导航的第 1 … 9 个版块")),
    ("Ctrl+S", QT_TRANSLATE_NOOP("About", "单据表单：过账")),
    ("F9", QT_TRANSLATE_NOOP("About", "报表：生成预览")),
    ("F5", QT_TRANSLATE_NOOP("About", "物资卡片：刷新（主窗口中为新建归还单）")),
    ("Ctrl+P", QT_TRANSLATE_NOOP("About", "报表：打印")),
    ("Enter", QT_TRANSLATE_NOOP("About", "打开选中的记录")),
    ("Ctrl+C", QT_TRANSLATE_NOOP("About", "表格：复制选中的行（可直接粘贴到 WPS/Excel）")),
    ("Ctrl+E", QT_TRANSLATE_NOOP("About", "表格：按当前筛选和排序导出为 Excel（也在右键菜单中）")),
    ("Esc", QT_TRANSLATE_NOOP("About", "关闭对话框")),
    ("Tab / Shift+Tab", QT_TRANSLATE_NOOP("About", "在输入框之间移动")),
)


def shortcuts_dialog(menu_bar: QMenuBar, parent: QWidget | None = None) -> QDialog:
    """键盘快捷键: the menus' shortcuts and the general keys, in one table."""
    dialog, layout = _dialog(parent, QCoreApplication.translate("About", "键盘快捷键"))
    dialog.setMinimumSize(520, 420)
    rows = shortcut_rows(menu_bar)
    rows += [
        [QCoreApplication.translate("About", "通用"), dialog_tr(text), keys]
        for keys, text in GENERAL_KEYS
    ]
    headers = [
        dialog_tr(h)
        for h in (
            QT_TRANSLATE_NOOP("About", "菜单"),
            QT_TRANSLATE_NOOP("About", "功能"),
            QT_TRANSLATE_NOOP("About", "按键"),
        )
    ]
    layout.addWidget(_table(dialog, headers, rows), 1)
    _close_button(dialog, layout)
    return dialog


def dialog_tr(text: str) -> str:
    """Translate in the About context."""
    return QCoreApplication.translate("About", text)
