"""The wizard through ``fleet-tui serve-ssh`` against the same wizard in a local pty,
measured in the same run (the machine is shared and noisy: compare the ratios).

    python benchmarks/bench_ssh.py [--runs 5]

Measured, medians over the runs:
- first screen: local: process start → the sign-in screen drawn; SSH: connect (key
  exchange, key sign-in, pty request) → the sign-in screen drawn;
- key echo in the user-name field: key sent → the character on screen (p50, p95);
- resident memory of one session's wizard process, and of the server itself; then with
  several sessions open at once, what each adds to the server and each wizard's PSS
  (shared pages counted once).

Both sides start from the same state: the local wizard runs on one data folder and home
for every run, as the server's sessions do, with only the environment the server passes
its sessions (this machine's long environment, PYTHONDONTWRITEBYTECODE among it, cost the
local start a few hundred milliseconds the SSH side did not pay), and one warm-up run of
each is not counted.
The SSH echo is timed inside the client's own event loop: timed from another thread, each
key waited for the GIL hand-offs between that thread and the loop's (up to the 5 ms switch
interval each), which added 100 ms and more to the p95 that the server had nothing to do
with.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import string
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.serve.ssh_terminal import SshServer, SshTerminal, make_key
from tests.support.pty_terminal import Terminal, environment

from fleet_tui.serve.ssh import SESSION_ENV

MARKER = "Demo account"
TYPED = string.ascii_lowercase[:12]


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _pss_mib(pid: int) -> float:
    """Proportional set size: shared pages (the interpreter, Textual) split between the
    processes that share them, so that sessions add up honestly."""
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _echo(terminal: Terminal) -> list[float]:
    terminal.settle(0.3)
    latencies = []
    typed = ""
    for ch in TYPED:
        typed += ch
        start = time.perf_counter()
        terminal.send(ch)
        while typed not in terminal.text():
            terminal.pump(0.001)
        latencies.append(time.perf_counter() - start)
        terminal.settle(0.05)
    return latencies


async def _ssh_echo(terminal: SshTerminal) -> list[float]:
    """:func:`_echo` inside the client's event loop, reading the channel itself."""
    terminal._reader.cancel()
    stdout = terminal.process.stdout

    async def pump(timeout: float) -> int:
        try:
            data = await asyncio.wait_for(stdout.read(65536), timeout)
        except TimeoutError:
            return 0
        terminal.stream.feed(data)
        return len(data)

    async def settle(quiet: float) -> None:
        while await pump(quiet):
            pass

    await settle(0.3)
    latencies = []
    typed = ""
    for ch in TYPED:
        typed += ch
        start = time.perf_counter()
        terminal.process.stdin.write(ch.encode())
        while typed not in terminal.text():
            await pump(1.0)
        latencies.append(time.perf_counter() - start)
        await settle(0.05)
    return latencies


@contextlib.contextmanager
def _session_environment() -> Iterator[None]:
    """Only what serve-ssh passes on to a session, while a local wizard is started."""
    saved = dict(os.environ)
    for name in saved:
        if name not in SESSION_ENV:
            del os.environ[name]
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def local_run(root: Path) -> tuple[float, list[float], float]:
    start = time.perf_counter()
    with _session_environment():
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
        echo = terminal._call(_ssh_echo(terminal), timeout=60)
        return first, echo, _rss_mib(server.wizard_pids()[-1])
    finally:
        terminal.close()


CONCURRENT = 4


def _concurrent(server: SshServer, key: object, count: int) -> tuple[float, float, float]:
    """Server RSS before and with ``count`` sessions open, and their wizards' PSS."""
    idle = _rss_mib(server.proc.pid)
    before = len(server.wizard_pids())
    terminals = []
    try:
        for _ in range(count):
            terminal = SshTerminal(server.port, key=key)  # type: ignore[arg-type]
            terminals.append(terminal)
            terminal.wait_for(MARKER)
        busy = _rss_mib(server.proc.pid)
        wizards = sum(_pss_mib(pid) for pid in server.wizard_pids()[before:])
    finally:
        for terminal in terminals:
            terminal.close()
    return idle, busy, wizards


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
        local_root = root / "local"
        local_root.mkdir()
        try:
            local_run(local_root)  # warm-up: the local store is made, as the server's
            ssh_run(server, key)
            for _ in range(runs):  # interleaved, so both see the same load
                local.append(local_run(local_root))
                remote.append(ssh_run(server, key))
            server_rss = _rss_mib(server.proc.pid)
            together = _concurrent(server, key, CONCURRENT)
        finally:
            server.stop()
            server.close()
    for name, results in (("local pty", local), ("ssh", remote)):
        firsts = [r[0] for r in results]
        echoes = [e for r in results for e in r[1]]
        print(
            f"{name:9}  first screen {statistics.median(firsts) * 1000:7.0f} ms   "
            f"echo p50 {statistics.median(echoes) * 1000:5.1f} ms "
            f"p95 {_p95(echoes) * 1000:5.1f} ms max {max(echoes) * 1000:5.1f} ms"
            f"   wizard RSS {statistics.median(r[2] for r in results):5.1f} MiB"
        )
    ratio = statistics.median(r[0] for r in remote) / statistics.median(r[0] for r in local)
    print(f"first screen ssh / local: {ratio:.2f}x (target <= 1.5x)")
    print(f"server RSS: {server_rss:.1f} MiB")
    idle, busy, wizards = together
    print(
        f"{CONCURRENT} sessions at once: server RSS {idle:.1f} -> {busy:.1f} MiB "
        f"({(busy - idle) / CONCURRENT:.2f} MiB a session), wizards' PSS {wizards:.0f} MiB in all "
        f"({wizards / CONCURRENT:.1f} MiB each)"
    )


if __name__ == "__main__":
    main()
