"""The import error list (导入错误清单): sheet, row, column, value, reason; savable as a workbook.

Shown when a workbook cannot be imported; nothing was written. The office fixes what the list
names and imports again. ``save_to()`` writes the list; tests call it instead of the file dialog.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ledger.io.export import ERROR_COLUMNS, write_errors
from ledger.io.reader import RowError
from ledger.ui import messages

XLSX_FILTER = "Excel 工作簿 (*.xlsx)"


class ImportErrorsDialog(QDialog):
    """Every error of a workbook in a table, with a button to save them as a workbook."""

    def __init__(self, errors: Sequence[RowError], source: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.errors = list(errors)
        self.source = source
        self.setWindowTitle(self.tr("导入未完成：工作簿有错误"))
        self.resize(960, 520)
        summary = QLabel(
            self.tr("“{name}”中有 {count} 处错误，未导入任何数据。请按下表改正后重新导入。").format(
                name=Path(source).name, count=len(self.errors)
            )
        )
        summary.setWordWrap(True)
        self.table = QTableWidget(len(self.errors), len(ERROR_COLUMNS), self)
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in ERROR_COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        for row, error in enumerate(self.errors):
            values = (
                error.sheet or self.tr("文件"),
                error.row,
                error.column,
                error.value,
                error.reason,
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem("" if value is None else str(value))
                item.setToolTip(item.text())
                if column == 1 and value is not None:
                    item.setData(Qt.ItemDataRole.DisplayRole, int(value))
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        for column in range(len(ERROR_COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(ERROR_COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        self.save_button = buttons.addButton(
            self.tr("另存为工作簿…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button.clicked.connect(self.choose_and_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()  # long reasons wrap once the widths are known

    def choose_and_save(self) -> None:
        """Ask where to save the list, then save it."""
        suggested = str(Path(self.source).with_name(Path(self.source).stem + "_错误清单.xlsx"))
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("保存错误清单"), suggested, self.tr(XLSX_FILTER)
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        """Write the error list to ``path`` and say so (or why it could not be written)."""
        try:
            write_errors(path, self.errors)
        except OSError as error:
            messages.warning(self, self.tr("无法保存错误清单：{reason}").format(reason=error))
            return
        messages.status(self.tr("错误清单已保存到 {path}").format(path=path))

    @classmethod
    def ask(cls, errors: Sequence[RowError], source: str, parent: QWidget | None = None) -> None:
        """Show the list modally (tests replace this)."""
        cls(errors, source, parent).exec()
