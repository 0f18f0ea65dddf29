"""Which tables travel in exchange packages, and how each record finds its home unit (归属单位).

Every travelling record belongs to one org unit, and only the office of that unit changes it,
so packages from several offices merge without conflicts. A table declares the foreign-key
columns that lead towards its home unit (the first one that is not null wins); the path goes
on through the target table's own declaration until it reaches ``org_units``.

To let a new table travel, add one line to :data:`TRAVEL`; a table that must stay home goes in
:data:`LOCAL`. A table in neither never leaves the database, and a test asks for its line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, Table

from ledger.models import Base

ORG_UNITS = "org_units"


@dataclass(frozen=True)
class Travel:
    """How one table travels.

    Attributes:
        label: the record kind in Chinese, for reports and refusals.
        home: foreign-key columns leading to the home unit, tried in order.
        shared: catalogue records with no home unit: they flow down from the county, and a
            package carries those its records use (added where missing, never changed).
        since: the timestamp column an incremental package compares with the last one;
            ``""`` sends a row with its parent (the row its first ``home`` column names);
            ``"seq"`` sends movements after the last one sent per depot.
        immutable: posted records: a package may add them but never change them.
    """

    label: str
    home: tuple[str, ...] = ()
    shared: bool = False
    since: str = "updated_at"
    immutable: bool = False


#: The tables that travel. Order does not matter; foreign keys decide the order of import.
TRAVEL: dict[str, Travel] = {
    "org_units": Travel("单位", home=("id",)),
    "posts": Travel("岗位人员", home=("unit_id",)),
    "drills": Travel("演练", home=("unit_id",)),
    "trainings": Travel("培训", home=("unit_id",)),
    "teams": Travel("队伍", home=("unit_id",)),
    "members": Travel("队员", home=("team_id",)),
    "certificates": Travel("证书", home=("member_id",)),
    "depots": Travel("仓库", home=("unit_id",)),
    "incidents": Travel("事件", home=("unit_id",)),
    "equipment": Travel("装备", home=("holder_unit_id", "holder_team_id", "holder_depot_id")),
    "maintenance": Travel("保养记录", home=("equipment_id",)),
    "documents": Travel("单据", home=("depot_id",), since="posted_at", immutable=True),
    "document_lines": Travel("单据明细", home=("document_id",), since="", immutable=True),
    "movements": Travel("出入库流水", home=("depot_id",), since="seq", immutable=True),
    "transits": Travel("在途调拨", home=("source_depot_id",), immutable=True),
    "transit_receipts": Travel("调拨接收", home=("dest_depot_id",), immutable=True),
    "period_closes": Travel("结账记录", home=("depot_id",), since="closed_at"),
    "closing_balances": Travel("期末结存", home=("close_id",), since=""),
    "reserve_agreements": Travel("协议储备", home=("unit_id",)),
    "reserve_agreement_lines": Travel("协议储备明细", home=("agreement_id",)),
    "per_capita_amounts": Travel("人均储备标准", home=("unit_id",)),
    "equipment_mappings": Travel("装备对应", home=("unit_id",)),
    "stock_minimums": Travel("库存下限", home=("depot_id",)),
    "attribute_confirmations": Travel("达标确认", home=("unit_id",)),
    "remedies": Travel("整改记录", home=("unit_id",)),
    "items": Travel("物资", shared=True),
    "counterparties": Travel("往来单位", shared=True),
}

#: The posted records, by far the most rows: streamed a row at a time in the order they are
#: applied (format 2 packages), parents first: documents by posting time (a reversal after
#: the document it reverses), then their lines, then movements by depot and chain number.
STREAMED: dict[str, tuple[str, ...]] = {
    "documents": ("posted_at", "id"),
    "document_lines": (),
    "movements": ("depot_id", "seq"),
}

#: Caches the receiver recomputes from the movements it imports; never sent.
DERIVED = frozenset({"balances", "chain_heads"})

#: Tables that never leave their database: accounts, counters, the audit chain (each
#: database keeps its own; imports are audited where they land), the exchange bookkeeping.
LOCAL = frozenset(
    {
        "audit",
        "audit_head",
        "doc_counters",
        "users",
        "user_units",
        "user_depots",
        "exchange_installation",
        "exchange_senders",
        "exchange_sent",
        "exchange_received",
        "checkpoints",  # sent in the manifest, signed, never as records
        "draft_documents",  # a readiness plan's drafts: the office's own working papers
        "draft_lines",
        # The office's own per-person amounts per catalogue item (人均储备定额 sheet): each
        # office sets its own; the per-rule amounts of a unit (per_capita_amounts) travel.
        "per_capita_norms",
    }
)


def travelling_tables() -> list[Table]:
    """The travelling tables present in this schema, parents before children."""
    return [t for t in Base.metadata.sorted_tables if t.name in TRAVEL]


def table(name: str) -> Table:
    """The table called ``name`` in the schema."""
    return Base.metadata.tables[name]


def travel(name: str) -> Travel:
    """The declaration of a travelling table."""
    return TRAVEL[name]


def label(name: str) -> str:
    """The Chinese name of a table's records (the table name when it does not travel)."""
    declared = TRAVEL.get(name)
    return declared.label if declared else name


def is_home_table(name: str) -> bool:
    """Whether records of ``name`` belong to a home unit."""
    declared = TRAVEL.get(name)
    return declared is not None and not declared.shared


def target_of(tbl: Table, column: str) -> Table:
    """The table a foreign-key column refers to (``org_units`` for ``org_units.id``)."""
    if tbl.name == ORG_UNITS and column == "id":
        return tbl
    (fk,) = tbl.c[column].foreign_keys
    return table(fk.column.table.description or "")


def foreign_keys(tbl: Table) -> Iterator[tuple[Column[Any], Table]]:
    """Each foreign-key column of ``tbl`` with the table it refers to."""
    for column in tbl.columns:
        for fk in column.foreign_keys:
            yield column, table(fk.column.table.description or "")


def model_for(name: str) -> type[Any]:
    """The ORM class mapped to the table ``name``."""
    for mapper in Base.registry.mappers:
        if mapper.local_table.description == name:
            return mapper.class_
    raise KeyError(name)


def attribute_keys(name: str) -> dict[str, str]:
    """Column name → ORM attribute key for the table ``name``."""
    mapper = model_for(name).__mapper__
    return {column.name: mapper.get_property_by_column(column).key for column in mapper.columns}


def natural_keys(tbl: Table) -> list[tuple[str, ...]]:
    """The unique column sets of ``tbl`` other than its primary key (codes, numbers, serials)."""
    keys: list[tuple[str, ...]] = []
    for constraint in tbl.constraints:
        names = tuple(c.name for c in getattr(constraint, "columns", ()))
        if constraint.__class__.__name__ == "UniqueConstraint" and names:
            keys.append(names)
    keys += [(c.name,) for c in tbl.columns if c.unique and (c.name,) not in keys]
    return keys


def describe(name: str, row: dict[str, Any]) -> str:
    """A record as people name it: its kind and its code, number, serial or name."""
    for key in ("code", "number", "serial", "name", "title", "person"):
        value = row.get(key)
        if value:
            return f"{label(name)}“{value}”"
    return f"{label(name)}（编号 {str(row.get('id', ''))[:8]}）"
