"""The CJK font reports embed: found on the system, shipped in resources/fonts, or set by the user.

reportlab embeds subsets of TrueType outlines only; CFF-based files (Noto CJK ``.ttc``/``.otf``,
Source Han) are skipped. A font set by the user (a path, or the ``LEDGER_REPORT_FONT``
environment variable) that cannot be used is an error naming the file; when no usable font is
found anywhere the error names what to install. Other usable fonts found become fallbacks, so
a rare character missing from the main font is drawn from another one instead of as a box.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from ledger.core.errors import FontNotFound, FontUnusable
from ledger.paths import resource

ENV_VAR = "LEDGER_REPORT_FONT"
#: Characters every usable font must draw: a font without them is not a Chinese font.
PROBE = "应急物资台账储备库编织袋救援队"

_WINDOWS = ("msyh.ttc", "simsun.ttc", "simhei.ttf", "simkai.ttf", "simfang.ttf", "msyhl.ttc")
_LINUX = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
)
_MAC = (
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
)
#: Latin fallback for symbols a CJK font may lack.
_LATIN = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",)


@dataclass(frozen=True)
class ReportFonts:
    """Registered font names: the main CJK font and fallbacks, in the order they are tried."""

    main: str
    path: Path
    fallbacks: tuple[str, ...] = ()

    @property
    def all(self) -> tuple[str, ...]:
        """Every registered font, main first."""
        return (self.main, *self.fallbacks)


def candidate_files() -> list[Path]:
    """Font files worth trying, best first: shipped, then the platform's Chinese fonts."""
    found: list[Path] = []
    shipped = resource("fonts")
    if shipped.is_dir():
        found += sorted(p for p in shipped.iterdir() if p.suffix.lower() in {".ttf", ".ttc"})
    if sys.platform.startswith("win"):
        roots = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
        local = os.environ.get("LOCALAPPDATA")
        if local:
            roots.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
        found += [root / name for root in roots for name in _WINDOWS]
    else:
        found += [Path(p) for p in (*_LINUX, *_MAC)]
        found += [Path.home() / ".local/share/fonts" / Path(p).name for p in _LINUX]
    return found


class MemoFont(TTFont):  # type: ignore[misc]
    """A TrueType font that splits each distinct text into its PDF subsets once per document.

    reportlab maps every character of every string it draws to a subset code in Python; a long
    list draws the same names, units and dates thousands of times. A text whose characters all
    have their codes splits the same way for the rest of the document, so the split is kept
    (with the document's subset state, which goes when the document does).
    """

    def splitString(self, text: str, doc: Any, encoding: str = "utf-8") -> Any:
        state = self.state.get(doc)
        memo = getattr(state, "split_memo", None) if state is not None else None
        if memo is None:
            result = super().splitString(text, doc, encoding)
            self.state[doc].split_memo = {text: result}
            return result
        found = memo.get(text)
        if found is None:
            found = memo[text] = super().splitString(text, doc, encoding)
        return found


def load(path: Path) -> TTFont:
    """Load the first TrueType face of ``path`` that draws Chinese, named after the file.

    Raises:
        FontUnusable: not readable, CFF outlines only, or no Chinese glyphs.
    """
    reason = "文件不存在"
    if path.is_file():
        for index in range(4 if path.suffix.lower() == ".ttc" else 1):
            try:
                font = MemoFont(_font_name(path, index), str(path), subfontIndex=index)
            except TTFError as error:
                reason = _reason(str(error))
                if "subfont" in str(error).lower() or "postscript" in str(error).lower():
                    break
                continue
            except OSError as error:
                reason = error.strerror or str(error)
                break
            if all(ord(ch) in font.face.charToGlyph for ch in PROBE):
                return font
            reason = "字体不含中文字形"
    raise FontUnusable(path=str(path), reason=reason)


def _font_name(path: Path, index: int) -> str:
    stem = re.sub(r"[^A-Za-z0-9]", "", path.stem) or "font"
    return f"CJK-{stem}-{index}"


def _reason(message: str) -> str:
    if "postscript" in message.lower():
        return (
            "字体轮廓为 PostScript/CFF（如 Noto CJK、思源黑体），reportlab 只能嵌入 TrueType 轮廓"
        )
    return message


def report_fonts(setting: str | Path | None = None) -> ReportFonts:
    """Register and return the fonts reports use.

    Args:
        setting: a font file chosen by the user; ``None`` reads ``LEDGER_REPORT_FONT`` and
            otherwise searches the system.

    Raises:
        FontUnusable: the font the user set cannot be used.
        FontNotFound: no usable Chinese TrueType font anywhere; names what to install.
    """
    chosen = setting or os.environ.get(ENV_VAR) or None
    return _fonts(Path(chosen).expanduser() if chosen else None, tuple(candidate_files()))


@cache
def _fonts(chosen: Path | None, candidates: tuple[Path, ...]) -> ReportFonts:
    fonts: list[tuple[str, Path]] = []
    if chosen is not None:
        fonts.append((_register(load(chosen)), chosen))
    for path in _unique(candidates):
        if path == chosen:
            continue
        try:
            font = load(path)
        except FontUnusable:
            continue
        fonts.append((_register(font), path))
    if not fonts:
        raise FontNotFound(searched="、".join(str(p) for p in candidates[:8]) + " 等")
    fallbacks = [name for name, _ in fonts[1:]] + _latin_fallbacks()
    return ReportFonts(fonts[0][0], fonts[0][1], tuple(fallbacks))


def _unique(paths: Iterable[Path]) -> list[Path]:
    seen: set[Path] = set()
    out = []
    for path in paths:
        if path not in seen and path.is_file():
            seen.add(path)
            out.append(path)
    return out


def _register(font: TTFont) -> str:
    if font.fontName not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(font)
    return str(font.fontName)


def _latin_fallbacks() -> list[str]:
    names = []
    for path in map(Path, _LATIN):
        if not path.is_file():
            continue
        name = "LedgerLatin"
        if name not in pdfmetrics.getRegisteredFontNames():
            try:
                pdfmetrics.registerFont(TTFont(name, str(path)))
            except TTFError:
                continue
        names.append(name)
    return names


@cache
def _cmap(font_name: str) -> frozenset[int]:
    font = pdfmetrics.getFont(font_name)
    return frozenset(font.face.charToGlyph)


def has_glyph(font_name: str, char: str) -> bool:
    """Whether a registered TrueType font draws ``char`` (spaces and controls always pass)."""
    return char.isspace() or ord(char) < 32 or ord(char) in _cmap(font_name)


def covers(font_name: str, text: str) -> bool:
    """Whether a registered TrueType font draws every character of ``text``."""
    cmap = _cmap(font_name)
    return all(ord(ch) in cmap or ch.isspace() for ch in text)


def missing(text: str, fonts: ReportFonts) -> set[str]:
    """Characters of ``text`` that no registered font draws."""
    return {ch for ch in text if not any(has_glyph(name, ch) for name in fonts.all)}


def runs(text: str, fonts: ReportFonts) -> list[tuple[str, str]]:
    """Split ``text`` into (font, text) runs: the main font wherever it has the glyph.

    A character no font draws is written as its code point (``[U+4DAE]``), never as a box
    or a blank, so a reader sees that something is there and what it is.
    """
    out: list[tuple[str, str]] = []
    for ch in text:
        name = next((n for n in fonts.all if has_glyph(n, ch)), None)
        if name is None:
            name, ch = fonts.main, f"[U+{ord(ch):04X}]"
        if out and out[-1][0] == name:
            out[-1] = (name, out[-1][1] + ch)
        else:
            out.append((name, ch))
    return out
