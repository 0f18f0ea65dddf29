"""Previewing a report's PDF (QPdfView), printing it through Qt's print dialog, saving it.

Printing draws each page as an image at up to 300 dpi (Qt prints no PDF vectors), fitted to
the printer's page in the orientation of the report. :func:`ask_printer` and
:func:`ask_save_path` are the two places a dialog opens; tests replace them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRect, QSize, Qt
from PySide6.QtGui import (
    QGuiApplication,
    QImage,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
    QShortcut,
)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ledger.ui import messages

#: The finest resolution pages are drawn at for the printer.
PRINT_DPI = 300
#: How much one press of ＋ or － zooms.
ZOOM_STEP = 1.25


class PdfPreview(QWidget):
    """A PDF shown page after page, fitted to the width, with zoom and page navigation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.data = b""
        self._buffer: QBuffer | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._build_bar())
        layout.addWidget(self.view)
        self.view.pageNavigator().currentPageChanged.connect(lambda _p: self._show_page())
        self._show_page()

    def _build_bar(self) -> QHBoxLayout:
        self.previous_button = _tool_button(self.tr("上一页"))
        self.next_button = _tool_button(self.tr("下一页"))
        self.page_label = QLabel()
        self.zoom_out_button = _tool_button("－")
        self.zoom_in_button = _tool_button("＋")
        self.fit_width_button = _tool_button(self.tr("适合宽度"))
        self.whole_page_button = _tool_button(self.tr("整页"))
        self.zoom_out_button.setToolTip(self.tr("缩小 (Ctrl+-)"))
        self.zoom_in_button.setToolTip(self.tr("放大 (Ctrl++)"))
        self.previous_button.clicked.connect(lambda: self.go_to(self.current_page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.current_page() + 1))
        self.zoom_in_button.clicked.connect(lambda: self.zoom(ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self.zoom(1 / ZOOM_STEP))
        self.fit_width_button.clicked.connect(
            lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        )
        self.whole_page_button.clicked.connect(
            lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        )
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, lambda: self.zoom(ZOOM_STEP))
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, lambda: self.zoom(1 / ZOOM_STEP))
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for widget in (self.previous_button, self.page_label, self.next_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_width_button,
            self.whole_page_button,
        ):
            bar.addWidget(widget)
        return bar

    def current_page(self) -> int:
        """The page shown (0-based)."""
        return int(self.view.pageNavigator().currentPage())

    def go_to(self, page: int) -> None:
        """Show page ``page`` (0-based), kept within the document."""
        if self.pages:
            self.view.pageNavigator().jump(max(0, min(page, self.pages - 1)), QPointF(), 0)
            self._show_page()

    def zoom(self, factor: float) -> None:
        """Zoom by ``factor`` from what is shown now (between 25 % and 400 %)."""
        current = self.view.zoomFactor()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(4.0, current * factor)))

    def _show_page(self) -> None:
        pages = self.pages
        page = self.current_page() + 1 if pages else 0
        self.page_label.setText(
            self.tr("第 {page} / {pages} 页").format(page=page, pages=pages) if pages else ""
        )
        self.previous_button.setEnabled(pages > 0 and page > 1)
        self.next_button.setEnabled(pages > 0 and page < pages)
        for button in (
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_width_button,
            self.whole_page_button,
        ):
            button.setEnabled(pages > 0)

    def show_pdf(self, data: bytes) -> None:
        """Show ``data`` (a whole PDF) from its first page."""
        self.document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer, self.data = buffer, data
        self.view.pageNavigator().jump(0, QPointF(), 0)
        self._show_page()

    def clear(self) -> None:
        """Show nothing."""
        self.document.close()
        self.data = b""
        self._show_page()

    @property
    def pages(self) -> int:
        """How many pages the shown PDF has."""
        return int(self.document.pageCount()) if self.data else 0


