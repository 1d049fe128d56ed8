"""A whole JSON answer written straight to ASGI's ``send``, below the routes (the
connection limit, injected faults)."""

from __future__ import annotations

from collections.abc import Sequence

from starlette.types import Send


async def send_json(
    send: Send, status: int, body: bytes, headers: Sequence[tuple[bytes, bytes]] = ()
) -> None:
    """Answer ``status`` with the JSON ``body`` and any further ``headers``."""
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
