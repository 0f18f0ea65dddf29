"""The demo county (演示数据): a realistic, fictional 河清县 to try every feature on.

:func:`build_demo` fills an empty database in the caller's transaction: one county of 澄州市
with 16 town-level units and about 200 villages, their posts, teams and members, drills and
training, nine depots, a catalogue of 236 items, a year of stock documents posted through the
stock services, and serial-numbered equipment with its maintenance log. The same seed and
reference date give the same county. :func:`ensure_demo_database` creates the user's first
database with it, as the GUI does on its first start.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from ledger.core.actor import SYSTEM, Actor
from ledger.core.enums import DocType, Level
from ledger.core.errors import DatabaseNotEmpty
from ledger.models import (
    Base,
    Depot,
    Document,
    Equipment,
    Item,
    Member,
    Movement,
    OrgUnit,
    Team,
    personal,
)
from ledger.models.engine import open_database
from ledger.services.demo.activities import build_activities
from ledger.services.demo.catalogue import build_catalogue
from ledger.services.demo.context import REGION, Context
from ledger.services.demo.depots import build_depots
from ledger.services.demo.equipment import build_equipment
from ledger.services.demo.people import People
from ledger.services.demo.places import build_places
from ledger.services.demo.teams import build_teams
from ledger.services.demo.year import build_year

DEFAULT_SEED = 20260718


@dataclass(frozen=True)
class DemoSummary:
    """What the demo created, for the command line and the first start."""

    towns: int
    villages: int
    teams: int
    members: int
    depots: int
    items: int
    documents: dict[DocType, int]
    reversals: int
    movements: int
    equipment: int
    reference_date: date

    def describe(self) -> str:
        """One Chinese line per kind of record."""
        docs = "、".join(f"{t.label} {n}" for t, n in self.documents.items())
        return "\n".join(
            [
                f"演示数据：河清县（虚构），截至 {self.reference_date.isoformat()}",
                f"乡镇（街道、功能区）{self.towns} 个，村（社区）{self.villages} 个",
                f"救援队伍 {self.teams} 支，队员 {self.members} 人",
                f"仓库 {self.depots} 个，物资目录 {self.items} 种，装备 {self.equipment} 台（套）",
                f"单据：{docs}，红冲 {self.reversals} 张；出入库流水 {self.movements} 条",
            ]
        )


def build_demo(
    session: Session,
    actor: Actor,
    *,
    seed: int = DEFAULT_SEED,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
) -> DemoSummary:
    """Fill an empty database with the demo county, in the caller's transaction.

    Args:
        session: a write session; nothing is committed here.
        actor: who posts the demo's documents.
        seed: the same seed (and reference date) gives the same county.
        today: the reference date the year of movements ends on (default: today).
        progress: called with a short Chinese note before each step.

    Raises:
        DatabaseNotEmpty: the database already holds org units.
    """
    existing = session.scalar(select(func.count()).select_from(OrgUnit)) or 0
    if existing:
        raise DatabaseNotEmpty(path=_where(session), units=existing)
    today = today or date.today()
    rng = random.Random(seed)
    ctx = Context(session, actor, rng, today, People(rng, REGION, today))
    steps: list[tuple[str, Callable[[Context], object]]] = [
        ("行政区划和岗位人员", build_places),
        ("物资目录", build_catalogue),
        ("救援队伍和队员", build_teams),
        ("演练和培训", build_activities),
        ("仓库、往来单位和事件", build_depots),
    ]
    for note, step in steps:
        if progress:
            progress(note)
        step(ctx)
        session.flush()
    if progress:
        progress("一年的出入库单据")
    keeper = build_year(ctx)
    if progress:
        progress("装备和保养记录")
    build_equipment(ctx, keeper)
    session.flush()
    return _summary(session, keeper.reversals, today)


def _where(session: Session) -> str:
    url = session.get_bind().engine.url
    return url.database or "" if url.get_backend_name() == "sqlite" else url.render_as_string()


def _summary(session: Session, reversals: int, today: date) -> DemoSummary:
    def count(model: type[Base], *where: ColumnElement[bool]) -> int:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0

    by_type = dict(
        session.execute(
            select(Document.doc_type, func.count())
            .where(Document.reverses_id.is_(None))
            .group_by(Document.doc_type)
        ).all()
    )
    return DemoSummary(
        towns=count(OrgUnit, OrgUnit.level.in_([Level.TOWN, Level.STREET, Level.ZONE])),
        villages=count(OrgUnit, OrgUnit.level == Level.VILLAGE),
        teams=count(Team),
        members=count(Member, Member.left_on.is_(None)),
        depots=count(Depot),
        items=count(Item),
        documents={t: by_type.get(t, 0) for t in DocType},
        reversals=reversals,
        movements=count(Movement),
        equipment=count(Equipment),
        reference_date=today,
    )


def ensure_demo_database(
    target: str | Path,
    *,
    seed: int = DEFAULT_SEED,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
) -> bool:
    """Create the SQLite file ``target`` filled with the demo county, if it does not exist yet.

    The database is built beside the target under a temporary name and renamed into place
    when complete, so an interrupted first start leaves no half-filled database behind.
    Returns whether it was created; a server URL or an existing file is left alone.

    Unlike the other services this opens its own database and runs :func:`build_demo` in one
    transaction of its own: the database is a new file that no caller holds, made, filled,
    checkpointed and renamed here as one step (the command ``ledger demo`` builds into a
    database it opened in its own transaction).
    """
    text = str(target)
    if "://" in text:
        return False
    path = Path(text).expanduser()
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.demo-{os.getpid()}")
    _remove(temp)
    db = open_database(temp)
    try:
        with db.transaction(SYSTEM) as session:
            build_demo(session, SYSTEM, seed=seed, today=today, progress=progress)
        raw = db.engine.raw_connection()
        try:
            raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()
    except BaseException:
        db.dispose()
        _remove(temp)
        raise
    db.dispose()
    if path.exists():  # another start won the race; keep its database
        _remove(temp)
        return False
    for suffix in ("-wal", "-shm"):
        Path(f"{temp}{suffix}").unlink(missing_ok=True)
    key = personal.own_key(temp)
    if key is not None:  # the key of its personal data goes with it (ledger.models.personal)
        os.replace(key, personal.own_key(path) or key)
    os.replace(temp, path)
    return True


def _remove(temp: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{temp}{suffix}").unlink(missing_ok=True)
    key = personal.own_key(temp)
    if key is not None:
        key.unlink(missing_ok=True)


__all__ = ["DEFAULT_SEED", "DemoSummary", "build_demo", "ensure_demo_database"]
