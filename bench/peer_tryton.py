"""Peer benchmark: stock moves posted through Tryton (trytond + trytond-stock) on SQLite.

Runs in its own venv (``/tmp/venv-tryton``, made by ``bench/run.py`` from the ``bench`` extra),
never in the app's, and prints one JSON object. Usage:

    /tmp/venv-tryton/bin/python bench/peer_tryton.py --moves 20000 --batch 100 --dir /tmp/x

The database is created with Tryton's own test helpers (``activate_module('stock')``, a
company with its currency); that set-up is not timed. Timed: ``--moves`` moves over
``--products`` goods in batches of ``--batch``, one transaction per batch, with the documented
model API: ``stock.move.create`` of the batch, then for an issue (storage → customer)
``assign_try`` (Tryton's availability check), then ``do``; a receipt (supplier → storage) is
created and done. Two batches of three are receipts, the third issues from what came in,
dated through the year, as ``bench/run.py`` posts the same moves through our services.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

PER_DAY = 3  # batches per day


def plan(moves: int, batch: int, products: int) -> list[tuple[str, dt.date, list[tuple[int, int]]]]:
    """The batches: (kind, day, [(product index, quantity)]) — the same in ``bench/run.py``."""
    out = []
    for b in range(moves // batch):
        day = dt.date(2026, 1, 2) + dt.timedelta(days=b // PER_DAY)
        if b % 3 == 2:  # issue one of each product the previous batch received
            source = b - 1
            out.append(("issue", day, [((source * batch + k) % products, 1) for k in range(batch)]))
        else:
            out.append(("receipt", day, [((b * batch + k) % products, 5) for k in range(batch)]))
    return out


def main() -> int:
    """Set up a stock database, post the moves, print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--products", type=int, default=200)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.mkdtemp(prefix="tryton-")))
    args = parser.parse_args()
    os.environ["TRYTOND_DATABASE__URI"] = "sqlite://"
    os.environ["TRYTOND_DATABASE__PATH"] = str(args.dir)
    os.environ["DB_NAME"] = "bench"
    os.environ.setdefault("DB_CACHE", "/tmp/tryton-db-cache")  # the activated module, reused
    import trytond
    from trytond.modules.company.tests import create_company
    from trytond.pool import Pool
    from trytond.tests.test_tryton import activate_module
    from trytond.transaction import Transaction, TransactionError

    start = time.perf_counter()
    activate_module("stock")
    setup_s = time.perf_counter() - start
    with Transaction().start("bench", 0, context={}) as transaction:
        pool = Pool()
        uom = pool.get("product.uom").search([("name", "=", "Unit")])[0]
        templates = pool.get("product.template").create(
            [
                {"name": f"物资{i}", "type": "goods", "default_uom": uom.id}
                for i in range(args.products)
            ]
        )
        products = pool.get("product.product").create([{"template": t.id} for t in templates])
        company = create_company()
        user = pool.get("res.user")
        user.write([user(transaction.user)], {"companies": [("add", [company.id])],
                                             "company": company.id})  # fmt: skip
        product_ids, uom_id = [p.id for p in products], uom.id
        company_id, currency_id = company.id, company.currency.id
        location = pool.get("stock.location")
        ids = {c: location.search([("code", "=", c)])[0].id for c in ("SUP", "STO", "CUS")}
        transaction.commit()
    with Transaction().start("bench", 0, context={}):
        context = pool.get("res.user").get_preferences(context_only=True)
    latencies = []
    began, cpu = time.perf_counter(), time.process_time()
    extras: dict[str, dict] = {"receipt": {}, "issue": {}}  # table locks, learnt as Tryton's
    for kind, day, lines in plan(args.moves, args.batch, args.products):  # dispatcher does
        t0 = time.perf_counter()
        while True:
            try:
                with Transaction().start("bench", 0, context=context, **extras[kind]) as tx:
                    post(Pool(), kind, day, lines, product_ids, uom_id, ids, company_id,
                         currency_id)  # fmt: skip
                    tx.commit()
                break
            except TransactionError as error:
                error.fix(extras[kind])
        latencies.append(time.perf_counter() - t0)
    wall, cpu = time.perf_counter() - began, time.process_time() - cpu
    ordered = sorted(latencies)
    print(json.dumps({
        "peer": f"trytond {trytond.__version__} (stock), SQLite",
        "moves": args.batch * len(latencies), "batches": len(latencies), "batch": args.batch,
        "seconds": wall, "moves_per_s": args.batch * len(latencies) / wall,
        "batch_p50_ms": ordered[len(ordered) // 2] * 1000,
        "batch_p95_ms": ordered[int(0.95 * len(ordered))] * 1000, "setup_s": setup_s,
        "cpu_s": cpu, "load_1min": os.getloadavg()[0], "products": args.products,
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }))  # fmt: skip
    return 0


def post(pool, kind, day, lines, products, uom, ids, company, currency):
    """One batch: ``stock.move.create``, ``assign_try`` for an issue, ``do``."""
    move_model = pool.get("stock.move")
    src, dst = ("SUP", "STO") if kind == "receipt" else ("STO", "CUS")
    moves = move_model.create(
        [
            {
                "product": products[p],
                "unit": uom,
                "quantity": q,
                "from_location": ids[src],
                "to_location": ids[dst],
                "planned_date": day,
                "effective_date": day,
                "company": company,
                "unit_price": Decimal(1),
                "currency": currency,
            }
            for p, q in lines
        ]
    )
    if kind == "issue" and not move_model.assign_try(moves):
        raise SystemExit("Tryton refused an issue: not enough stock")
    move_model.do(moves)


if __name__ == "__main__":
    sys.exit(main())
