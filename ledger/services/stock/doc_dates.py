"""Document dates worth a second look: in the future, or further back than the office allows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

#: Days back a document may be dated without asking, unless the office sets otherwise.
DEFAULT_DAYS_BACK = 30


class Doubt(Enum):
    """Why a document date is asked about."""

    FUTURE = "future"
    LONG_AGO = "long_ago"


@dataclass(frozen=True)
class DateDoubt:
    """A date to confirm: why, how many days away, and whether the year looks mistyped."""

    doubt: Doubt
    days: int
    year_typo: bool


def date_doubt(on: date, today: date, days_back: int = DEFAULT_DAYS_BACK) -> DateDoubt | None:
    """What is doubtful about dating a document ``on`` when it is ``today`` (``None``: nothing).

    A date after today is always asked about; one more than ``days_back`` days ago too. A year
    other than this one and the last (2062 typed for 2026) is flagged as a likely typo.
    """
    days = (on - today).days
    year_typo = on.year not in (today.year, today.year - 1)
    if days > 0:
        return DateDoubt(Doubt.FUTURE, days, year_typo)
    if -days > max(0, days_back):
        return DateDoubt(Doubt.LONG_AGO, -days, year_typo)
    return None
