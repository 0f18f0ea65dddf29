"""Translation markers usable below the UI layer, where Qt is not imported.

Services mark user-facing text with :func:`QT_TRANSLATE_NOOP` so that ``pyside6-lupdate``
collects it; the UI translates it at display time with the same context.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context`` and return it unchanged."""
    del context
    return text


translator_hook: list[object] = []


def tr(context: str, text: str) -> str:
    """Translate ``text`` at run time when the UI has installed a translator, else return it.

    The UI appends a callable ``(context, text) -> str`` to :data:`translator_hook`.
    """
    for hook in translator_hook:
        return hook(context, text)  # type: ignore[operator, no-any-return]
    return text
