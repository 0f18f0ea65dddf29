"""Qt's own file and print dialogs speak Chinese, including the labels Qt's translation lacks."""

from __future__ import annotations

import re


def test_qt_file_and_print_dialogs_have_no_english_labels(qapp) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QFileDialog, QGroupBox, QLabel

    from ledger.ui import i18n

    i18n.install(qapp, "zh_CN")
    try:
        files = QFileDialog(None, "导出Excel")
        files.setOption(QFileDialog.Option.DontUseNativeDialog)
        printer = QPrinter()
        printing = QPrintDialog(printer)
        texts = [label.text() for label in files.findChildren(QLabel)]
        texts += [label.text() for label in printing.findChildren(QLabel)]
        texts += [box.title() for box in printing.findChildren(QGroupBox)]
        english = [t for t in texts if re.search("[A-Za-z]", re.sub(r"\(&[A-Z]\)|&", "", t))]
        assert english == []
        assert "查找范围(&L)：" in texts
        assert QCoreApplication.translate("Columns", "名称") == "名称"  # others untouched
        assert QCoreApplication.translate("QFileDialog", "Detail View") == "详情视图"
    finally:
        i18n.install(qapp, "zh_CN")
