"""Whether a host name or address stays on this machine."""

from __future__ import annotations

import ipaddress


def is_loopback(host: str) -> bool:
    """``localhost`` (RFC 6761: also ``*.localhost``), ``127.0.0.0/8`` or ``::1``.

    Used where loopback changes what is safe: plain ``http://`` to a backend (the token
    never leaves the machine), and servers bound beyond this machine (a warning)."""
    lowered = host.lower()
    if lowered in ("localhost", "localhost.") or lowered.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
