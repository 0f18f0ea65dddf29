"""Evaluation: a pure function of a profile, the facts and a date, returning findings (短板)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from ledger.norms.facts import Facts, UnitFact
from ledger.norms.kinds import KINDS, Context
from ledger.norms.model import Finding, Gap, Id, Profile, Rule, Severity


def evaluate(
    profile: Profile, facts: Facts, on: date, *, units: Collection[Id] | None = None
) -> list[Finding]:
    """The findings of ``profile`` on ``on``.

    Args:
        profile: the plan to check against.
        facts: the data on ``on``.
        on: the date of the check; rules that take effect later report as ``upcoming``.
        units: the units to check; by default those bound to the profile (own or inherited),
            less a province or city kept only as the parent of the ledger's own unit.

    Returns:
        Findings in the order of the units given (or of ``facts.units``) and of the rules.
    """
    if units is None:
        kept = facts.parents_only
        targets = [
            u for u in facts.units if u.id not in kept and facts.profile_of(u.id) == profile.id
        ]
    else:
        targets = [facts.unit[i] for i in units if i in facts.unit]
    ctx = Context(facts=facts, on=on, profile_id=profile.id, rules=profile.rules)
    findings = []
    for unit in targets:
        for rule in profile.rules:
            if not rule.applies_to(unit.level, unit.flags, unit.name):
                continue
            check = KINDS[rule.kind].check
            for gap in check(rule, rule.params, unit, ctx):
                findings.append(_finding(profile, rule, unit, gap, on))
    return findings


def _finding(profile: Profile, rule: Rule, unit: UnitFact, gap: Gap, on: date) -> Finding:
    severity = Severity.UPCOMING if rule.effective > on else gap.severity
    return Finding(
        unit_id=unit.id,
        unit_code=unit.code,
        unit_name=unit.name,
        profile=profile.id,
        rule_id=rule.id,
        kind=rule.kind,
        title=rule.title,
        subject=gap.subject,
        required=gap.required,
        actual=gap.actual,
        gap=gap.gap,
        severity=severity,
        citation=rule.citation,
        measure=gap.measure,
        detail=gap.detail,
        effective=rule.effective,
        range_text=rule.range_text,
        records=gap.records,
        draft=profile.draft,
        document=profile.short_document,
    )
