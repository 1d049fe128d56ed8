"""A hostile HTTP server on loopback, in the test's own event loop: it answers every
request in one bad way, chosen by the first segment of the path."""

from __future__ import annotations

import asyncio
import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cache

MIB = 1024 * 1024
#: About the size of the wrong-shaped answers (``/wrongshape``, ``/wrongitems``).
WRONG_SHAPE_BYTES = 4 * MIB


@cache
def gzip_bomb(inflated_mib: int) -> bytes:
    """``inflated_mib`` MiB of zeros, gzipped (about a thousandth of that); cached, so
    that a test can build it before it measures memory."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(MIB)
    parts = [packer.compress(zeros) for _ in range(inflated_mib)]
    return b"".join(parts) + packer.flush()


def _head(status: str, headers: dict[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status}", *(f"{k}: {v}" for k, v in headers.items()), "", ""]
    return "\r\n".join(lines).encode()


async def _answer(mode: str, writer: asyncio.StreamWriter) -> None:
    json_type = {"Content-Type": "application/json"}
    if mode == "trickle":
        # Headers at once, then one byte every 0.1 s, for ever: no read ever times out.
        writer.write(_head("200 OK", {**json_type, "Content-Length": "1000000"}))
        while True:
            writer.write(b" ")
            await writer.drain()
            await asyncio.sleep(0.1)
    elif mode == "endless":
        writer.write(_head("200 OK", {**json_type, "Transfer-Encoding": "chunked"}))
        chunk = b"[" + b"0," * 32_767
        while True:
            writer.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            await writer.drain()
    elif mode == "bomb":
        body = gzip_bomb(256)
        headers = {**json_type, "Content-Encoding": "gzip", "Content-Length": str(len(body))}
        writer.write(_head("200 OK", headers) + body)
    elif mode in ("wrongshape", "wrongitems"):
        # Valid JSON of the wrong shape, 4 MiB: an object without the account's fields
        # holding one huge unknown member, or a list of objects that are no order record.
        item, head, tail = (
            (b"0,", b'{"x":[', b"0]}") if mode == "wrongshape" else (b"{},", b"[", b"{}]")
        )
        body = head + item * ((WRONG_SHAPE_BYTES - len(head) - len(tail)) // len(item)) + tail
        headers = {**json_type, "Content-Length": str(len(body))}
        writer.write(_head("200 OK", headers))
        for start in range(0, len(body), 64 * 1024):
            writer.write(body[start : start + 64 * 1024])
            await writer.drain()
    elif mode in ("html", "notjson"):
        # 10 MiB of HTML, or of text that says it is JSON, sent in 64 KiB pieces (so
        # that the server itself holds little: the test measures the client).
        kind = "text/html" if mode == "html" else "application/json"
        headers = {"Content-Type": kind, "Content-Length": str(10 * MIB)}
        writer.write(_head("200 OK", headers))
        piece = b"x" * (64 * 1024)
        for _ in range(160):
            writer.write(piece)
            await writer.drain()
    await writer.drain()


async def _serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        request = await reader.readuntil(b"\r\n\r\n")
        path = request.split(b" ", 2)[1].decode()
        await _answer(path.strip("/").split("/")[0], writer)
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


@asynccontextmanager
async def hostile_server() -> AsyncIterator[str]:
    """The base URL of a hostile server on a free loopback port."""
    server = await asyncio.start_server(_serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.close()
        # Handlers loop for ever (trickle, endless): stop waiting for them.
        server.close_clients() if hasattr(server, "close_clients") else None
