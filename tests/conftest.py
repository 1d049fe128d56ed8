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
"""

from __future__ import annotations

import pytest
from textual import _wait

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
