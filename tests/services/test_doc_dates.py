"""Document dates worth asking about: the future, long ago, and a mistyped year."""

from __future__ import annotations

from datetime import date

from ledger.services.stock.doc_dates import DateDoubt, Doubt, date_doubt

TODAY = date(2026, 11, 22)


def test_today_and_the_allowed_days_back_need_no_confirmation() -> None:
    assert date_doubt(TODAY, TODAY) is None
    assert date_doubt(date(2026, 10, 23), TODAY, 30) is None  # 30 days back


def test_a_day_beyond_the_allowed_days_back_is_asked() -> None:
    assert date_doubt(date(2026, 10, 22), TODAY, 30) == DateDoubt(Doubt.LONG_AGO, 31, False)
    assert date_doubt(date(2026, 10, 22), TODAY, 60) is None


def test_a_future_date_is_asked_and_a_far_year_flagged_as_a_typo() -> None:
    assert date_doubt(date(2026, 11, 23), TODAY) == DateDoubt(Doubt.FUTURE, 1, False)
    doubt = date_doubt(date(2062, 11, 22), TODAY)
    assert doubt is not None and doubt.doubt is Doubt.FUTURE and doubt.year_typo
    old = date_doubt(date(2016, 11, 22), TODAY)
    assert old is not None and old.doubt is Doubt.LONG_AGO and old.year_typo
