"""Write a private file so that a crash leaves either the old content or the new one.

A reader (or a resumed session after ``kill -9`` or a power cut) never sees half a
file: the bytes go to a fresh temporary file in the same folder, are flushed to the
disk, and the temporary file is renamed over the target, which is atomic on POSIX.
The folder itself is then synced so that the rename survives a crash too.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import Final

#: Suffix of the temporary files; a crash between create and rename leaves one behind.
TEMP_SUFFIX: Final = ".tmp"


def write_atomic(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data``, atomically and durably, readable only by ``mode``.

    The folder must exist. Raises :class:`OSError`.
    """
    temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}{TEMP_SUFFIX}")
    # O_EXCL: never write through a file (or link) someone else put there; the mode is
    # applied at creation, so the content is never readable by others, not even briefly.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(temp, flags, mode)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Make renames and deletions in ``folder`` durable (a no-op where unsupported)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        # Some file systems refuse fsync on a folder; the rename itself already happened.
        pass
    finally:
        os.close(fd)
