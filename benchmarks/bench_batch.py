"""Batch throughput: validate 10,000 orders from a CSV, submit 1,000 to the demo backend.

Run: ``python benchmarks/bench_batch.py [--repeat N] [--profile]``

Prints medians in orders per second, each next to a baseline measured in the same run
on the same data, and the ratio:

- validation (load the CSV with :func:`load_orders`, then :func:`order_errors` with the
  demo account and catalogue) against ``json.loads`` of the same orders plus a trivial
  pydantic model of the same shape (every leaf a plain ``str``/``int``/``bool``);
- submission (``DemoClient.submit``, which validates again, stores in SQLite and writes
  the confirmation emails; eSIM emails carry a QR PNG) against a bare SQLite insert of
  the same documents with one commit each, as the store does.

Targets on the project's 2-core machine: ≥ 5,000 validations/s, ≥ 500 submissions/s.
``--profile`` runs pyinstrument (if installed) over one validation pass.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from fleet_tui.cli.batch import idempotency_key
from fleet_tui.clients.demo import DemoClient
from fleet_tui.clients.demo.seed import load_seed
from fleet_tui.core.document import load_orders
from fleet_tui.core.order import Order
from fleet_tui.core.rules import OrderContext, order_errors

VALIDATE_COUNT = 10_000
SUBMIT_COUNT = 1_000
COLUMNS = [
    "number.request",
    "number.current_operator",
    "number.card_type",
    "number.phone_number",
    "number.sim_card_number",
    "number.current_customer_number",
    "number.holder_name",
    "number.vat_number",
    "number.contact_name",
    "number.company_name",
    "customer_number",
    "sim.format",
    "sim.sim_number",
    "sim.esim_number",
    "sim.user_email",
    "sim.user_language",
    "sim.send_qr_to_fleet_manager",
    "subscription.type",
    "subscription.plan",
    "options.mode",
    "options.codes",
    "options.from_number",
    "travel_data_control",
    "surf_extra_card",
]


def row(i: int) -> dict[str, str]:
    """Order ``i``: a mix of new numbers and the three kinds of port-in, SIM and eSIM,
    mobile and data plans, selected and copied options — all valid for the demo."""
    cells = dict.fromkeys(COLUMNS, "")
    kind = i % 4
    if kind == 0:
        cells["number.request"] = "new"
    else:
        cells.update(
            {
                "number.request": "transfer",
                "number.current_operator": ("proximus", "telenet", "orange")[i % 3],
                "number.phone_number": f"0490 {i // 10000:02d} {i // 100 % 100:02d} {i % 100:02d}",
            }
        )
        if kind == 1:
            cells.update(
                {
                    "number.card_type": "prepaid",
                    "number.sim_card_number": f"{8932010000000000000 + i}"[:18],
                }
            )
        elif kind == 2:
            cells.update(
                {
                    "number.card_type": "private_subscription",
                    "number.current_customer_number": f"PX-{i}",
                    "number.holder_name": f"Holder {i}",
                }
            )
        else:
            cells.update(
                {
                    "number.card_type": "professional_subscription",
                    "number.current_customer_number": f"CU{i}",
                    "number.vat_number": "BE 0456.810.810",
                    "number.contact_name": "Jan Peeters",
                    "number.company_name": "Acme [GmbH]",
                }
            )
    cells["customer_number"] = ("5.16142", "1.52797")[i % 2]
    if i % 3 == 0:
        cells.update(
            {
                "sim.format": "esim",
                "sim.esim_number": f"{1150200000000 + i}",
                "sim.user_email": f"user{i}@example.be",
                "sim.user_language": ("fr", "nl", "en")[i // 3 % 3],
                "sim.send_qr_to_fleet_manager": ("yes", "no")[i % 2],
            }
        )
    else:
        cells.update({"sim.format": "physical", "sim.sim_number": f"{1150100000000 + i}"})
    if i % 5 == 0:
        cells.update({"subscription.type": "data", "subscription.plan": "data-connect"})
        cells.update({"options.mode": "select", "options.codes": "fixed-ip"})
    elif i % 5 == 1:
        cells.update({"subscription.type": "mobile", "subscription.plan": "shape-smart"})
        cells.update({"options.mode": "copy", "options.from_number": "0470 11 22 33"})
    else:
        cells.update({"subscription.type": "mobile", "subscription.plan": "shape-traveller"})
        cells.update({"options.mode": "select", "options.codes": "world-traveller;mobile-security"})
        cells["surf_extra_card"] = "yes" if i % 2 else "no"
    cells["travel_data_control"] = ("0", "50", "100")[i % 3]
    return cells


def write_csv(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        for i in range(count):
            writer.writerow(row(i))


# --- the baselines ---------------------------------------------------------------------


class _Number(BaseModel):
    request: str
    current_operator: str | None = None
    card_type: str | None = None
    phone_number: str | None = None
    sim_card_number: str | None = None
    current_customer_number: str | None = None
    holder_name: str | None = None
    vat_number: str | None = None
    contact_name: str | None = None
    company_name: str | None = None


class _Sim(BaseModel):
    format: str
    sim_number: str | None = None
    esim_number: str | None = None
    user_email: str | None = None
    user_language: str | None = None
    send_qr_to_fleet_manager: bool = False


class _Subscription(BaseModel):
    type: str
    plan: str


class _Options(BaseModel):
    mode: str
    codes: list[str] = []
    from_number: str | None = None


class TrivialOrder(BaseModel):
    """The same shape as an order, with no rule at all: what pydantic costs alone."""

    number: _Number
    customer_number: str
    sim: _Sim
    subscription: _Subscription
    options: _Options
    travel_data_control: int
    surf_extra_card: bool = False


def baseline_validate(lines: list[str]) -> int:
    return len([TrivialOrder.model_validate(json.loads(line)) for line in lines])


def baseline_insert(folder: Path, documents: list[str]) -> None:
    db = sqlite3.connect(folder / "baseline.sqlite3", isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, key TEXT UNIQUE, document TEXT)")
    for i, document in enumerate(documents):
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO orders (key, document) VALUES (?, ?)", (f"k{i}", document))
        db.execute("COMMIT")
    db.close()


# --- what we measure -------------------------------------------------------------------


def validate_file(path: Path, context: OrderContext) -> list[Order]:
    orders: list[Order] = []
    for item in load_orders(path):
        order, errors = order_errors(item.data, context)
        if order is None:
            raise SystemExit(f"{item.location}: {[e.field + ' ' + e.code for e in errors]}")
        orders.append(order)
    return orders


async def submit_all(folder: Path, orders: list[Order]) -> None:
    async with DemoClient.signed_in(folder) as client:
        for order in orders:
            await client.submit(order, idempotency_key(order))


def timed(action: Callable[[], Any]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def report(label: str, count: int, ours: list[float], base: list[float], target: float) -> None:
    ours_rate = count / statistics.median(ours)
    base_rate = count / statistics.median(base)
    verdict = "ok" if ours_rate >= target else "BELOW TARGET"
    print(
        f"{label:<11} {ours_rate:>9,.0f} orders/s (median of {len(ours)}; target {target:,.0f}: "
        f"{verdict})   baseline {base_rate:>9,.0f}/s   ratio {ours_rate / base_rate:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    seed = load_seed()
    context = OrderContext(seed.account, seed.catalogue)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "orders.csv"
        write_csv(path, VALIDATE_COUNT)
        orders = validate_file(path, context)  # also warms caches and imports
        lines = [json.dumps(o.document()) for o in orders]
        baseline_validate(lines)

        if args.profile:
            from pyinstrument import Profiler  # type: ignore[import-not-found]

            with Profiler() as profiler:
                validate_file(path, context)
            print(profiler.output_text(unicode=True, color=False, show_all=False))

        ours = [timed(lambda: validate_file(path, context)) for _ in range(args.repeat)]
        base = [timed(lambda: baseline_validate(lines)) for _ in range(args.repeat)]
        report("validate", VALIDATE_COUNT, ours, base, 5_000)

        # The mix as generated (one order in three is an eSIM, whose emails carry a QR
        # PNG), then physical SIMs only, to show what the QR code costs.
        physical = [i for i, o in enumerate(orders) if o.sim.format == "physical"]
        for label, picked in (
            ("submit", list(range(SUBMIT_COUNT))),
            ("submit-sim", physical[:SUBMIT_COUNT]),
        ):
            to_submit = [orders[i] for i in picked]
            documents = [lines[i] for i in picked]
            ours, base = [], []
            for run in range(args.repeat):
                store = folder / f"{label}-demo-{run}"
                ours.append(timed(partial(asyncio.run, submit_all(store, to_submit))))
                plain = folder / f"{label}-plain-{run}"
                plain.mkdir()
                base.append(timed(partial(baseline_insert, plain, documents)))
            report(label, len(to_submit), ours, base, 500)


if __name__ == "__main__":
    main()
