"""Every item model of the GUI passes Qt's model tester, with real rows, where a page shows it.

The first test lists every QAbstractItemModel subclass ledger.ui defines; a new model fails it
until a test here (or in test_models.py) checks it.
"""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date

from PySide6.QtCore import QAbstractItemModel

import ledger.ui
from ledger.core.enums import CounterpartyKind, IncidentKind, ReserveMode, Role
from ledger.services.accounts import admin as account_admin
from ledger.services.accounts import users as accounts
from ledger.services.catalogue import register as catalogue
from ledger.services.norms import settings as norm_settings
from ledger.services.org import incident_records as incidents
from ledger.services.org import member_certificates as certificates
from ledger.services.org import rescue_teams as teams
from ledger.services.readiness import draft_documents as drafts
from ledger.ui.context import AppContext
from ledger.ui.dialogs.norm_settings import AgreementsDialog
from ledger.ui.dialogs.teams import MemberDialog
from ledger.ui.pages.accounts import AccountsDialog
from ledger.ui.pages.readiness import ReadinessPage
from ledger.ui.pages.shortfalls import ShortfallsPage
from ledger.ui.pages.stock import StockPage
from tests.ui.pages.test_shortfalls import checked

#: Each model and the test that checks it with rows.
CHECKED = {
    "ledger.ui.tables.base.RowsModel": "test_models.py",
    "ledger.ui.tables.base.PagedModel": "test_models.py",
    "ledger.ui.tables.base.CursorModel": "test_models.py (CardModel)",
    "ledger.ui.tables.stock.StockModel": "test_models.py",
    "ledger.ui.tables.stock.CardModel": "test_models.py",
    "ledger.ui.tables.stock.DocumentsModel": "test_models.py",
    "ledger.ui.tables.teams.MembersModel": "test_models.py",
    "ledger.ui.tables.org.PostsModel": "test_models.py",
    "ledger.ui.tables.equipment.EquipmentModel": "test_models.py",
    "ledger.ui.tables.lines.LinesModel": "test_models.py",
    "ledger.ui.tables.sheet.SheetModel": "test_models.py",
    "ledger.ui.widgets.tree.TreeModel": "test_models.py",
    "ledger.ui.tables.shortfalls.ShortfallTreeModel": "test_the_shortfall_models",
    "ledger.ui.tables.shortfalls.FindingsModel": "test_the_shortfall_models",
    "ledger.ui.widgets.sheet_view.SheetProxy": "test_the_shortfall_models",
    "ledger.ui.tables.readiness.NeedsModel": "test_the_readiness_models",
    "ledger.ui.tables.readiness.LinesModel": "test_the_readiness_models",
    "ledger.ui.tables.readiness.TeamsModel": "test_the_readiness_models",
    "ledger.ui.tables.readiness.DraftsModel": "test_the_readiness_models",
    "ledger.ui.dialogs.norm_settings.AgreementsModel": "test_the_record_dialogs_models",
    "ledger.ui.dialogs.certificates.CertificatesModel": "test_the_record_dialogs_models",
    "ledger.ui.pages.accounts.AccountsModel": "test_the_accounts_model",
    "ledger.ui.pages._incidents_tab.IncidentsModel": "test_the_record_dialogs_models",
}


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *_subclasses(sub)}
    return found


def test_every_model_of_the_gui_is_checked() -> None:
    for module in pkgutil.walk_packages(ledger.ui.__path__, "ledger.ui."):
        importlib.import_module(module.name)
    models = {
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in _subclasses(QAbstractItemModel)
        if cls.__module__.startswith("ledger.ui.")
    }
    assert models == set(CHECKED)


def test_the_shortfall_models(qtbot, qtmodeltester, ctx, town) -> None:
    page = ShortfallsPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    checked(qtbot, page)
    assert page.tree_model.rowCount() and page.model.rowCount()
    qtmodeltester.check(page.tree_model)
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.view.model())  # the SheetProxy sorting and filtering it


def _amounts(ctx, town) -> None:  # type: ignore[no-untyped-def]
    rule = next(r for r in norm_settings.scaled_rules("wenshang-2022-57") if r.rule_id == "W-M3")

    def work(s, a):  # type: ignore[no-untyped-def]
        norm_settings.set_per_capita(s, a, town.county, rule, "SH001", "0.5", per_day=False)
        catalogue.add_counterparty(s, a, "某被服厂", CounterpartyKind.ENTERPRISE, "李厂长", "139")
        norm_settings.save_agreement(
            s,
            a,
            norm_settings.AgreementInput(
                town.county, "某被服厂", ReserveMode.AGREEMENT, [("SH001", 500)]
            ),
        )
        return catalogue.add_incident(
            s,
            a,
            catalogue.IncidentInput(town.town, IncidentKind.FLOOD, "东村洪涝", date(2026, 11, 20)),
        )

    return ctx.db.run(lambda s: work(s, ctx.actor), ctx.actor)


def test_the_readiness_models(qtbot, qtmodeltester, ctx, town) -> None:
    incident = _amounts(ctx, town)
    page = ReadinessPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    number = next(n for n in range(page.unit.count()) if page.unit.itemData(n)[1] == "东村")
    page.unit.setCurrentIndex(number)
    page.add_unit()
    page.people.setValue(200)
    page.run()
    assert page.plan is not None
    plan = page.plan
    ctx.db.run(lambda s: drafts.draft_plan(s, ctx.actor, plan, incident, town.depot2), ctx.actor)
    page.reload_drafts()
    for model in (page.needs, page.lines, page.teams, page.drafts):
        assert model.rowCount(), type(model).__name__
        qtmodeltester.check(model)


def test_the_record_dialogs_models(qtbot, qtmodeltester, ctx, town) -> None:
    _amounts(ctx, town)
    agreements = AgreementsDialog(ctx, town.county)
    member = ctx.db.run(
        lambda s: teams.save_member(s, ctx.actor, town.team, teams.MemberInput("李四")), ctx.actor
    )
    ctx.db.run(
        lambda s: certificates.save_certificate(
            s, ctx.actor, member, certificates.CertificateInput("应急救援员", "JY-1")
        ),
        ctx.actor,
    )
    editor = MemberDialog(ctx, town.team, member)
    stock = StockPage(ctx)
    stock.refresh()
    stock.incidents.refresh()
    assert ctx.read(lambda s: incidents.incidents(s))
    for widget in (agreements, editor, stock):
        qtbot.addWidget(widget)
    for model in (
        agreements.model,
        editor.certificates.model,
        stock.incidents.model,
    ):
        assert model.rowCount(), type(model).__name__
        qtmodeltester.check(model)


def test_the_accounts_model(qtbot, qtmodeltester, sqlite_db, settings) -> None:
    with sqlite_db.transaction() as s:
        admin = accounts.create_first_admin(s, "Ceshi-pass-1", username="tester")
        entry = account_admin.AccountInput("li", Role.VIEWER, "李检查")
        account_admin.create_account(s, admin, entry, "Temporary-1")
    dialog = AccountsDialog(AppContext(sqlite_db, admin, settings))
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 2
    qtmodeltester.check(dialog.model)
