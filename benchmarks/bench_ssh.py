"""The wizard through ``fleet-tui serve-ssh`` against the same wizard in a local pty,
measured in the same run (the machine is shared and noisy: compare the ratios).

    python benchmarks/bench_ssh.py [--runs 5]

Measured, medians over the runs:
- first screen: local: process start → the sign-in screen drawn; SSH: connect (key
  exchange, key sign-in, pty request) → the sign-in screen drawn;
- key echo in the user-name field: key sent → the character on screen (p50, p95);
- resident memory of one session's wizard process, and of the server itself.
"""

from __future__ import annotations

import argparse
import statistics
import string
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.serve.ssh_terminal import SshServer, SshTerminal, make_key
from tests.support.pty_terminal import Terminal, environment

MARKER = "Demo account"
TYPED = string.ascii_lowercase[:12]


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _echo(terminal: Terminal) -> list[float]:
    terminal.settle(0.3)
    latencies = []
    typed = ""
    for ch in TYPED:
        typed += ch
        start = time.perf_counter()
        terminal.type_raw(ch)
        while typed not in terminal.text():
            terminal.pump(0.001)
        latencies.append(time.perf_counter() - start)
        terminal.settle(0.05)
    return latencies


def _type_raw_local(self: Terminal, key: str) -> None:
    import os

    os.write(self.master, key.encode())


def _type_raw_ssh(self: SshTerminal, key: str) -> None:
    self._loop.call_soon_threadsafe(self.process.stdin.write, key.encode())


Terminal.type_raw = _type_raw_local  # type: ignore[attr-defined]
SshTerminal.type_raw = _type_raw_ssh  # type: ignore[attr-defined]


def local_run(root: Path) -> tuple[float, list[float], float]:
    start = time.perf_counter()
    terminal = Terminal(["--lang", "en", "--data-dir", str(root / "demo")], environment(root))
    try:
        terminal.wait_for(MARKER)
        first = time.perf_counter() - start
        echo = _echo(terminal)
        return first, echo, _rss_mib(terminal.proc.pid)
    finally:
        terminal.close()


def ssh_run(server: SshServer, key: object) -> tuple[float, list[float], float]:
    start = time.perf_counter()
    terminal = SshTerminal(server.port, key=key)  # type: ignore[arg-type]
    try:
        terminal.wait_for(MARKER)
        first = time.perf_counter() - start
        echo = _echo(terminal)
        return first, echo, _rss_mib(server.wizard_pids()[-1])
    finally:
        terminal.close()


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        key = make_key(root / "bench_key")
        (root / "server").mkdir()
        server = SshServer(root / "server", keys=(key,))
        local: list[tuple[float, list[float], float]] = []
        remote: list[tuple[float, list[float], float]] = []
        try:
            for index in range(runs):  # interleaved, so both see the same load
                run_root = root / f"local{index}"
                run_root.mkdir()
                local.append(local_run(run_root))
                remote.append(ssh_run(server, key))
            server_rss = _rss_mib(server.proc.pid)
        finally:
            server.stop()
            server.close()
    for name, results in (("local pty", local), ("ssh", remote)):
        firsts = [r[0] for r in results]
        echoes = [e for r in results for e in r[1]]
        print(
            f"{name:9}  first screen {statistics.median(firsts) * 1000:7.0f} ms   "
            f"echo p50 {statistics.median(echoes) * 1000:5.1f} ms "
            f"p95 {_p95(echoes) * 1000:5.1f} ms"
            f"   wizard RSS {statistics.median(r[2] for r in results):5.1f} MiB"
        )
    ratio = statistics.median(r[0] for r in remote) / statistics.median(r[0] for r in local)
    print(f"first screen ssh / local: {ratio:.2f}x (target <= 1.5x)")
    print(f"server RSS: {server_rss:.1f} MiB")


if __name__ == "__main__":
    main()
