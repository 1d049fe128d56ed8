"""Orders in progress saved to disk, so that a dropped SSH session loses nothing.

:class:`DraftStore` keeps one draft file per client and data folder in the user's state
folder, written atomically (:func:`fleet_tui.core.atomic.write_atomic`, mode 0600, in a
0700 folder) as JSON with a format version, the step the operator was on and when it
was saved. A file that cannot be read back (damaged, from a newer version) is moved
aside as ``*.corrupt`` and ignored: a bad draft never stops the program from starting.

:class:`DebouncedSaver` is what the TUI calls on every change. It copies the draft (a
few tens of microseconds) and returns; a background thread writes the latest copy at
most every ``delay`` seconds, so the last change reaches the disk within ``delay``
(0.5 s) — a ``kill -9`` loses at most that. :meth:`DebouncedSaver.flush` writes what is
pending at once, for SIGHUP, SIGTERM and normal exit.

No secrets are ever in a draft: :class:`OrderDraft` holds order answers only; the
password and token live in :class:`fleet_tui.clients.base.Credentials`, never here.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import os
import re
import stat
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from pydantic import ValidationError

from fleet_tui.core import paths
from fleet_tui.core.atomic import TEMP_SUFFIX, sync_folder, write_atomic
from fleet_tui.core.draft import OrderDraft

FORMAT: Final = "fleet-tui-draft"
#: Bump when the file layout changes; older programs then set newer files aside.
VERSION: Final = 1
#: Larger files are not drafts (a draft is a few hundred bytes; even a 1 MB paste kept
#: in a field while it shows its error stays far below this).
MAX_BYTES: Final = 8 * 1024 * 1024
CORRUPT_SUFFIX: Final = ".corrupt"
_STEP = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")


def default_folder() -> Path:
    """Where drafts live: ``<user state dir>/fleet-tui/drafts``."""
    return paths.state_dir() / "drafts"


def draft_name(client: str, data_dir: Path | None = None, api_url: str | None = None) -> str:
    """The file name of the draft for one backend: ``draft-<hash>.json``.

    Two clients, or one client on two data folders or servers, never share a draft:
    an order started against the demo store must not be resumed against production.
    """
    where = str(data_dir.expanduser().resolve()) if data_dir is not None else ""
    key = json.dumps([client, where, api_url or ""], ensure_ascii=False)
    return f"draft-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:16]}.json"


@dataclass(frozen=True)
class SavedDraft:
    """A draft read back from disk: the answers, the step to resume at, and when."""

    draft: OrderDraft
    step: str
    saved_at: datetime


class DraftStore:
    """One draft file in ``folder`` (see :func:`draft_name`).

    Every method may be called from any thread; writes are serialised.
    """

    def __init__(self, folder: Path | None = None, name: str = "draft.json") -> None:
        self.folder = Path(folder) if folder is not None else default_folder()
        self.path = self.folder / name
        #: Where the last :meth:`load` moved a damaged draft, if it did (for a notice).
        self.set_aside: Path | None = None
        self._lock = threading.RLock()

    @classmethod
    def for_client(
        cls,
        client: str,
        data_dir: Path | None = None,
        api_url: str | None = None,
        folder: Path | None = None,
    ) -> DraftStore:
        """The store of the draft for one backend, in ``folder`` (default: user state)."""
        return cls(folder, draft_name(client, data_dir, api_url))

    def save(self, draft: OrderDraft, step: str, saved_at: datetime | None = None) -> None:
        """Write ``draft`` and the ``step`` it is at, replacing the previous one.

        Raises :class:`OSError` (disk full, read-only folder) and :class:`ValueError`
        for a step name that is not a step identifier.
        """
        if not _STEP.match(step):
            raise ValueError(f"not a step identifier: {step!r}")
        when = saved_at or datetime.now(UTC)
        payload = {
            "format": FORMAT,
            "version": VERSION,
            "step": step,
            "saved_at": when.astimezone(UTC).isoformat(),
            "draft": draft.model_dump(mode="json"),
        }
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        with self._lock:
            self._make_folder()
            write_atomic(self.path, data, mode=0o600)

    def load(self) -> SavedDraft | None:
        """The saved draft, or ``None`` when there is none or it cannot be used.

        A file that is damaged, of an unknown version, too large or not a regular file
        is renamed to ``<name>.corrupt`` (see :attr:`set_aside`) and ``None`` returned.
        Never raises for a bad file; an unreadable folder gives ``None`` too.
        """
        with self._lock:
            self.set_aside = None
            self._remove_stale_temporaries()
            try:
                raw = self._read()
            except FileNotFoundError:
                return None
            except _Unusable:
                self._move_aside()
                return None
            except OSError:
                return None
            saved = _parse(raw)
            if saved is None:
                self._move_aside()
            return saved

    def discard(self) -> None:
        """Remove the draft (after its order was submitted, or when the operator drops it)."""
        with self._lock:
            try:
                self.path.unlink()
            except FileNotFoundError:
                return
            sync_folder(self.folder)

    def _make_folder(self) -> None:
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        # An older or hand-made folder may be wider open; drafts hold personal data.
        if stat.S_IMODE(self.folder.stat().st_mode) != 0o700:
            self.folder.chmod(0o700)

    def _read(self) -> bytes:
        # O_NOFOLLOW: a symlink planted in place of the draft is refused, not followed.
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            fd = os.open(self.path, flags)
        except FileNotFoundError:
            raise
        except OSError as exc:
            if self.path.is_symlink():
                raise _Unusable from exc
            raise
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
                raise _Unusable
            return handle.read(MAX_BYTES + 1)

    def _move_aside(self) -> None:
        target = self.path.with_name(self.path.name + CORRUPT_SUFFIX)
        try:
            os.replace(self.path, target)
        except OSError:
            # Cannot rename (read-only folder): leave it; it is ignored all the same.
            return
        self.set_aside = target

    def _remove_stale_temporaries(self) -> None:
        # A crash between creating the temporary file and renaming it leaves one behind.
        prefix = f".{self.path.name}."
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith(prefix) and entry.name.endswith(TEMP_SUFFIX):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


class _Unusable(Exception):
    """The draft file exists but is not something to parse."""


def _parse(raw: bytes) -> SavedDraft | None:
    if len(raw) > MAX_BYTES:
        return None
    try:
        data: Any = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    if data.get("format") != FORMAT or data.get("version") != VERSION:
        return None
    step = data.get("step")
    stamp = data.get("saved_at")
    if not isinstance(step, str) or not _STEP.match(step) or not isinstance(stamp, str):
        return None
    try:
        saved_at = datetime.fromisoformat(stamp)
        draft = OrderDraft.model_validate(data.get("draft"))
    except (ValueError, ValidationError):
        return None
    if saved_at.tzinfo is None:
        return None
    return SavedDraft(draft, step, saved_at)


class DebouncedSaver:
    """Saves the latest draft at most every ``delay`` seconds, off the caller's thread.

    ``changed`` costs a deep copy of the draft and returns; the copy is written by a
    daemon thread ``delay`` seconds after the first change of a burst, so the last
    change is on disk at most ``delay`` seconds after it was made. Writes never go
    back in time: an older copy is never written over a newer one.

    ``on_error`` is called (from the writing thread) with the :class:`OSError` of a
    failed write; the next change tries again. ``flush`` is also registered with
    :mod:`atexit` until :meth:`close`.
    """

    def __init__(
        self,
        store: DraftStore,
        delay: float = 0.5,
        on_error: Callable[[OSError], None] | None = None,
    ) -> None:
        self.store = store
        self.delay = delay
        self.on_error = on_error
        #: The last write failure, if the last write failed.
        self.last_error: OSError | None = None
        # Re-entrant: flush() may run from a signal handler that interrupted changed().
        self._state = threading.Condition(threading.RLock())
        self._write_lock = threading.RLock()
        self._pending: tuple[int, OrderDraft, str] | None = None
        self._due: float | None = None
        self._counter = 0
        self._written = 0
        self._closed = False
        self._thread: threading.Thread | None = None
        atexit.register(self.flush)

    def changed(self, draft: OrderDraft, step: str) -> None:
        """Note that ``draft`` (now at ``step``) changed; it is saved shortly.

        Raises :class:`ValueError` for a step name that is not a step identifier.
        """
        if not _STEP.match(step):
            raise ValueError(f"not a step identifier: {step!r}")
        snapshot = draft.model_copy(deep=True)
        with self._state:
            if self._closed:
                return
            self._counter += 1
            self._pending = (self._counter, snapshot, step)
            if self._due is None:
                self._due = time.monotonic() + self.delay
                self._start()
                self._state.notify()

    def flush(self) -> None:
        """Write the pending change now, in the caller's thread (SIGHUP, SIGTERM, exit).

        Returns once the latest change is on disk, whichever thread wrote it.
        """
        with self._state:
            item = self._take()
        if item is not None:
            self._write(item)
        else:
            # The writer thread may hold the latest copy: wait for it to finish.
            with self._write_lock:
                pass

    def discard(self) -> None:
        """Drop what is pending and remove the draft (the order was submitted)."""
        with self._state:
            self._take()
            latest = self._counter
        with self._write_lock:
            self._written = max(self._written, latest)
            self.store.discard()

    def close(self) -> None:
        """Flush, stop the writer thread and forget the :mod:`atexit` hook."""
        self.flush()
        with self._state:
            self._closed = True
            self._state.notify_all()
        if self._thread is not None:
            self._thread.join()
        atexit.unregister(self.flush)

    def _take(self) -> tuple[int, OrderDraft, str] | None:
        item, self._pending, self._due = self._pending, None, None
        return item

    def _start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="draft-saver", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            with self._state:
                while not self._closed:
                    if self._due is not None:
                        wait = self._due - time.monotonic()
                        if wait <= 0:
                            break
                        self._state.wait(wait)
                    else:
                        self._state.wait()
                if self._closed:
                    return
                item = self._take()
            if item is not None:
                self._write(item)

    def _write(self, item: tuple[int, OrderDraft, str]) -> None:
        number, draft, step = item
        with self._write_lock:
            if number <= self._written:
                return
            try:
                self.store.save(draft, step)
            except OSError as exc:
                self.last_error = exc
                with self._state:
                    # Keep it for flush() to retry unless a newer change replaced it.
                    if self._pending is None:
                        self._pending = item
                if self.on_error is not None:
                    self.on_error(exc)
                return
            self.last_error = None
            self._written = number
