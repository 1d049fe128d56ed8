"""Demo backend throughput: orders submitted per second (validation, store, emails).

Run: ``python benchmarks/bench_demo.py [--orders 1000] [--runs 5]``. Each run submits to a
fresh store in a temporary folder. Prints the median of the runs for physical-SIM orders
(one email) and eSIM orders (two emails, one QR PNG each), and as the baseline measured
in the same run, validation alone (``validate_order`` against the demo account).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fleet_tui.clients.demo import DemoBackend
from fleet_tui.clients.demo.seed import load_seed
from fleet_tui.core.rules import OrderContext, validate_order

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' order builders
from tests.support.orders import esim_sim, spec_order


def _document(i: int, esim: bool) -> dict[str, Any]:
    # SPEC §7's order; each one on its own card (numbers and QR codes differ).
    card = f"{1150100000000 + i:013d}"
    sim: dict[str, Any] = {"format": "physical", "sim_number": card}
    if esim:
        language = ("fr", "nl", "en")[i % 3]
        sim = {
            **esim_sim(card, language=language, send_qr=False),
            "user_email": f"user{i}@example.be",
        }
    return spec_order(sim=sim, travel_data_control=50, surf_extra_card=True)


def _rate(count: int, run: Callable[[], None]) -> float:
    start = time.perf_counter()
    run()
    return count / (time.perf_counter() - start)


def _submit_rate(documents: list[dict[str, Any]]) -> float:
    with tempfile.TemporaryDirectory() as folder:
        backend = DemoBackend(Path(folder))
        backend.recent_orders(1)  # create the store outside the timing

        def run() -> None:
            for i, document in enumerate(documents):
                backend.submit(document, f"bench-{i}")

        rate = _rate(len(documents), run)
        backend.close()
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    seed = load_seed()
    context = OrderContext(seed.account, seed.catalogue)
    physical = [_document(i, esim=False) for i in range(args.orders)]
    esim = [_document(i, esim=True) for i in range(args.orders)]

    def validate() -> None:
        for document in physical:
            validate_order(document, context)

    baseline = statistics.median(_rate(len(physical), validate) for _ in range(args.runs))
    rates = {
        "physical SIM": statistics.median(_submit_rate(physical) for _ in range(args.runs)),
        "eSIM (QR PNG)": statistics.median(_submit_rate(esim) for _ in range(args.runs)),
    }
    print(f"validation only (baseline): {baseline:8.0f} orders/s")
    for name, rate in rates.items():
        print(f"demo submit, {name:13}: {rate:8.0f} orders/s  ({rate / baseline:.2f}× baseline)")


if __name__ == "__main__":
    main()
