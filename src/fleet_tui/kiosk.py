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
        (self.root / OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")
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
        """The folder for :class:`fleet_tui.drafts.DraftStore`."""
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

    Only this user's folders are touched, and only those whose recorded owner process
    no longer exists: a running kiosk's folder, or one still being created (no owner
    recorded yet), is left alone. A reused pid keeps a folder until that process ends —
    the safe side of the doubt.
    """
    base = Path(parent) if parent is not None else Path(tempfile.gettempdir())
    removed: list[Path] = []
    for folder in base.glob(PREFIX + "*"):
        try:
            info = folder.lstat()
            pid = int((folder / OWNER_FILE).read_text(encoding="ascii"))
        except (OSError, ValueError):
            continue
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or _alive(pid):
            continue
        _remove(folder)
        removed.append(folder)
    return removed


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


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
    os.chmod(os.path.dirname(name), stat.S_IRWXU)
    if not os.path.islink(name) and os.path.isdir(name):
        os.chmod(name, stat.S_IRWXU)
    function(name)


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
