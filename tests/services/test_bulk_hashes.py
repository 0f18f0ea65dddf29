"""The bulk path's hashes equal the models' own: audit rows (row_hash) and movements."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from ledger.models.audit import GENESIS, fields_hash
from ledger.models.stock import movement_hash
from ledger.services.bulk_hashes import AuditHasher, MovementHasher

AT = datetime(2026, 11, 26, 4, 30, 1, 250, tzinfo=UTC)
KEYS = ("id", "lot", "quantity", "expiry", "line_no", "reason", "serials", "book_quantity")

_TEXT = st.text(max_size=8) | st.sampled_from(['"', "\\", "批次\u3000", "\n\t", "\u2028", "😀"])
_VALUE = st.one_of(
    st.none(),
    _TEXT,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False),
    st.booleans(),
    st.lists(_TEXT, max_size=3),
    st.dictionaries(_TEXT, st.integers(), max_size=2),
)


@given(
    after=st.fixed_dictionaries({k: _VALUE for k in KEYS}),
    actor=_TEXT,
    prev=st.sampled_from([GENESIS, "ab" * 32]),
)
def test_an_audit_row_hashes_as_row_hash_hashes_it(
    after: dict[str, Any], actor: str, prev: str
) -> None:
    row_id = uuid.uuid4()
    hasher = AuditHasher(AT, actor, "insert", "document_lines", KEYS)
    expected = fields_hash(prev, AT, actor, "insert", "document_lines", row_id, None, after)
    assert hasher.inserted(prev, str(row_id), after) == expected


def test_a_plain_document_line_hashes_alike() -> None:
    after = {"id": str(uuid.uuid4()), "lot": "L1", "quantity": "10.5", "expiry": "2028-01-01",
             "line_no": 3, "reason": None, "serials": "", "book_quantity": None}  # fmt: skip
    hasher = AuditHasher(AT, "张三", "insert", "document_lines", KEYS)
    expected = fields_hash(GENESIS, AT, "张三", "insert", "document_lines",
                           uuid.UUID(after["id"]), None, after)  # fmt: skip
    assert hasher.inserted(GENESIS, after["id"], after) == expected


@given(
    quantity=st.decimals(min_value=0, max_value=10**9, places=3),
    expiry=st.none() | st.dates(),
    lot=_TEXT,
    seq=st.integers(min_value=1, max_value=10**9),
)
def test_a_movement_hashes_as_movement_hash_hashes_it(
    quantity: Decimal, expiry: date | None, lot: str, seq: int
) -> None:
    hasher = MovementHasher()
    move = {"id": uuid.uuid4(), "document_id": uuid.uuid4(), "line_id": uuid.uuid4(),
            "depot_id": uuid.uuid4(), "item_id": uuid.uuid4(), "lot": lot, "expiry": expiry,
            "quantity": quantity, "occurred_on": date(2026, 11, 26), "posted_at": AT,
            "seq": seq, "prev_hash": GENESIS}  # fmt: skip
    texts = {k: str(move[k]) for k in ("depot_id", "item_id", "document_id", "line_id")}
    texts["occurred_on"] = move["occurred_on"].isoformat()
    texts["posted_at"] = AT.isoformat(timespec="microseconds")
    expected = movement_hash(GENESIS, SimpleNamespace(**move))  # type: ignore[arg-type]
    assert hasher.hash(GENESIS, move, texts) == expected
    # a remembered text is the same text: 10.50 and 10.5 hash alike, as the model hashes them
    again = {**move, "quantity": quantity.quantize(Decimal("0.0001"))}
    assert hasher.hash(GENESIS, again, texts) == expected
