"""Close connections whose request headers do not arrive in time.

uvicorn times out an idle keep-alive connection, but not one that is sending its
headers a byte at a time (a "slowloris"): 300 such connections stayed open for ever.
The protocols below give each request's headers :data:`HEADER_DEADLINE_S` from the
moment the connection opens (or the previous answer ends); the body has its own
deadline in the application (:data:`fleet_tui.sandbox.limits.BODY_DEADLINE_S`).
"""

from __future__ import annotations

import asyncio
from typing import Any, Final

from uvicorn.protocols.http.h11_impl import H11Protocol

from fleet_tui.sandbox.busy import JsonBusy

#: Seconds a client has to send a request's headers in full.
HEADER_DEADLINE_S: Final = 10.0


class _HeaderDeadline:
    """Mixed into a uvicorn HTTP protocol (before it in the bases)."""

    header_deadline_s: float = HEADER_DEADLINE_S
    _header_timer: asyncio.TimerHandle | None = None
    cycle: Any
    transport: Any
    loop: Any

    def connection_made(self, transport: Any) -> None:
        super().connection_made(transport)  # type: ignore[misc]
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)  # type: ignore[misc]
        if self._in_request():
            self._disarm()

    def on_response_complete(self) -> None:
        super().on_response_complete()  # type: ignore[misc]
        if not self.transport.is_closing() and not self._in_request():
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)  # type: ignore[misc]

    def _in_request(self) -> bool:
        cycle = self.cycle
        return cycle is not None and not cycle.response_complete

    def _arm(self) -> None:
        self._disarm()
        self._header_timer = self.loop.call_later(self.header_deadline_s, self._expired)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _expired(self) -> None:
        self._header_timer = None
        # A pipelined request may have started meanwhile: only cut a connection
        # that is still waiting for headers.
        if not self._in_request() and not self.transport.is_closing():
            self.transport.close()


def protocol(deadline_s: float = HEADER_DEADLINE_S) -> type[asyncio.Protocol]:
    """The fastest HTTP protocol installed, with a header deadline of ``deadline_s``."""
    base: type[asyncio.Protocol]
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

        base = HttpToolsProtocol
    except ImportError:  # httptools is optional
        base = H11Protocol
    return type(
        f"{base.__name__}WithDeadline",
        (_HeaderDeadline, JsonBusy, base),
        {"header_deadline_s": deadline_s},
    )
