"""A whole eSIM order driven headless (Textual's Pilot) on the demo backend: wall time,
CPU time and memory, against the minimal Textual app (a Label, three Inputs, a Footer)
mounted and typed into headless in the same way. Each run is a fresh subprocess so that
memory is the run's own.

    python benchmarks/bench_headless_order.py [--runs 5]

Two ways of waiting after each key are measured, because the first one mostly measures
Pilot itself:

- ``stock``: ``Pilot.press`` as shipped. After every key it waits for the process to look
  idle, polling in 20 ms sleeps (``textual._wait.SLEEP_GRANULARITY``), at least twice:
  ≥ 40 ms a key whatever the app does.
- ``1 ms poll``: the same Pilot with that poll at 1 ms; the app still handles every key
  and every screen switch before the next key is sent (Pilot also drains the screen's
  message queues), so this is the app's own pace.

CPU time (process time, all threads) is the work done, independent of any sleeping.
Memory is the resident set after the order (``VmRSS``) and the peak (``ru_maxrss``).

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

_PRELUDE = """
import asyncio, json, resource, sys, tempfile, time
sys.path.insert(0, {root!r})
sys.path.insert(0, {bench!r})
import textual._wait
from textual.pilot import Pilot
if {poll!r} is not None:
    textual._wait.SLEEP_GRANULARITY = {poll!r}
    textual._wait.SLEEP_IDLE = {poll!r} / 20

keys = 0
_press = Pilot.press
async def counting_press(self, *pressed):
    global keys
    keys += len(pressed)
    await _press(self, *pressed)
Pilot.press = counting_press

def rss_mib():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024

def report(wall, cpu):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({{"seconds": wall, "cpu": cpu, "keys": keys, "rss_mib": rss_mib(),
                       "peak_mib": peak}}))
"""

_ORDER = """
from fleet_tui.clients.base import ClientOptions
from fleet_tui.clients.demo import DemoClient
from fleet_tui.tui.app import FleetApp
from tests.support.drive import choose, to_number_step
from tests.tui.card_helpers import fill_card, go_on, submit

async def main():
    client = DemoClient.from_options(ClientOptions(data_dir=Path(tempfile.mkdtemp())))
    app = FleetApp(client, lang="en")
    start, cpu = time.perf_counter(), time.process_time()
    async with app.run_test(size=(100, 32)) as pilot:
        await to_number_step(pilot)
        await choose(pilot, "input-number_request", "new")
        await go_on(pilot, "NewCardScreen")
        await fill_card(pilot, sim="esim")
        await go_on(pilot, "InvoiceSplitScreen")
        await go_on(pilot, "ReviewScreen")
        await submit(pilot)
        assert type(app.screen).__name__ == "ConfirmationScreen", app.screen
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        report(wall, cpu)

from pathlib import Path
asyncio.run(main())
"""

_MINIMAL = """
from minimal_app import MinimalApp

async def main():
    app = MinimalApp()
    start, cpu = time.perf_counter(), time.process_time()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press(*"0470123456", "tab", *"jan.peeters@example.be", "tab", *"x")
        await pilot.pause()
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        report(wall, cpu)

asyncio.run(main())
"""

POLLS: dict[str, float | None] = {"stock": None, "1 ms poll": 0.001}


def _run(body: str, poll: float | None) -> dict[str, float]:
    prelude = _PRELUDE.format(root=str(ROOT), bench=str(ROOT / "benchmarks"), poll=poll)
    done = subprocess.run(
        [sys.executable, "-c", prelude + body], capture_output=True, text=True, check=True, cwd=ROOT
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _median(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    order: dict[str, list[dict[str, float]]] = {name: [] for name in POLLS}
    minimal: dict[str, list[dict[str, float]]] = {name: [] for name in POLLS}
    for _ in range(args.runs):  # interleaved: machine noise hits both alike
        for name, poll in POLLS.items():
            minimal[name].append(_run(_MINIMAL, poll))
            order[name].append(_run(_ORDER, poll))
    print(f"runs: {args.runs} (medians)")
    keys_o, keys_m = _median(order["stock"], "keys"), _median(minimal["stock"], "keys")
    print(f"keys pressed: whole order {keys_o:.0f}, minimal app {keys_m:.0f}")
    for name in POLLS:
        o, m = order[name], minimal[name]
        print(
            f"[{name:9s}] whole eSIM order {_median(o, 'seconds'):6.2f} s wall,"
            f" {_median(o, 'cpu'):5.2f} s CPU"
            f"   (minimal app: {_median(m, 'seconds'):.2f} s wall, {_median(m, 'cpu'):.2f} s CPU)"
            "   target < 3 s"
        )
    o, m = order["1 ms poll"] + order["stock"], minimal["1 ms poll"] + minimal["stock"]
    for key, label in (("rss_mib", "memory after the order"), ("peak_mib", "peak memory")):
        ratio = _median(o, key) / _median(m, key)
        print(
            f"{label:24s} {_median(o, key):6.1f} MiB (minimal app: {_median(m, key):.1f} MiB)"
            f"   ratio {ratio:.2f}x   target <= 1.5x"
        )


if __name__ == "__main__":
    main()
