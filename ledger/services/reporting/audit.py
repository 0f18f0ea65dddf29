"""The audit view (审计日志): recorded changes filtered by table, user, date and record.

Rows come back frozen, newest first, with their before and after values (personal data masked
for those who may not see it, password hashes never shown). The chain of audit rows is checked
by :func:`ledger.services.verify.checks.check_audit_chain`, which names the first broken row.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from ledger.core.actor import SYSTEM, Actor
from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.models import (
    AuditRow,
    Counterparty,
    Depot,
    Document,
    Equipment,
    Incident,
    Item,
    Member,
    OrgUnit,
    Team,
    personal,
)
from ledger.models.users import User
from ledger.services.accounts.permissions import Action, mask_record, require
from ledger.services.reporting.audit_labels import MORE_FIELD_LABELS, MORE_TABLE_LABELS

CONTEXT = "Audit"

#: Chinese names of the audited tables, as the filter lists them.
TABLE_LABELS: dict[str, str] = {
    "org_units": QT_TRANSLATE_NOOP("Audit", "行政区划"),
    "posts": QT_TRANSLATE_NOOP("Audit", "岗位人员"),
    "drills": QT_TRANSLATE_NOOP("Audit", "演练"),
    "trainings": QT_TRANSLATE_NOOP("Audit", "培训"),
    "teams": QT_TRANSLATE_NOOP("Audit", "救援队伍"),
    "members": QT_TRANSLATE_NOOP("Audit", "队员"),
    "certificates": QT_TRANSLATE_NOOP("Audit", "证书"),
    "items": QT_TRANSLATE_NOOP("Audit", "物资目录"),
    "depots": QT_TRANSLATE_NOOP("Audit", "仓库"),
    "counterparties": QT_TRANSLATE_NOOP("Audit", "往来单位"),
    "incidents": QT_TRANSLATE_NOOP("Audit", "事件"),
    "documents": QT_TRANSLATE_NOOP("Audit", "单据"),
    "document_lines": QT_TRANSLATE_NOOP("Audit", "单据明细"),
    "equipment": QT_TRANSLATE_NOOP("Audit", "装备"),
    "maintenance": QT_TRANSLATE_NOOP("Audit", "保养记录"),
    "users": QT_TRANSLATE_NOOP("Audit", "用户账户"),
    "user_depots": QT_TRANSLATE_NOOP("Audit", "保管员仓库"),
    "user_units": QT_TRANSLATE_NOOP("Audit", "账户所属单位"),
}

#: Chinese names of the fields the audit shows most (others show their column name).
FIELD_LABELS: dict[str, str] = {
    "code": QT_TRANSLATE_NOOP("Audit", "编码"),
    "name": QT_TRANSLATE_NOOP("Audit", "名称"),
    "number": QT_TRANSLATE_NOOP("Audit", "单号"),
    "level": QT_TRANSLATE_NOOP("Audit", "级别"),
    "parent_id": QT_TRANSLATE_NOOP("Audit", "上级单位"),
    "unit_id": QT_TRANSLATE_NOOP("Audit", "所属单位"),
    "team_id": QT_TRANSLATE_NOOP("Audit", "所属队伍"),
    "depot_id": QT_TRANSLATE_NOOP("Audit", "仓库"),
    "item_id": QT_TRANSLATE_NOOP("Audit", "物资"),
    "population": QT_TRANSLATE_NOOP("Audit", "常住人口"),
    "flags": QT_TRANSLATE_NOOP("Audit", "标志"),
    "profile_id": QT_TRANSLATE_NOOP("Audit", "规划"),
    "phone": QT_TRANSLATE_NOOP("Audit", "电话"),
    "id_number": QT_TRANSLATE_NOOP("Audit", "身份证号"),
    "leader": QT_TRANSLATE_NOOP("Audit", "队长"),
    "quantity": QT_TRANSLATE_NOOP("Audit", "数量"),
    "lot": QT_TRANSLATE_NOOP("Audit", "批次"),
    "expiry": QT_TRANSLATE_NOOP("Audit", "有效期"),
    "status": QT_TRANSLATE_NOOP("Audit", "状态"),
    "role": QT_TRANSLATE_NOOP("Audit", "角色/职务"),
    "username": QT_TRANSLATE_NOOP("Audit", "用户名"),
    "display_name": QT_TRANSLATE_NOOP("Audit", "姓名"),
    "password_hash": QT_TRANSLATE_NOOP("Audit", "密码"),
    "active": QT_TRANSLATE_NOOP("Audit", "启用"),
    "failed_attempts": QT_TRANSLATE_NOOP("Audit", "连续输错次数"),
    "locked_until": QT_TRANSLATE_NOOP("Audit", "锁定至"),
    "note": QT_TRANSLATE_NOOP("Audit", "备注"),
    "id": QT_TRANSLATE_NOOP("Audit", "记录标识"),
    "address": QT_TRANSLATE_NOOP("Audit", "地址"),
    "area_m2": QT_TRANSLATE_NOOP("Audit", "面积(平方米)"),
    "keepers": QT_TRANSLATE_NOOP("Audit", "保管员"),
    "kind": QT_TRANSLATE_NOOP("Audit", "类型"),
    "spec": QT_TRANSLATE_NOOP("Audit", "规格型号"),
    "unit": QT_TRANSLATE_NOOP("Audit", "计量单位"),
    "category": QT_TRANSLATE_NOOP("Audit", "类别"),
    "serial": QT_TRANSLATE_NOOP("Audit", "序列号"),
    "doc_date": QT_TRANSLATE_NOOP("Audit", "单据日期"),
    "team_type": QT_TRANSLATE_NOOP("Audit", "队伍类型"),
    "nature": QT_TRANSLATE_NOOP("Audit", "性质"),
    "gender": QT_TRANSLATE_NOOP("Audit", "性别"),
    "joined_on": QT_TRANSLATE_NOOP("Audit", "入队日期"),
    "left_on": QT_TRANSLATE_NOOP("Audit", "离队日期"),
}

TABLE_LABELS.update(MORE_TABLE_LABELS)
FIELD_LABELS.update(MORE_FIELD_LABELS)

#: Shown for a reference to a record the database no longer knows.
UNKNOWN_RECORD = QT_TRANSLATE_NOOP("Audit", "（已删除的记录）")

# Fields that name a record, in the order the audit view looks for one.
_SUBJECT_FIELDS = ("number", "name", "username", "serial", "title", "person", "code")

ACTION_LABELS: dict[str, str] = {
    "insert": QT_TRANSLATE_NOOP("Audit", "新增"),
    "update": QT_TRANSLATE_NOOP("Audit", "修改"),
    "delete": QT_TRANSLATE_NOOP("Audit", "删除"),
}


@dataclass(frozen=True)
class AuditFilter:
    """What the audit view shows: any combination of table, user, dates (local) and record."""

    table: str | None = None
    actor: str | None = None
    since: date | None = None
    until: date | None = None
    row_id: uuid.UUID | None = None


@dataclass(frozen=True)
class AuditEntry:
    """One recorded change, ready for a table: who, when, what, before and after."""

    id: int
    at: datetime
    actor: str
    action: str
    action_label: str
    table: str
    table_label: str
    row_id: uuid.UUID | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    #: What the record is called (its number, name or code), from this row or its insert.
    subject: str = ""
    #: Names (or numbers) of the records the fields refer to, by id text.
    names: dict[str, str] = field(default_factory=dict)
    #: Who made the change as people know them (the account's name; 系统 for the program).
    actor_name: str = ""

    @property
    def changed_fields(self) -> tuple[str, ...]:
        """The fields this change touched (every field of an insert or delete)."""
        return tuple(sorted(set(self.before or {}) | set(self.after or {})))

    def differences(self) -> list[tuple[str, str, str]]:
        """Each touched field as (Chinese name, before, after), values shown as text."""
        before, after = self.before or {}, self.after or {}
        return [
            (FIELD_LABELS.get(key, key), self._shown(key, before), self._shown(key, after))
            for key in self.changed_fields
            if key != "id" and (key not in ("created_at", "updated_at") or self.action == "update")
        ]

    def _shown(self, key: str, values: dict[str, Any]) -> str:
        """A field's value as text; a reference by the name or number of what it refers to."""
        value = values.get(key)
        if _is_reference(key) and isinstance(value, str) and value:
            return self.names.get(value, UNKNOWN_RECORD)
        return _text(value)


