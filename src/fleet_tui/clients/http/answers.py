"""Read an answer's body with a cap on its size, decompression included.

httpx would inflate a gzip body chunk by chunk, but a single 64 KiB chunk of a gzip
bomb still inflates to 64 MiB at once, and nothing stops an endless body. Here the raw
bytes are inflated with an output bound (``max_length``), counted, and the read stops
one byte past the cap. Bodies that are not JSON are not read at all: the client has no
use for them, and a proxy's 10 MB HTML error page should cost nothing.
"""

from __future__ import annotations

import zlib
from typing import Final

import httpx

#: Encodings the client asks for (``Accept-Encoding``) and can inflate within a bound.
ACCEPT_ENCODING: Final = "gzip, deflate"
# 32 + 15: zlib detects a gzip or a zlib header by itself ("deflate" is zlib-wrapped).
_WBITS: Final = 32 + zlib.MAX_WBITS


class AnswerTooLarge(Exception):
    """The answer's body (once inflated) is larger than the cap."""


class AnswerUnreadable(Exception):
    """The body uses an encoding the client did not ask for, or is corrupt."""


def is_json(response: httpx.Response) -> bool:
    """Whether the answer says it carries JSON (``application/json``, ``+json``)."""
    kind = str(response.headers.get("content-type", "")).split(";", 1)[0].strip().lower()
    return kind == "application/json" or kind.endswith("+json")


async def read_capped(response: httpx.Response, limit: int) -> bytes:
    """The decoded body of the streamed ``response``, at most ``limit`` bytes.

    Raises :class:`AnswerTooLarge`, :class:`AnswerUnreadable`, and httpx's transport
    errors while reading.
    """
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if encoding in ("", "identity"):
        decoder = None
    elif encoding in ("gzip", "x-gzip", "deflate"):
        decoder = zlib.decompressobj(_WBITS)
    else:
        raise AnswerUnreadable(encoding)
    body = bytearray()
    async for raw in response.aiter_raw():
        if decoder is None:
            body += raw
        else:
            data = raw
            while data:
                try:
                    body += decoder.decompress(data, limit + 1 - len(body))
                except zlib.error:
                    raise AnswerUnreadable(encoding) from None
                if len(body) > limit:
                    break
                data = decoder.unconsumed_tail
        if len(body) > limit:
            raise AnswerTooLarge(limit)
    return bytes(body)


def buffered(response: httpx.Response, body: bytes) -> httpx.Response:
    """A plain response holding the decoded ``body`` (without the encoding headers,
    so that httpx does not decode it a second time)."""
    headers = [
        (name, value)
        for name, value in response.headers.raw
        if name.lower() not in (b"content-encoding", b"content-length", b"transfer-encoding")
    ]
    return httpx.Response(
        response.status_code, headers=headers, content=body, request=response.request
    )
