"""The audit view speaks Chinese: every field named, references shown by name or number."""

from __future__ import annotations

import re
import uuid
from dataclasses import replace
from datetime import date

from ledger.core.actor import SYSTEM, Actor
from ledger.core.enums import Category, DocType, Level
from ledger.models import Base
from ledger.models.audit import UNAUDITED
from ledger.models.engine import Database
from ledger.services import stock
from ledger.services.catalogue import register as catalogue
from ledger.services.org import tree as org
from ledger.services.reporting.audit import (
    FIELD_LABELS,
    TABLE_LABELS,
    AuditFilter,
    audit_actor_choices,
    audit_entries,
)

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def test_every_audited_table_and_field_has_a_chinese_name() -> None:
    for name, table in Base.metadata.tables.items():
        if name in UNAUDITED:
            continue
        assert name in TABLE_LABELS, name
        for column in table.columns:
            assert column.name in FIELD_LABELS, f"{name}.{column.name}"
            assert not re.search("[A-Za-z]", FIELD_LABELS[column.name]), column.name


def test_references_show_names_and_numbers_not_ids(db: Database, actor: Actor) -> None:
    with db.transaction(actor) as s:
        town = org.add_unit(s, actor, org.UnitInput("410122100", "城关镇", Level.TOWN))
        catalogue.save_depot(s, actor, catalogue.DepotInput("CG01", "城关镇储备库", town))
        catalogue.save_item(s, actor, catalogue.ItemInput("FX001", "编织袋", "条", Category.FLOOD))
        stock.post_document(
            s,
            actor,
            stock.DocumentInput(
                DocType.RECEIPT, "CG01", date(2026, 3, 1), [stock.LineInput("FX001", 10)]
            ),
        )
    with db.read() as s:
        entries = audit_entries(s, actor)
    line = next(e for e in entries if e.table == "document_lines")
    shown = dict((name, after) for name, _before, after in line.differences())
    assert shown["物资"] == "编织袋"
    assert shown["单据"].endswith("RK-2026-00001")  # the document number, not its id
    assert line.subject == shown["单据"]
    document = next(e for e in entries if e.table == "documents")
    assert dict((n, a) for n, _b, a in document.differences())["仓库"] == "城关镇储备库"
    for entry in entries:
        for name, before, after in entry.differences():
            assert not UUID.search(before + after), (entry.table, name)
            assert not re.search("[A-Za-z]", name), name
    depot = next(e for e in entries if e.table == "depots")
    assert dict((n, a) for n, _b, a in depot.differences())["所属单位"] == "城关镇"


def test_a_reference_to_a_deleted_record_says_so(db: Database, actor: Actor) -> None:
    with db.transaction(actor) as s:
        town = org.add_unit(s, actor, org.UnitInput("410122100", "城关镇", Level.TOWN))
    with db.read() as s:
        entry = audit_entries(s, actor, AuditFilter(table="org_units"))[0]
    assert entry.row_id == town
    changed = replace(entry, before={}, after={"parent_id": str(uuid.uuid4())})
    assert changed.differences() == [("上级单位", "", "（已删除的记录）")]


def test_who_changed_is_named_as_people_know_them(db: Database, actor: Actor) -> None:
    with db.transaction(SYSTEM) as s:
        org.add_unit(s, SYSTEM, org.UnitInput("410122100", "城关镇", Level.TOWN))
    with db.read() as s:
        entry = audit_entries(s, actor)[0]
        choices = audit_actor_choices(s)
    assert (entry.actor, entry.actor_name) == ("system", "系统")
    assert choices == [("system", "系统")]
