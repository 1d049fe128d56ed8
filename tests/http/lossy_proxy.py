"""A loopback TCP proxy that loses answers: real sockets, asyncio.

Every byte is forwarded both ways, except that for the next ``drops`` requests
``POST /v1/orders`` the backend's answer is read and thrown away and the client's
connection is closed — the order reached the backend, its answer never came back (a
network drop, a hang-up at the wrong moment).
"""

from __future__ import annotations

import asyncio
import contextlib
from types import TracebackType

_ORDER_REQUEST = b"POST /v1/orders "


class LossyProxy:
    """``async with LossyProxy(host, port, drops=1) as proxy: proxy.url``."""

    def __init__(self, host: str, port: int, *, drops: int = 1) -> None:
        self.target = (host, port)
        self.drops = drops
        #: How many answers were thrown away.
        self.dropped = 0
        self._server: asyncio.Server | None = None
        self.url = ""

    async def __aenter__(self) -> LossyProxy:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        port = self._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def _serve(
        self, client_in: asyncio.StreamReader, client_out: asyncio.StreamWriter
    ) -> None:
        server_in, server_out = await asyncio.open_connection(*self.target)
        losing = asyncio.Event()

        async def upstream() -> None:
            while data := await client_in.read(65536):
                if data.startswith(_ORDER_REQUEST) and self.dropped < self.drops:
                    losing.set()
                server_out.write(data)
                await server_out.drain()

        async def downstream() -> None:
            while data := await server_in.read(65536):
                if losing.is_set():
                    # The backend has answered (the order is stored): lose it.
                    self.dropped += 1
                    return
                client_out.write(data)
                await client_out.drain()

        tasks = [asyncio.create_task(upstream()), asyncio.create_task(downstream())]
        try:
            await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            for writer in (client_out, server_out):
                writer.close()
                with contextlib.suppress(ConnectionError, OSError):
                    await writer.wait_closed()
