"""Signed Invoice Split contracts uploaded to the sandbox, named by their content."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

_REFERENCE = re.compile(r"^upload:([0-9a-f]{64})$")


class UploadStore:
    """Files in ``folder``, one per distinct content: ``<sha256>.<kind>``.

    Naming an upload by its SHA-256 makes uploading idempotent: a retried upload, or
    the same scan sent again for a retried order, yields the same reference, so the
    order document (and its idempotency check) does not change between attempts.
    Blocking: call from a worker thread.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def save(self, content: bytes, kind: str) -> tuple[str, bool]:
        """Store ``content``; return its ``upload:`` reference and whether it is new."""
        digest = hashlib.sha256(content).hexdigest()
        target = self.folder / f"{digest}.{kind}"
        if target.exists():
            return f"upload:{digest}", False
        self.folder.mkdir(parents=True, exist_ok=True)
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
