"""``ledger report KIND -o FILE.pdf``: each kind writes a PDF; a missing argument is one line."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from ledger.cli import main
from ledger.core.actor import Actor
from ledger.models.engine import Database
from tests.scenario import given


@pytest.fixture
def ledger(db: Database, actor: Actor) -> Database:
    with db.transaction(actor) as s:
        given(s, actor, "RK 2026-03-01 一号库 编织袋 1000袋 批次L1；铁锹 20把")
        given(s, actor, "CK 2026-03-02 一号库 编织袋 100袋 批次L1 事件城关镇洪涝")
    return db


def text_of(path: Path) -> str:
    return "".join(p.extract_text() for p in PdfReader(BytesIO(path.read_bytes())).pages)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["inventory"], "900袋"),
        (["inventory", "--by", "category", "--category", "防汛"], "按类别"),
        (["stock-card", "--depot", "一号库", "--item", "编织袋", "--from", "2026-03-01"], "900"),
        (["voucher", "--document", "CK-2026-00001"], "出库单"),
        (["summary", "--from", "2026-03-01", "--to", "2026-03-31"], "收发存汇总表"),
        (["incident", "--incident", "城关镇洪涝"], "城关镇洪涝"),
        (["roster"], "应急救援队伍花名册"),
        (["equipment"], "装备及保养清单"),
    ],
)
def test_each_kind_writes_a_pdf(
    ledger: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    expected: str,
) -> None:
    out = tmp_path / "r.pdf"
    assert main(["report", *args, "--db", ledger.url, "-o", str(out)]) == 0
    assert capsys.readouterr().out.startswith("已生成")
    assert expected in text_of(out)


def test_labels_write_a_sheet(ledger: Database, tmp_path: Path) -> None:
    out = tmp_path / "labels.pdf"
    assert main(["report", "labels", "--labels", "lots", "--db", ledger.url, "-o", str(out)]) == 0
    assert "批次：L1" in text_of(out)


def test_a_missing_argument_is_one_line_and_exit_1(
    ledger: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.pdf"
    assert main(["report", "stock-card", "--db", ledger.url, "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == "错误：物资卡片缺少必填项：仓库（--depot）和物资（--item）"
    assert not out.exists()
    assert main(["report", "voucher", "--document", "RK-2026-09999", "--db", ledger.url,
                 "-o", str(out)]) == 1  # fmt: skip
    assert "找不到单据“RK-2026-09999”" in capsys.readouterr().err
    assert (
        main(["report", "inventory", "--to", "2026-3-1", "--db", ledger.url, "-o", str(out)]) == 1
    )
    assert "应为 YYYY-MM-DD" in capsys.readouterr().err
