"""Settings shared by every test tier: a faster idle poll for Textual's Pilot.

``Pilot.press`` waits twice per key, and ``Pilot.pause()`` once, in
``textual._wait.wait_for_idle``, which sleeps in steps of ``SLEEP_GRANULARITY``
(1/50 s) until one step used less than ``SLEEP_IDLE`` of CPU. So every key cost at
least 40 ms of sleep, while the app's own work per key is a few milliseconds: most
of the TUI tiers' time (tests/tui, tests/resilience) was spent in that sleep.

A finer step changes only how soon the heuristic notices the app is idle. The tests
do not rely on it for correctness: they wait for the real condition (Pilot's
``_wait_for_screen`` inside every press and pause, ``app.workers.wait_for_complete()``
for workers, explicit ``pause(seconds)`` where a timer must fire). Both globals are
read at call time, hence a monkeypatch per test rather than an edit of Textual.

Every test builds its own App, and Textual parses the whole stylesheet (our styles and
every widget's DEFAULT_CSS) for each App: about 45 ms per Pilot test, paid again by each
of the tiers' thousand-odd app tests, for the same text. The parse is a function of the
CSS text, where it was read from and the theme's variables only, so the tests share the
parsed rules between apps (``_shared_css_parse``); each app still applies them itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from textual import _wait
from textual.css.stylesheet import Stylesheet

#: Poll step of the idle heuristic (Textual's default: 1/50 s). Chosen by experiment:
#: 1/200 s made the longest flow test 2x faster, run after run. A finer step was no
#: faster and erratic: at 1/1000 s (idle below 50 us of CPU per step) the event loop's
#: own overhead often reads as "busy", and each such wait runs to its 1 s maximum;
#: at 1/5000 s every wait does.
PILOT_IDLE_STEP = 1 / 200


@pytest.fixture(autouse=True)
def _fast_pilot_idle_poll(monkeypatch: pytest.MonkeyPatch) -> None:
    """Poll for idleness every ``PILOT_IDLE_STEP`` instead of every 20 ms."""
    monkeypatch.setattr(_wait, "SLEEP_GRANULARITY", PILOT_IDLE_STEP)
    # Textual's ratio: idle means under 1/20 of the step spent on the CPU.
    monkeypatch.setattr(_wait, "SLEEP_IDLE", PILOT_IDLE_STEP / 20)


@pytest.fixture(autouse=True, scope="session")
def _shared_css_parse() -> Iterator[None]:
    """Parse each stylesheet source once per test process rather than once per App.

    Textual caches ``Stylesheet._parse_rules`` per Stylesheet (so per App, and cleared
    when the theme's variables change); this cache is the same, keyed the same way plus
    the variables, and shared by every App of the process. The rule sets are only read
    once parsed (matched and applied to nodes), as they already are by the copies of a
    stylesheet Textual makes itself."""
    original = Stylesheet._parse_rules
    parsed: dict[tuple[Any, ...], Any] = {}

    def parse_rules(
        self: Stylesheet,
        css: str,
        read_from: Any,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> Any:
        variables = tuple(sorted(self._variables.items()))
        key = (css, read_from, is_default_rules, tie_breaker, scope, variables)
        try:
            return parsed[key]
        except KeyError:
            rules = original(self, css, read_from, is_default_rules, tie_breaker, scope)
            parsed[key] = rules
            return rules

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Stylesheet, "_parse_rules", parse_rules)
        yield
