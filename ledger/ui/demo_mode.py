"""The demo county's own file: a 演示数据 banner over the window and the way back to the
office's file (the demo never fills the office's database)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QProcess
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ledger import paths
from ledger.ui.settings import Setting, Settings

if TYPE_CHECKING:
    from ledger.ui.main_window import MainWindow

#: The office's own database, to go back to from the demo file ("" = the default file).
OFFICE_DATABASE = Setting("demo/office_database", str, "")
BANNER_STYLE = (
    "QWidget#demoBanner { background: #fff4cc; border-bottom: 1px solid #e6c65c; }"
    " QLabel { color: #6b4e00; font-weight: bold; }"
)


def remember_office(settings: Settings, target: str) -> None:
    """Note the office's file before the demo file is opened instead."""
    if not paths.is_demo_database(target):
        settings.set(OFFICE_DATABASE, target)
        settings.sync()


def office_target(settings: Settings) -> str:
    """The office's own database: the one left for the demo, or the default file."""
    return settings.get(OFFICE_DATABASE) or str(paths.default_database())


def relaunch(target: str) -> bool:
    """Start the program again on ``target`` (a separate process); whether it started."""
    frozen = getattr(sys, "frozen", False)
    args = ["--db", target] if frozen else ["-m", "ledger", "--db", target]
    started, _pid = QProcess.startDetached(sys.executable, args)
    return bool(started)


def back_to_office(window: MainWindow) -> None:
    """Leave the demo: start the program on the office's file and close this window."""
    if relaunch(office_target(window.settings)):
        window.close()


def decorate(window: MainWindow) -> None:
    """On the demo file: a visible 演示数据 banner with 返回本单位数据, and a menu entry."""
    if not paths.is_demo_database(window.ctx.db.path):
        return
    banner = QWidget()
    banner.setObjectName("demoBanner")
    banner.setStyleSheet(BANNER_STYLE)
    text = QLabel(
        QCoreApplication.translate(
            "Demo",
            "演示数据：这是虚构的河清县，不是本单位的台账；在这里录入的内容不会进入本单位数据。",
        )
    )
    text.setWordWrap(True)
    back = QPushButton(QCoreApplication.translate("Demo", "返回本单位数据"))
    back.clicked.connect(lambda: back_to_office(window))
    row = QHBoxLayout(banner)
    row.setContentsMargins(12, 6, 12, 6)
    row.addWidget(text, 1)
    row.addWidget(back)
    central = window.takeCentralWidget()
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    column.addWidget(banner)
    if central is not None:
        column.addWidget(central, 1)
    window.setCentralWidget(holder)
    window.demo_banner = banner
    action = QAction(QCoreApplication.translate("Demo", "返回本单位数据"), window.menus["file"])
    action.triggered.connect(lambda: back_to_office(window))
    window.menus["file"].insertAction(window.menus["file"].actions()[0], action)
    window.setWindowTitle(QCoreApplication.translate("Demo", "演示数据（河清县）"))
