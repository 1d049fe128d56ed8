"""Memory after a whole order typed into ``fleet-tui`` through a real pseudo-terminal,
against the minimal Textual app (a Label, three Inputs, a Footer) typed into in the same
way, in the same run.

    python benchmarks/bench_pty_order.py [--runs 3]

The order is the pty tests' prepaid transfer (tests/support/pty_terminal.py): sign in,
dashboard, number, port-in details, new card, no Invoice Split, review, submitted to the
demo backend (its SQLite store and e-mail outbox in the same process), confirmation.
Resident memory (``VmRSS``) is read once the confirmation is drawn and the screen is
quiet. Also printed: what the same modules cost when merely imported (no screen), the
floor any wizard built on these libraries starts from.

Target (issue 3): memory after a full order ≤ 1.5× the minimal app.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent)]

from tests.support.pty_terminal import Terminal, environment, half_an_order, start  # noqa: E402
from tests.support.pty_terminal import finish_order as finish  # noqa: E402

#: The modules a finished order has loaded, imported in a fresh process with no screen.
_FLOOR = """
import sys
from fleet_tui.clients.demo import DemoClient
from fleet_tui.core.rules import validate_order
from fleet_tui.core.processing import expected_activation
from fleet_tui.core.summary import summary_rows
from fleet_tui.tui.app import FleetApp
import fleet_tui.clients.demo.outbox, fleet_tui.core.qr, textual.widgets
with open("/proc/self/status") as status:
    print(next(line.split()[1] for line in status if line.startswith("VmRSS:")))
"""


def wizard_order(attempts: int = 3) -> float:
    """RSS (MiB) of the wizard at the confirmation of a typed order; a walk that lost
    a key on a loaded machine (the pty tests' timing) is typed again, up to
    ``attempts`` times."""
    for attempt in range(1, attempts + 1):
        try:
            return _wizard_order()
        except AssertionError:
            if attempt == attempts:
                raise
            print(f"(walk {attempt} lost a key; typed again)", file=sys.stderr)
    raise AssertionError("unreachable")


def _wizard_order() -> float:
    with tempfile.TemporaryDirectory() as tmp:
        terminal = start(Path(tmp), "--no-drafts")
        try:
            half_an_order(terminal)
            finish(terminal)
            terminal.settle(0.5)
            return terminal.rss_kib() / 1024
        finally:
            terminal.close()


def minimal_typed() -> float:
    """RSS (MiB) of the minimal app after two fields are typed in."""
    with tempfile.TemporaryDirectory() as tmp:
        app = Terminal([], environment(Path(tmp)), program=(str(HERE / "minimal_app.py"),))
        try:
            app.wait_for("Ready: minimal", timeout=30)
            for keys in ("0470123456", "\t", "jan.peeters@example.be", "\t", "x"):
                app.send(keys)
                app.settle(0.15)
            app.settle(0.5)
            return app.rss_kib() / 1024
        finally:
            app.close()


def floor() -> float:
    """RSS (MiB) of a process that only imports what a finished order has loaded."""
    done = subprocess.run(
        [sys.executable, "-c", _FLOOR], capture_output=True, text=True, check=True
    )
    return int(done.stdout.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    wizard: list[float] = []
    minimal: list[float] = []
    floors: list[float] = []
    for _ in range(args.runs):  # interleaved: machine noise hits both alike
        minimal.append(minimal_typed())
        wizard.append(wizard_order())
        floors.append(floor())
    m, w, f = (statistics.median(x) for x in (minimal, wizard, floors))
    print(f"runs: {args.runs} (medians)")
    print(f"minimal app, two fields typed        {m:6.1f} MiB")
    print(
        f"fleet-tui after a whole typed order  {w:6.1f} MiB   ratio {w / m:.2f}x (target <= 1.5x)"
    )
    print(f"  the same modules imported, no UI   {f:6.1f} MiB   ratio {f / m:.2f}x")


if __name__ == "__main__":
    main()
