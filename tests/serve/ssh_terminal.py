"""The wizard behind ``fleet-tui serve-ssh``, reached with asyncssh as the client.

:class:`SshServer` runs the real server in a subprocess on a free loopback port;
:class:`SshTerminal` is an SSH session read through pyte, with the same methods as the
pty tests' :class:`~tests.support.pty_terminal.Terminal`, so their key sequences
(``half_an_order``, ``finish_order``) drive it unchanged.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

import asyncssh
import pyte

from tests.support.pty_terminal import Terminal, environment

T = TypeVar("T")
_LISTENING = re.compile(r"port (\d+)")


def make_key(path: Path) -> asyncssh.SSHKey:
    """A new Ed25519 client key, written to ``path`` (and its ``.pub``)."""
    key = asyncssh.generate_private_key("ssh-ed25519")
    key.write_private_key(str(path))
    key.write_public_key(str(path) + ".pub")
    return key


class SshServer:
    """``fleet-tui serve-ssh`` on ``127.0.0.1``, a free port, folders under ``root``."""

    def __init__(self, root: Path, *args: str, keys: tuple[asyncssh.SSHKey, ...] = ()) -> None:
        self.root = root
        self.log_path = root / "server.log"
        authorized = root / "authorized_keys"
        authorized.write_text(
            "".join(key.export_public_key().decode() for key in keys), encoding="utf-8"
        )
        command = [
            sys.executable, "-m", "fleet_tui", "serve-ssh",
            "--port", "0", "--host-key", str(root / "host_key"),
            "--data-dir", str(root / "demo"), "--lang", "en", *args,
        ]  # fmt: skip
        if "--kiosk" not in args:
            command += ["--authorized-keys", str(authorized)]
        self.env = {**os.environ, **environment(root)}
        self.env.pop("NO_COLOR", None)
        self._log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=self._log, env=self.env, start_new_session=True
        )
        assert self.proc.stdout is not None
        self.port = 0
        #: What the server printed up to its "listening" line (the host key's fingerprint).
        self.banner: list[str] = []
        end = time.monotonic() + 30
        while not self.port and time.monotonic() < end:
            line = self.proc.stdout.readline().decode()
            if not line and self.proc.poll() is not None:
                break
            self.banner.append(line.rstrip("\n"))
            found = _LISTENING.search(line) if "listening" in line else None
            if found:
                self.port = int(found.group(1))
        assert self.port, self.log()

    def log(self) -> str:
        """What the server logged so far."""
        self._log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wizard_pids(self) -> list[int]:
        """The pid of every wizard the server started (from its log)."""
        return [int(pid) for pid in re.findall(r"wizard pid (\d+)", self.log())]

    def stop(self, signum: int = signal.SIGTERM) -> int:
        """Stop the server; its exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(signum)
        try:
            return self.proc.wait(timeout=20)
        finally:
            self._log.close()

    def close(self) -> None:
        """Make sure the server (and anything in its process group) is gone."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        if not self._log.closed:
            self._log.close()


class SshTerminal(Terminal):
    """One SSH session with a pty of ``columns`` x ``lines``, read through pyte."""

    def __init__(
        self,
        port: int,
        *,
        username: str = "alice",
        key: asyncssh.SSHKey | None = None,
        columns: int = 100,
        lines: int = 32,
        term_type: str = "xterm-256color",
        **connect: Any,
    ) -> None:
        self.screen = pyte.Screen(columns, lines)
        self.stream = pyte.ByteStream(self.screen)
        self.output = bytearray()
        self.master = 0  # never read: pump reads the SSH channel
        self._inbox: queue.Queue[bytes | None] = queue.Queue()
        self.ended = False
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        options: dict[str, Any] = {
            "known_hosts": None,
            "agent_path": None,
            "client_keys": [key] if key is not None else [],
            "username": username,
            **connect,
        }
        self._term_type = term_type
        try:
            self._call(self._open(port, columns, lines, options))
        except BaseException:
            self._shutdown()
            raise

    def _call(self, coroutine: Coroutine[Any, Any, T], timeout: float = 30) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)

    async def _open(self, port: int, columns: int, lines: int, options: dict[str, Any]) -> None:
        self.conn = await asyncssh.connect("127.0.0.1", port, **options)
        self.process = await self.conn.create_process(
            term_type=self._term_type, term_size=(columns, lines), encoding=None
        )
        self._reader = asyncio.get_running_loop().create_task(self._read())

    async def _read(self) -> None:
        try:
            while data := await self.process.stdout.read(65536):
                self._inbox.put(data)
        finally:
            self._inbox.put(None)

    def pump(self, timeout: float) -> int:
        if self.ended:
            time.sleep(timeout)
            return 0
        try:
            data = self._inbox.get(timeout=timeout)
        except queue.Empty:
            return 0
        if data is None:
            self.ended = True
            return 0
        self.output += data
        self.stream.feed(data)
        return len(data)

    def send(self, keys: str) -> None:
        self._loop.call_soon_threadsafe(self.process.stdin.write, keys.encode("utf-8"))

    def resize(self, columns: int, lines: int) -> None:
        """The client's window changes size."""
        self.screen.resize(lines, columns)
        self._loop.call_soon_threadsafe(self.process.change_terminal_size, columns, lines)

    def wait_end(self, timeout: float = 20.0) -> int | None:
        """Read until the server ends the session; the exit status it sent."""
        end = time.monotonic() + timeout
        while not self.ended:
            if time.monotonic() > end:
                raise AssertionError(f"session still open:\n{self.text()}")
            self.pump(0.05)
        self._call(self.process.wait_closed())
        return self.process.exit_status

    def drop(self) -> None:
        """The network goes away: the connection ends without a goodbye."""
        self._loop.call_soon_threadsafe(self.conn.abort)
        self.ended = True

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._loop.call_soon_threadsafe(self.conn.close)
        self._shutdown()

    def _shutdown(self) -> None:
        time.sleep(0.1)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
