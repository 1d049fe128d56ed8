"""Timers that do not keep their screen alive once it is gone.

A Textual timer is a task started in the context of whoever set it, and its sleep is an
asyncio timer handle that copies that context: Textual's "active message pump" — the
screen. Stopping the timer (Textual does when the screen closes) cancels the handle,
but asyncio keeps a cancelled handle, context and all, in its queue until its time
comes: the review (its estimate refreshed every 20 s) stayed in memory behind the
confirmation for up to 20 s, a QR screen for its whole code-display timeout.

:func:`screen_timer` starts the timer in the app's context instead (as
``FleetApp.show_screen`` switches screens), and hands each tick to the screen's own
message queue: the callback runs as before, in the screen's context.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen
from textual.timer import Timer


def screen_timer(
    screen: Screen[Any], delay: float, callback: Callable[[], object], *, repeat: bool = False
) -> Timer:
    """``screen.set_timer(delay, callback)`` (``set_interval`` if ``repeat``), stopped
    with the screen as usual, whose pending sleep does not hold the screen."""

    def tick() -> None:
        screen.call_next(callback)

    # App._context is what Textual's own message loop uses (there is no public way).
    with screen.app._context():
        if repeat:
            return screen.set_interval(delay, tick)
        return screen.set_timer(delay, tick)
