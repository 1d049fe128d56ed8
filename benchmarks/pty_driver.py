"""Drive a terminal program through a real pseudo-terminal and read its screen with pyte.

Used by the TUI benchmarks: what is measured is what an SSH user gets — bytes written to
the terminal and the time until a key press shows on screen.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Sequence

import pyte


class PtyApp:
    """A program running in a pty of ``columns`` × ``lines``, its screen emulated."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        columns: int = 100,
        lines: int = 32,
        env: dict[str, str] | None = None,
    ) -> None:
        self.columns, self.lines = columns, lines
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        full_env = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLUMNS": str(columns),
            "LINES": str(lines),
            **(env or {}),
        }
        full_env.pop("NO_COLOR", None)
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=full_env,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.master = master
        self.screen = pyte.Screen(columns, lines)
        self.stream = pyte.ByteStream(self.screen)
        self.total_bytes = 0

    def text(self) -> str:
        """The screen as text."""
        return "\n".join(self.screen.display)

    def pump(self, timeout: float) -> int:
        """Read what the program wrote within ``timeout`` seconds; return the byte count."""
        readable, _, _ = select.select([self.master], [], [], timeout)
        if not readable:
            return 0
        try:
            data = os.read(self.master, 65536)
        except OSError:
            return 0
        self.total_bytes += len(data)
        self.stream.feed(data)
        return len(data)

    def wait_for(self, needle: str, timeout: float = 20.0) -> float:
        """Wait until ``needle`` is on screen; return seconds since start of the wait."""
        start = time.perf_counter()
        while needle not in self.text():
            if time.perf_counter() - start > timeout:
                raise TimeoutError(f"{needle!r} not on screen:\n{self.text()}")
            self.pump(0.01)
        return time.perf_counter() - start

    def settle(self, quiet: float = 0.15, limit: float = 5.0) -> int:
        """Read until the program has been silent for ``quiet`` s; return bytes read."""
        got = 0
        start = last = time.perf_counter()
        while time.perf_counter() - last < quiet and time.perf_counter() - start < limit:
            n = self.pump(0.01)
            if n:
                got += n
                last = time.perf_counter()
        return got

    def send(self, keys: str | bytes) -> None:
        """Type ``keys`` (str as UTF-8)."""
        os.write(self.master, keys.encode() if isinstance(keys, str) else keys)

    def rss_kib(self) -> int:
        """Resident memory of the program in KiB."""
        with open(f"/proc/{self.proc.pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def close(self) -> None:
        """Stop the program."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        os.close(self.master)
