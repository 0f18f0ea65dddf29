"""Reading a plan's text (plain text, Word .docx, PDF with a text layer) as numbered lines."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from ledger.core.errors import PlanUnreadable

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: Fewer readable characters than this per PDF page: a scan without a text layer.
_MIN_CHARS_PER_PAGE = 20


@dataclass(frozen=True)
class PlanText:
    """A plan's text as lines; line ``n`` (1-based) is ``lines[n - 1]``, as citations cite it."""

    name: str
    lines: tuple[str, ...]

    def line(self, number: int) -> str:
        """The text of line ``number`` (1-based)."""
        return self.lines[number - 1]


def split_lines(text: str) -> tuple[str, ...]:
    """Lines as the seed files number them: split at line feeds, a final empty line dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return tuple(lines)


def read_plan(path: Path) -> PlanText:
    """The text of the plan at ``path`` by its suffix (.txt, .docx, .pdf).

    Raises:
        PlanUnreadable: unknown format, unreadable file, or a PDF without a text layer.
    """
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            text = _docx_text(path)
        elif suffix == ".pdf":
            text = _pdf_text(path)
        elif suffix in {".txt", ".text", ".md", ""}:
            text = _plain_text(path.read_bytes(), path.name)
        else:
            raise PlanUnreadable(file=path.name, reason="只能读取 .txt、.docx 或 .pdf 文件")
    except OSError as error:
        raise PlanUnreadable(file=path.name, reason=error.strerror or str(error)) from None
    return PlanText(path.name, split_lines(text))


def _plain_text(data: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PlanUnreadable(file=name, reason="文字编码无法识别（应为 UTF-8 或 GB18030）")


def _docx_text(path: Path) -> str:
    """Paragraphs in document order, table cells included: one line per paragraph."""
    try:
        with zipfile.ZipFile(path) as archive:
            xml = archive.read("word/document.xml")
        root = ElementTree.fromstring(xml)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        raise PlanUnreadable(file=path.name, reason="不是有效的 Word（.docx）文件") from None
    lines = []
    for paragraph in root.iter(f"{_W}p"):
        parts = []
        for node in paragraph.iter():
            if node.tag == f"{_W}t" and node.text:
                parts.append(node.text)
            elif node.tag == f"{_W}tab":
                parts.append("\t")
            elif node.tag in {f"{_W}br", f"{_W}cr"}:
                parts.append("\n")
        lines.append("".join(parts))
    return "\n".join(lines)


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError):
        raise PlanUnreadable(file=path.name, reason="不是有效的 PDF 文件") from None
    readable = sum(len("".join(page.split())) for page in pages)
    if not pages or readable < _MIN_CHARS_PER_PAGE * len(pages):
        raise PlanUnreadable(
            file=path.name,
            reason="PDF 没有文字层（可能是扫描件），请先做文字识别（OCR）或提供 Word、文本版本",
        )
    return "\n".join(page.rstrip("\n") for page in pages)
