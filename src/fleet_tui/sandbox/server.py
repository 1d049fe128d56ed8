"""Run the sandbox: in the foreground (``fleet-tui sandbox``) or in a background thread
(tests and benchmarks), always on loopback unless told otherwise."""

from __future__ import annotations

import errno
import socket
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

import uvicorn
from pydantic import SecretStr
from starlette.types import ASGIApp

from fleet_tui.sandbox.app import create_app
from fleet_tui.sandbox.backend import demo_backend, store_folder
from fleet_tui.sandbox.faults import Faults
from fleet_tui.sandbox.limits import Limits
from fleet_tui.sandbox.slow_clients import HEADER_DEADLINE_S, protocol
from fleet_tui.sandbox.uploads import UploadStore

LOOPBACK = "127.0.0.1"
# Long enough for a stalled (fault-injected) answer to finish, short enough for tests.
_GRACEFUL_SHUTDOWN_S = 5
# Beyond this many connections or tasks, a JSON 503 at once (sandbox/busy.py).
MAX_CONNECTIONS = 512


class PortUnavailable(OSError):
    """The sandbox's address cannot be bound (the port is in use, or not allowed)."""

    def __init__(self, host: str, port: int, reason: str) -> None:
        super().__init__(f"{host}:{port}: {reason}")
        self.host = host
        self.port = port
        self.in_use = reason == "in_use"


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port``, bound here rather than by uvicorn (which
    logs its own English error and exits). Raises :class:`PortUnavailable`."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        in_use = exc.errno == errno.EADDRINUSE
        raise PortUnavailable(host, port, "in_use" if in_use else "refused") from None
    sock.set_inheritable(True)
    return sock


def build_app(
    data_dir: Path | None = None,
    db: Path | None = None,
    *,
    token_ttl: float = 3600.0,
    fixed_token: SecretStr | None = None,
    faults: Faults | None = None,
    limits: Limits | None = None,
    clock: Callable[[], datetime] | None = None,
) -> ASGIApp:
    """The sandbox on the demo backend in ``data_dir`` (or with its store at ``db``);
    uploads are kept in the store's folder, under ``uploads/``. ``clock`` (tests only)
    replaces the current time the orders progress on."""
    limits = limits or Limits()
    backend = demo_backend(data_dir, db, clock)
    # Opened now: a store that cannot be used is refused before anything listens (it
    # was found at the first request), and emails an earlier run queued are written.
    backend.account()
    uploads = UploadStore(store_folder(data_dir, db) / "uploads", limits.uploads_max_bytes)
    return create_app(
        backend,
        uploads,
        token_ttl=token_ttl,
        fixed_token=fixed_token,
        faults=faults,
        limits=limits,
    )


def _config(
    app: ASGIApp,
    host: str,
    port: int,
    log_level: str,
    header_deadline_s: float = HEADER_DEADLINE_S,
    max_connections: int = MAX_CONNECTIONS,
) -> uvicorn.Config:
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        access_log=False,
        lifespan="off",
        timeout_graceful_shutdown=_GRACEFUL_SHUTDOWN_S,
        # Slow clients: headers have a deadline (the protocol), idle keep-alive
        # connections close after a few seconds, and at most this many are open.
        http=protocol(header_deadline_s),
        timeout_keep_alive=5,
        limit_concurrency=max_connections,
        h11_max_incomplete_event_size=16 * 1024,
    )


class _AnnouncingServer(uvicorn.Server):
    """A uvicorn server that says where it listens once the socket is bound."""

    def __init__(self, config: uvicorn.Config, on_ready: Callable[[str], None]) -> None:
        super().__init__(config)
        self._on_ready = on_ready

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started and self.servers and self.servers[0].sockets:
            host, port = self.servers[0].sockets[0].getsockname()[:2]
            self._on_ready(url_for(str(host), int(port)))


def url_for(host: str, port: int) -> str:
    """The base URL of a server bound to ``host``:``port``."""
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def serve(
    app: ASGIApp,
    host: str = LOOPBACK,
    port: int = 8765,
    *,
    on_ready: Callable[[str], None] = lambda url: None,
    log_level: str = "warning",
) -> None:
    """Serve ``app`` until interrupted (Ctrl+C); ``on_ready`` gets the URL once bound.
    Raises :class:`PortUnavailable` before serving when the address cannot be bound."""
    sock = bind(host, port)
    _AnnouncingServer(_config(app, host, port, log_level), on_ready).run(sockets=[sock])


class ServerThread:
    """The sandbox in a background thread on a free loopback port, as a context
    manager: ``with ServerThread(app) as server: HttpClient(server.url)``."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        start_timeout: float = 10.0,
        header_deadline_s: float = HEADER_DEADLINE_S,
        max_connections: int = MAX_CONNECTIONS,
    ) -> None:
        config = _config(app, LOOPBACK, 0, "warning", header_deadline_s, max_connections)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, name="fleet-tui-sandbox", daemon=True
        )
        self._start_timeout = start_timeout
        self.url = ""

    def start(self) -> str:
        """Start serving; return the base URL once the socket listens."""
        self._thread.start()
        deadline = time.monotonic() + self._start_timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the sandbox did not start")
            time.sleep(0.01)
        port = self._server.servers[0].sockets[0].getsockname()[1]
        self.url = url_for(LOOPBACK, port)
        return self.url

    def stop(self) -> None:
        """Stop accepting, let answers in flight finish, and wait for the thread."""
        self._server.should_exit = True
        self._thread.join(timeout=_GRACEFUL_SHUTDOWN_S + 5)

    def __enter__(self) -> ServerThread:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
