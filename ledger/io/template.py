"""The empty import workbook (标准导入模板): sheets, headers, a hint row and drop-downs.

Code, ID-number and phone columns are formatted as text, so that what offices type keeps its
leading zeros; the enumerations get drop-down lists kept on a hidden sheet (``_选项``).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ledger.io.cells import KNOWN_MEASURES
from ledger.io.schema import SHEETS, Column, Kind, Sheet

#: Data rows that get drop-downs and text format in the template.
TEMPLATE_ROWS = 2000
OPTIONS_SHEET = "_选项"
TEXT_KINDS = frozenset({Kind.CODE, Kind.REGION, Kind.ID_NUMBER, Kind.PHONE, Kind.TEXT})
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FONT = Font(bold=True, color="C00000")
HEADER_FONT = Font(bold=True)
HINT_FONT = Font(italic=True, color="808080", size=9)

INSTRUCTIONS = (
    "应急资源台账 · 标准导入模板",
    "",
    "1. 每类数据一张工作表，按表名识别；不需要的工作表可以删除或留空。",
    "2. 第1行是列名（红色为必填），第2行是填写提示，可保留也可删除；数据从第3行开始。",
    "3. 编码、身份证号、手机号请按文本填写，前导零才不会丢失。",
    "4. 日期填 2024-03-01 这样的格式，或使用 Excel 日期。",
    "5. 下拉框列请从列表中选择；标志可填多个，用“；”分隔。",
    "6. 导入前会检查整个工作簿，只要有一处错误就不会导入任何数据；",
    "   按错误清单（工作表、行、列、值、原因）改正后再导入即可。同一文件重复导入不会重复登记。",
    "7. 期初库存按仓库各生成一张入库单（备注“期初库存”），每个仓库、物资、批次只登记一次。",
)


def write_template(path: Path) -> None:
    """Write the empty import workbook to ``path``."""
    book = Workbook()
    intro = book.active
    assert intro is not None
    intro.title = "填写说明"
    for line in INSTRUCTIONS:
        intro.append([line])
    intro.column_dimensions["A"].width = 100
    intro["A1"].font = Font(bold=True, size=14)
    options = _options_sheet(book)
    for sheet in SHEETS:
        _write_sheet(book.create_sheet(sheet.name), sheet, options)
    book.move_sheet(OPTIONS_SHEET, offset=len(book.sheetnames))
    book.save(path)


def _options_sheet(book: Workbook) -> dict[str, str]:
    """Lists for drop-downs on a hidden sheet; returns the range of each list by name."""
    sheet = book.create_sheet(OPTIONS_SHEET)
    sheet.sheet_state = "hidden"
    lists: dict[str, tuple[str, ...]] = {"计量单位": tuple(dict.fromkeys(KNOWN_MEASURES))}
    for spec in SHEETS:
        for column in spec.columns:
            if column.choices:
                lists.setdefault(_list_name(column), column.choices)
    ranges = {}
    for index, (name, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        sheet.cell(1, index, name)
        for row, value in enumerate(values, start=2):
            sheet.cell(row, index, value)
        end = len(values) + 1
        ranges[name] = f"{quote_sheetname(OPTIONS_SHEET)}!${letter}$2:${letter}${end}"
    return ranges


def _list_name(column: Column) -> str:
    if column.enum is not None:
        return column.enum.__name__
    return column.header


def _write_sheet(ws: Worksheet, sheet: Sheet, options: dict[str, str]) -> None:
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        header = ws.cell(1, index, column.header)
        header.font = REQUIRED_FONT if column.required else HEADER_FONT
        header.fill = HEADER_FILL
        header.alignment = Alignment(horizontal="center", vertical="center")
        hint = ws.cell(2, index, column.hint or None)
        hint.font = HINT_FONT
        hint.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[letter].width = column.width
        cells = f"{letter}3:{letter}{TEMPLATE_ROWS + 2}"
        if column.kind in TEXT_KINDS:
            ws.column_dimensions[letter].number_format = "@"
        source = options.get("计量单位" if column.kind is Kind.MEASURE else _list_name(column))
        if source and (column.choices or column.kind is Kind.MEASURE):
            validation = DataValidation(
                type="list",
                formula1=f"={source}",
                allow_blank=True,
                showErrorMessage=column.kind is not Kind.MEASURE,
                errorTitle="请从列表中选择",
                error=f"“{column.header}”应为：" + "、".join(column.choices[:20]),
            )
            validation.add(cells)
            ws.add_data_validation(validation)
    ws.row_dimensions[2].height = 30
    ws.freeze_panes = "A3"
