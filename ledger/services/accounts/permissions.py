"""Who may do what (权限): the one table of rights every changing service checks.

Roles (see ``ledger.core.enums.Role``):

* admin (管理员) may do everything.
* office (应急办) edits the records of its home units and every unit below them, posts and
  counts in the depots of those units, edits the shared catalogue and imports workbooks.
* keeper (保管员) posts, reverses and counts only in its own depots and reads the rest.
  A keeper may transfer *out of* its depot into any depot (the receiving keeper does not sign
  the document, as on paper the sender writes the 调拨单); it may not pull stock out of a depot
  that is not its own. Reversing a document needs the right to post in the document's depot
  (the one that wrote it), so a keeper may reverse its own transfer.
* viewer (只读) reads and prints, never changes anything.

Who acts is resolved from the database in every transaction (:func:`effective`): once a
database has accounts, an actor counts only when a login in this process issued it (its
token), and its role, depots and units are read from its account then and there, so an
administrator's change takes effect at the next operation, and an ``Actor`` a caller made up
(or the system actor) is refused. A database with no account yet (a new file, the demo
county) takes the actor as given: there is no one to check it against.

Whether the database has accounts is read in the transaction that asks, never remembered
beyond it: a second PC on a shared database may create the first account at any time, and a
remembered "no account" would go on accepting made-up actors here. A service that reads a row
first may read :data:`ANY_ACCOUNT` in the same statement and hand the answer to
:func:`require` (``accounts=``), as posting does with its depot: one statement fewer, and as
fresh as asking alone (on SQLite the posting's transaction holds the write lock from its
first statement, so no account can appear before it commits).

Personal data (ID numbers, phone numbers of members and post holders) is shown whole only to
admin and office; everyone else sees it masked, on screen, in exports and in reports.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from enum import StrEnum

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import Role
from ledger.core.errors import NotLoggedIn, PermissionDenied
from ledger.models import Depot, OrgUnit
from ledger.models.engine import Database
from ledger.models.users import User

ADMIN, OFFICE, KEEPER, VIEWER = Role.ADMIN, Role.OFFICE, Role.KEEPER, Role.VIEWER


class Action(StrEnum):
    """Something a service does that not everyone may do."""

    POST = "post"
    REVERSE = "reverse"
    STOCKTAKE = "stocktake"
    EDIT_RECORDS = "edit_records"
    EDIT_CATALOGUE = "edit_catalogue"
    IMPORT = "import"
    CLOSE_PERIOD = "close_period"
    SETTINGS = "settings"
    MANAGE_ACCOUNTS = "manage_accounts"
    BACKUP = "backup"
    RESTORE = "restore"
    EXCHANGE_EXPORT = "exchange_export"
    EXCHANGE_IMPORT = "exchange_import"
    VIEW_AUDIT = "view_audit"


class Scope(StrEnum):
    """What an action is checked against besides the role."""

    NONE = "none"
    DEPOT = "depot"
    UNIT = "unit"


#: The rights, as data: the roles that may do an action at all, the scope that limits them,
#: and the Chinese phrase the refusal uses ("用户“x”无权<phrase>").
RIGHTS: dict[Action, tuple[frozenset[Role], Scope, str]] = {
    Action.POST: (frozenset({ADMIN, OFFICE, KEEPER}), Scope.DEPOT, "在{where}登记单据"),
    Action.REVERSE: (frozenset({ADMIN, OFFICE, KEEPER}), Scope.DEPOT, "红冲{where}的单据"),
    Action.STOCKTAKE: (frozenset({ADMIN, OFFICE, KEEPER}), Scope.DEPOT, "盘点{where}"),
    Action.EDIT_RECORDS: (frozenset({ADMIN, OFFICE}), Scope.UNIT, "修改{where}的资料"),
    Action.EDIT_CATALOGUE: (frozenset({ADMIN, OFFICE}), Scope.NONE, "修改物资目录"),
    Action.IMPORT: (frozenset({ADMIN, OFFICE}), Scope.UNIT, "向{where}导入数据"),
    Action.CLOSE_PERIOD: (frozenset({ADMIN, OFFICE}), Scope.DEPOT, "对{where}结账或反结账"),
    Action.SETTINGS: (frozenset({ADMIN}), Scope.NONE, "修改系统设置"),
    Action.MANAGE_ACCOUNTS: (frozenset({ADMIN}), Scope.NONE, "管理用户账户"),
    Action.BACKUP: (frozenset({ADMIN, OFFICE}), Scope.NONE, "备份数据库"),
    Action.RESTORE: (frozenset({ADMIN}), Scope.NONE, "从备份恢复数据库"),
    Action.EXCHANGE_EXPORT: (frozenset({ADMIN, OFFICE}), Scope.UNIT, "导出{where}的数据交换包"),
    Action.EXCHANGE_IMPORT: (frozenset({ADMIN}), Scope.NONE, "导入数据交换包"),
    Action.VIEW_AUDIT: (frozenset({ADMIN, OFFICE}), Scope.NONE, "查看审计日志"),
}


def role_may(actor: Actor, action: Action) -> bool:
    """Whether the actor's role may do ``action`` somewhere (for menus and buttons)."""
    return actor.role in RIGHTS[action][0]


