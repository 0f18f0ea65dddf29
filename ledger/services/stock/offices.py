"""What a transfer asks of other offices (外单位), answered by whoever knows them: the exchange.

Stock does not import the exchange (``pyproject.toml`` forbids it). The exchange registers its
:class:`Offices` here when it is imported, which importing any service does
(:mod:`ledger.services`); until then this database knows no other office: :data:`ONE_OFFICE`
answers, and every transfer posts both its movements at once. Only transfers ask: a posting
inside one depot never comes here. (Whether any other office is registered is read with the
posting's chain heads, :data:`ledger.models.guards.ANY_OTHER_OFFICE`.)
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy.orm import Session

from ledger.models import Depot, Document


class Offices(Protocol):
    """Other offices as a transfer sees them: whose depot is whose, and the transit a transfer
    to another office's depot opens."""

    def crosses(self, session: Session, source: Depot, dest: Depot) -> bool:
        """Whether ``dest`` is kept by another office than ``source`` (only the OUT movement
        of a transfer is posted then: the stock is in transit)."""
        ...

    def open_transit(self, session: Session, document: Document) -> None:
        """Record a posted transfer as in transit to its destination depot."""
        ...


class OneOffice:
    """A database that knows no other office: nothing crosses."""

    def crosses(self, session: Session, source: Depot, dest: Depot) -> bool:
        """Never: there is no other office."""
        return False

    def open_transit(self, session: Session, document: Document) -> None:
        """Never asked: no transfer crosses offices."""
        raise AssertionError("no transfer crosses offices in a database of one office")


ONE_OFFICE = OneOffice()
_current: list[Offices] = [ONE_OFFICE]


def register(offices: Offices) -> None:
    """Answer stock's questions about other offices with ``offices`` from now on."""
    _current[0] = offices


def current() -> Offices:
    """Who answers stock's questions about other offices now."""
    return _current[0]
