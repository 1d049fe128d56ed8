"""Bearer tokens the sandbox hands out at sign-in, each valid for a limited time."""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from pydantic import SecretStr

from fleet_tui.clients.base import Session


def _digest(token: str) -> str:
    # Only digests are kept, so a dump of the server's memory holds no usable token.
    return hashlib.sha256(token.encode()).hexdigest()


class TokenStore:
    """Tokens in memory (the sandbox is one process): issue, look up, expire.

    Used from the event loop only, so it needs no lock. ``clock`` is monotonic
    seconds; tests may pass their own.
    """

    def __init__(self, ttl: float, clock: Callable[[], float] = time.monotonic) -> None:
        if ttl <= 0:
            raise ValueError("the token lifetime must be positive")
        self.ttl = ttl
        self._clock = clock
        self._sessions: dict[str, tuple[Session, float]] = {}

    def issue(self, session: Session) -> tuple[SecretStr, datetime]:
        """A fresh token for ``session`` and the moment it expires."""
        now = self._clock()
        self._sessions = {k: v for k, v in self._sessions.items() if v[1] > now}
        token = secrets.token_urlsafe(32)
        self._sessions[_digest(token)] = (session, now + self.ttl)
        return SecretStr(token), datetime.now(UTC) + timedelta(seconds=self.ttl)

    def admit(self, token: SecretStr, session: Session) -> None:
        """Accept ``token`` for ``session`` until the server stops (a token fixed by
        the operator of the sandbox, e.g. for ``FLEET_TUI_TOKEN`` in batch runs)."""
        self._sessions[_digest(token.get_secret_value())] = (session, float("inf"))

    def lookup(self, token: str) -> Session | None:
        """The session of a valid, unexpired ``token``."""
        found = self._sessions.get(_digest(token))
        if found is None or found[1] <= self._clock():
            return None
        return found[0]