def allowed(
    session: Session,
    actor: Actor,
    action: Action,
    *,
    depot_id: uuid.UUID | None = None,
    unit_id: uuid.UUID | None = None,
) -> bool:
    """Whether the actor may do ``action`` in the given depot or unit."""
    roles, scope, _ = RIGHTS[action]
    current = _resolved(session, actor)
    if current is None:
        return False
    actor = current
    if actor.role is ADMIN:
        return True
    if actor.role not in roles:
        return False
    if scope is Scope.DEPOT:
        return depot_id is not None and _may_use_depot(session, actor, depot_id)
    if scope is Scope.UNIT:
        return unit_id is not None and actor.role is OFFICE and in_units(session, actor, unit_id)
    return True


def require(
    session: Session,
    actor: Actor,
    action: Action,
    *,
    depot_id: uuid.UUID | None = None,
    unit_id: uuid.UUID | None = None,
    accounts: bool | None = None,
) -> None:
    """Refuse unless the actor may do ``action`` in the given depot or unit. ``accounts``:
    whether the database has any account, when the caller read it (:data:`ANY_ACCOUNT`) in
    this transaction; ``None``: asked here when needed.

    Raises:
        NotLoggedIn: accounts exist and no login in this process issued ``actor``.
        PermissionDenied: naming the user and what it may not do.
    """
    effective(session, actor, accounts=accounts)  # refuses an actor no login issued
    if allowed(session, actor, action, depot_id=depot_id, unit_id=unit_id):
        return
    phrase = RIGHTS[action][2].format(where=_where(session, depot_id, unit_id))
    raise PermissionDenied(user=actor.name, action=phrase, username=actor.username)


#: SQL: whether the database has any account, to read alone or beside another statement's row.
ANY_ACCOUNT = exists().where(User.id.is_not(None))


def has_accounts(session: Session) -> bool:
    """Whether the database has any account (then every actor must come from a login)."""
    return bool(session.scalar(select(ANY_ACCOUNT)))


def effective(session: Session, actor: Actor, *, accounts: bool | None = None) -> Actor:
    """The actor as the database knows it now: its current role, depots and units.

    Read once per transaction. On a database with no account the actor is taken as given
    (``accounts``: whether it has any, when the caller read it in this transaction).

    Raises:
        NotLoggedIn: accounts exist and no login in this process issued ``actor`` (made up,
            the system actor, logged out), or its account is gone or disabled.
    """
    current = _resolved(session, actor, accounts)
    if current is None:
        raise NotLoggedIn(user=actor.name)
    return current


