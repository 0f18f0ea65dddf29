"""Where the main window's navigation and menus come from: sections and pages as data.

The navigation sections are fixed here, in order. A page registers itself for a section from
a module in :mod:`ledger.ui.pages` (found by :func:`discover`, as the CLI finds commands), and
menu entries register from any such module too. Another part of the program adds its page by
dropping a module in ``ledger/ui/pages/`` that calls :func:`register_page`; nothing else
changes. A section without a page shows greyed out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ledger.core.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from ledger.ui.context import AppContext
    from ledger.ui.main_window import MainWindow


@dataclass(frozen=True)
class Section:
    """A navigation entry: key, title (context ``Navigation``), icon and what it is for."""

    key: str
    title: str
    icon: str
    hint: str


SECTIONS: tuple[Section, ...] = (
    Section("home", QT_TRANSLATE_NOOP("Navigation", "工作台"), "home",
            QT_TRANSLATE_NOOP("Navigation", "到期、逾期、短板的提醒和图表，最近的单据")),
    Section("org", QT_TRANSLATE_NOOP("Navigation", "组织机构"), "org",
            QT_TRANSLATE_NOOP("Navigation", "行政区划、岗位人员、演练与培训")),
    Section("teams", QT_TRANSLATE_NOOP("Navigation", "救援队伍"), "teams",
            QT_TRANSLATE_NOOP("Navigation", "队伍与队员花名册")),
    Section("stock", QT_TRANSLATE_NOOP("Navigation", "仓库与库存"), "stock",
            QT_TRANSLATE_NOOP("Navigation", "库存、单据录入、盘点与物资卡片")),
    Section("equipment", QT_TRANSLATE_NOOP("Navigation", "装备"), "equipment",
            QT_TRANSLATE_NOOP("Navigation", "装备、状态与保养")),
    Section("shortfalls", QT_TRANSLATE_NOOP("Navigation", "短板检查"), "shortfalls",
            QT_TRANSLATE_NOOP("Navigation", "对照规划检查短板")),
    Section("readiness", QT_TRANSLATE_NOOP("Navigation", "应急推演"), "readiness",
            QT_TRANSLATE_NOOP("Navigation", "安置N人D天：从哪些仓库调拨、缺什么、可调用哪些队伍")),
    Section("reports", QT_TRANSLATE_NOOP("Navigation", "报表"), "reports",
            QT_TRANSLATE_NOOP("Navigation", "打印台账、单据与报告")),
    Section("system", QT_TRANSLATE_NOOP("Navigation", "系统"), "system",
            QT_TRANSLATE_NOOP("Navigation", "本机设置与数据库")),
)  # fmt: skip

PageFactory = Callable[["AppContext", QWidget | None], QWidget]


@dataclass(frozen=True)
class PageSpec:
    """A page for a section, built on first visit by ``factory(ctx, parent)``."""

    section: str
    factory: PageFactory


@dataclass(frozen=True)
class ActionSpec:
    """A menu entry: menu key (file, data, documents, help), title, handler and shortcut."""

    menu: str
    title: str
    handler: Callable[[MainWindow], None]
    shortcut: str = ""
    order: int = 100
    context: str = "Menu"


MENUS: tuple[tuple[str, str], ...] = (
    ("file", QT_TRANSLATE_NOOP("Menu", "文件(&F)")),
    ("documents", QT_TRANSLATE_NOOP("Menu", "单据(&D)")),
    ("data", QT_TRANSLATE_NOOP("Menu", "数据(&T)")),
    ("help", QT_TRANSLATE_NOOP("Menu", "帮助(&H)")),
)

_pages: dict[str, PageSpec] = {}
_actions: list[ActionSpec] = []


def register_page(spec: PageSpec) -> None:
    """Install the page of a section (a later registration replaces an earlier one)."""
    if spec.section not in {s.key for s in SECTIONS}:
        raise KeyError(spec.section)
    _pages[spec.section] = spec


def register_action(spec: ActionSpec) -> None:
    """Add a menu entry to the main window."""
    if spec.menu not in dict(MENUS):
        raise KeyError(spec.menu)
    if spec not in _actions:
        _actions.append(spec)


def page(section: str) -> PageSpec | None:
    """The page registered for a section, if any."""
    return _pages.get(section)


def actions(menu: str) -> list[ActionSpec]:
    """The registered entries of a menu, in order."""
    return sorted((a for a in _actions if a.menu == menu), key=lambda a: a.order)


def discover() -> None:
    """Import every module of :mod:`ledger.ui.pages` so they register their pages and actions."""
    import importlib
    import pkgutil

    from ledger.ui import pages

    for info in pkgutil.iter_modules(pages.__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"{pages.__name__}.{info.name}")
