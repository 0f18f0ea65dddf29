"""Finding the CJK font: system fonts, a font set by the user, CFF files skipped, none at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from ledger.core.errors import FontNotFound, FontUnusable
from ledger.reports import fonts
from ledger.reports.fonts import ENV_VAR, load, report_fonts, runs

ZENHEI = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
NOTO = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


@pytest.fixture(autouse=True)
def no_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)


@pytest.mark.skipif(not ZENHEI.exists(), reason="fonts-wqy-zenhei not installed")
def test_wenquanyi_zen_hei_is_found_on_linux() -> None:
    found = report_fonts()
    assert found.path == ZENHEI
    assert found.main.startswith("CJK-")


@pytest.mark.skipif(not NOTO.exists(), reason="fonts-noto-cjk not installed")
def test_noto_cjk_is_skipped_because_its_outlines_are_cff() -> None:
    with pytest.raises(FontUnusable) as refused:
        load(NOTO)
    assert "PostScript/CFF" in refused.value.message and str(NOTO) in refused.value.message


@pytest.mark.skipif(not ZENHEI.exists(), reason="fonts-wqy-zenhei not installed")
def test_a_font_set_by_the_user_comes_first(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    copy = tmp_path / "MyFont.ttc"
    copy.write_bytes(ZENHEI.read_bytes())
    monkeypatch.setenv(ENV_VAR, str(copy))
    assert report_fonts().path == copy
    assert report_fonts(str(copy)).main == "CJK-MyFont-0"


def test_a_missing_or_unusable_font_set_by_the_user_is_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "nope.ttf"))
    with pytest.raises(FontUnusable) as missing:
        report_fonts()
    assert "nope.ttf" in missing.value.message and "文件不存在" in missing.value.message
    latin = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if latin.exists():
        with pytest.raises(FontUnusable) as no_cjk:
            report_fonts(str(latin))
        assert "不含中文字形" in no_cjk.value.message


def test_no_font_anywhere_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "candidate_files", lambda: [Path("/nowhere/simsun.ttc")])
    with pytest.raises(FontNotFound) as refused:
        report_fonts()
    message = refused.value.message
    assert "fonts-wqy-zenhei" in message and "simsun.ttc" in message and ENV_VAR in message


def test_a_character_no_font_draws_is_written_as_its_code_point() -> None:
    found = report_fonts()
    parts = runs("库存\U0010fffd", found)
    assert "".join(text for _, text in parts) == "库存[U+10FFFD]"
    assert fonts.missing("库存", found) == set()


@pytest.mark.skipif(not ZENHEI.exists(), reason="fonts-wqy-zenhei not installed")
def test_a_remembered_split_is_the_split_reportlab_makes() -> None:
    from reportlab.pdfbase.pdfdoc import PDFDocument
    from reportlab.pdfbase.ttfonts import TTFont

    memo, plain = load(ZENHEI), TTFont("plain-zenhei", str(ZENHEI), subfontIndex=0)
    assert isinstance(memo, fonts.MemoFont)
    texts = ["编织袋", "10条", "编织袋", "救生衣 L1", "10条", "", "新字：沙袋", "救生衣 L1"]
    texts += [f"{chr(0x4E00 + n)}号" for n in range(300)] + ["编织袋", "丁号"]  # past 256 codes
    for _ in range(2):  # a second document starts its own subsets
        doc_a, doc_b = PDFDocument(), PDFDocument()
        assert [memo.splitString(t, doc_a) for t in texts] == [
            plain.splitString(t, doc_b) for t in texts
        ]
        assert memo.getSubsetInternalName(1, doc_a) and len(memo.state[doc_a].subsets) == 2
