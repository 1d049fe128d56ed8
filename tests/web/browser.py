"""``fleet-tui serve-web`` driven by a real headless Chromium (Debian's ``chromium``)
through Playwright, the terminal read back with pyte from the websocket frames the
browser receives — the bytes xterm.js draws — so the pty tests' key sequences
(``half_an_order``, ``finish_order``) drive it unchanged.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pyte

from tests.support.pty_terminal import KEY_QUIET_S, Terminal, environment

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: Why the browser tests cannot run here, or None.
UNAVAILABLE: str | None = None
try:
    from playwright.sync_api import Browser, Page, WebSocket, sync_playwright
except ImportError:  # pragma: no cover - the [test] extra installs it
    UNAVAILABLE = "playwright is not installed (pip install -e '.[test]')"
if UNAVAILABLE is None and not os.access(CHROMIUM, os.X_OK):
    UNAVAILABLE = "no Chromium at /usr/bin/chromium (.ci/run installs Debian's chromium)"

#: What Chromium needs in a closed network, as root, without a display.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_KEYS = {
    "\t": "Tab",
    "\r": "Enter",
    "\x1b": "Escape",
    "\x1b[B": "ArrowDown",
    "\x1b[A": "ArrowUp",
    # The pty walks continue with Ctrl+N; in a browser Continue is F10 (Ctrl+N is the
    # browser's new window), see fleet_tui.tui.browser_keys.
    "\x0e": "F10",
    "\x1b[20~": "F9",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class WebServer:
    """``fleet-tui serve-web`` on a free loopback port, folders under ``root``."""

    def __init__(self, root: Path, *args: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        env = {**os.environ, **environment(root)}
        env.pop("NO_COLOR", None)
        self.log_path = root / "server.log"
        self._log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "fleet_tui", "serve-web", "--port", str(self.port),
             "--lang", "en", *args],
            stdout=self._log, stderr=subprocess.STDOUT, env=env, start_new_session=True,
        )  # fmt: skip
        end = time.monotonic() + 30
        while time.monotonic() < end:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port)):
                return
            time.sleep(0.1)
        raise AssertionError(self.log_path.read_text())

    def wizards(self) -> list[int]:
        """The wizard processes running under the server (its descendants)."""
        children: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                with contextlib.suppress(OSError):
                    stat = (entry / "stat").read_text()
                    parent = int(stat.rsplit(")", 1)[1].split()[1])
                    children.setdefault(parent, []).append(int(entry.name))
        found: list[int] = []
        todo = [self.proc.pid]
        while todo:
            for child in children.get(todo.pop(), []):
                found.append(child)
                todo.append(child)
        return found

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self._log.close()


class BrowserTerminal(Terminal):
    """One browser page on the server; the screen is what its websocket carried."""

    def __init__(self, browser: Browser, url: str, *, width: int = 1100, height: int = 800) -> None:
        self.page: Page = browser.new_page(viewport={"width": width, "height": height})
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        self.output = bytearray()
        self.master = 0
        self._fresh = 0
        #: The text frames the page sent (textual-serve's ``["stdin", …]`` and the like).
        self.sent: list[str] = []
        self.page.on("websocket", self._attach)
        self.page.goto(url)

    def _attach(self, websocket: WebSocket) -> None:
        query = dict(part.split("=", 1) for part in websocket.url.split("?", 1)[1].split("&"))
        # A reload opens a new websocket: a new session, drawn on a clean screen.
        self.screen.reset()
        self.screen.resize(int(query["height"]), int(query["width"]))
        websocket.on("framereceived", self._frame)
        websocket.on("framesent", self._sent)

    def _sent(self, payload: Any) -> None:
        if isinstance(payload, str):
            self.sent.append(payload)

    def _frame(self, payload: Any) -> None:
        if isinstance(payload, bytes | bytearray):
            self.output += payload
            self.stream.feed(bytes(payload))
            self._fresh += len(payload)

    def pump(self, timeout: float) -> int:
        self.page.wait_for_timeout(max(1, int(timeout * 1000)))
        fresh, self._fresh = self._fresh, 0
        return fresh

    def send(self, keys: str) -> None:
        # Keys go to xterm.js's input, as after a person clicks into the page once.
        self.page.focus("textarea.xterm-helper-textarea")
        if keys in _KEYS:
            self.page.keyboard.press(_KEYS[keys])
        else:
            self.page.keyboard.type(keys)

    def press(self, *names: str) -> None:
        """Keys by Playwright's names (``F10``, ``Control+n``), as a person presses them."""
        self.page.focus("textarea.xterm-helper-textarea")
        for name in names:
            self.page.keyboard.press(name)
            self.settle(KEY_QUIET_S)

    def screenshot(self, path: Path) -> None:
        """The page as the browser draws it, for a failing test to leave behind."""
        with contextlib.suppress(Exception):
            self.page.screenshot(path=str(path))

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.page.close()


@contextlib.contextmanager
def chromium() -> Any:
    """A headless Chromium (one per test module: see ``conftest.py``)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
