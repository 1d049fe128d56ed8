"""Which backend URLs would carry the bearer token (and the password) in clear."""

from __future__ import annotations

from urllib.parse import urlsplit

from fleet_tui.core.hosts import is_loopback


def insecure_url(url: str) -> bool:
    """Whether ``url`` is plain ``http://`` to a machine other than this one.

    Loopback (``127.0.0.0/8``, ``::1``, ``localhost``) never leaves the machine, so the
    sandbox can be reached over ``http://``; anything else would send the token to
    whoever can read the network.
    """
    parts = urlsplit(url.strip())
    if parts.scheme.lower() != "http":
        return False
    return not is_loopback(parts.hostname or "")