def _is_reference(key: str) -> bool:
    return key.endswith("_id")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def audit_entries(
    session: Session,
    actor: Actor,
    flt: AuditFilter = AuditFilter(),
    *,
    limit: int = 500,
    offset: int = 0,
) -> list[AuditEntry]:
    """The recorded changes matching ``flt``, newest first, one page at a time.

    Raises:
        PermissionDenied: the actor may not read the audit log.
    """
    require(session, actor, Action.VIEW_AUDIT)
    query = _filtered(select(AuditRow), flt).order_by(AuditRow.id.desc())
    rows = session.scalars(query.limit(limit).offset(offset)).all()
    unnamed = {r.row_id for r in rows if r.row_id is not None and not _subject(r.before, r.after)}
    names = _names(session, unnamed)
    referred = {
        value
        for row in rows
        for values in (row.before, row.after)
        for key, value in (values or {}).items()
        if _is_reference(key) and isinstance(value, str) and value
    }
    references = resolve_ids(session, referred)
    people = actor_names(session, {row.actor for row in rows})
    dialect = session.get_bind().dialect  # personal values are recorded sealed
    return [
        replace(
            _entry(actor, row, names.get(row.row_id, "") or _referred(row, references), references),
            actor_name=people.get(row.actor, row.actor),
            before=mask_record(actor, personal.open_values(dialect, row.table, row.before)),
            after=mask_record(actor, personal.open_values(dialect, row.table, row.after)),
        )
        for row in rows
    ]


