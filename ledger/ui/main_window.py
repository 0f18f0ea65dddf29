"""The main window: navigation on the left, the section's page on the right, a status bar.

Sections and menu entries come from :mod:`ledger.ui.extensions`; pages are built on first
visit, so start-up reads nothing it does not show. The window is first built without a
database (:meth:`MainWindow.shell`: navigation, menus, status bar, a line saying what is being
opened), so it shows before the database layer is even imported; :meth:`MainWindow.attach`
then gives it the open database: the pages, the menus' entries and the section to show.
This module imports nothing of the database layer itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from ledger.ui import demo_mode, extensions, messages
from ledger.ui.i18n import label
from ledger.ui.icons import icon
from ledger.ui.settings import LAST_SECTION, Settings

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from ledger.ui.context import AppContext
    from ledger.ui.navigation import RecordLink

NAV_STYLE = """
QListWidget#navigation { background: #f3f5f8; border: none; border-right: 1px solid #d9dde3;
    font-size: 15px; outline: 0; }
QListWidget#navigation::item { padding: 10px 8px; border-radius: 6px; margin: 2px 6px; }
QListWidget#navigation::item:selected { background: #dbe7f6; color: #123d73; font-weight: 600; }
QListWidget#navigation::item:disabled { color: #a0a6ae; }
QListWidget#navigation { qproperty-horizontalScrollBarPolicy: ScrollBarAlwaysOff; }
"""
# Before the window first shows, nothing here touches PySide6's ``Qt`` namespace: its hundred
# enums take tens of milliseconds to create (alignment and scroll-bar policy are set in the
# style sheets instead); the pages create them behind the shown window.
OPENING_STYLE = "color: #5f6b7a; font-size: 15px; qproperty-alignment: AlignCenter;"


class MainWindow(QMainWindow):
    """The application window."""

    #: Emitted once the window has its database: pages, menu entries, the section shown.
    attached = Signal()

    def __init__(self, ctx: AppContext | None = None, *, settings: Settings | None = None,
                 target: str = "") -> None:  # fmt: skip
        """Build the window over ``ctx``; without one, the shell over ``settings``.

        Args:
            ctx: the open database and who works; ``None`` builds the shell only, and
                :meth:`attach` gives it the database later.
            settings: the preferences (taken from ``ctx`` when it is given).
            target: the database being opened, named while the shell waits for it.
        """
        super().__init__()
        if ctx is not None:
            settings = ctx.settings
            target = ctx.db.path
        if settings is None:
            raise TypeError("MainWindow needs a context or the settings")
        self.ctx: AppContext = None  # type: ignore[assignment]  # set by attach()
        self.settings = settings
        self.setObjectName("MainWindow")
        self.setWindowTitle(QCoreApplication.translate("MainWindow", "应急资源台账"))
        self.resize(1280, 800)
        self.pages: dict[str, QWidget] = {}
        self.demo_banner: QWidget | None = None  # shown on the demo county's file
        self._wanted = ""  # a section chosen before the database was open
        self._build_navigation()
        self._build_menus()
        self._build_status_bar(target)
        messages.hub.status.connect(self._show_status)
        self._restore_geometry()
        if ctx is not None:
            self.attach(ctx)

    @classmethod
    def shell(cls, settings: Settings, target: str) -> MainWindow:
        """The window before its database is open: it shows while ``target`` opens."""
        return cls(settings=settings, target=target)

    def attach(self, ctx: AppContext) -> None:
        """Give the window its open database: pages, menu entries, who works, the section."""
        from ledger.ui.context import Changes

        self.ctx = ctx
        extensions.discover()
        self._enable_sections()
        self._fill_menus()
        self.user_label.setText(
            QCoreApplication.translate("MainWindow", "用户：{name}（{role}）").format(
                name=ctx.actor.name, role=label(ctx.actor.role)
            )
        )
        self._show_profile()
        demo_mode.decorate(self)  # the demo county's file says so
        ctx.changed.connect(lambda kinds: self._show_profile() if Changes.ORG in kinds else None)
        self.stack.removeWidget(self.opening)
        self.opening.deleteLater()
        wanted = self._wanted or self.settings.get(LAST_SECTION)
        if self.show_section(wanted) is None:
            self.show_section(extensions.SECTIONS[0].key)
        self.attached.emit()

    # Navigation ---------------------------------------------------------------------------
    def _build_navigation(self) -> None:
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setStyleSheet(NAV_STYLE)
        self.navigation.setIconSize(QSize(22, 22))
        self.stack = QStackedWidget()
        self.opening = QLabel()
        self.opening.setStyleSheet(OPENING_STYLE)
        self.show_opening()
        self.stack.addWidget(self.opening)
        for number, section in enumerate(extensions.SECTIONS, start=1):
            item = QListWidgetItem(QCoreApplication.translate("Navigation", section.title))
            section_icon = icon(section.icon)
            if section_icon is not None:
                item.setIcon(section_icon)
            hint = QCoreApplication.translate("Navigation", section.hint)
            item.setToolTip(f"{hint}  (Ctrl+{number})")
            self.navigation.addItem(item)
        self._select(self.settings.get(LAST_SECTION))  # shown while the database opens
        self.navigation.currentItemChanged.connect(self._navigate)
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

    def show_opening(self, *, checking: bool = False) -> None:
        """Say, where the page will be, what the start is doing with the database."""
        text = (
            QCoreApplication.translate(
                "MainWindow",
                "上次没有正常关闭，正在逐页检查整个数据库文件……\n文件较大时需要一两分钟，请稍候。",
            )
            if checking
            else QCoreApplication.translate("MainWindow", "正在打开台账……")
        )
        self.opening.setText(text)

    def _enable_sections(self) -> None:
        """Grey out the sections no installed module gives a page."""
        from PySide6.QtCore import Qt

        for row, section in enumerate(extensions.SECTIONS):
            if extensions.page(section.key) is None:
                item = self.navigation.item(row)
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                hint = QCoreApplication.translate("MainWindow", "{hint}（此功能尚未安装）").format(
                    hint=QCoreApplication.translate("Navigation", section.hint)
                )
                item.setToolTip(f"{hint}  (Ctrl+{row + 1})")

    def _navigate(self, item: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        del previous
        if item is not None:
            self.show_section(extensions.SECTIONS[self.navigation.row(item)].key)

    def show_section(self, key: str) -> QWidget | None:
        """Show a section's page (built on first visit); ``None`` if it has no page.

        Before the database is open the choice is remembered and shown once it is.
        """
        if self.ctx is None:
            self._wanted = key
            self._select(key)
            return None
        spec = extensions.page(key)
        if spec is None:
            return None
        page = self.pages.get(key)
        if page is None:
            page = spec.factory(self.ctx, self.stack)
            self.pages[key] = page
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        self._select(key)
        self.settings.set(LAST_SECTION, key)
        return page

    def open_record(self, link: RecordLink) -> QWidget | None:
        """Show the section that keeps ``link``'s kind of record and pick the record there;
        the page shown, or ``None`` when the section has no page."""
        from ledger.ui.navigation import SECTIONS, ShowsRecords

        page = self.show_section(SECTIONS[link.kind])
        if isinstance(page, ShowsRecords):
            page.show_record(link)
        return page

    def _select(self, key: str) -> None:
        """Mark ``key``'s entry in the navigation (without navigating again)."""
        for row, section in enumerate(extensions.SECTIONS):
            if section.key == key and self.navigation.currentRow() != row:
                blocked = self.navigation.blockSignals(True)
                self.navigation.setCurrentRow(row)
                self.navigation.blockSignals(blocked)

    def current_section(self) -> str:
        """The key of the section shown."""
        for key, page in self.pages.items():
            if page is self.stack.currentWidget():
                return key
        return ""

    # Menus --------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        """The menus with what works without a database; :meth:`_fill_menus` adds the rest."""
        bar = self.menuBar()
        self.menus = {}
        for key, title in extensions.MENUS:
            self.menus[key] = bar.addMenu(QCoreApplication.translate("Menu", title))
        self._quit_separator = self.menus["file"].addSeparator()
        self._quit = self.menus["file"].addAction(QCoreApplication.translate("MainWindow", "退出"))
        self._quit.triggered.connect(self.close)

    def _fill_menus(self) -> None:
        """The registered menu entries, and every keyboard shortcut (Ctrl+1… for the sections).

        Shortcuts come with the database: setting the first one creates PySide6's ``Qt``
        enums, which the window's first showing is spared.
        """
        for number, section in enumerate(extensions.SECTIONS, start=1):
            shortcut = QAction(self)
            shortcut.setShortcut(QKeySequence(f"Ctrl+{number}"))
            shortcut.triggered.connect(lambda _=False, key=section.key: self.show_section(key))
            self.addAction(shortcut)
        self._quit.setShortcut(QKeySequence.StandardKey.Quit)
        for key, menu in self.menus.items():
            before = self._quit_separator if key == "file" else None
            for spec in extensions.actions(key):
                action = QAction(QCoreApplication.translate(spec.context, spec.title), menu)
                if spec.shortcut:
                    action.setShortcut(QKeySequence(spec.shortcut))
                action.triggered.connect(lambda _=False, s=spec: s.handler(self))
                menu.insertAction(before, action)  # type: ignore[arg-type]
        about = self.menus["help"].addAction(
            QCoreApplication.translate("MainWindow", "关于应急资源台账")
        )
        about.triggered.connect(self._about)

    def _about(self) -> None:
        from ledger.ui.dialogs.about import about_dialog

        about_dialog(self.ctx.db.path, self).exec()

    # Status bar ---------------------------------------------------------------------------
    def _build_status_bar(self, target: str) -> None:
        bar = self.statusBar()
        self.database_label = QLabel()
        self.user_label = QLabel()
        self.profile_label = QLabel()
        for widget in (self.database_label, self.user_label, self.profile_label):
            widget.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(widget)
        self.show_database(target)

    def show_database(self, target: str) -> None:
        """Name the database in the status bar (the one open, or the one being opened); a
        server URL's password is never shown."""
        from ledger.core.dburl import shown_target

        shown = shown_target(target)
        self.database_label.setText(
            QCoreApplication.translate("MainWindow", "数据库：{path}").format(path=shown)
        )
        self.database_label.setToolTip(shown)

    def _show_profile(self) -> None:
        from ledger.services import norms, org
        from ledger.ui.ops import run_query

        profiles = run_query(self, self.ctx, org.root_profiles, [])

        def titles(**how: bool) -> str:
            return "、".join(
                QCoreApplication.translate("Plans", norms.profile_title(p, **how)) for p in profiles
            )

        text = titles(with_number=False) or QCoreApplication.translate("MainWindow", "未设置")
        self.profile_label.setText(
            QCoreApplication.translate("MainWindow", "规划：{profile}").format(profile=text)
        )
        self.profile_label.setToolTip(titles())

    def _show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    # Layout -------------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self.settings.state("MainWindow/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.state("MainWindow/state")
        if state is not None:
            self.restoreState(state)

    def save_layout(self) -> None:
        """Remember geometry, state and every page's splitters and columns."""
        settings = self.settings
        settings.set_state("MainWindow/geometry", self.saveGeometry())
        settings.set_state("MainWindow/state", self.saveState())
        if self.pages:  # pages exist only once the database layer is loaded
            from ledger.ui.widgets.page import Page

            for page in self.pages.values():
                if isinstance(page, Page):
                    page.save_layout()
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        super().closeEvent(event)
