"""TUI benchmarks through a real pseudo-terminal, each against a minimal Textual app
(a Label, three Inputs, a Footer) measured in the same run.

    python benchmarks/bench_tui.py [--runs 5]

Measured, medians over the runs:
- start-up: process start → first interactive screen drawn;
- keystroke echo in a field: key written to the pty → the character on screen (for
  fleet-tui, the phone-number field of the port-in step after it has shown an error, so
  the core re-validates it on every key);
- bytes the app writes to the terminal per keystroke, and while idle (3 s);
- resident memory after the typing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests.support.pty_terminal import PROGRAM, Terminal, environment  # noqa: E402

TYPED = "2345678901"
#: A program to run and the arguments after it (``python PROGRAM ARGS``).
Launch = tuple[tuple[str, ...], list[str]]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _run(launch: Launch, root: Path) -> Terminal:
    program, args = launch
    return Terminal(args, environment(root), program=program)


def startup(launch: Launch, root: Path, marker: str) -> float:
    app = _run(launch, root)
    try:
        app.wait_for(marker, timeout=30)
        return time.monotonic() - app.started
    finally:
        app.close()


def typing(launch: Launch, root: Path, marker: str, *, show_error_first: bool) -> dict[str, float]:
    app = _run(launch, root)
    try:
        app.wait_for(marker, timeout=30)
        app.settle(0.3)
        app.send("1")
        app.wait_for("1")
        if show_error_first:
            app.send("\t")
            app.settle(0.3)
            app.send("\x1b[Z")  # shift+tab back into the field, now showing its error
        app.settle(0.3)
        latencies: list[float] = []
        sizes: list[int] = []
        typed = "1"
        for ch in TYPED:
            typed += ch
            before = len(app.output)
            app.send(ch)
            latencies.append(app.wait_for(typed, timeout=5))  # until it showed
            app.settle(0.15)
            sizes.append(len(app.output) - before)
        idle = app.settle(3.0, 3.0)
        return {
            "echo_median_ms": statistics.median(latencies) * 1000,
            "echo_p95_ms": _percentile(latencies, 0.95) * 1000,
            "bytes_per_key": statistics.median(sizes),
            "idle_bytes_3s": float(idle),
            "rss_mib": app.rss_kib() / 1024,
        }
    finally:
        app.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    minimal: Launch = ((str(HERE / "minimal_app.py"),), [])
    results: dict[str, list[dict[str, float]]] = {"minimal": [], "fleet-tui": []}
    starts: dict[str, list[float]] = {"minimal": [], "fleet-tui": []}
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            wizard: Launch = (PROGRAM, ["--data-dir", str(root / "demo"), "--lang", "en"])
            port_in: Launch = ((str(HERE / "wizard_at_port_in.py"), str(root / "demo")), [])
            # Interleave the two apps so that machine noise hits both alike.
            starts["minimal"].append(startup(minimal, root, "Ready: minimal"))
            starts["fleet-tui"].append(startup(wizard, root, "Step 1/7"))
            results["minimal"].append(
                typing(minimal, root, "Ready: minimal", show_error_first=False)
            )
            results["fleet-tui"].append(typing(port_in, root, "Step 4/7", show_error_first=True))

    def med(name: str, key: str) -> float:
        return statistics.median(r[key] for r in results[name])

    print(f"runs: {args.runs} (medians)")
    s_min, s_app = statistics.median(starts["minimal"]), statistics.median(starts["fleet-tui"])
    print(
        f"start-up        minimal {s_min * 1000:7.0f} ms   fleet-tui {s_app * 1000:7.0f} ms"
        f"   ratio {s_app / s_min:.2f}x (target <= 1.5x)"
    )
    for key, unit, target in (
        ("echo_median_ms", "ms", "<= 1.2x"),
        ("echo_p95_ms", "ms", "< 16.7 ms"),
        ("bytes_per_key", "B", "<= 400 B"),
        ("idle_bytes_3s", "B", "0"),
        ("rss_mib", "MiB", "<= 1.5x"),
    ):
        a, b = med("minimal", key), med("fleet-tui", key)
        ratio = f"{b / a:.2f}x" if a else "n/a"
        print(
            f"{key:15} minimal {a:7.1f} {unit:3}  fleet-tui {b:7.1f} {unit:3}  ratio {ratio}"
            f" (target {target})"
        )


if __name__ == "__main__":
    main()
