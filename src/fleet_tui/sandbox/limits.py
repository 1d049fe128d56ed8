"""What keeps one client from taking the sandbox from everyone else.

Each limit answers with a documented status instead of queueing or stalling: sign-in
failures per client address (429 with ``Retry-After``), uploads in flight (503 with
``Retry-After``), the uploads' disk use (507), and the time a request body may take to
arrive (408). Slow request headers are cut by :mod:`fleet_tui.sandbox.slow_clients`.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

#: Wrong sign-ins tolerated per client address within :data:`SIGN_IN_WINDOW_S`.
SIGN_IN_FAILURES: Final = 5
SIGN_IN_WINDOW_S: Final = 60.0
#: Seconds a request body may take to arrive in full (a real order arrives at once).
BODY_DEADLINE_S: Final = 10.0
#: Uploads parsed at once; more answer 503 rather than queue in memory.
UPLOADS_AT_ONCE: Final = 4
#: Disk the uploads folder may hold in all.
UPLOADS_MAX_BYTES: Final = 512 * 1024 * 1024
#: Parts and fields of a multipart upload: one file, a few form fields at most.
MULTIPART_MAX_FILES: Final = 1
MULTIPART_MAX_FIELDS: Final = 8
MULTIPART_MAX_PART_BYTES: Final = 16 * 1024


@dataclass(frozen=True)
class Limits:
    """The limits of one sandbox (tests shorten the deadlines)."""

    body_deadline_s: float = BODY_DEADLINE_S
    uploads_at_once: int = UPLOADS_AT_ONCE
    uploads_max_bytes: int = UPLOADS_MAX_BYTES
    sign_in_failures: int = SIGN_IN_FAILURES
    sign_in_window_s: float = SIGN_IN_WINDOW_S


@dataclass
class SignInThrottle:
    """Counts sign-in failures per client address in a sliding window."""

    failures: int = SIGN_IN_FAILURES
    window_s: float = SIGN_IN_WINDOW_S
    clock: Callable[[], float] = time.monotonic

    def __post_init__(self) -> None:
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, address: str, now: float) -> deque[float]:
        times = self._seen.setdefault(address, deque())
        while times and times[0] <= now - self.window_s:
            times.popleft()
        return times

    def wait_s(self, address: str) -> int:
        """Seconds before ``address`` may try again; 0 when it may now."""
        with self._lock:
            now = self.clock()
            times = self._recent(address, now)
            if len(times) < self.failures:
                if not times:
                    self._seen.pop(address, None)  # keep the table small
                return 0
            return max(1, math.ceil(times[0] + self.window_s - now))

    def failed(self, address: str) -> None:
        """Note one failed sign-in from ``address``."""
        with self._lock:
            now = self.clock()
            self._recent(address, now).append(now)


class Slots:
    """At most ``size`` holders at once; :meth:`take` says whether one was free."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._used = 0
        self._lock = threading.Lock()

    def take(self) -> bool:
        """Take a slot if one is free."""
        with self._lock:
            if self._used >= self.size:
                return False
            self._used += 1
            return True

    def give_back(self) -> None:
        """Free a slot taken with :meth:`take`."""
        with self._lock:
            self._used -= 1
