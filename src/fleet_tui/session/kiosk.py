"""Kiosk mode's throw-away session: one private temporary folder for everything.

A kiosk is used by strangers one after the other. :class:`KioskSession` creates a
folder only the current user can enter (0700) holding the demo backend's store and
outbox, the drafts, a home for libraries that write under ``$HOME`` or the XDG folders,
and the only folder the file picker may show (``uploads/``, with a sample contract so
that the Invoice Split step has something to pick). :meth:`KioskSession.close` removes
it all; it runs on exit too (:mod:`atexit`) and when used as a context manager. A kiosk
killed outright (``kill -9``, a power cut) cannot clean up: the next kiosk removes the
folders whose owner process is gone (:func:`sweep_abandoned`).

:class:`IdleTimer` is the pure part of the idle wipe: the TUI touches it on every key
and asks whether it expired.
"""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Final

#: Seconds without a key press after which the order is wiped (SPEC issue 5).
IDLE_TIMEOUT_S: Final = 120.0
SAMPLE_CONTRACT: Final = "contrat-invoice-split-exemple.pdf"
PREFIX: Final = "fleet-tui-kiosk-"
#: The process that owns a session folder (its pid), for :func:`sweep_abandoned`.
OWNER_FILE: Final = "owner.pid"
_ENV_FOLDERS: Final = {
    "HOME": "home",
    "XDG_CONFIG_HOME": "home/.config",
    "XDG_DATA_HOME": "home/.local/share",
    "XDG_STATE_HOME": "home/.local/state",
    "XDG_CACHE_HOME": "home/.cache",
    "TMPDIR": "tmp",
}