def _tool_button(text: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    return button


def landscape(document: QPdfDocument) -> bool:
    """Whether the document's first page is wider than tall."""
    size = document.pagePointSize(0)
    return size.width() > size.height()


def new_printer(document: QPdfDocument) -> QPrinter:
    """A printer set up for A4 in the document's orientation, all pages."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    orientation = QPageLayout.Orientation
    printer.setPageOrientation(
        orientation.Landscape if landscape(document) else orientation.Portrait
    )
    printer.setFromTo(1, max(1, document.pageCount()))
    printer.setDocName("应急资源台账报表")
    return printer


def ask_printer(printer: QPrinter, parent: QWidget | None) -> bool:
    """Qt's print dialog: choose the printer, pages and copies; whether the user went on."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(parent.tr("打印") if parent else "打印")
    return dialog.exec() == QDialog.DialogCode.Accepted


def paint_pages(document: QPdfDocument, printer: QPrinter) -> int:
    """Draw the chosen pages on ``printer``; return how many were printed."""
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0:
        first, last = 1, document.pageCount()
    dpi = min(printer.resolution(), PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    printed = 0
    try:
        for number in range(first - 1, min(last, document.pageCount())):
            if printed:
                printer.newPage()
            points = document.pagePointSize(number)
            pixels = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = document.render(number, pixels)
            painter.drawImage(_fit(painter.viewport(), image), image)
            printed += 1
    finally:
        painter.end()
    return printed


def _fit(area: QRect, image: QImage) -> QRect:
    """The largest rectangle of the image's proportions centred in ``area``."""
    size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    x = area.x() + (area.width() - size.width()) // 2
    y = area.y() + (area.height() - size.height()) // 2
    return QRect(x, y, size.width(), size.height())


def print_document(document: QPdfDocument, parent: QWidget | None) -> int:
    """Ask for a printer and print; return the pages printed (0 when cancelled)."""
    if document.pageCount() == 0:
        return 0
    printer = new_printer(document)
    if not ask_printer(printer, parent):
        return 0
    return paint_pages(document, printer)


def ask_save_path(parent: QWidget | None, suggested: str) -> str:
    """The file chosen to save a PDF as (empty when cancelled)."""
    path, _ = QFileDialog.getSaveFileName(
        parent, parent.tr("另存为 PDF") if parent else "", suggested, "PDF (*.pdf)"
    )
    return path


def save_pdf(data: bytes, parent: QWidget | None, suggested: str) -> Path | None:
    """Ask where and write ``data`` there; say so in the status bar."""
    chosen = ask_save_path(parent, suggested)
    if not chosen:
        return None
    path = Path(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")
    try:
        path.write_bytes(data)
    except OSError as error:
        messages.warning(parent, f"无法写入“{path}”：{error.strerror or error}")
        return None
    messages.status(f"已保存：{path}")
    return path


def fitting_size(widget: QWidget, wanted: QSize) -> QSize:
    """``wanted``, made small enough for the screen the widget is on (a 1366×768 laptop)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    room = screen.availableGeometry().size() if screen is not None else wanted
    # window frame and title bar are outside the size set
    return QSize(min(wanted.width(), room.width() - 40), min(wanted.height(), room.height() - 60))


class PreviewDialog(QDialog):
    """A report on its own: preview, print, save (used to print the voucher just posted)."""

    def __init__(self, title: str, data: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(fitting_size(self, QSize(900, 1000)))
        self.preview = PdfPreview(self)
        self.preview.show_pdf(data)
        print_button = QPushButton(self.tr("打印…"))
        save_button = QPushButton(self.tr("另存为 PDF…"))
        close_button = QPushButton(self.tr("关闭"))
        print_button.setDefault(True)
        print_button.clicked.connect(lambda: print_document(self.preview.document, self))
        save_button.clicked.connect(lambda: save_pdf(data, self, f"{title}.pdf"))
        close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (print_button, save_button, close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addLayout(buttons)

    @classmethod
    def ask(cls, title: str, data: bytes, parent: QWidget | None = None) -> None:
        """Show the preview modally."""
        cls(title, data, parent).exec()


#: Opens a preview dialog; tests replace it to look at what would be shown.
show_preview: Callable[[str, bytes, QWidget | None], None] = PreviewDialog.ask
