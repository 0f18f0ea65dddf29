"""The main window: navigation on the left, the section's page on the right, a status bar.

Sections and menu entries come from :mod:`ledger.ui.extensions`; pages are built on first
visit, so start-up reads nothing it does not show.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from ledger.services import org
from ledger.ui import extensions, messages
from ledger.ui.context import AppContext, Changes
from ledger.ui.i18n import label
from ledger.ui.icons import icon
from ledger.ui.ops import run_query
from ledger.ui.settings import LAST_SECTION
from ledger.ui.widgets.page import Page

NAV_STYLE = """
QListWidget#navigation { background: #f3f5f8; border: none; border-right: 1px solid #d9dde3;
    font-size: 15px; outline: 0; }
QListWidget#navigation::item { padding: 10px 8px; border-radius: 6px; margin: 2px 6px; }
QListWidget#navigation::item:selected { background: #dbe7f6; color: #123d73; font-weight: 600; }
QListWidget#navigation::item:disabled { color: #a0a6ae; }
"""


class MainWindow(QMainWindow):
    """The application window."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("MainWindow")
        self.setWindowTitle(QCoreApplication.translate("MainWindow", "应急资源台账"))
        self.resize(1280, 800)
        self.pages: dict[str, QWidget] = {}
        extensions.discover()
        self._build_navigation()
        self._build_menus()
        self._build_status_bar()
        ctx.changed.connect(self._changed)
        messages.hub.status.connect(self._show_status)
        self._restore_layout()

    # Navigation ---------------------------------------------------------------------------
    def _build_navigation(self) -> None:
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setStyleSheet(NAV_STYLE)
        self.navigation.setIconSize(QSize(22, 22))
        self.stack = QStackedWidget()
        for number, section in enumerate(extensions.SECTIONS, start=1):
            item = QListWidgetItem(QCoreApplication.translate("Navigation", section.title))
            item.setData(Qt.ItemDataRole.UserRole, section.key)
            section_icon = icon(section.icon)
            if section_icon is not None:
                item.setIcon(section_icon)
            hint = QCoreApplication.translate("Navigation", section.hint)
            if extensions.page(section.key) is None:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                hint = QCoreApplication.translate("MainWindow", "{hint}（此功能尚未安装）").format(
                    hint=hint
                )
            item.setToolTip(f"{hint}  (Ctrl+{number})")
            self.navigation.addItem(item)
            shortcut = QAction(self)
            shortcut.setShortcut(QKeySequence(f"Ctrl+{number}"))
            shortcut.triggered.connect(lambda _=False, key=section.key: self.show_section(key))
            self.addAction(shortcut)
        self.navigation.currentItemChanged.connect(self._navigate)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widest = max(
            self.navigation.fontMetrics().horizontalAdvance(self.navigation.item(row).text())
            for row in range(self.navigation.count())
        )
        self.navigation.setFixedWidth(max(168, widest + 80))
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _navigate(self, item: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        del previous
        if item is not None:
            self.show_section(str(item.data(Qt.ItemDataRole.UserRole)))

    def show_section(self, key: str) -> QWidget | None:
        """Show a section's page (built on first visit); ``None`` if it has no page."""
        spec = extensions.page(key)
        if spec is None:
            return None
        page = self.pages.get(key)
        if page is None:
            page = spec.factory(self.ctx, self.stack)
            self.pages[key] = page
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        for row in range(self.navigation.count()):
            item = self.navigation.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == key and self.navigation.currentRow() != row:
                self.navigation.setCurrentRow(row)
        self.ctx.settings.set(LAST_SECTION, key)
        return page

    def current_section(self) -> str:
        """The key of the section shown."""
        for key, page in self.pages.items():
            if page is self.stack.currentWidget():
                return key
        return ""

    # Menus --------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menus = {}
        for key, title in extensions.MENUS:
            menu = bar.addMenu(QCoreApplication.translate("Menu", title))
            self.menus[key] = menu
            for spec in extensions.actions(key):
                action = menu.addAction(QCoreApplication.translate(spec.context, spec.title))
                if spec.shortcut:
                    action.setShortcut(QKeySequence(spec.shortcut))
                action.triggered.connect(lambda _=False, s=spec: s.handler(self))
        self.menus["file"].addSeparator()
        quit_action = self.menus["file"].addAction(QCoreApplication.translate("MainWindow", "退出"))
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        about = self.menus["help"].addAction(
            QCoreApplication.translate("MainWindow", "关于应急资源台账")
        )
        about.triggered.connect(self._about)

    def _about(self) -> None:
        from ledger.ui.dialogs.about import about_dialog

        about_dialog(self.ctx.db.path, self).exec()

    # Status bar ---------------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.database_label = QLabel()
        self.user_label = QLabel()
        self.profile_label = QLabel()
        for widget in (self.database_label, self.user_label, self.profile_label):
            widget.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(widget)
        actor = self.ctx.actor
        self.database_label.setText(
            QCoreApplication.translate("MainWindow", "数据库：{path}").format(path=self.ctx.db.path)
        )
        self.database_label.setToolTip(self.ctx.db.path)
        self.user_label.setText(
            QCoreApplication.translate("MainWindow", "用户：{name}（{role}）").format(
                name=actor.name, role=label(actor.role)
            )
        )
        self._show_profile()

    def _show_profile(self) -> None:
        units = run_query(self, self.ctx, org.units, [])
        profiles = sorted({u.profile for u in units if u.profile and u.parent_id is None})
        text = (
            "、".join(profiles) if profiles else QCoreApplication.translate("MainWindow", "未设置")
        )
        self.profile_label.setText(
            QCoreApplication.translate("MainWindow", "规划：{profile}").format(profile=text)
        )

    def _show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _changed(self, kinds: frozenset[Changes]) -> None:
        if Changes.ORG in kinds:
            self._show_profile()

    # Layout -------------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        settings = self.ctx.settings
        geometry = settings.state("MainWindow/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.state("MainWindow/state")
        if state is not None:
            self.restoreState(state)
        last = settings.get(LAST_SECTION)
        if self.show_section(last) is None:
            self.show_section(extensions.SECTIONS[0].key)

    def save_layout(self) -> None:
        """Remember geometry, state and every page's splitters and columns."""
        settings = self.ctx.settings
        settings.set_state("MainWindow/geometry", self.saveGeometry())
        settings.set_state("MainWindow/state", self.saveState())
        for page in self.pages.values():
            if isinstance(page, Page):
                page.save_layout()
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        super().closeEvent(event)
