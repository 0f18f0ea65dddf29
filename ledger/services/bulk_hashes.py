"""Hashes of a bulk posting's audit rows and movements, equal to the models' own, built faster.

:func:`ledger.models.audit.row_hash` dumps each audit row as one JSON list (sorted keys, no
spaces, UTF-8) and :func:`ledger.models.stock.movement_hash` joins a movement's fields with
``|``. For 100,000 document lines the dumping and the text of ids, dates and quantities cost
more than the SHA-256 itself. Here the fixed parts of a batch (time, actor, action, table, the
sorted keys) are encoded once, each value with the JSON encoder's own string function, and the
text of repeating values (ids, dates, quantities) is remembered. The result is byte for byte
the payload the models hash (tests compare both on every kind of value); ``ledger verify``
recomputes the chains with the models' functions.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ledger.core.quantity import normalize

#: The JSON encoder's string encoding for ``ensure_ascii=False`` (the C one where built).
_STRING: Callable[[str], str] = json.encoder.encode_basestring
_MISSING = object()


def _json(value: Any) -> str:
    """``value`` as ``json.dumps(..., ensure_ascii=False, sort_keys=True)`` writes it."""
    kind = value.__class__
    if kind is str:
        return _STRING(value)
    if value is None:
        return "null"
    if kind is int:
        return int.__repr__(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class AuditHasher:
    """Hashes of audit rows written at one time by one actor, of one action on one table."""

    def __init__(
        self, at: datetime | None, actor: str, action: str, table: str, keys: Iterable[str]
    ) -> None:
        """Encode the parts every row shares; ``keys`` are the keys of each row's ``after``."""
        stamp = at.isoformat(timespec="microseconds") if at else ""
        self.middle = "," + ",".join(map(_STRING, (stamp, actor, action, table))) + ","
        self.parts = [(_STRING(key) + ":", key) for key in sorted(keys)]

    def inserted(self, prev_hash: str, row_id: str, after: dict[str, Any]) -> str:
        """The hash of an insert's audit row (no ``before``) chained to ``prev_hash``.

        ``row_id`` is the row's id as text; ``after`` has exactly the keys given at the start.
        """
        body = ",".join([label + _json(after[key]) for label, key in self.parts])
        payload = "[" + _STRING(prev_hash) + self.middle + _STRING(row_id) + ",null,{" + body + "}]"
        return hashlib.sha256(payload.encode()).hexdigest()


class MovementHasher:
    """Movement hashes with the text of repeating dates and quantities remembered."""

    def __init__(self) -> None:
        self._texts: dict[tuple[type, Any], str] = {}

    def text(self, value: Any) -> str:
        """A field's text as :func:`ledger.models.stock.movement_hash` writes it."""
        key = (value.__class__, value)
        found = self._texts.get(key, _MISSING)
        if found is _MISSING:
            found = self._texts[key] = _field(value)
        return found  # type: ignore[return-value]

    def hash(self, prev_hash: str, move: dict[str, Any], texts: dict[str, str]) -> str:
        """The hash of ``move`` (a movement's columns) chained to ``prev_hash``.

        ``texts`` gives the text of the ids (``depot_id``, ``item_id``, ``document_id``,
        ``line_id``) and times (``occurred_on``, ``posted_at``) when the caller has them, each
        as ``str`` or ``isoformat`` writes it: a UUID's hash costs more than its text.
        """
        text = self.text
        fields = [
            prev_hash,
            str(move["seq"]),
            texts["depot_id"],
            texts["item_id"],
            move["lot"],
            text(move["expiry"]) if move["expiry"] else "",
            text(Decimal(move["quantity"])),
            texts["occurred_on"],
            texts["posted_at"],
            texts["document_id"],
            texts["line_id"],
        ]
        return hashlib.sha256("|".join(fields).encode()).hexdigest()


def _field(value: Any) -> str:
    if isinstance(value, Decimal):
        # normalised: 10.50 as entered and 10.5 as read back must hash alike
        return format(normalize(value), "f")
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
