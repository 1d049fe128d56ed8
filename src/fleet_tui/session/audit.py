"""Tell the server that started this wizard (``serve-ssh``) what it submitted.

``FLEET_TUI_AUDIT_FD`` names a pipe the server reads; one ASCII line per submitted
order (``submitted <reference>``) lets it log the order with the operator's identity.
Nothing is written without it, and never anything but the reference.
"""

from __future__ import annotations

import contextlib
import os

AUDIT_FD = "FLEET_TUI_AUDIT_FD"
OPERATOR = "FLEET_TUI_OPERATOR"


def operator() -> str | None:
    """The operator's identity given by the server (``alice (SHA256:…)``), if any."""
    return os.environ.get(OPERATOR) or None


def submitted(reference: str) -> None:
    """Report one submitted order to the server, if one is listening."""
    raw = os.environ.get(AUDIT_FD)
    if not raw or not raw.isdigit():
        return
    with contextlib.suppress(OSError):
        os.write(int(raw), f"submitted {reference}\n".encode("ascii", "replace"))
