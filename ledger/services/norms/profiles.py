"""Norm profiles available to this installation: shipped ones and the user's own, and bindings.

Shipped profiles live in ``resources/norms/``; a user adds a plan of their own as a TOML file,
validated and copied into ``<data folder>/norms/``. A unit is bound to a profile by
``OrgUnit.profile_id``; units without one inherit their parent's.
"""

from __future__ import annotations

import shutil
import uuid
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.errors import DuplicateRecord, LedgerError, PermissionDenied, UnknownRecord
from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.models import Item, OrgUnit
from ledger.models.mappings import EquipmentMapping
from ledger.norms.model import Profile
from ledger.norms.names import name_matches
from ledger.norms.schema import load_profile
from ledger.paths import data_dir, resource
from ledger.services.accounts.permissions import Action, require, role_may
from ledger.services.common import lookup


@dataclass(frozen=True)
class ProfileInfo:
    """A profile as the list of profiles shows it."""

    id: str
    name: str
    issuer: str
    number: str
    date: date | None
    region: str
    source: str
    rules: int
    user: bool
    path: str


@dataclass(frozen=True)
class ProfileProblem:
    """A profile file in the user's folder that could not be loaded, and why."""

    path: str
    message: str


def shipped_dir() -> Path:
    """Where the shipped profiles are."""
    return resource("norms")


def user_dir() -> Path:
    """Where the user's own profiles are (created on first use)."""
    path = data_dir() / "norms"
    path.mkdir(parents=True, exist_ok=True)
    return path


@lru_cache(maxsize=64)
def _load_cached(path: str, mtime_ns: int) -> Profile:
    del mtime_ns  # part of the cache key: an edited file is read again
    return load_profile(Path(path))


def _load(path: Path) -> Profile:
    return _load_cached(str(path), path.stat().st_mtime_ns)


def load_all() -> tuple[dict[str, Profile], set[str], list[ProfileProblem]]:
    """Every loadable profile by id, the ids of the user's own, and the files that failed.

    A shipped profile that does not load is a bug and raises; a user's file that does not load
    is reported as a problem. A user's file may not take a shipped profile's id.
    """
    found: dict[str, Profile] = {}
    for path in sorted(shipped_dir().glob("*.toml")):
        profile = _load(path)
        found[profile.id] = profile
    own: set[str] = set()
    problems = []
    for path in sorted(user_dir().glob("*.toml")):
        try:
            profile = _load(path)
        except LedgerError as error:
            problems.append(ProfileProblem(str(path), error.message))
            continue
        if profile.id in found:
            problems.append(ProfileProblem(str(path), f"与已有规划重名：{profile.id}"))
            continue
        found[profile.id] = profile
        own.add(profile.id)
    return found, own, problems


def profile(profile_id: str) -> Profile:
    """The profile with ``profile_id``.

    Raises:
        UnknownRecord: no such profile is installed.
    """
    found, _, _ = load_all()
    if profile_id not in found:
        raise UnknownRecord(kind="规划", key=profile_id)
    return found[profile_id]


def list_profiles() -> tuple[list[ProfileInfo], list[ProfileProblem]]:
    """The installed profiles (shipped first, then the user's) and any user file that failed."""
    found, own, problems = load_all()
    infos = [
        ProfileInfo(
            id=p.id,
            name=p.name,
            issuer=p.issuer,
            number=p.number,
            date=p.date,
            region=p.region,
            source=p.source,
            rules=len(p.rules),
            user=p.id in own,
            path=p.path,
        )
        for p in found.values()
    ]
    infos.sort(key=lambda i: (i.user, i.id))
    return infos, problems


