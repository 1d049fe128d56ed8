"""Throughput of the HTTP client into the sandbox: 1,000 orders, 16 at a time.

The sandbox runs in its own process (``fleet-tui sandbox`` on a free loopback port, a
fresh store), as it would in use. Printed: orders per second and p50/p99 latency of
``submit``; and, in the same run, the same number of ``GET /v1/catalogue`` calls with
the same concurrency (the cost of HTTP alone), and the same orders submitted straight
to a :class:`DemoBackend` in this process (the cost of the backend alone), with ratios.

    python benchmarks/bench_http.py [--orders 1000] [--concurrency 16]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
from pydantic import SecretStr

from fleet_tui.clients.demo.backend import DemoBackend
from fleet_tui.clients.http import HttpClient
from fleet_tui.core.order import Order, parse_order

TOKEN = "bench-" + uuid.uuid4().hex


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def _start_sandbox(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "FLEET_TUI_SANDBOX_TOKEN": TOKEN, "FLEET_TUI_LANG": "en"}
    env.pop("FLEET_TUI_SANDBOX_FAULTS", None)
    command = [sys.executable, "-m", "fleet_tui", "sandbox", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--data-dir", str(data_dir)], env=env, stdout=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/v1/openapi.json", timeout=0.5)
            return process
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the sandbox did not start")


async def _timed(
    count: int, concurrency: int, call: Callable[[int], Awaitable[object]]
) -> tuple[float, list[float]]:
    gate = asyncio.Semaphore(concurrency)
    latencies: list[float] = []

    async def one(i: int) -> None:
        async with gate:
            started = time.perf_counter()
            await call(i)
            latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(one(i) for i in range(count)))
    return time.perf_counter() - started, latencies


def _report(name: str, count: int, elapsed: float, latencies: list[float]) -> float:
    rate = count / elapsed
    cuts = statistics.quantiles(latencies, n=100)
    print(
        f"{name:<22} {count:>6} in {elapsed:6.2f} s  {rate:8.1f}/s  "
        f"p50 {cuts[49] * 1000:6.1f} ms  p99 {cuts[98] * 1000:6.1f} ms"
    )
    return rate


async def _run(url: str, orders: int, concurrency: int) -> None:
    async with HttpClient(url, token=SecretStr(TOKEN)) as client:
        account, catalogue = await client.account(), await client.catalogue()
        plain = next(
            c for c in account.selectable_customer_numbers if c.invoice_split_profile is None
        )
        documents = [
            parse_order(
                {
                    "number": {"request": "new"},
                    "customer_number": plain.number,
                    "sim": {"format": "physical", "sim_number": f"11501{i:08d}"},
                    "subscription": {
                        "type": "mobile",
                        "plan": catalogue.plans_of_type("mobile")[0].code,
                    },
                    "travel_data_control": catalogue.default_travel_data_control,
                }
            )
            for i in range(orders)
        ]
        await _timed(50, concurrency, lambda i: client.catalogue())  # warm up the pool

        base_time, base_lat = await _timed(orders, concurrency, lambda i: client.catalogue())
        sub_time, sub_lat = await _timed(
            orders, concurrency, lambda i: client.submit(documents[i], str(uuid.uuid4()))
        )
        print(f"HTTP client -> sandbox subprocess, {concurrency} at a time, {os.cpu_count()} CPUs")
        baseline = _report("GET /v1/catalogue", orders, base_time, base_lat)
        rate = _report("submit (POST orders)", orders, sub_time, sub_lat)
        direct = _direct_backend(documents)
        print(f"ratio submit/catalogue: {rate / baseline:.2f}   target: >= 200 orders/s")
        print(f"ratio HTTP submit/direct DemoBackend submit: {rate / direct:.2f}")


def _direct_backend(orders: list[Order]) -> float:
    with tempfile.TemporaryDirectory(prefix="bench-direct-") as folder:
        backend = DemoBackend(Path(folder))
        latencies = []
        started = time.perf_counter()
        for order in orders:
            one = time.perf_counter()
            backend.submit(order.document(), str(uuid.uuid4()))
            latencies.append(time.perf_counter() - one)
        elapsed = time.perf_counter() - started
        backend.close()
    return _report("DemoBackend direct", len(orders), elapsed, latencies)


def main() -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-http-") as folder:
        port = _free_port()
        sandbox = _start_sandbox(Path(folder), port)
        try:
            asyncio.run(_run(f"http://127.0.0.1:{port}", args.orders, args.concurrency))
        finally:
            sandbox.terminate()
            sandbox.wait(timeout=15)


if __name__ == "__main__":
    main()
