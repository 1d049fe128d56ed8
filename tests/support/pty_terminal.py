"""``fleet-tui`` in a real pseudo-terminal, its screen read with pyte, for the tests
that hang up on it or kill it, and for the benchmarks that time it through a terminal.

Everything the program could write to — ``HOME``, the XDG folders, ``TMPDIR`` — is
pointed into one test folder, so a test also sees what was left behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path
from typing import Any

import pyte

COLUMNS, LINES = 100, 32
DOWN = "\x1b[B"
CTRL_N = "\x0e"
CTRL_Q = "\x11"
#: F9: the review's submit key (no other screen uses it).
SUBMIT = "\x1b[20~"
#: Textual leaves the alternate screen when it restores the terminal.
LEAVE_ALT_SCREEN = b"\x1b[?1049l"
REFERENCE = re.compile(r"OBE-\d{10}-[A-Z]{4}")
#: After each key :meth:`Terminal.type` sends, how long the program must stay silent
#: before the next key: a person's pace, slower than the bursts of the type-ahead tests.
KEY_QUIET_S = 0.06
#: Silence that ends a frame's writes (Textual writes a frame at once; the pieces of
#: one read by :meth:`Terminal.pump` come microseconds apart).
FRAME_GAP_S = 0.03


def environment(root: Path) -> dict[str, str]:
    """``HOME``, the XDG folders and ``TMPDIR`` inside ``root`` (created)."""
    env = {"HOME": root / "home", "TMPDIR": root / "tmp"}
    for name in ("CONFIG", "DATA", "STATE", "CACHE"):
        env[f"XDG_{name}_HOME"] = root / name.lower()
    for folder in env.values():
        folder.mkdir(parents=True, exist_ok=True)
    return {name: str(folder) for name, folder in env.items()}


#: How :class:`Terminal` runs the program: what the ``fleet-tui`` script runs.
PROGRAM = ("-m", "fleet_tui")


class Terminal:
    """``python -m fleet_tui *args`` in a pty of 100x32 (or ``size``) with ``env`` added
    (``NO_COLOR`` only if ``env`` sets it); ``program`` replaces ``-m fleet_tui`` (a
    ``-c`` script that runs the command line with a part of the app changed)."""

    def __init__(
        self,
        args: list[str],
        env: dict[str, str],
        size: tuple[int, int] = (COLUMNS, LINES),
        program: tuple[str, ...] = PROGRAM,
    ) -> None:
        columns, lines = size
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        full_env = {**os.environ, "TERM": "xterm-256color"}
        full_env.pop("NO_COLOR", None)
        # A COLUMNS or LINES inherited from the runner's shell outranks the pty's real
        # size (Textual asks shutil.get_terminal_size, which reads them first): the
        # program would stay at that size through every resize. A terminal sets neither.
        full_env.pop("COLUMNS", None)
        full_env.pop("LINES", None)
        full_env.pop("FLEET_TUI_TOKEN", None)
        full_env.update(env)
        #: When the program was started (``time.monotonic``).
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            [sys.executable, *program, *args],
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
        #: Every byte the program wrote since the last :meth:`mark`.
        self.output = bytearray()

    def text(self) -> str:
        """The screen as text."""
        return "\n".join(self.screen.display)

    def pump(self, timeout: float) -> int:
        """Read what the program wrote within ``timeout`` seconds."""
        if self.master < 0:
            time.sleep(timeout)
            return 0
        readable, _, _ = select.select([self.master], [], [], timeout)
        if not readable:
            return 0
        try:
            data = os.read(self.master, 65536)
        except OSError:  # the program is gone
            return 0
        self.output += data
        self.stream.feed(data)
        return len(data)

    def wait_for(self, needle: str, timeout: float = 60.0) -> float:
        """Wait until ``needle`` is on screen, and the rest of the frame it came in;
        the seconds until the needle showed.

        A frame is larger than what the terminal passes in one read: the first part of
        a new screen could show the needle while the lines below it were still on their
        way, and a test reading the screen then saw half of it."""
        start = time.monotonic()
        while needle not in self.text():
            if time.monotonic() - start > timeout:
                raise AssertionError(f"{needle!r} not on screen:\n{self.text()}")
            self.pump(0.02)
        shown = time.monotonic() - start
        self.settle(FRAME_GAP_S)
        return shown

    def settle(self, quiet: float = 0.2, limit: float = 5.0) -> int:
        """Read until the program has been silent for ``quiet`` seconds; the bytes read."""
        got = 0
        start = last = time.monotonic()
        while time.monotonic() - last < quiet and time.monotonic() - start < limit:
            read = self.pump(0.02)
            if read:
                got += read
                last = time.monotonic()
        return got

    def send(self, keys: str) -> None:
        """Write ``keys`` at once, not waiting for the screen (type-ahead, timings).
        The one way keys reach the program: the SSH and browser terminals replace it."""
        os.write(self.master, keys.encode("utf-8"))

    def rss_kib(self) -> int:
        """The program's resident memory (``VmRSS``), in KiB."""
        with open(f"/proc/{self.proc.pid}/status") as status:
            return int(next(line.split()[1] for line in status if line.startswith("VmRSS:")))

    def type(self, *keys: str) -> None:
        """Send each of ``keys`` (text or an escape sequence), letting the screen settle
        after each, as a person typing would."""
        for key in keys:
            self.send(key)
            self.settle(KEY_QUIET_S)

    def resize(self, columns: int, lines: int) -> None:
        """Resize the terminal (the program gets SIGWINCH) and its emulated screen."""
        fcntl.ioctl(self.master, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        self.screen.resize(lines, columns)
        self.signal(signal.SIGWINCH)
        self.settle(0.3)

    def drop(self) -> None:
        """Close our end of the terminal, as sshd does when the connection drops (the
        program's writes then fail); :meth:`signal` SIGHUP to finish the job."""
        os.close(self.master)
        self.master = -1

    def signal(self, signum: int) -> None:
        """Send ``signum`` to the program."""
        self.proc.send_signal(signum)

    def wait_exit(self, timeout: float = 20.0) -> int:
        """Read until the program ends; its exit status."""
        end = time.monotonic() + timeout
        while self.proc.poll() is None:
            if time.monotonic() > end:
                raise AssertionError(f"still running:\n{self.text()}")
            self.pump(0.05)
        self.pump(0.05)
        return self.proc.returncode

    def close(self) -> None:
        """Stop the program if it still runs; close the terminal."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        if self.master >= 0:
            os.close(self.master)


#: The prepaid transfer typed by the pty tests and the pty order benchmark.
TYPED: dict[str, Any] = {
    "number": {
        "request": "transfer",
        "current_operator": "proximus",
        "card_type": "prepaid",
        "phone_number": "0470 12 34 56",
        "sim_card_number": "1150 1000 8475 7",
        "holder_name": "Jan Peeters",
    },
    "customer_number": "5.16142",
    "sim": {"format": "physical", "sim_number": "1150100084757"},
    "subscription": {"type": "mobile", "plan": "shape-start"},
    "options": {"mode": "select", "codes": []},
    "travel_data_control": 50,
    "surf_extra_card": False,
    "invoice_split": None,
}


def start(
    root: Path,
    *args: str,
    size: tuple[int, int] = (COLUMNS, LINES),
    program: tuple[str, ...] = PROGRAM,
) -> Terminal:
    """The wizard on a demo store under ``root``, in English, at its sign-in screen."""
    terminal = Terminal(
        ["--data-dir", str(root / "demo"), "--lang", "en", *args],
        environment(root),
        size,
        program,
    )
    terminal.wait_for("Demo account")
    terminal.settle()
    return terminal


def sign_in(terminal: Terminal) -> None:
    """The demo fleet manager's credentials, then Enter."""
    terminal.type("patricia", "\t", "demo", "\r")


def half_an_order(terminal: Terminal) -> None:
    """Sign in; dashboard → number step (transfer, Proximus, prepaid) → port-in details
    typed."""
    sign_in(terminal)
    terminal.wait_for("Add a card to my fleet")
    terminal.type(CTRL_N)
    terminal.wait_for("Transfer an existing number")
    terminal.type(DOWN, "\r", "\t", DOWN, "\r", "\t", "\r", CTRL_N)
    terminal.wait_for("Phone number to transfer")
    number = TYPED["number"]
    terminal.type(number["phone_number"], "\t", number["sim_card_number"], "\t")
    terminal.type(number["holder_name"])
    terminal.wait_for(number["holder_name"])


def to_invoice_split(terminal: Terminal) -> None:
    """From the port-in details to step 6 (Invoice Split): the new card typed."""
    terminal.type(CTRL_N)
    terminal.wait_for("Billing customer number")
    # Customer number (first), physical SIM (first), its number, Mobile, Shape Start.
    terminal.type("\r", "\t", "\r", "\t", TYPED["sim"]["sim_number"], "\t", "\r", "\t")
    terminal.type("\r", DOWN, "\r")
    terminal.wait_for("Shape Start")
    terminal.type(CTRL_N)
    terminal.wait_for("I want to activate Invoice Split")


def finish_order(terminal: Terminal) -> str:
    """From the port-in details to the confirmation: the new card, no Invoice Split,
    submitted with the review's submit key; the order's reference."""
    to_invoice_split(terminal)
    terminal.type(CTRL_N)
    terminal.wait_for("Submit the order")
    terminal.type(SUBMIT)
    terminal.wait_for("Order submitted")
    found = REFERENCE.search(terminal.text())
    assert found is not None, terminal.text()
    return found.group(0)
