"""scripts/draft_recall.py: matching a shipped rule to a proposal by line, number and level."""

from __future__ import annotations

import importlib.util
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest

from ledger.norms.drafting.model import Proposal
from ledger.norms.schema import load_profile

ROOT = Path(__file__).resolve().parents[2]
LINE_161 = (
    "　　各县（市、区）建立不少于50人的专（兼）职综合应急救援队伍。"
    "各乡镇（街道）建立不少于20人的专（兼）职综合应急救援队伍。"
)


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "draft_recall", ROOT / "scripts" / "draft_recall.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["draft_recall"] = module
    spec.loader.exec_module(module)
    return module


def test_recall_counts_rules_proposed_on_their_line_with_their_number_and_level(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    # Henan's seed with only its line 161 (P-T3 and P-T4); the other plans are missing.
    lines = ["河南省人民政府", "豫政〔2021〕66号", "2021年12月31日", *[""] * 157, LINE_161]
    (seeds / "002_e3fc9baec15275d5.txt").write_text("\n".join(lines), encoding="utf-8")
    assert _script().main(["draft_recall.py", str(seeds)]) == 1  # far below 80 %
    out = capsys.readouterr().out
    assert "henan-2021-66: 2/12 (17 %)" in out
    assert "miss P-T3" not in out and "miss P-T4" not in out and "miss P-T1 " in out
    assert "overall: 2/12 (16.7 %)" in out
    assert "wenshang-2022-57: 找不到规划文本" in out


def test_a_rule_on_towns_only_is_not_matched_by_a_proposal_on_towns_and_sub_districts() -> None:
    script = _script()
    profile = load_profile(ROOT / "resources" / "norms" / "zhangye-2022-100.toml")
    z_t2 = next(r for r in profile.rules if r.id == "Z-T2")  # 其他乡镇: towns only
    z_m9 = next(r for r in profile.rules if r.id == "Z-M9")  # 乡镇（街道）
    assert {level.value for level in z_t2.levels} == {"town"}

    def proposal(line: int, number: int, levels: tuple[str, ...]) -> Proposal:
        return Proposal(
            line, "", "team_headcount", levels, Decimal(number), "人", None, "", "", "任务"
        )

    assert script.matches(z_t2, proposal(309, 9, ("乡镇",)))
    assert not script.matches(z_t2, proposal(309, 9, ("乡镇", "街道")))
    assert script.matches(z_m9, proposal(369, 90, ("乡镇", "街道")))
    assert not script.matches(z_m9, proposal(369, 90, ("乡镇",)))
    assert not script.matches(z_m9, proposal(369, 90, ("街道",)))
