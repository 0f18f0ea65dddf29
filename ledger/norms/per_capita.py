"""The shipped reference of per-person reserve amounts (人均储备定额参考表) and its matching.

``resources/norms/reference/per_capita.toml`` lists per-person amounts of common relief items,
each with the public document it comes from, or no amount where none exists. An entry matches
the catalogue's items by name words (minus excluded words) within its categories; an item
counts in the entry's measure: one for one when its unit is the measure, else converted from
its 规格型号 (an area such as 12m², a volume such as 550ml×24瓶). Items that match but cannot
be converted are kept aside so the finding can say so. The office's own amounts per item
(人均储备定额) come first and take their items out of the reference.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from ledger.core.enums import Category
from ledger.norms.facts import ItemFact, OfficeNormFact, PerCapitaDefault
from ledger.norms.model import Id


@dataclass(frozen=True)
class ReferenceAmount:
    """One entry of the reference: which items, how much per person, and on what basis."""

    key: str
    words: tuple[str, ...]
    categories: frozenset[Category]
    measure: str
    per_day: bool
    amount: Decimal | None = None
    convert: str = ""
    excluded: tuple[str, ...] = ()
    basis: str = ""
    note: str = ""

    def matches(self, item: ItemFact) -> bool:
        """Whether a catalogue item is one of this entry's (by category and name words)."""
        if self.categories and item.category not in self.categories:
            return False
        if any(w in item.name for w in self.excluded):
            return False
        return not self.words or any(w in item.name for w in self.words)


def load_reference(path: Path) -> tuple[ReferenceAmount, ...]:
    """The reference entries of a reference file (ValueError naming the entry when wrong)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return tuple(_entry(n, raw) for n, raw in enumerate(data.get("item", []), start=1))


def _entry(number: int, raw: dict[str, Any]) -> ReferenceAmount:
    try:
        amount = raw.get("amount")
        convert = str(raw.get("convert", ""))
        if convert not in ("", "area", "volume"):
            raise ValueError(f"convert 应为 area 或 volume：{convert}")
        return ReferenceAmount(
            key=str(raw["key"]),
            words=tuple(raw.get("words", ())),
            categories=frozenset(Category.from_label(c) for c in raw.get("categories", ())),
            measure=str(raw.get("measure", "")),
            per_day=bool(raw.get("per_day", True)),
            amount=None if amount is None else Decimal(str(amount)),
            convert=convert,
            excluded=tuple(raw.get("except", ())),
            basis=str(raw.get("basis", "")),
            note=str(raw.get("note", "")),
        )
    except (KeyError, ValueError, TypeError) as error:
        raise ValueError(f"人均储备定额参考表第{number}条有误：{error}") from None


_AREA = re.compile(r"(\d+(?:\.\d+)?)\s*(?:m²|㎡|m2|平方米|平米)", re.IGNORECASE)
_VOLUME = re.compile(r"(\d+(?:\.\d+)?)\s*(ml|毫升|l|升)(?![a-z])", re.IGNORECASE)
_COUNT = re.compile(r"[×x*]\s*(\d+)|(\d+)\s*(?:瓶|桶|袋|盒)\s*/\s*(?:箱|件|提)", re.IGNORECASE)
_LITRE_UNITS = {"升", "L", "l"}


def factor(entry: ReferenceAmount, item: ItemFact) -> Decimal | None:
    """How much of the entry's measure one unit of ``item`` holds (None: cannot tell)."""
    if item.unit == entry.measure or (entry.measure == "升" and item.unit in _LITRE_UNITS):
        return Decimal(1)
    if entry.convert == "area":
        found = _AREA.search(item.spec)
        return Decimal(found.group(1)) if found else None
    if entry.convert == "volume":
        found = _VOLUME.search(item.spec)
        if not found:
            return None
        litres = Decimal(found.group(1))
        if found.group(2).lower() in ("ml", "毫升"):
            litres /= 1000
        count = _COUNT.search(item.spec[found.end() :]) or _COUNT.search(item.spec)
        many = next((g for g in count.groups() if g), None) if count else None
        return litres * int(many) if many else litres
    return None


def defaults(
    reference: Iterable[ReferenceAmount],
    items: Iterable[ItemFact],
    office: Iterable[OfficeNormFact] = (),
) -> tuple[PerCapitaDefault, ...]:
    """The office's own per-item amounts, then the reference matched to the rest of the
    catalogue: one default per entry that has an amount and a matching item, with each item's
    conversion (unconvertible items aside). An item the office set leaves the reference."""
    catalogue = list(items)
    by_id = {i.id: i for i in catalogue}
    found = [
        PerCapitaDefault(
            key=by_id[n.item_id].name,
            measure=by_id[n.item_id].unit,
            basis=n.basis or "本单位设定",
            factors=((n.item_id, Decimal(1)),),
            once=n.per_person or Decimal(0),
            daily=n.per_person_day or Decimal(0),
            office=True,
        )
        for n in office
        if n.item_id in by_id and (n.per_person or n.per_person_day)
    ]
    taken = {n.item_id for n in office}
    for entry in reference:
        if entry.amount is None:
            continue
        factors: list[tuple[Id, Decimal]] = []
        aside: list[Id] = []
        for item in catalogue:
            if item.id in taken or not entry.matches(item):
                continue
            share = factor(entry, item)
            if share is None or share <= 0:
                aside.append(item.id)
            else:
                factors.append((item.id, share))
        if factors or aside:
            found.append(
                PerCapitaDefault(
                    key=entry.key,
                    measure=entry.measure,
                    basis=entry.basis,
                    factors=tuple(factors),
                    once=Decimal(0) if entry.per_day else entry.amount,
                    daily=entry.amount if entry.per_day else Decimal(0),
                    unconverted=tuple(aside),
                )
            )
    return tuple(found)
