"""Control characters: accepted nowhere in stored text, since they break every export (XML)."""

from __future__ import annotations

import re

#: Characters XML 1.0 cannot hold (all C0 controls but tab, line feed, carriage return) and DEL.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def control_problem(text: str) -> str | None:
    """Why ``text`` is refused (the first control character, by its code point), or None."""
    found = CONTROL.search(text)
    if found is None:
        return None
    where = f"U+{ord(found[0]):04X}，第 {found.start() + 1} 个字符"
    return f"含有不可见的控制字符（{where}），请删除后重新输入"


def visible(text: str, limit: int = 60) -> str:
    """``text`` with control characters shown as ``�`` and cut to ``limit`` characters."""
    shown = CONTROL.sub("\ufffd", text)
    return shown if len(shown) <= limit else shown[:limit] + "…"
