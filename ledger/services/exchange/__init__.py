"""Exchange between offices (数据交换): signed packages out and in, and transfers in transit.

Modules: :mod:`registry` (which tables travel, and their home-unit paths), :mod:`signing`
(keys and registered senders), :mod:`manifest` (the zip), :mod:`export`, :mod:`importer`
and :mod:`apply` (the two directions), :mod:`stream` (the posted records, a batch at a
time), :mod:`ownership` (whose records are whose), :mod:`transit` (transfers to another
office's depot) and :mod:`county` (the county's view).
"""

from ledger.services.exchange import guard as _guard  # noqa: F401 - registers the flush guard
from ledger.services.exchange import transit as _transit  # noqa: F401 - answers stock on offices