def install_profile(actor: Actor, path: Path) -> ProfileInfo:
    """Validate a profile file and install it as one of the user's own (replacing its old version).

    Raises:
        PermissionDenied: the actor may not add profiles (only admin and office may).
        ProfileUnreadable, ProfileInvalid: the file is not a valid profile.
        DuplicateRecord: its id is that of a shipped profile.
    """
    if not role_may(actor, Action.IMPORT):
        raise PermissionDenied(user=actor.name, action="添加规划文件", username=actor.username)
    new = load_profile(path)
    installed, own, _ = load_all()
    if new.id in installed and new.id not in own:
        raise DuplicateRecord(kind="规划", key=new.id)
    target = user_dir() / f"{new.id}.toml"
    if path.resolve() != target.resolve():
        shutil.copyfile(path, target)
    infos, _ = list_profiles()
    return next(i for i in infos if i.id == new.id)


def bind_profile(
    session: Session, actor: Actor, unit: str | uuid.UUID, profile_id: str | None
) -> None:
    """Bind a unit to a profile (``None``: inherit the parent's again).

    Raises:
        UnknownRecord: no such unit or profile.
        PermissionDenied: the actor may not edit the unit.
    """
    found = lookup.by_key(session, OrgUnit, unit)
    require(session, actor, Action.EDIT_RECORDS, unit_id=found.id)
    if profile_id:
        profile(profile_id)
    found.profile_id = profile_id or None
    session.flush()


@dataclass(frozen=True)
class UnmatchedName:
    """An equipment or reserve entry of a profile whose accepted names the catalogue lacks."""

    rule_id: str
    rule_title: str
    entry: str
    #: The accepted names (or codes) that match no item of the catalogue.
    names: tuple[str, ...]
    #: Not one accepted name matches: the entry will be reported until the catalogue has one.
    none_match: bool
    #: The entry belongs to a list of examples the office confirms (not reported as missing).
    advisory: bool = False

    @property
    def always_missing(self) -> bool:
        """Whether the check will report the entry missing whatever the office holds."""
        return self.none_match and not self.advisory

    @property
    def text(self) -> str:
        """The warning in words (rule title and entry, no ids)."""
        where = f"“{self.rule_title}”中的“{self.entry}”"
        if self.none_match:
            return f"{where}：可接受的名称（{'、'.join(self.names)}）在物资目录中都找不到"
        return f"{where}：名称{'、'.join(self.names)}在物资目录中找不到"


def unmatched_names(session: Session, found: Profile) -> list[UnmatchedName]:
    """Entries of the profile's equipment and reserve rules with names the catalogue lacks.

    Names match as the check matches them (:mod:`ledger.norms.names`: network prefixes and
    model suffixes allowed); an entry that accepts a whole category, or to which the office
    mapped an item of its own, is not listed. Nothing is
    listed while the catalogue is empty.
    """
    catalogue = [(name, code) for code, name in session.execute(select(Item.code, Item.name))]
    if not catalogue:
        return []
    mapped = {
        (rule_id, entry)
        for rule_id, entry in session.execute(
            select(EquipmentMapping.rule_id, EquipmentMapping.entry).where(
                EquipmentMapping.profile_id == found.id
            )
        )
    }
    out = []
    for rule in found.rules:
        advisory = rule.kind == "equipment_set" and rule.params.advisory
        if rule.kind == "equipment_set":
            entries = [
                (e.name, e.accepted)
                for e in rule.params.items
                if e.category is None and (rule.id, e.name) not in mapped
            ]
        elif rule.kind == "reserve" and rule.params.items and rule.params.category is None:
            entries = [("、".join(rule.params.items), rule.params.items)]
        else:
            continue
        for entry, accepted in entries:
            lacking = tuple(
                a for a in accepted if not any(name_matches(n, c, (a,)) for n, c in catalogue)
            )
            if lacking:
                out.append(
                    UnmatchedName(
                        rule.id,
                        rule.title,
                        entry,
                        lacking,
                        len(lacking) == len(accepted),
                        advisory,
                    )
                )
    return out


def profile_title(profile_id: str, *, with_number: bool = True) -> str:
    """A plan as users know it: its title and document number, never its internal id.

    A profile that is not installed (any more) is named as such.
    """
    found, _, _ = load_all()
    plan = found.get(profile_id)
    if plan is None:
        return QT_TRANSLATE_NOOP("Plans", "（未安装的规划）")
    return f"{plan.name}（{plan.number}）" if plan.number and with_number else plan.name
