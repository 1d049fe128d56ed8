"""A whole eSIM order driven headless (Textual's Pilot) on the demo backend: wall time
and peak memory, against the minimal Textual app (a Label, three Inputs, a Footer)
mounted and typed into headless in the same way. Each run is a fresh subprocess so that
peak memory is the run's own.

    python benchmarks/bench_headless_order.py [--runs 5]

Targets (issue 3): the whole order in under 3 s; memory after a full order ≤ 1.5× the
minimal app.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_ORDER = """
import asyncio, json, resource, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, {root!r})
from fleet_tui.clients.base import ClientOptions
from fleet_tui.clients.demo import DemoClient
from fleet_tui.tui.app import FleetApp
from tests.tui.drive import choose, to_number_step
from tests.tui.card_helpers import fill_card, go_on, submit

async def main():
    client = DemoClient.from_options(ClientOptions(data_dir=Path(tempfile.mkdtemp())))
    app = FleetApp(client, lang="en")
    start = time.perf_counter()
    async with app.run_test(size=(100, 32)) as pilot:
        await to_number_step(pilot)
        await choose(pilot, "input-number_request", "new")
        await go_on(pilot, "NewCardScreen")
        await fill_card(pilot, sim="esim")
        await go_on(pilot, "InvoiceSplitScreen")
        await go_on(pilot, "ReviewScreen")
        await submit(pilot)
        assert type(app.screen).__name__ == "ConfirmationScreen", app.screen
    took = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({{"seconds": took, "peak_mib": peak}}))

asyncio.run(main())
"""

_MINIMAL = """
import asyncio, json, resource, sys, time
sys.path.insert(0, {bench!r})
from minimal_app import MinimalApp

async def main():
    app = MinimalApp()
    start = time.perf_counter()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press(*"0470123456", "tab", *"jan.peeters@example.be", "tab", *"x")
        await pilot.pause()
    took = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({{"seconds": took, "peak_mib": peak}}))

asyncio.run(main())
"""


def _run(code: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    order_code = _ORDER.format(root=str(ROOT))
    minimal_code = _MINIMAL.format(bench=str(ROOT / "benchmarks"))
    order: list[dict[str, float]] = []
    minimal: list[dict[str, float]] = []
    for _ in range(args.runs):  # interleaved: machine noise hits both alike
        minimal.append(_run(minimal_code))
        order.append(_run(order_code))
    o_s = statistics.median(r["seconds"] for r in order)
    m_s = statistics.median(r["seconds"] for r in minimal)
    o_m = statistics.median(r["peak_mib"] for r in order)
    m_m = statistics.median(r["peak_mib"] for r in minimal)
    print(f"runs: {args.runs} (medians)")
    print(
        f"whole eSIM order headless  {o_s:6.2f} s   (minimal app typing: {m_s:.2f} s)"
        "   target < 3 s"
    )
    print(
        f"peak memory                {o_m:6.1f} MiB (minimal app: {m_m:.1f} MiB)"
        f"   ratio {o_m / m_m:.2f}x   target <= 1.5x"
    )


if __name__ == "__main__":
    main()
