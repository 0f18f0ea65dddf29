"""Every table model passes Qt's model tester, with rows in it, and stays lazy."""

from __future__ import annotations

from datetime import date

from ledger.core.enums import DocType
from ledger.services.catalogue import equipment_register as eq
from ledger.services.catalogue import register as catalogue
from ledger.services.org import rescue_teams as teams
from ledger.services.org import training as drills
from ledger.services.org import tree as org
from ledger.services.stock import stocktake
from ledger.services.stock.card_pages import card_page
from ledger.services.stock.queries import (
    CardKey,
    count_documents,
    count_stock,
    documents,
    stock_on_hand,
)
from ledger.ui.tables.base import PagedModel, RowsModel
from ledger.ui.tables.catalogue import DEPOT_COLUMNS, ITEM_COLUMNS
from ledger.ui.tables.equipment import LOG_COLUMNS, EquipmentModel
from ledger.ui.tables.lines import LinesModel
from ledger.ui.tables.org import DRILL_COLUMNS, TRAINING_COLUMNS, PostsModel
from ledger.ui.tables.sheet import SheetModel
from ledger.ui.tables.stock import CardModel, DocumentsModel, StockModel
from ledger.ui.tables.teams import TEAM_COLUMNS, MembersModel
from ledger.ui.widgets.item_picker import ItemIndex
from ledger.ui.widgets.tree import Extra, TreeModel, build


def clock():
    return date(2026, 11, 22), 30


def test_stock_documents_and_card_models(qtmodeltester, ctx, town) -> None:
    read = ctx.read
    stock_model = StockModel(
        lambda: read(count_stock),
        lambda o, n: read(lambda s: stock_on_hand(s, offset=o, limit=n)),
        clock,
    )
    stock_model.page_size = 2
    stock_model.reload()
    assert len(stock_model.rows) == 2 and stock_model.canFetchMore()
    qtmodeltester.check(stock_model)
    docs = DocumentsModel(
        lambda: read(count_documents), lambda o, n: read(lambda s: documents(s, offset=o, limit=n))
    )
    docs.reload()
    qtmodeltester.check(docs)
    key = CardKey(town.depot, read(lambda s: catalogue.item(s, "FX001")).id)
    card = CardModel(lambda cursor, n: read(lambda s: card_page(s, key, cursor, n)), "条")
    card.page_size = 1
    card.reload()
    assert len(card.rows) == 1 and card.canFetchMore()
    card.fetchMore()
    assert len(card.rows) == 2
    qtmodeltester.check(card)


def test_catalogue_org_team_and_equipment_models(qtmodeltester, ctx, town) -> None:
    read = ctx.read
    items: PagedModel[catalogue.ItemRow] = PagedModel(
        ITEM_COLUMNS,
        lambda: read(catalogue.count_items),
        lambda o, n: read(lambda s: catalogue.items(s, offset=o, limit=n)),
    )
    items.reload()
    qtmodeltester.check(items)
    for columns, rows in (
        (DEPOT_COLUMNS, read(catalogue.depots)),
        (TEAM_COLUMNS, read(lambda s: teams.teams(s, ctx.actor))),
        (DRILL_COLUMNS, read(lambda s: drills.drills(s, town.town))),
        (TRAINING_COLUMNS, read(lambda s: drills.trainings(s, town.town))),
        (LOG_COLUMNS, []),
    ):
        model = RowsModel(columns)
        model.set_rows(rows)
        qtmodeltester.check(model)
    with ctx.db.transaction(ctx.actor) as s:
        teams.save_member(s, ctx.actor, town.team, teams.MemberInput("张三"))
        org.save_post(s, ctx.actor, town.village, org.PostInput(org.PostKind.GRID_WORKER, "王五"))
    members = MembersModel()
    members.set_rows(read(lambda s: teams.members(s, town.team)))
    qtmodeltester.check(members)
    posts = PostsModel()
    posts.set_rows(read(lambda s: org.posts(s, ctx.actor, town.village)))
    qtmodeltester.check(posts)
    equipment = EquipmentModel(
        lambda: read(eq.count_equipment),
        lambda o, n: read(lambda s: eq.equipment(s, offset=o, limit=n)),
        clock,
    )
    equipment.reload()
    qtmodeltester.check(equipment)


def test_the_unit_tree_model(qtmodeltester, ctx, town) -> None:
    units = ctx.read(org.units)
    extras = [Extra("depot", town.depot, town.town, "城关镇储备库")]
    model = TreeModel()
    model.set_root(build(units, extras))
    qtmodeltester.check(model)
    assert model.find(town.depot).data() == "城关镇储备库"


def test_the_entry_models(qtmodeltester, ctx, town) -> None:
    index = ItemIndex(ctx.read(catalogue.items))
    lines = LinesModel(index)
    lines.setData(lines.index(0, 0), "FX001")
    lines.setData(lines.index(0, 3), "5")
    lines.set_doc_type(DocType.ISSUE)
    assert lines.rowCount() == 2
    qtmodeltester.check(lines)
    sheet = SheetModel(index)
    sheet.set_sheet(ctx.read(lambda s: stocktake.count_sheet(s, town.depot, date(2026, 11, 22))))
    sheet.setData(sheet.index(0, 4), "199")
    assert sheet.data(sheet.index(0, 5)) == "-1条"
    qtmodeltester.check(sheet)
