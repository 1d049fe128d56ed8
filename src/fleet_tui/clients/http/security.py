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


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be a backend's base URL (``None``: it can): ``http`` or
    ``https``, a host, a port within 1-65535. Never raises (``urlsplit`` does on
    ``http://[::1``, and ``.port`` on ``:99999``)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return "bad_url"
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return "bad_url"
    if port == 0:
        return "bad_url"
    return None
