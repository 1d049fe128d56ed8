"""Memory after a whole order typed into ``fleet-tui`` through a real pseudo-terminal,
against the minimal Textual app (a Label, three Inputs, a Footer) typed into in the same
way, in the same run.

    python benchmarks/bench_pty_order.py [--runs 3]

The order is the pty tests' prepaid transfer (tests/support/pty_terminal.py): sign in,
dashboard, number, port-in details, new card, no Invoice Split, review, submitted to the
demo backend (its SQLite store and e-mail outbox in the same process), confirmation.
Resident memory (``VmRSS``) is read once the confirmation is drawn and the screen is
quiet.

Also printed, for each app: its *floor*, what exactly the modules it had loaded at that
moment cost when merely imported in a fresh process (no screen, nothing run). What the
app holds above its floor is what running it costs: screens, caches, the store.

Target (issue 3): memory after a full order ≤ 1.5× the minimal app.
"""

from __future__ import annotations

import argparse
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent)]

from tests.support.pty_terminal import Terminal, environment, half_an_order, start  # noqa: E402
from tests.support.pty_terminal import finish_order as finish  # noqa: E402

#: Runs an app with ``{run}``, and on SIGUSR1 writes the names of the modules it has
#: loaded to ``{listing}`` (whole, or not at all: written aside, then renamed).
_LISTING = """
import os, runpy, signal, sys
def _listed(*_):
    with open({listing!r} + ".part", "w") as out:
        out.write("\\n".join(sorted(sys.modules)))
    os.replace({listing!r} + ".part", {listing!r})
signal.signal(signal.SIGUSR1, _listed)
{run}
"""
#: ``python -m fleet_tui``, and ``python benchmarks/minimal_app.py``.
_WIZARD = 'runpy.run_module("fleet_tui", run_name="__main__", alter_sys=True)'
_MINIMAL = f'runpy.run_path({str(HERE / "minimal_app.py")!r}, run_name="__main__")'


def _listing(listing: Path, run: str) -> tuple[str, str]:
    """The program that runs ``run`` and lists its modules on SIGUSR1."""
    return ("-c", _LISTING.format(listing=str(listing), run=run))


#: Imports the modules named on stdin, then prints its VmRSS (KiB).
_FLOOR = """
import importlib, sys
for name in sys.stdin.read().split():
    try:
        importlib.import_module(name)
    except Exception:
        pass
with open("/proc/self/status") as status:
    print(next(line.split()[1] for line in status if line.startswith("VmRSS:")))
"""

#: What is measured of one app: (RSS, its floor), in MiB.
Measured = tuple[float, float]


def _measure(terminal: Terminal, listing: Path) -> Measured:
    """The app's RSS now, then the floor of the modules it has loaded."""
    rss = terminal.rss_kib() / 1024
    terminal.signal(signal.SIGUSR1)
    end = time.monotonic() + 10
    while not listing.exists():
        if time.monotonic() > end:
            raise AssertionError("the app did not list its modules")
        terminal.pump(0.05)
    modules = [name for name in listing.read_text().split() if name != "__main__"]
    return rss, floor(modules)


def floor(modules: list[str]) -> float:
    """RSS (MiB) of a fresh process that only imports ``modules``."""
    done = subprocess.run(
        [sys.executable, "-c", _FLOOR],
        input="\n".join(modules),
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.strip()) / 1024


def wizard_order(attempts: int = 3) -> Measured:
    """The wizard at the confirmation of a typed order; a walk that lost a key on a
    loaded machine (the pty tests' timing) is typed again, up to ``attempts`` times."""
    for attempt in range(1, attempts + 1):
        try:
            return _wizard_order()
        except AssertionError:
            if attempt == attempts:
                raise
            print(f"(walk {attempt} lost a key; typed again)", file=sys.stderr)
    raise AssertionError("unreachable")


def _wizard_order() -> Measured:
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "modules.txt"
        terminal = start(Path(tmp), "--no-drafts", program=_listing(listing, _WIZARD))
        try:
            half_an_order(terminal)
            finish(terminal)
            terminal.settle(0.5)
            return _measure(terminal, listing)
        finally:
            terminal.close()


def minimal_typed() -> Measured:
    """The minimal app after two fields are typed in."""
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "modules.txt"
        app = Terminal([], environment(Path(tmp)), program=_listing(listing, _MINIMAL))
        try:
            app.wait_for("Ready: minimal", timeout=30)
            for keys in ("0470123456", "\t", "jan.peeters@example.be", "\t", "x"):
                app.send(keys)
                app.settle(0.15)
            app.settle(0.5)
            return _measure(app, listing)
        finally:
            app.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    wizard: list[Measured] = []
    minimal: list[Measured] = []
    for _ in range(args.runs):  # interleaved: machine noise hits both alike
        minimal.append(minimal_typed())
        wizard.append(wizard_order())
    m, mf = (statistics.median(run[i] for run in minimal) for i in (0, 1))
    w, wf = (statistics.median(run[i] for run in wizard) for i in (0, 1))
    print(f"runs: {args.runs} (medians)")
    print(f"minimal app, two fields typed        {m:6.1f} MiB")
    print(f"  its modules imported, no UI        {mf:6.1f} MiB   running it: {m - mf:+5.1f} MiB")
    print(
        f"fleet-tui after a whole typed order  {w:6.1f} MiB   ratio {w / m:.2f}x (target <= 1.5x)"
    )
    print(
        f"  its modules imported, no UI        {wf:6.1f} MiB   ratio {wf / m:.2f}x"
        f"   running it: {w - wf:+5.1f} MiB"
    )


if __name__ == "__main__":
    main()
