"""Who is at the other end of an SSH session, and where their drafts live.

An operator is their SSH user name *and* the fingerprint of the key they signed in
with: drafts are kept per operator (a dropped connection resumes on that operator's
next login, never on another's) and every order they submit is recorded with it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from fleet_tui.core.submitter import Submitter

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


@dataclass(frozen=True)
class Operator:
    """An SSH session's identity: ``user`` and the key's ``SHA256:…`` fingerprint
    (``None`` in a kiosk, where nobody signs in)."""

    user: str
    fingerprint: str | None

    @property
    def label(self) -> str:
        """One line for logs and audit records: ``alice (SHA256:…)``."""
        shown = _UNSAFE.sub("?", self.user)[:64]
        return f"{shown} ({self.fingerprint})" if self.fingerprint else shown

    @property
    def submitter(self) -> Submitter:
        """Who submits this session's orders, as the backend records it."""
        return Submitter("ssh", self.user, self.fingerprint)

    def folder(self, root: Path) -> Path:
        """This operator's own folder under ``root`` (a readable prefix, then a digest
        of user and key, so no two operators share one and no name escapes ``root``)."""
        digest = hashlib.sha256(f"{self.user}\0{self.fingerprint}".encode()).hexdigest()[:16]
        prefix = _UNSAFE.sub("_", self.user)[:32] or "user"
        return root / f"{prefix}-{digest}"
