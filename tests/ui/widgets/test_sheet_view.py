"""Every list works like a spreadsheet: numeric sort, Ctrl+C rows, export of what is shown, 合计."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import openpyxl
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QCalendarWidget

from ledger.ui.tables.base import Column, PagedModel, RowsModel
from ledger.ui.widgets import sheet_view
from ledger.ui.widgets.fields import DateField, calendar_widget
from ledger.ui.widgets.page import row_of, table_view


@dataclass(frozen=True)
class Lot:
    name: str
    quantity: Decimal
    unit: str
    expiry: date | None
    lines: int


COLUMNS = [
    Column("名称", lambda r: r.name),
    Column(
        "数量",
        lambda r: f"{r.quantity:,}{r.unit}",
        sort=lambda r: r.quantity,
        numeric=True,
        unit=lambda r: r.unit,
        total=True,
    ),
    Column("有效期至", lambda r: r.expiry.isoformat() if r.expiry else ""),
    Column("行数", lambda r: str(r.lines), numeric=True),  # no sort: its text sorts as a number
]
LOTS = [
    Lot("帐篷A", Decimal(5971), "顶", date(2027, 1, 5), 9),
    Lot('=HYPERLINK("x")', Decimal(20), "顶", None, 10),
    Lot("帐篷B", Decimal(300), "顶", date(2026, 12, 1), 100),
]


def view_of(qtbot, rows=LOTS, model=None):
    model = model or RowsModel(COLUMNS)
    if isinstance(model, RowsModel) and not isinstance(model, PagedModel):
        model.set_rows(rows)
    view = table_view(model)
    qtbot.addWidget(view)
    view.resize(700, 300)
    view.show()
    return view, model


def shown_names(view) -> list[str]:
    proxy = view.model()
    return [proxy.index(n, 0).data() for n in range(proxy.rowCount())]


def test_headers_sort_on_real_values_not_the_text(qtbot) -> None:
    view, _ = view_of(qtbot)
    view.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # "5,971顶" above "300顶" above "20顶"
    assert shown_names(view) == ["帐篷A", "帐篷B", '=HYPERLINK("x")']
    view.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # 9 < 10 < 100, not "10" < "100" < "9"
    assert shown_names(view) == ["帐篷A", '=HYPERLINK("x")', "帐篷B"]
    view.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # dates, blank first
    assert shown_names(view) == ['=HYPERLINK("x")', "帐篷B", "帐篷A"]
    view.setCurrentIndex(view.model().index(1, 0))
    assert row_of(view).name == "帐篷B"  # the sorted view still picks the right row


def test_a_paged_table_reads_every_page_before_it_sorts(qtbot, qtmodeltester) -> None:
    rows = [Lot(f"L{n:03}", Decimal(n), "条", None, n) for n in range(250)]
    model = PagedModel(COLUMNS, lambda: len(rows), lambda o, n: rows[o : o + n], page_size=100)
    model.reload()
    view, _ = view_of(qtbot, model=model)
    assert view.model().rowCount() == 100
    view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert view.model().rowCount() == 250
    assert shown_names(view)[:2] == ["L249", "L248"]
    fewer = rows[:220]  # a new filter: still sorted over every row, not over the first page
    model.set_source(lambda: len(fewer), lambda o, n: fewer[o : o + n])
    assert view.model().rowCount() == 220
    assert shown_names(view)[:2] == ["L219", "L218"]
    qtmodeltester.check(view.model())


def test_ctrl_c_copies_the_selected_rows_with_a_header_as_rows_for_a_spreadsheet(qtbot) -> None:
    view, _ = view_of(qtbot)
    view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    selection = view.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    selection.select(view.model().index(2, 0), flags)  # 帐篷A
    selection.select(view.model().index(0, 0), flags)  # the formula-like name
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    mime = QApplication.clipboard().mimeData()
    assert mime.text().split("\r\n") == [
        "名称\t数量\t有效期至\t行数",
        '\'=HYPERLINK("x")\t20顶\t\t10',  # pasted as text, never run as a formula
        "帐篷A\t5,971顶\t2027-01-05\t9",
        "",
    ]
    assert "<td" in mime.html() and "帐篷A" in mime.html() and "帐篷B" not in mime.html()
    # the offscreen platform's clipboard must not outlive the application: Python would
    # otherwise crash at exit (segmentation fault after the last test, exit code 139)
    QApplication.clipboard().clear()


def test_export_writes_what_is_shown_numbers_as_numbers_and_formulas_as_text(
    qtbot, tmp_path, monkeypatch, recorder
) -> None:
    view, _ = view_of(qtbot)
    view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    target = tmp_path / "库存.xlsx"
    monkeypatch.setattr(sheet_view.SheetView, "choose", lambda self, title, name: str(target))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    sheet = openpyxl.load_workbook(target).active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[0] == ["名称", "数量", "计量单位", "有效期至", "行数"]
    assert cells[1][:3] == ["帐篷A", 5971, "顶"]
    assert cells[1][3].date() == date(2027, 1, 5)
    assert cells[3][:3] == ['=HYPERLINK("x")', 20, "顶"]
    formula_cell = sheet.cell(row=4, column=1)
    assert formula_cell.data_type == "s"  # text, never a formula
    assert cells[4][:3] == ["合计", 6291, "顶"]  # the 合计 line, its sum a number
    assert sheet.cell(row=5, column=1).font.b
    assert recorder.texts("info")[-1] == f"已导出 3 行到 {target}"


def test_an_export_totals_each_unit_on_its_own_line(qtbot, tmp_path) -> None:
    view, model = view_of(qtbot)
    model.set_rows([*LOTS, Lot("棉被", Decimal(5881), "床", None, 1)])
    target = tmp_path / "库存.xlsx"
    assert sheet_view.export_rows(view, target) == 4
    cells = [[c.value for c in row] for row in openpyxl.load_workbook(target).active.iter_rows()]
    assert [row[:3] for row in cells[5:]] == [
        ["合计（顶）", 6291, "顶"],
        ["合计（床）", 5881, "床"],
    ]
    plain = RowsModel([Column("名称", lambda r: r.name)])
    bare, _ = view_of(qtbot, model=plain)
    assert sheet_view.export_rows(bare, target) == 3
    assert openpyxl.load_workbook(target).active.max_row == 4  # no 合计 where nothing adds up


def test_the_total_line_adds_up_per_unit(qtbot) -> None:
    view, model = view_of(qtbot)
    assert view.footer.isVisible()
    viewport = view.viewport().geometry()
    assert view.footer.geometry().top() == viewport.bottom() + 1  # under the rows, not on them
    assert view.viewportMargins().top() > 0  # the header keeps its room
    assert "数量：6291顶" in view.footer.text()
    assert view.footer.toolTip() == ""
    model.set_rows([*LOTS, Lot("棉被", Decimal(5881), "床", None, 1)])
    text = view.footer.text()
    assert "数量：2 种计量单位，不能相加" in text and "顶" not in text and "床" not in text
    assert view.footer.toolTip().splitlines()[1:] == ["5881床", "6291顶"]


def test_a_paged_total_waits_until_every_row_is_read(qtbot) -> None:
    rows = [Lot(f"L{n}", Decimal(1), "条", None, n) for n in range(250)]
    model = PagedModel(COLUMNS, lambda: len(rows), lambda o, n: rows[o : o + n], page_size=100)
    model.reload()
    view, _ = view_of(qtbot, model=model)
    assert "计算全部合计" in view.footer.text()
    view.footer.linkActivated.emit("all")
    assert "数量：250条" in view.footer.text()


def test_a_table_without_totals_has_no_total_line(qtbot) -> None:
    model = RowsModel([Column("名称", lambda r: r.name)])
    view, _ = view_of(qtbot, model=model)
    model.set_rows(LOTS)
    assert not view.footer.isVisible()


def test_calendars_show_no_week_numbers(qtbot) -> None:
    calendar = calendar_widget()
    qtbot.addWidget(calendar)
    assert calendar.verticalHeaderFormat() == QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader
    field = DateField(date(2026, 11, 22))
    qtbot.addWidget(field)
    field.show()
    field._pick()
    shown = [w for w in QApplication.topLevelWidgets() if w.findChild(QCalendarWidget)]
    popup = shown[-1].findChild(QCalendarWidget)
    assert popup.verticalHeaderFormat() == QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader
    popup.close()
    shown[-1].close()


def test_copied_text_that_looks_like_a_formula_pastes_as_text() -> None:
    assert sheet_view._clean("@SUM(A1)") == "'@SUM(A1)"
    assert sheet_view._clean("+86 138") == "'+86 138"
    assert sheet_view._clean("-cmd") == "'-cmd"
    assert sheet_view._clean("-5件") == "-5件"  # a negative quantity stays as it is
    assert sheet_view._clean("第1行\t第2列\n") == "第1行 第2列"
