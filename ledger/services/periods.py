"""Closed periods (月结/年结): a document dated in a closed period is refused.

The period-close records themselves arrive with the reports issue; until a depot has a close,
every date is open.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.orm import Session


def ensure_open(session: Session, depot_id: uuid.UUID, on: date) -> None:
    """Refuse posting to ``depot_id`` on ``on`` when that date lies in a closed period.

    Raises:
        PeriodClosed: the date is on or before the depot's last close.
    """
    del session, depot_id, on