def accepts(db: Database, actor: Actor) -> bool:
    """Whether ``db``'s services accept ``actor`` (no accounts there, or a login to it)."""
    with db.read() as session:
        return _resolved(session, actor) is not None


def _resolved(session: Session, actor: Actor, accounts: bool | None = None) -> Actor | None:
    from ledger.services.accounts.users import current_actor, issued_account

    key = ("effective", actor.username, actor.token)
    if key not in session.info:
        if not (has_accounts(session) if accounts is None else accounts):
            found: Actor | None = actor
        else:
            account_id = issued_account(actor)
            user = session.get(User, account_id) if account_id is not None else None
            usable = user is not None and user.active and user.username == actor.username
            found = current_actor(user, actor.token) if usable and user else None
        session.info[key] = found
    result: Actor | None = session.info[key]
    return result


def in_units(session: Session, actor: Actor, unit_id: uuid.UUID) -> bool:
    """Whether ``unit_id`` is one of the actor's home units or lies below one of them."""
    if not actor.unit_ids:
        return False
    seen: set[uuid.UUID] = set()
    current: uuid.UUID | None = unit_id
    while current is not None and current not in seen:
        if current in actor.unit_ids:
            return True
        seen.add(current)
        unit = session.get(OrgUnit, current)
        current = unit.parent_id if unit is not None else None
    return False


def _may_use_depot(session: Session, actor: Actor, depot_id: uuid.UUID) -> bool:
    if actor.role is KEEPER:
        return depot_id in actor.depot_ids
    if actor.role is OFFICE:
        depot = session.get(Depot, depot_id)
        return depot is not None and in_units(session, actor, depot.unit_id)
    return False


def _where(session: Session, depot_id: uuid.UUID | None, unit_id: uuid.UUID | None) -> str:
    if depot_id is not None:
        depot = session.get(Depot, depot_id)
        return f"仓库“{depot.name}”" if depot else "该仓库"
    if unit_id is not None:
        unit = session.get(OrgUnit, unit_id)
        return f"“{unit.name}”" if unit else "该单位"
    return "全局"


def may_see_personal_data(actor: Actor) -> bool:
    """Whether the actor sees ID numbers and phone numbers whole (admin and office)."""
    return actor.role in (ADMIN, OFFICE)


def mask_id_number(value: str | None) -> str:
    """An ID number with its middle hidden: ``410102199001011234`` → ``4101**********1234``."""
    text = (value or "").strip()
    if len(text) <= 4:
        return "*" * len(text)
    if len(text) <= 8:
        return text[:2] + "*" * (len(text) - 2)
    return text[:4] + "*" * (len(text) - 8) + text[-4:]


def mask_phone(value: str | None) -> str:
    """A phone number with its middle hidden: ``13812345678`` → ``138****5678``."""
    text = (value or "").strip()
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    if len(digits) <= 4:
        return "*" * len(text)
    keep_head = 3 if len(digits) >= 11 else 0
    hidden = set(digits[keep_head : len(digits) - 4])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(text))


def id_number_for(actor: Actor, value: str | None) -> str:
    """The ID number as ``actor`` may see it (whole or masked)."""
    return (value or "") if may_see_personal_data(actor) else mask_id_number(value)


def phone_for(actor: Actor, value: str | None) -> str:
    """The phone number as ``actor`` may see it (whole or masked)."""
    return (value or "") if may_see_personal_data(actor) else mask_phone(value)


#: Column names that hold personal data wherever they appear (tables, audit rows, exports).
PERSONAL_FIELDS: dict[str, Callable[[str | None], str]] = {
    "id_number": mask_id_number,
    "phone": mask_phone,
}


def mask_record(actor: Actor, values: dict[str, object] | None) -> dict[str, object] | None:
    """A copy of a column→value mapping with personal fields masked for ``actor``."""
    if values is None or may_see_personal_data(actor):
        return values
    out = dict(values)
    for key, masker in PERSONAL_FIELDS.items():
        if isinstance(out.get(key), str):
            out[key] = masker(str(out[key]))
    return out
