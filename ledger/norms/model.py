"""Norm profiles (规划), rules (规则), citations (出处) and findings (短板) as frozen values."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from ledger.core.enums import Level
from ledger.core.i18n import QT_TRANSLATE_NOOP

CONTEXT = "Norms"

# Ids of units, teams, depots … as the facts carry them (UUIDs in the app, text in tests).
Id = Hashable


class Severity(StrEnum):
    """How bad a finding is; the dashboard shows ``missing`` red and the next three amber."""

    MISSING = "missing"
    SHORT = "short"
    OVERDUE = "overdue"
    EXPIRING = "expiring"
    #: Every part the ledger can count is met; the rest waits on the office's confirmation.
    UNCONFIRMED = "unconfirmed"
    UNCONFIGURED = "unconfigured"
    UPCOMING = "upcoming"

    @property
    def label(self) -> str:
        """The Chinese label (translate with context ``Norms``)."""
        return SEVERITY_LABELS[self]


SEVERITY_LABELS = {
    Severity.MISSING: QT_TRANSLATE_NOOP("Norms", "缺失"),
    Severity.SHORT: QT_TRANSLATE_NOOP("Norms", "不足"),
    Severity.EXPIRING: QT_TRANSLATE_NOOP("Norms", "临期"),
    Severity.OVERDUE: QT_TRANSLATE_NOOP("Norms", "逾期"),
    Severity.UNCONFIRMED: QT_TRANSLATE_NOOP("Norms", "待确认"),
    Severity.UNCONFIGURED: QT_TRANSLATE_NOOP("Norms", "未配置"),
    Severity.UPCOMING: QT_TRANSLATE_NOOP("Norms", "待生效"),
}

#: Severities the dashboard counts as red and as amber.
RED = frozenset({Severity.MISSING})
AMBER = frozenset({Severity.SHORT, Severity.EXPIRING, Severity.OVERDUE})


@dataclass(frozen=True)
class Citation:
    """Where a rule comes from: the plan's section, a short quote, and the seed line."""

    section: str
    quote: str
    source: str = ""

    def __str__(self) -> str:
        return f"{self.section}「{self.quote}」"


@dataclass(frozen=True)
class Rule:
    """One checkable requirement of a plan, with where it applies and its parameters.

    ``params`` is the kind's own frozen parameter object (see :mod:`ledger.norms.kinds`).
    ``levels`` empty means every level; the flag sets are conditions on the unit's flags.
    """

    id: str
    kind: str
    title: str
    citation: Citation
    effective: date
    params: Any
    levels: frozenset[Level] = frozenset()
    flags_any: frozenset[str] = frozenset()
    flags_all: frozenset[str] = frozenset()
    flags_none: frozenset[str] = frozenset()
    #: False where the plan says 村 (行政村) and not 村（社区）: urban 社区 are not asked.
    communities: bool = True
    range_text: str = ""
    note: str = ""

    def applies_to(self, level: Level, flags: frozenset[str], name: str = "") -> bool:
        """Whether the rule asks anything of a unit of ``level`` with ``flags`` (and ``name``)."""
        if self.levels and level not in self.levels:
            return False
        if not self.communities and level is Level.VILLAGE and is_community(name):
            return False
        if self.flags_any and not (self.flags_any & flags):
            return False
        if not self.flags_all <= flags:
            return False
        return not (self.flags_none & flags)


def is_community(name: str) -> bool:
    """Whether a village-level unit is an urban 社区 (居委会) rather than a 村 (村委会)."""
    return name.strip().endswith("社区")


#: How a plan's title marks a draft for comment.
DRAFT_MARK = "征求意见稿"


@dataclass(frozen=True)
class Profile:
    """One plan as data: its document and its rules."""

    id: str
    name: str
    issuer: str
    number: str
    date: date | None
    source: str
    region: str
    rules: tuple[Rule, ...]
    note: str = ""
    path: str = ""

    def rule(self, rule_id: str) -> Rule:
        """The rule with ``rule_id`` (KeyError when the profile has none)."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    @property
    def document(self) -> str:
        """The plan as people cite it: number, or the title when it has none."""
        return f"{self.name}（{self.number}）" if self.number else self.name

    @property
    def draft(self) -> bool:
        """Whether the plan is a draft for comment (征求意见稿), not an issued document."""
        return any(DRAFT_MARK in text for text in (self.name, self.number, self.issuer))

    @property
    def short_document(self) -> str:
        """The plan as a finding cites it: its number, else its title (a draft says so)."""
        return self.number or self.name


@dataclass(frozen=True)
class RecordRef:
    """A record behind a finding, for the dashboard to open: kind (team, depot …), id, label."""

    kind: str
    id: Id
    label: str = ""


@dataclass(frozen=True)
class Gap:
    """What a rule kind found wrong at one unit, before it is dressed as a :class:`Finding`."""

    severity: Severity
    subject: str | None
    required: Decimal | None
    actual: Decimal | None
    gap: Decimal | None = None
    measure: str = ""
    detail: str = ""
    records: tuple[RecordRef, ...] = ()


@dataclass(frozen=True)
class Finding:
    """A shortfall of one unit against one rule: what is required, what there is, the gap."""

    unit_id: Id
    unit_code: str
    unit_name: str
    profile: str
    rule_id: str
    kind: str
    title: str
    subject: str | None
    required: Decimal | None
    actual: Decimal | None
    gap: Decimal | None
    severity: Severity
    citation: Citation
    measure: str = ""
    detail: str = ""
    effective: date | None = None
    range_text: str = ""
    records: tuple[RecordRef, ...] = field(default=())
    #: The plan is a draft for comment (征求意见稿), not an issued document.
    draft: bool = False
    #: The plan as cited: its document number (豫政〔2021〕66号), else its title.
    document: str = ""

    @property
    def source_text(self) -> str:
        """Where the rule comes from in words: document and section (no seed line); a draft's
        findings start with （征求意见稿） so that it shows however narrow the column."""
        if "非规划条款" in self.citation.section:  # the ledger's own rule: not the plan's words
            return self.citation.section
        if not self.draft:
            return f"{self.document} {self.citation.section}".strip()
        document = self.document.replace(f"（{DRAFT_MARK}）", "").replace(DRAFT_MARK, "")
        return f"（{DRAFT_MARK}）{document} {self.citation.section}".strip()

    @property
    def red(self) -> bool:
        """Whether the dashboard shows it red (something required is missing altogether)."""
        return self.severity in RED

    @property
    def amber(self) -> bool:
        """Whether the dashboard shows it amber (short, expiring or overdue)."""
        return self.severity in AMBER