def actor_names(session: Session, logins: set[str]) -> dict[str, str]:
    """Each login's name as people know it: the account's name, 系统 for the program itself."""
    found = {SYSTEM.username: SYSTEM.name} if SYSTEM.username in logins else {}
    query = select(User.username, User.display_name).where(User.username.in_(logins))
    for login, name in session.execute(query):
        found[login] = name or login
    return found


def audit_actor_choices(session: Session) -> list[tuple[str, str]]:
    """The users in the audit log as (login, name people know), by login."""
    logins = audit_actors(session)
    names = actor_names(session, set(logins))
    return [(login, names.get(login, login)) for login in logins]


def _referred(row: AuditRow, references: dict[str, str]) -> str:
    """A nameless record (a document line) called after the first record it refers to."""
    for values in (row.after, row.before):
        for key, value in sorted((values or {}).items()):
            if _is_reference(key) and isinstance(value, str) and value in references:
                return references[value]
    return ""


#: Records a reference can point to, and the column that names each.
_NAMED: tuple[tuple[Any, Any], ...] = (
    (Document, Document.number),
    (Depot, Depot.name),
    (Item, Item.name),
    (OrgUnit, OrgUnit.name),
    (Team, Team.name),
    (Member, Member.name),
    (Incident, Incident.name),
    (Counterparty, Counterparty.name),
    (User, User.display_name),
    (Equipment, Equipment.serial),
)


def resolve_ids(session: Session, ids: set[str]) -> dict[str, str]:
    """The name or number of each record an id (as text) refers to, where one is found.

    Records still in the database are named from their tables, deleted ones from the name
    their insert recorded.
    """
    keys = {}
    for text in ids:
        try:
            keys[uuid.UUID(text)] = text
        except ValueError:
            continue
    found: dict[str, str] = {}
    wanted = set(keys)
    for model, column in _NAMED:
        if not wanted:
            break
        query = select(model.id, column).where(model.id.in_(wanted))
        for record_id, name in session.execute(query):
            found[keys[record_id]] = str(name or "")
            wanted.discard(record_id)
    for record_id, name in _names(session, wanted).items():
        if name:
            found[keys[record_id]] = name
    return found


def _subject(*values: dict[str, Any] | None) -> str:
    for found in values:
        for key in _SUBJECT_FIELDS:
            if found and found.get(key):
                return str(found[key])
    return ""


def _names(session: Session, row_ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The name each record had when it was inserted (for updates that do not show it)."""
    if not row_ids:
        return {}
    query = select(AuditRow.row_id, AuditRow.after).where(
        AuditRow.action == "insert", AuditRow.row_id.in_(row_ids)
    )
    return {row_id: _subject(after) for row_id, after in session.execute(query) if row_id}


def count_entries(session: Session, actor: Actor, flt: AuditFilter = AuditFilter()) -> int:
    """How many recorded changes match ``flt`` (for paging)."""
    require(session, actor, Action.VIEW_AUDIT)
    query = _filtered(select(func.count()).select_from(AuditRow), flt)
    return int(session.scalar(query) or 0)


def history(session: Session, actor: Actor, row_id: uuid.UUID) -> list[AuditEntry]:
    """Every change to one record, oldest first (a record's history dialog)."""
    return list(reversed(audit_entries(session, actor, AuditFilter(row_id=row_id), limit=10_000)))


def audit_tables(session: Session) -> list[tuple[str, str]]:
    """The tables that have audit rows, as (code, Chinese label), by label."""
    codes = session.scalars(select(AuditRow.table).distinct())
    return sorted(((c, TABLE_LABELS.get(c, c)) for c in codes), key=lambda pair: pair[1])


def audit_actors(session: Session) -> list[str]:
    """The user names that appear in the audit log, sorted."""
    return sorted(session.scalars(select(AuditRow.actor).distinct()))


def _filtered(query: Select[Any], flt: AuditFilter) -> Select[Any]:
    if flt.table:
        query = query.where(AuditRow.table == flt.table)
    if flt.actor:
        query = query.where(AuditRow.actor == flt.actor)
    if flt.since:
        query = query.where(AuditRow.at >= _local_midnight(flt.since))
    if flt.until:
        query = query.where(AuditRow.at < _local_midnight(flt.until + timedelta(days=1)))
    if flt.row_id:
        query = query.where(AuditRow.row_id == flt.row_id)
    return query


def _local_midnight(day: date) -> datetime:
    """The start of ``day`` on this computer's clock, as an aware time."""
    return datetime.combine(day, time.min).astimezone()


def _entry(
    actor: Actor, row: AuditRow, name: str = "", names: dict[str, str] | None = None
) -> AuditEntry:
    return AuditEntry(
        id=row.id,
        at=row.at,
        actor=row.actor,
        action=row.action,
        action_label=ACTION_LABELS.get(row.action, row.action),
        table=row.table,
        table_label=TABLE_LABELS.get(row.table, row.table),
        row_id=row.row_id,
        before=mask_record(actor, row.before),
        after=mask_record(actor, row.after),
        subject=_subject(row.after, row.before) or name,
        names=names or {},
    )
