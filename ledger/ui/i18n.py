"""Translations: Chinese is the source language; English is loaded from resources/i18n.

Qt's own strings (buttons of standard dialogs, context menus) come from ``qtbase_zh_CN.qm``
shipped with PySide6. Services' messages are translated at display time through the hook in
:mod:`ledger.core.i18n`, with the contexts they were marked in.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ledger.core import i18n as core_i18n
from ledger.paths import resource

#: Languages offered in the settings, by code, with their own names.
LANGUAGES: dict[str, str] = {"zh_CN": "简体中文", "en": "English"}
SOURCE_LANGUAGE = "zh_CN"

_installed: list[QTranslator] = []

#: Qt's own strings that ``qtbase_zh_CN.qm`` lacks (Qt 6 added the mnemonics after it was made).
QT_GAPS_ZH: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "File"): "文件",
    ("QAbstractFileIconProvider", "%1 File"): "%1 文件",
    ("QAbstractFileIconProvider", "Shortcut"): "快捷方式",
    ("QPrintSettingsOutput", "Page &Set:"): "页面集(&S)：",
}


class QtGaps(QTranslator):
    """Chinese for the few strings of Qt's own dialogs that Qt's translation leaves English."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        del disambiguation, n
        return QT_GAPS_ZH.get((context, source))  # None (not ""): the next translator answers

    def isEmpty(self) -> bool:
        return False


def qm_path(language: str) -> str:
    """The compiled translation of the application for ``language``."""
    return str(resource("i18n", f"ledger_{language}.qm"))


def install(app: QCoreApplication, language: str) -> list[str]:
    """Install the translators of ``language`` on ``app``; return what could not be loaded."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    missing: list[str] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_name = "qtbase_zh_CN" if language == SOURCE_LANGUAGE else f"qtbase_{language}"
    if language != "en":
        _load(app, qt_name, qt_dir, missing)
    if language == SOURCE_LANGUAGE:
        gaps = QtGaps(app)
        app.installTranslator(gaps)
        _installed.append(gaps)
    if language != SOURCE_LANGUAGE:
        _load(app, f"ledger_{language}", str(resource("i18n")), missing)
    QLocale.setDefault(QLocale(language))
    core_i18n.translator_hook[:] = [QCoreApplication.translate]
    return missing


def _load(app: QCoreApplication, name: str, folder: str, missing: list[str]) -> None:
    translator = QTranslator(app)
    if translator.load(name, folder):
        app.installTranslator(translator)
        _installed.append(translator)
    else:
        missing.append(f"{folder}/{name}.qm")


def label(member: Enum) -> str:
    """The translated label of a :class:`~ledger.core.enums.LabelledEnum` member."""
    return QCoreApplication.translate("Enum", member.label)  # type: ignore[attr-defined]


def translate(context: str, text: str) -> str:
    """Translate a string marked below the UI with ``QT_TRANSLATE_NOOP(context, text)``."""
    return QCoreApplication.translate(context, text)
