"""SQLAlchemy 2 typed ORM entities, the engine and the migrations that shape the database."""

from ledger.models import events as _events  # noqa: F401 - registers chain heads of new depots
from ledger.models import guards as _guards  # noqa: F401 - registers the flush guards
from ledger.models.audit import AuditHead, AuditRow
from ledger.models.base import Base, utcnow
from ledger.models.catalogue import Counterparty, Depot, Incident, Item
from ledger.models.check_indexes import check_movements  # noqa: F401 - shortfall check index
from ledger.models.checkpoints import Checkpoint  # noqa: F401 - signed checkpoints (issue 22)
from ledger.models.drafts import DraftDocument, DraftLine  # noqa: F401 - 单据草稿 (issue 21)
from ledger.models.equipment import Equipment, Maintenance
from ledger.models.exchange import Installation, Sender, Transit  # noqa: F401 - exchange (issue 8)
from ledger.models.mappings import EquipmentMapping  # noqa: F401 - 装备对应 (issue 15)
from ledger.models.norms import (  # noqa: F401 - norm settings (issue 4)
    AttributeConfirmation,
    PerCapitaAmount,
    PerCapitaNorm,
    ReserveAgreement,
    ReserveAgreementLine,
    StockMinimum,
)
from ledger.models.org import Drill, OrgUnit, Post, Training
from ledger.models.periods import ClosingBalance, PeriodClose  # noqa: F401 - 月结/年结 (issue 6)
from ledger.models.remedies import Remedy  # noqa: F401 - 整改台账 (issue 15)
from ledger.models.stock import Balance, ChainHead, DocCounter, Document, DocumentLine, Movement
from ledger.models.teams import Certificate, Member, Team
from ledger.models.users import User, UserDepot, UserUnit  # noqa: F401 - accounts (issue 7)
from ledger.models.view_indexes import card_movements  # noqa: F401 - card and stock view indexes

__all__ = [
    "AuditHead",
    "AuditRow",
    "Balance",
    "Base",
    "Certificate",
    "ChainHead",
    "Counterparty",
    "Depot",
    "DocCounter",
    "Document",
    "DocumentLine",
    "Drill",
    "Equipment",
    "Incident",
    "Item",
    "Maintenance",
    "Member",
    "Movement",
    "OrgUnit",
    "Post",
    "Team",
    "Training",
    "utcnow",
]
