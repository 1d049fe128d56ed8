"""Which backend URLs would carry the bearer token (and the password) in clear."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


def _is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.") or host.lower().endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def insecure_url(url: str) -> bool:
    """Whether ``url`` is plain ``http://`` to a machine other than this one.

    Loopback (``127.0.0.0/8``, ``::1``, ``localhost``) never leaves the machine, so the
    sandbox can be reached over ``http://``; anything else would send the token to
    whoever can read the network.
    """
    parts = urlsplit(url.strip())
    if parts.scheme.lower() != "http":
        return False
    return not _is_loopback(parts.hostname or "")
