"""Drafting a norm profile from a plan's text: intake, head, clause finder and output."""

from __future__ import annotations

from pathlib import Path

from ledger.norms.drafting.clauses import find
from ledger.norms.drafting.head import read_head
from ledger.norms.drafting.intake import PlanText, read_plan
from ledger.norms.drafting.output import Draft


def draft_text(plan: PlanText) -> Draft:
    """Read a plan's head and find its checkable clauses."""
    head = read_head(plan.lines)
    proposals, skipped = find(plan.lines, head)
    return Draft(plan.name, head, proposals, skipped)


def draft_file(path: Path) -> Draft:
    """:func:`draft_text` of the plan file at ``path`` (.txt, .docx, .pdf)."""
    return draft_text(read_plan(path))
