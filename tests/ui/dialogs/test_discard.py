"""Discarding a form: Esc or the close button with something typed asks first, 继续录入 the
default; an untouched form closes at once."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ledger.core.enums import DocType
from ledger.ui.dialogs.catalogue import ItemDialog
from tests.ui.dialogs.test_document_form import open_form, press

QUESTION = "录入的内容还没有保存，放弃吗？"


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    return dialog


def test_an_untouched_editor_closes_at_once(qtbot, ctx, town, recorder) -> None:
    dialog = shown(qtbot, ItemDialog(ctx))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert recorder.texts("confirm") == []


def test_escape_with_typing_asks_and_keeps_the_form(qtbot, ctx, town, recorder) -> None:
    dialog = shown(qtbot, ItemDialog(ctx))
    qtbot.keyClicks(dialog.code, "FX009")
    recorder.answers.append(False)  # 继续录入
    qtbot.keyClick(dialog.code, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.code.text() == "FX009"
    assert recorder.texts("confirm") == [QUESTION]
    recorder.answers.append(True)  # 放弃
    dialog.close()  # the window's close button
    assert not dialog.isVisible()
    assert recorder.texts("confirm") == [QUESTION, QUESTION]


def test_an_editor_filled_by_the_program_is_not_typing(qtbot, ctx, town, recorder) -> None:
    dialog = shown(qtbot, ItemDialog(ctx))
    dialog.name.setText("头灯")  # as an editor opened on a record is filled
    dialog.reject()
    assert not dialog.isVisible() and recorder.texts("confirm") == []


def test_a_typed_header_of_the_document_form_asks_too(qtbot, ctx, town, recorder) -> None:
    form = open_form(qtbot, ctx, DocType.RECEIPT, town.depot)
    qtbot.keyClicks(form.note, "2026 flood")
    recorder.answers.append(False)
    press(qtbot, form, Qt.Key.Key_Escape)
    assert form.isVisible()
    assert recorder.texts("confirm") == ["这张单据还没有过账，放弃录入的内容吗？"]


def test_an_untouched_document_form_closes_at_once(qtbot, ctx, town, recorder) -> None:
    form = open_form(qtbot, ctx, DocType.RECEIPT, town.depot)
    press(qtbot, form, Qt.Key.Key_Escape)
    assert not form.isVisible() and recorder.texts("confirm") == []
