"""How a plan's equipment name meets a catalogue's item name (装备名称匹配).

Catalogues name the same thing with a system prefix (370M窄带手持终端 for the plan's 手持终端)
or a model suffix (风力灭火机 6MF-30, 对讲机（P8668i）). Both names are brought to one form:

1. Unicode NFKC (full-width letters, digits and brackets become half-width), spaces removed,
   Latin letters in capitals;
2. a trailing model designation is dropped, repeatedly: a bracketed part at the end ((…), […],
   【…】, 〔…〕), or a final run of Latin letters, digits and - _ . / + that holds a digit;
3. leading network designations are dropped, repeatedly: 370M, 350M, PDT, 窄带.

Names match when their forms are equal, or the catalogue item's code equals an accepted name.
Nothing else is stripped: 北斗手持终端 or 数字对讲机 keep their first words and do not match
手持终端 or 对讲机; a prefix or suffix outside these lists never makes a match.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

#: Leading network designations a catalogue puts before an equipment name.
PREFIXES = ("370M", "350M", "PDT", "窄带")
_BRACKETED = re.compile(r"(\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕)$")
_MODEL = re.compile(r"[-_./+]*[A-Z0-9][A-Z0-9\-_./+]*$")


@lru_cache(maxsize=4096)
def catalogue_form(name: str) -> str:
    """The form in which an item name is compared (see the module's rule)."""
    form = re.sub(r"\s+", "", unicodedata.normalize("NFKC", name)).upper()
    while True:
        cut = _BRACKETED.sub("", form)
        model = _MODEL.search(cut)
        if model and model.start() > 0 and any(c.isdigit() for c in model.group()):
            cut = cut[: model.start()]
        if cut == form or not cut:
            break
        form = cut
    stripped = True
    while stripped:
        stripped = False
        for prefix in PREFIXES:
            if form.startswith(prefix) and len(form) > len(prefix):
                form = form[len(prefix) :]
                stripped = True
    return form


def name_matches(name: str, code: str, accepted: Iterable[str]) -> bool:
    """Whether an item (its name and code) is one of the ``accepted`` names or codes."""
    wanted = list(accepted)
    if code.strip() in wanted:
        return True
    form = catalogue_form(name)
    return any(catalogue_form(a) == form for a in wanted)
