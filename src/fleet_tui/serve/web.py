"""``fleet-tui serve-web``: the wizard in a browser, on textual-serve.

textual-serve starts one wizard process per browser connection (a websocket) and draws
it with xterm.js. Here it runs in kiosk mode by default (a throw-away store per browser
session, idle wipe, no quit); a reload opens a new websocket, so a new kiosk session.
Sessions beyond ``max_sessions`` get a page saying so; a wizard whose browser has gone is
stopped, and killed if it does not stop within a few seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import shlex
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from fleet_tui.core.i18n import Lang, t
from fleet_tui.session.web_uploads import WEB_UPLOADS_ENV

#: Seconds a wizard gets to quit after its browser went away, before it is killed.
STOP_GRACE_S = 5.0


@dataclass
class WebSettings:
    """What ``serve-web`` was started with."""

    host: str = "127.0.0.1"
    port: int = 8000
    public_url: str | None = None
    kiosk: bool = True
    max_sessions: int = 10
    lang: Lang = "fr"
    #: Options given to every session's wizard (``--client``, ``--data-dir`` …).
    wizard_args: list[str] = field(default_factory=list)
    #: The booth's folder of signed scans, offered on the Invoice Split step.
    uploads_dir: Path | None = None

    def environment(self) -> dict[str, str]:
        """What every wizard gets in its environment besides textual-serve's."""
        if self.uploads_dir is None:
            return {}
        return {WEB_UPLOADS_ENV: str(self.uploads_dir.resolve())}

    def command(self) -> str:
        """The shell command textual-serve runs for each browser session."""
        argv = [sys.executable, "-m", "fleet_tui", "--lang", self.lang, *self.wizard_args]
        if self.kiosk:
            argv.append("--kiosk")
        return shlex.join(argv)


class FleetWebServer(Server):
    """textual-serve's server with a session limit and a hard stop for each wizard."""

    def __init__(self, settings: WebSettings) -> None:
        super().__init__(
            settings.command(),
            host=settings.host,
            port=settings.port,
            title="fleet-tui",
            public_url=settings.public_url,
        )
        self.settings = settings
        self.sessions = 0

    def _full(self) -> web.Response:
        text = html.escape(t("web.too_many", self.settings.lang, limit=self.settings.max_sessions))
        page = (
            f'<!doctype html><html lang="{self.settings.lang}"><meta charset="utf-8">'
            f'<title>fleet-tui</title><body><p id="full">{text}</p></body></html>'
        )
        return web.Response(text=page, content_type="text/html", status=503)

    async def handle_index(self, request: web.Request) -> Any:
        if self.sessions >= self.settings.max_sessions:
            return self._full()
        return await super().handle_index(request)

    async def handle_websocket(  # type: ignore[override]  # a full server answers a page
        self, request: web.Request
    ) -> web.StreamResponse:
        if self.sessions >= self.settings.max_sessions:
            return self._full()
        self.sessions += 1
        try:
            return await self._one_session(request)
        finally:
            self.sessions -= 1

    async def _one_session(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        width = _int(request.query.get("width"), 80)
        height = _int(request.query.get("height"), 24)
        service: AppService | None = None
        try:
            await websocket.prepare(request)
            service = _Service(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,  # type: ignore[arg-type]  # as textual-serve does
                download_manager=self.download_manager,
                debug=self.debug,
            )
            service.extra_env = self.settings.environment()
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        finally:
            if service is not None:
                await _stop(service)
        return websocket

    async def on_startup(self, app: web.Application) -> None:
        print(t("web.listening", self.settings.lang, url=self.public_url), flush=True)


class _Service(AppService):
    """textual-serve's wizard process, with :attr:`extra_env` added to its environment."""

    extra_env: Mapping[str, str] = MappingProxyType({})

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        return {**super()._build_environment(width, height), **self.extra_env}


def _int(value: str | None, default: int) -> int:
    try:
        return max(1, min(int(value or default), 1000))
    except ValueError:
        return default


async def _stop(service: AppService) -> None:
    """Ask the wizard to quit; kill it if it has not after :data:`STOP_GRACE_S`."""
    process = service._process  # textual-serve keeps it there; no public accessor
    with contextlib.suppress(Exception):  # a wizard that cannot be asked is killed below
        await asyncio.wait_for(service.stop(), STOP_GRACE_S)
    if process is not None and process.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        await process.wait()
