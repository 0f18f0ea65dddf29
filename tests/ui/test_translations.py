"""Translations: Chinese source, English complete and in step, Qt's own Chinese installed.

When this fails after a change of user-visible text, run
``python -m devtools.translations update``, translate the new strings in
``resources/i18n/ledger_en.ts`` (Qt Linguist: ``pyside6-linguist``) and run it again.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from devtools import translations
from ledger.core.errors import InsufficientStock
from ledger.paths import resource
from ledger.ui import i18n

TS = resource("i18n", "ledger_en.ts")
HOW = "run `python -m devtools.translations update` and translate in resources/i18n/ledger_en.ts"


def messages(ts_file: Path) -> list[ET.Element]:
    return ET.parse(ts_file).getroot().findall("context/message")


def test_the_generated_core_strings_are_up_to_date() -> None:
    text = translations.core_strings_path().read_text(encoding="utf-8")
    assert text == translations.core_strings_source(), HOW


def test_every_string_is_translated_and_none_vanished(tmp_path: Path) -> None:
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    translations.lupdate(copy, no_obsolete=False)
    problems = [
        (m.find("translation").get("type"), m.find("source").text)
        for m in messages(copy)
        if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
    ]
    assert problems == [], HOW


def test_translations_keep_every_placeholder() -> None:
    wrong = []
    for message in messages(TS):
        source, translation = message.find("source").text, message.find("translation").text
        names = set(re.findall(r"\{(\w*)\}", source or ""))
        if names != set(re.findall(r"\{(\w*)\}", translation or "")):
            wrong.append(source)
    assert wrong == []


def test_the_compiled_translation_matches_the_source(tmp_path: Path) -> None:
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    translations.lrelease(copy)
    assert copy.with_suffix(".qm").read_bytes() == TS.with_suffix(".qm").read_bytes(), HOW


def test_english_is_selectable_and_chinese_is_the_default(qapp) -> None:
    try:
        assert i18n.install(qapp, "en") == []
        assert QCoreApplication.translate("Navigation", "组织机构") == "Organisation"
        error = InsufficientStock(
            depot="一号库",
            item="编织袋",
            lot="L1",
            on_hand=Decimal(5),
            requested=Decimal(7),
            unit="条",
        )
        assert error.message.startswith("Not enough stock in 一号库")
    finally:
        assert i18n.install(qapp, "zh_CN") == []
    assert QCoreApplication.translate("Navigation", "组织机构") == "组织机构"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # qtbase_zh_CN