class KioskSession:
    """A private temporary folder for one kiosk run, removed by :meth:`close`.

    ``parent`` is where the folder is created (default: the system's temporary folder).
    """

    def __init__(self, parent: Path | None = None) -> None:
        sweep_abandoned(parent)
        # mkdtemp creates the folder with mode 0700 under a name nobody can predict.
        self.root = Path(tempfile.mkdtemp(prefix=PREFIX, dir=parent))
        os.chmod(self.root, 0o700)
        (self.root / OWNER_FILE).write_text(owner_record(), encoding="ascii")
        self._closed = False
        self._saved_env: dict[str, str | None] | None = None
        for sub in ("demo", "drafts", "uploads", *_ENV_FOLDERS.values()):
            (self.root / sub).mkdir(mode=0o700, parents=True, exist_ok=True)
        write_sample_contract(self.uploads_dir / SAMPLE_CONTRACT)
        atexit.register(self.close)

    @property
    def data_dir(self) -> Path:
        """The demo backend's folder (its SQLite store and ``outbox/``)."""
        return self.root / "demo"

    @property
    def outbox_dir(self) -> Path:
        """Where the demo backend writes confirmation emails (inside :attr:`data_dir`)."""
        return self.data_dir / "outbox"

    @property
    def drafts_dir(self) -> Path:
        """The folder for :class:`fleet_tui.session.drafts.DraftStore`."""
        return self.root / "drafts"

    @property
    def uploads_dir(self) -> Path:
        """The file picker's root: it must not show anything outside this folder."""
        return self.root / "uploads"

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` ran (the folder is gone)."""
        return self._closed

    def environment(self) -> dict[str, str]:
        """``HOME``, the XDG folders and ``TMPDIR``, all inside the session folder."""
        return {name: str(self.root / sub) for name, sub in _ENV_FOLDERS.items()}

    def confine(self) -> None:
        """Point this process's ``HOME``, XDG folders and ``TMPDIR`` into the session
        folder, so that nothing a library writes lands outside it; :meth:`close`
        restores them."""
        if self._saved_env is None:
            self._saved_env = {name: os.environ.get(name) for name in _ENV_FOLDERS}
        os.environ.update(self.environment())
        tempfile.tempdir = None  # re-read TMPDIR

    def clear_drafts(self) -> None:
        """Remove every draft (the idle wipe and the reset key)."""
        for entry in self.drafts_dir.iterdir():
            _remove(entry)

    def close(self) -> None:
        """Remove the folder and everything in it; restore the environment. Idempotent."""
        if self._closed:
            return
        self._closed = True
        atexit.unregister(self.close)
        if self._saved_env is not None:
            _restore(self._saved_env)
            self._saved_env = None
            tempfile.tempdir = None
        _remove(self.root)

    def __enter__(self) -> KioskSession:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def sweep_abandoned(parent: Path | None = None) -> list[Path]:
    """Remove the session folders in ``parent`` (default: the system's temporary folder)
    left by kiosks that died without cleaning up; the folders removed.

    Judged abandoned, only: a real folder (not a link) of this user, whose owner record
    (:func:`owner_record`) names this machine and whose process is gone — or was started
    before a reboot, or is another process now wearing the same pid. A folder still being
    created (no record yet), another machine's or container's (another host name), or
    anything unreadable is left alone. Two kiosks sweeping at once do not trip over each
    other: a folder is first claimed by an atomic rename.
    """
    base = Path(parent) if parent is not None else Path(tempfile.gettempdir())
    removed: list[Path] = []
    for folder in base.glob(PREFIX + "*"):
        try:
            info = folder.lstat()
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            continue
        record = _read_owner(folder / OWNER_FILE)
        if record is None or not _abandoned(record):
            continue
        claimed = base / f".{PREFIX}sweep-{os.getpid()}-{folder.name}"
        try:
            folder.rename(claimed)  # only one sweeper wins
            _remove(claimed)
        except OSError:
            continue
        removed.append(folder)
    return removed


def owner_record(pid: int | None = None) -> str:
    """Who owns a session folder: host name, boot id, pid and the process's start time
    (``-`` where the system does not say)."""
    pid = os.getpid() if pid is None else pid
    return f"{socket.gethostname()} {_boot_id()} {pid} {_start_time(pid)}"


def _abandoned(record: str) -> bool:
    try:
        host, boot, pid_text, started = record.split()
        pid = int(pid_text)
    except ValueError:
        return False
    if host != socket.gethostname() or pid <= 0:
        return False  # another machine or container sharing the folder: not ours to judge
    if boot != _boot_id():
        return True  # the machine restarted since: its owner cannot be running
    if started != "-" and _start_time(pid) != started:
        return True  # gone, or the pid now belongs to another process
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # another user's process
        return False
    return False


def _read_owner(path: Path) -> str | None:
    # Not a link, not a pipe, not /dev/zero: a small regular file, or nothing.
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return os.read(fd, 512).decode("ascii", "replace")
    except OSError:
        return None
    finally:
        os.close(fd)


def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text("ascii").strip() or "-"
    except OSError:
        return "-"


def _start_time(pid: int) -> str:
    """Field 22 of ``/proc/<pid>/stat`` (clock ticks since boot); ``-`` without /proc."""
    try:
        line = Path(f"/proc/{pid}/stat").read_text("ascii", "replace")
    except OSError:
        return "-"
    fields = line.rsplit(")", 1)[-1].split()  # the command name may hold spaces
    return fields[19] if len(fields) > 19 else "-"


def _restore(saved: Mapping[str, str | None]) -> None:
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def _remove(path: Path) -> None:
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
        return
    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=_make_writable_and_retry)
    else:
        shutil.rmtree(path, onerror=_make_writable_and_retry)


def _make_writable_and_retry(function: Callable[[str], object], name: str, _error: object) -> None:
    # A read-only file or folder (chmod'ed by a test or a library) must go too.
    try:
        os.chmod(os.path.dirname(name), stat.S_IRWXU)
        if not os.path.islink(name) and os.path.isdir(name):
            os.chmod(name, stat.S_IRWXU)
        if function in (os.unlink, os.remove, os.rmdir):
            function(name)
    except FileNotFoundError:
        pass  # gone meanwhile


class IdleTimer:
    """Whether the kiosk has been left alone for ``timeout`` seconds.

    Pure logic over a monotonic ``clock`` (injectable for tests): :meth:`touch` on
    every key or mouse event, :meth:`expired` from a periodic timer.
    """

    def __init__(
        self, timeout: float = IDLE_TIMEOUT_S, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        self.timeout = timeout
        self._clock = clock
        self._last = clock()

    def touch(self) -> None:
        """Someone is using the kiosk: start counting again."""
        self._last = self._clock()

    def remaining(self) -> float:
        """Seconds left before the wipe (0 once expired)."""
        return max(0.0, self.timeout - (self._clock() - self._last))

    def expired(self) -> bool:
        """Whether ``timeout`` seconds passed since the last :meth:`touch`."""
        return self.remaining() <= 0.0


def write_sample_contract(path: Path) -> None:
    """Write a small, valid one-page PDF standing for a signed Invoice Split contract."""
    text = "Invoice Split - contrat signe (exemple kiosque)"
    content = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(out)
