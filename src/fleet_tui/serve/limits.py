"""Rate limiting of failed sign-ins per source address (a sliding window)."""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import Callable


class FailureLimiter:
    """At most ``limit`` failures per address within ``window`` seconds; past that, the
    address is refused until its oldest failure leaves the window."""

    def __init__(
        self, limit: int = 10, window: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._failures: defaultdict[str, deque[float]] = defaultdict(deque)

    def _recent(self, address: str) -> deque[float]:
        failures = self._failures[address]
        horizon = self._clock() - self.window
        while failures and failures[0] < horizon:
            failures.popleft()
        if not failures:
            del self._failures[address]
            return deque()
        return failures

    def blocked(self, address: str) -> bool:
        """Whether ``address`` has used up its failures."""
        return len(self._recent(address)) >= self.limit

    def failed(self, address: str) -> None:
        """Count one failure for ``address``."""
        self._recent(address)
        self._failures[address].append(self._clock())
