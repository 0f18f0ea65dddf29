"""Every report built from the demo county, its printed figures checked against the ledger."""

from __future__ import annotations

import math
import random
import re
import shutil
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from ledger.core.actor import SYSTEM, Actor
from ledger.core.enums import DocType, Role
from ledger.core.quantity import format_quantity
from ledger.models import Balance, Document, Equipment, Item, Member, OrgUnit, Team
from ledger.models.engine import Database, open_database
from ledger.reports.kinds import Kind, ReportRequest, render
from ledger.services.norms import shortfalls
from ledger.services.reporting import stock as reporting
from ledger.services.reporting.stock import Scope
from tests.reports.pdfcheck import TODAY, flat, layout_rows, pdf_pages, pdf_text, pdffonts

OFFICE = Actor("office", Role.OFFICE, "王办事员")
VIEWER = Actor("viewer", Role.VIEWER, "查阅人")


@pytest.fixture(scope="module")
def demo(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """The demo county, built once for this module, bound to the Henan plan."""
    from ledger.services.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    shutil.copy(sqlite_template, path)
    db = open_database(path)
    with db.transaction(SYSTEM) as s:
        build_demo(s, SYSTEM, seed=7, today=TODAY)
        s.execute(
            update(OrgUnit).where(OrgUnit.parent_id.is_(None)).values(profile_id="henan-2021-66")
        )
    yield db
    db.dispose()


def report(db: Database, request: ReportRequest, actor: Actor = OFFICE) -> bytes:
    with db.read() as s:
        return render(s, actor, request, today=TODAY)


def test_the_inventory_totals_every_measuring_unit_of_the_ledger(
    demo: Database, tmp_path: Path
) -> None:
    data = report(demo, ReportRequest(Kind.INVENTORY))
    with demo.read() as s:
        sums: dict[str, Decimal] = defaultdict(Decimal)
        lots = 0
        for unit, quantity in s.execute(
            select(Item.unit, Balance.quantity)
            .join(Item, Item.id == Balance.item_id)
            .where(Balance.quantity != 0)
        ):
            sums[unit] += quantity
            lots += 1
    last_page = pdf_text(data).split("\f")[-1]
    totals = re.split(r"[、\s；：，]+", last_page[last_page.rindex("合计：") :])
    assert f"{lots}" in totals
    for unit, quantity in sums.items():
        assert format_quantity(quantity, unit) in totals, unit
    pdf = tmp_path / "inventory.pdf"
    pdf.write_bytes(data)
    fonts = pdffonts(pdf)
    assert "TrueType" in fonts and "Helvetica" not in fonts
    for line in fonts.splitlines()[2:]:
        assert line.split()[-5:-2] == ["yes", "yes", "yes"], line  # embedded, subset, unicode


def test_the_year_summary_matches_the_stock_cards(demo: Database) -> None:
    start = TODAY.replace(month=1, day=1)
    data = report(demo, ReportRequest(Kind.SUMMARY, start=start))
    text = pdf_text(data)
    with demo.read() as s:
        summary = reporting.period_summary(s, start, TODAY)
        sample = random.Random(1).sample(list(summary.lines), 8)
        for line in sample:
            card = reporting.card(s, line.depot_code, line.item_code, start, TODAY)
            assert (line.opening, line.receipts, line.issues, line.closing) == (
                card.opening,
                card.inflow,
                card.outflow,
                card.closing,
            )
    rows = layout_rows(data)
    for line in sample:  # zeros print as blanks, so they are not among the printed figures
        values = (line.opening, line.receipts, line.issues, line.closing)
        figures = [format_quantity(v) for v in values if v]
        printed = [
            r for r in rows if r and r[0] == line.item_code and r[-len(figures) :] == figures
        ]
        assert printed, line
    assert flat("期末结存 = 期初结存 + 本期收入 − 本期发出") in flat(text)


def test_a_voucher_of_every_type_prints_its_lines(demo: Database) -> None:
    with demo.read() as s:
        docs = {
            doc_type: s.scalars(
                select(Document).where(
                    Document.doc_type == doc_type, Document.reverses_id.is_(None)
                )
            ).first()
            for doc_type in DocType
        }
        expected = {
            t: (d.number, str(d.id), d.lines[0].item.name, t.label) for t, d in docs.items() if d
        }
    assert set(expected) == set(DocType)
    for number, document_id, first_item, title in expected.values():
        data = report(demo, ReportRequest(Kind.VOUCHER, document=document_id))
        text = pdf_text(data)
        assert text.startswith(title) and f"No. {number}" in text and first_item in text
        assert "审批人：" in text and "经办人：" in text and "保管员：" in text
        assert pdf_pages(data) >= 1


def test_rosters_print_members_whole_for_the_office_and_masked_for_a_viewer(
    demo: Database,
) -> None:
    with demo.read() as s:
        town = s.scalars(select(OrgUnit).where(OrgUnit.level == "town")).first()
        assert town is not None
        member = s.scalars(
            select(Member)
            .join(Team, Team.id == Member.team_id)
            .where(Team.unit_id == town.id, Member.left_on.is_(None), Member.phone != "")
        ).first()
        assert member is not None
        name, phone, code = member.name, member.phone, town.code
    office = pdf_text(report(demo, ReportRequest(Kind.ROSTER, unit=code)))
    viewer = pdf_text(report(demo, ReportRequest(Kind.ROSTER, unit=code), VIEWER))
    assert name in office and phone in office
    assert name in viewer and phone not in viewer and phone[-4:] in viewer


def test_equipment_list_and_labels_count_every_piece(demo: Database) -> None:
    with demo.read() as s:
        town = s.scalars(select(OrgUnit).where(OrgUnit.level == "town")).first()
        assert town is not None
        code = town.code
        total = len(reporting_equipment(s, town.id))
    text = pdf_text(report(demo, ReportRequest(Kind.EQUIPMENT, unit=code)))
    assert f"共 {total} 台（套）" in text
    labels = report(demo, ReportRequest(Kind.LABELS, unit=code))
    assert pdf_pages(labels) == max(1, math.ceil(total / 24))
    assert pdf_text(labels).count("序列号：") == total


def reporting_equipment(session: object, unit_id: object) -> list[object]:
    from ledger.services.catalogue.equipment_register import EquipmentFilter, equipment

    return list(equipment(session, EquipmentFilter(unit_id=unit_id)))  # type: ignore[arg-type]


def test_the_shortfall_report_prints_every_finding_with_its_citation(demo: Database) -> None:
    with demo.read() as s:
        result = shortfalls.check(s, OFFICE, on=TODAY)
    data = report(demo, ReportRequest(Kind.SHORTFALLS))
    text = flat(pdf_text(data))
    assert result.findings and flat(f"共 {len(result.findings)} 项") in text
    rule_ids = {f.rule_id for f in result.findings}
    assert all(rule in text for rule in rule_ids)
    quotes = {f.citation.quote[:10] for f in result.findings}
    assert all(quote in text for quote in quotes)


def test_the_annual_report_and_the_incident_account(demo: Database) -> None:
    with demo.read() as s:
        teams = s.scalar(select(func.count()).select_from(Team))
        pieces = s.scalar(select(func.count()).select_from(Equipment))
        accounts = reporting.incident_accounts(s, start=TODAY.replace(month=1, day=1))
    text = pdf_text(report(demo, ReportRequest(Kind.ANNUAL, year=TODAY.year)))
    whole = flat(text)
    assert f"{TODAY.year}年度应急资源报表" in text and flat(f"队伍 {teams} 支") in whole
    assert flat(f"装备 {pieces} 台（套）") in whole and "七、短板检查" in text
    incidents = flat(pdf_text(report(demo, ReportRequest(Kind.INCIDENT))))
    for account in accounts:
        assert flat(account.name) in incidents
        for line in account.lines:
            assert format_quantity(line.consumed, line.unit) in incidents


def test_the_stock_card_of_the_busiest_item(demo: Database) -> None:
    with demo.read() as s:
        inventory = reporting.inventory(s, Scope())
        line = max((x for g in inventory.groups for x in g.lines), key=lambda x: x.quantity)
        card = reporting.card(s, line.depot_code, line.item_code, TODAY.replace(day=1), TODAY)
    data = report(demo, ReportRequest(Kind.STOCK_CARD, depot=line.depot_code, item=line.item_code))
    rows = layout_rows(data)
    total = next(r for r in rows if r and any(c.startswith("本期合计") for c in r))
    assert total[-1] == format_quantity(card.closing)
    assert all(r.number in pdf_text(data) for r in card.rows)
