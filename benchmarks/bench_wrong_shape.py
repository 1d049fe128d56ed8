"""Memory of the HTTP client refusing a valid JSON answer of the wrong shape.

A loopback server (in this process, its body built before measuring) answers every
request with one wrong-shaped JSON document; the client asks for the account or for the
recent orders and must refuse it as ``unexpected_answer``. Printed per shape and size:
the ``tracemalloc`` peak of the client's call (median of ``--runs``) as a multiple of the
answer's size. Reading the body alone costs about 2x (the bytes read, then the body
handed to the parser); issue 10's target is about 3x in all.

``tracemalloc`` sees Python objects only: pydantic-core's own (Rust) allocations, its
parsed JSON tree and its error list, are invisible to it, so the peak resident set of a
fresh process per case (``--rss``) is printed too.

    python benchmarks/bench_wrong_shape.py [--runs 3] [--sizes 0.25,1,4,9.5] [--rss]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tracemalloc
from collections.abc import Awaitable, Callable

from pydantic import SecretStr

from fleet_tui.clients.base import BackendUnavailable
from fleet_tui.clients.http import HttpClient, RetryPolicy

MIB = 1024 * 1024


def _repeat(head: bytes, item: bytes, tail: bytes, size: int) -> bytes:
    count = max(1, (size - len(head) - len(tail)) // (len(item) + 1))
    return head + b",".join([item] * count) + tail


#: name -> (what the client asks for, a document of about ``size`` bytes)
SHAPES: dict[str, tuple[str, Callable[[int], bytes]]] = {
    # An object without the account's fields, carrying one huge unknown member (issue 10's 16x).
    "object, big unknown member": ("account", lambda n: _repeat(b'{"x":[', b"0", b"]}", n)),
    "object, member of objects": ("account", lambda n: _repeat(b'{"x":[', b"{}", b"]}", n)),
    "list for an object": ("account", lambda n: _repeat(b"[", b'{"a":1}', b"]", n)),
    "strings for an object": (
        "account",
        lambda n: _repeat(b'{"holder":[', b'"' + b"a" * 30 + b'"', b"]}", n),
    ),
    "list of wrong records": ("records", lambda n: _repeat(b"[", b"{}", b"]", n)),
    "list of numbers": ("records", lambda n: _repeat(b"[", b"0", b"]", n)),
    "object for a list": ("records", lambda n: _repeat(b'{"x":[', b"0", b"]}", n)),
}


async def _serve(body: bytes) -> tuple[asyncio.Server, str]:
    head = (
        f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await reader.readuntil(b"\r\n\r\n")
            writer.write(head.encode())
            view = memoryview(body)
            for start in range(0, len(body), 64 * 1024):
                writer.write(view[start : start + 64 * 1024])
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    return server, f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"


async def _one(target: str, body: bytes) -> tuple[int, str]:
    """The tracemalloc peak of one refused call, and the refusal's code."""
    server, url = await _serve(body)
    client = HttpClient(
        url,
        token=SecretStr("bench-token"),
        retry=RetryPolicy(attempts=1, base_delay=0.01, max_delay=0.01),
        request_deadline=60.0,
    )
    call: Callable[[], Awaitable[object]] = (
        client.account if target == "account" else client.recent_orders
    )
    tracemalloc.start()
    code = "accepted"
    try:
        await call()
    except BackendUnavailable as refused:
        code = refused.code or "?"
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    await client.aclose()
    server.close()
    return peak, code


def _case(shape: str, size: int, runs: int) -> dict[str, object]:
    target, build = SHAPES[shape]
    body = build(size)
    peaks, code = [], ""
    for _ in range(runs):
        peak, code = asyncio.run(_one(target, body))
        peaks.append(peak)
    return {
        "shape": shape,
        "bytes": len(body),
        "ratio": statistics.median(peaks) / len(body),
        "code": code,
    }


def _hwm_kib(*, reset: bool = False) -> int:
    """The peak resident set (``VmHWM``, KiB), first reset to the current one (Linux)."""
    if reset:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def _rss(shape: str, size: int) -> float:
    """Peak resident set growth of one refused call in a fresh process, × the size."""
    script = (
        "import asyncio, sys\n"
        "sys.argv = ['', '--child']\n"
        "import benchmarks.bench_wrong_shape as b\n"
        f"target, build = b.SHAPES[{shape!r}]\nbody = build({size})\n"
        "before = b._hwm_kib(reset=True)\n"
        "asyncio.run(b._one(target, body))\n"
        "print((b._hwm_kib() - before) * 1024 / len(body))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="0.25,1,4,9.5", help="MiB, comma-separated")
    parser.add_argument(
        "--rss", action="store_true", help="also the peak RSS, one process per case"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sizes = [int(float(s) * MIB) for s in args.sizes.split(",")]
    rows = []
    for shape in SHAPES:
        for size in sizes:
            row = _case(shape, size, args.runs)
            if args.rss:
                row["rss_ratio"] = _rss(shape, size)
            rows.append(row)
            rss = f"  rss {row['rss_ratio']:6.1f}x" if args.rss else ""
            print(
                f"{shape:28} {int(str(row['bytes'])) / MIB:6.2f} MiB"
                f"  tracemalloc {row['ratio']:6.1f}x"
                f"{rss}  {row['code']}",
                flush=True,
            )
    if args.json:
        print(json.dumps(rows))


if __name__ == "__main__":
    main()
