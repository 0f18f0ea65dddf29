"""The main window: navigation, status bar, remembered layout."""

from __future__ import annotations

from ledger.ui import extensions
from ledger.ui.main_window import MainWindow


def test_navigation_has_every_section_and_opens_pages(qtbot, ctx, town) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    titles = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert titles == [
        "工作台",
        "组织机构",
        "救援队伍",
        "仓库与库存",
        "装备",
        "短板检查",
        "应急推演",
        "报表",
        "系统",
    ]
    page = window.show_section("org")
    assert page is window.stack.currentWidget()
    assert "城关镇储备库" not in window.statusBar().currentMessage()
    assert "测试员" in window.user_label.text() and "管理员" in window.user_label.text()
    assert window.profile_label.text() == "规划：河南省“十四五”应急管理体系和本质安全能力建设规划"
    assert "豫政〔2021〕66号" in window.profile_label.toolTip()  # the plan's title, never its id
    assert ctx.db.path in window.database_label.text()


def test_a_section_without_a_page_is_greyed(qtbot, ctx) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.navigation.count() == len(extensions.SECTIONS)
    for row, section in enumerate(extensions.SECTIONS):
        item = window.navigation.item(row)
        assert bool(item.flags()) == (extensions.page(section.key) is not None)


def test_the_layout_and_section_are_remembered(qtbot, ctx, town) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(790, 503)  # within the offscreen screen (800×600)
    window.show()
    size = (window.width(), window.height())
    assert size != (1280, 800)
    page = window.show_section("teams")
    page.splitter.setSizes([222, 300])
    qtbot.waitUntil(lambda: page.splitter.sizes()[0] == 222)
    window.close()
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    assert again.current_section() == "teams"
    assert (again.width(), again.height()) == size
    again.show()
    assert again.pages["teams"].splitter.sizes() == page.splitter.sizes()


def test_menu_entries_and_keyboard_navigation(qtbot, ctx, town) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    titles = [a.text() for a in window.menus["documents"].actions()]
    assert titles[:6] == [
        "新建入库单",
        "新建出库单",
        "新建调拨单",
        "新建归还单",
        "新建报损单",
        "新建盘点表",
    ]
    assert window.menus["documents"].actions()[0].shortcut().toString() == "F2"
    window.show_section("equipment")
    assert window.navigation.currentItem().text() == "装备"


def test_the_home_page_is_first_and_ctrl_1(qtbot, ctx, town) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.current_section() == "home"  # the first page after login
    window.show_section("stock")
    ctrl_1 = next(a for a in window.actions() if a.shortcut().toString() == "Ctrl+1")
    ctrl_1.trigger()
    assert window.current_section() == "home"
    assert window.navigation.currentItem().text() == "工作台"


def test_the_status_bar_never_shows_a_database_password(qtbot, ctx) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show_database("postgresql+psycopg://ledger:s3cret-pw@db.county.local/ledger")
    assert "s3cret-pw" not in window.database_label.text()
    assert "s3cret-pw" not in window.database_label.toolTip()
    assert "db.county.local/ledger" in window.database_label.text()
