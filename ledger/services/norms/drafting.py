"""Drafting a profile from a plan file for the office: catalogue match, dry run, install."""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.models import Item
from ledger.norms import drafting
from ledger.norms.drafting.output import Draft, draft_toml, validate
from ledger.norms.evaluate import evaluate
from ledger.norms.model import Finding
from ledger.services.norms import profiles as norm_profiles
from ledger.services.norms.facts import gather_facts

#: A rule that fires at this share of the units it applies to (or more) is flagged.
NEARLY_EVERY = 0.9


def draft_plan(session: Session, actor: Actor, path: Path) -> Draft:
    """The draft of the plan at ``path``, its equipment names matched against the catalogue."""
    del actor  # reading the catalogue is open to every user
    draft = drafting.draft_file(path)
    match_catalogue(session, draft)
    return draft


def match_catalogue(session: Session, draft: Draft) -> None:
    """Flag, per equipment proposal, the items whose names match nothing in the catalogue."""
    names = [n for n in session.scalars(select(Item.name)) if n]
    for proposal in draft.proposals:
        if proposal.kind != "equipment_set":
            continue
        missing = []
        for item in proposal.params.get("items", []):
            if "category" in item:
                continue
            words = [str(item["name"]), *(str(a) for a in item.get("accept", []))]
            if not any(w in n or n in w for w in words for n in names):
                missing.append(str(item["name"]))
        proposal.unmatched = tuple(missing)


@dataclass(frozen=True)
class RuleFiring:
    """How often one rule of the draft fires on the current data."""

    rule_id: str
    title: str
    units: int  # units it applies to
    firing: int  # of them, units with a finding
    nearly_every: bool


@dataclass(frozen=True)
class DryRun:
    """The findings the draft would give on the current data, and how often each rule fires."""

    on: date
    findings: tuple[Finding, ...]
    rules: tuple[RuleFiring, ...]


def dry_run(session: Session, actor: Actor, toml_text: str, on: date | None = None) -> DryRun:
    """Evaluate the drafted profile on every unit of the database (nothing is written).

    Raises:
        ProfileInvalid: the text is not a valid profile.
    """
    del actor
    on = on or date.today()
    profile = validate(toml_text, "draft.toml")
    facts = gather_facts(session, on)
    findings = evaluate(profile, facts, on, units=[u.id for u in facts.units])
    firing = Counter((f.rule_id, f.unit_id) for f in findings)
    rules = []
    for rule in profile.rules:
        applies = [u for u in facts.units if rule.applies_to(u.level, u.flags, u.name)]
        hit = sum(1 for u in applies if (rule.id, u.id) in firing)
        share = hit / len(applies) if applies else 0
        rules.append(RuleFiring(rule.id, rule.title, len(applies), hit,
                                len(applies) >= 3 and share >= NEARLY_EVERY))  # fmt: skip
    return DryRun(on, tuple(findings), tuple(rules))


def install_draft(actor: Actor, draft: Draft, profile_id: str = "") -> norm_profiles.ProfileInfo:
    """Validate the draft's accepted proposals as a profile and install it as ``--add`` does."""
    text = draft_toml(draft, profile_id)
    profile = validate(text, "draft.toml")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{profile.id}.toml"
        path.write_text(text, encoding="utf-8")
        return norm_profiles.install_profile(actor, path)
