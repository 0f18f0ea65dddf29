"""Share of the shipped plan rules the draft proposes with the same line, number and level.

Usage: python scripts/draft_recall.py [SEEDS_FOLDER]   (default: ../shared/seeds beside the repo)
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ledger.norms.drafting import draft_file
from ledger.norms.drafting.model import Proposal
from ledger.norms.model import Rule
from ledger.norms.schema import load_profile

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEEDS = ROOT.parent / "shared" / "seeds"
LEVEL_LABELS = {
    "province": "省",
    "city": "市",
    "county": "县",
    "town": "乡镇",
    "street": "街道",
    "zone": "功能区",
    "village": "村",
}


def rule_number(rule: Rule) -> Decimal | None:
    """The threshold a proposal must give for ``rule``, as the draft writes numbers."""
    prm = rule.params
    by_kind = {
        "team_headcount": lambda: prm.min_members,
        "team_exists": lambda: prm.min_teams,
        "ratio": lambda: prm.per_mille / 1000,
        "coverage": lambda: prm.min_share,
        "posts": lambda: prm.min_each,
        "equipment_set": lambda: min(item.min for item in prm.items),
        "depot_exists": lambda: prm.min_count,
        "depot_area": lambda: prm.min_area,
        "reserve": lambda: prm.people,
        "drills": lambda: prm.min_count,
        "training": lambda: prm.min_sessions or prm.min_days,
        "post_training": lambda: prm.induction_days or prm.yearly_days,
        "composite": lambda: None,
    }
    value = by_kind[rule.kind]()
    return None if value is None else Decimal(value)


def rule_lines(rule: Rule) -> set[int]:
    """The seed lines the rule cites (a range 270–275 gives every line of it)."""
    found = re.match(r"\d+:(\d+)(?:[–-](\d+))?", rule.citation.source)
    if not found:
        return set()
    first = int(found.group(1))
    return set(range(first, int(found.group(2) or first) + 1))


def matches(rule: Rule, proposal: Proposal) -> bool:
    """Same line, same number, same levels."""
    levels = {LEVEL_LABELS[level.value] for level in rule.levels}
    number = rule_number(rule)
    same_number = (number is None and proposal.number is None) or (
        number is not None and proposal.number is not None and number == proposal.number
    )
    return proposal.line in rule_lines(rule) and same_number and set(proposal.levels) == levels


def main(argv: list[str]) -> int:
    """Print the recall per plan and overall, with the misses."""
    seeds = Path(argv[1]) if len(argv) > 1 else DEFAULT_SEEDS
    total = hits = 0
    for path in sorted((ROOT / "resources" / "norms").glob("*.toml")):
        profile = load_profile(path)
        seed = seeds / profile.source
        if not seed.exists():
            print(f"{profile.id}: 找不到规划文本 {seed}")
            continue
        draft = draft_file(seed)
        rules = [r for r in profile.rules if not r.id.startswith("L-")]
        missed = [r for r in rules if not any(matches(r, p) for p in draft.proposals)]
        found = len(rules) - len(missed)
        total += len(rules)
        hits += found
        print(
            f"{profile.id}: {found}/{len(rules)} ({100 * found / len(rules):.0f} %), "
            f"{len(draft.proposals)} proposals, {len(draft.skipped)} skipped"
        )
        for rule in missed:
            print(f"  miss {rule.id} {rule.kind} {rule.citation.source} {rule.title}")
    if total:
        print(f"overall: {hits}/{total} ({100 * hits / total:.1f} %)")
    return 0 if total and hits / total >= 0.8 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
