"""When to try a request again, and how long to wait first."""

from __future__ import annotations

import random
from dataclasses import dataclass

import httpx

#: Answers that mean "the backend or a proxy in front of it is struggling": try again.
RETRY_STATUSES = frozenset({502, 503, 504})

#: Transport failures worth another attempt. A bad URL or a request httpx cannot even
#: build (``UnsupportedProtocol``, ``LocalProtocolError``) would fail the same way again.
RETRY_EXCEPTIONS: tuple[type[Exception], ...] = (
    httpx.TimeoutException,
    httpx.NetworkError,
    httpx.RemoteProtocolError,
)


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential back-off with full jitter, for at most ``attempts`` tries in all.

    Full jitter (a uniform wait between 0 and the exponential cap) spreads the retries
    of many clients hit by the same outage, instead of bringing them back in step.
    """

    attempts: int = 5
    base_delay: float = 0.1
    max_delay: float = 2.0

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("attempts must be at least 1")
        if self.base_delay < 0 or self.max_delay < 0:
            raise ValueError("delays must not be negative")

    def delay(self, failures: int, rng: random.Random, retry_after: float | None = None) -> float:
        """Seconds to wait after the ``failures``-th failed attempt (1-based).

        A server's ``Retry-After`` raises the wait, but never beyond ``max_delay``.
        """
        cap = min(self.max_delay, self.base_delay * 2 ** (failures - 1))
        wait = rng.uniform(0.0, cap)
        if retry_after is not None:
            wait = max(wait, min(retry_after, self.max_delay))
        return wait


def retry_after_seconds(response: httpx.Response) -> float | None:
    """The ``Retry-After`` header in seconds, if it holds a number."""
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None  # an HTTP date: rare from our backends, and the jitter is enough
    return seconds if seconds >= 0 else None
