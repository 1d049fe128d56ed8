"""One wizard process on its own pseudo-terminal, driven from an asyncio server.

The child is a session leader with the pty as its *controlling terminal*
(``setsid`` + ``TIOCSCTTY``): a window-size change set on the master then reaches it
as ``SIGWINCH``, and closing the master hangs it up (``SIGHUP``: the wizard saves its
draft and exits), exactly as with a terminal emulator or sshd.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import signal
import struct
import termios
from collections.abc import Callable, Mapping, Sequence

#: Seconds a hung-up child gets to save its draft before it is killed.
HANG_UP_GRACE_S = 5.0


def _controlling_terminal() -> None:  # runs in the child, between fork and exec
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def _set_size(fd: int, columns: int, lines: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))


class PtyChild:
    """``argv`` on a new pty of ``columns`` x ``lines``; its output goes to ``on_output``
    and ``on_exit`` is called once with the exit status when it is gone."""

    def __init__(
        self,
        argv: Sequence[str],
        env: Mapping[str, str],
        *,
        columns: int,
        lines: int,
        on_output: Callable[[bytes], None],
        pass_fds: Sequence[int] = (),
    ) -> None:
        self._argv = list(argv)
        self._env = dict(env)
        self._size = (max(columns, 1), max(lines, 1))
        self._on_output = on_output
        self._pass_fds = tuple(pass_fds)
        self._master = -1
        self._pending = bytearray()
        self._paused = False
        self.proc: asyncio.subprocess.Process | None = None

    @property
    def pid(self) -> int | None:
        """The child's process id (also its process group and session id)."""
        return self.proc.pid if self.proc is not None else None

    async def start(self) -> None:
        """Open the pty and start the child on it."""
        master, slave = os.openpty()
        try:
            _set_size(slave, *self._size)
            self.proc = await asyncio.create_subprocess_exec(
                *self._argv,
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=self._env,
                preexec_fn=_controlling_terminal,
                pass_fds=self._pass_fds,
                close_fds=True,
            )
        except BaseException:
            os.close(master)
            raise
        finally:
            os.close(slave)
        os.set_blocking(master, False)
        self._master = master
        asyncio.get_running_loop().add_reader(master, self._readable)

    def _readable(self) -> None:
        try:
            data = os.read(self._master, 65536)
        except BlockingIOError:
            return
        except OSError:  # EIO: every process on the slave side has gone
            data = b""
        if not data:
            self._stop_reading()
            return
        self._on_output(data)

    def _stop_reading(self) -> None:
        if self._master >= 0:
            loop = asyncio.get_running_loop()
            loop.remove_reader(self._master)
            loop.remove_writer(self._master)

    def pause(self) -> None:
        """Stop reading the child's output (the SSH client is not keeping up)."""
        if not self._paused and self._master >= 0:
            self._paused = True
            asyncio.get_running_loop().remove_reader(self._master)

    def resume(self) -> None:
        """Read the child's output again."""
        if self._paused and self._master >= 0:
            self._paused = False
            asyncio.get_running_loop().add_reader(self._master, self._readable)

    def write(self, data: bytes) -> None:
        """Type ``data`` into the child's terminal."""
        if self._master < 0:
            return
        self._pending += data
        self._flush()

    def _flush(self) -> None:
        loop = asyncio.get_running_loop()
        while self._pending:
            try:
                written = os.write(self._master, self._pending)
            except BlockingIOError:
                loop.add_writer(self._master, self._flush)
                return
            except OSError:
                self._pending.clear()
                return
            del self._pending[:written]
        loop.remove_writer(self._master)

    def resize(self, columns: int, lines: int) -> None:
        """New window size: the kernel tells the child with ``SIGWINCH``."""
        self._size = (max(columns, 1), max(lines, 1))
        if self._master >= 0:
            _set_size(self._master, *self._size)

    def signal(self, signum: int) -> None:
        """Send ``signum`` to the child's whole process group."""
        if self.proc is not None and self.proc.returncode is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.proc.pid, signum)

    async def wait(self) -> int:
        """The child's exit status (``-N`` for a signal)."""
        assert self.proc is not None
        return await self.proc.wait()

    async def hang_up(self, grace: float = HANG_UP_GRACE_S) -> int:
        """Hang the terminal up (the wizard saves its draft and exits); kill the
        process group if it is still there after ``grace`` seconds."""
        if self.proc is None:
            return 0
        self.signal(signal.SIGHUP)
        try:
            status = await asyncio.wait_for(self.proc.wait(), grace)
        except TimeoutError:
            self.signal(signal.SIGKILL)
            status = await self.proc.wait()
        self.close()
        return status

    def close(self) -> None:
        """Close the pty master (a hang-up for anything still on the slave side)."""
        if self._master >= 0:
            self._stop_reading()
            os.close(self._master)
            self._master = -1
