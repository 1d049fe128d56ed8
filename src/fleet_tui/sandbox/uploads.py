"""Signed Invoice Split contracts uploaded to the sandbox, named by their content."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import threading
from pathlib import Path

from fleet_tui.core.paths import private_folder
from fleet_tui.sandbox.limits import UPLOADS_MAX_BYTES

_REFERENCE = re.compile(r"^upload:([0-9a-f]{64})$")


class UploadsFull(OSError):
    """The uploads folder holds its maximum: nothing more is stored."""


class UploadStore:
    """Files in ``folder``, one per distinct content: ``<sha256>.<kind>``.

    Naming an upload by its SHA-256 makes uploading idempotent: a retried upload, or
    the same scan sent again for a retried order, yields the same reference, so the
    order document (and its idempotency check) does not change between attempts.
    Files are 0600 in a 0700 folder (mkstemp's mode), whatever the umask. At most
    ``max_bytes`` are kept in all. Blocking: call from a worker thread.
    """

    def __init__(self, folder: Path, max_bytes: int = UPLOADS_MAX_BYTES) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        self._lock = threading.Lock()

    def used_bytes(self) -> int:
        """What the stored uploads take on disk."""
        if not self.folder.is_dir():
            return 0
        return sum(entry.stat().st_size for entry in os.scandir(self.folder) if entry.is_file())

    def save(self, content: bytes, kind: str) -> tuple[str, bool]:
        """Store ``content``; return its ``upload:`` reference and whether it is new.

        Raises :class:`UploadsFull`.
        """
        digest = hashlib.sha256(content).hexdigest()
        target = self.folder / f"{digest}.{kind}"
        if target.exists():
            return f"upload:{digest}", False
        private_folder(self.folder, ours=True)
        with self._lock:
            # Checked and written under one lock: two uploads cannot both fit the last room.
            if self.used_bytes() + len(content) > self.max_bytes:
                raise UploadsFull(f"uploads hold {self.max_bytes} bytes at most")
            return self._write(digest, target, content)

    def _write(self, digest: str, target: Path, content: bytes) -> tuple[str, bool]:
        # Written aside then renamed, so a reader never sees half a file.
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".upload-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(content)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return f"upload:{digest}", True

    def exists(self, reference: str) -> bool:
        """Whether ``reference`` names a stored upload."""
        match = _REFERENCE.match(reference)
        if match is None:
            return False
        return any(self.folder.glob(f"{match.group(1)}.*"))
