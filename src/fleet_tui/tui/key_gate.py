"""Input meant for one screen never acts on the next.

A fast operator types ahead: Enter twice on Continue, Ctrl+N twice, a key held down.
The second key arrives while the next screen is being built, and Textual would hand it
to whatever has the focus there — a screen the operator has not seen. The gate closes on
every screen change (switch, push, pop: Textual's ``screen_change_signal``) and opens
again as soon as the new screen's first frame has been written to the terminal (the
app reports each frame, :meth:`KeyGate.frame_written`; ``call_after_refresh`` is the
fallback should no frame be written). Keys, pastes and clicks received while it is
closed, or created before that frame, are dropped, not replayed.
"""

from __future__ import annotations

import asyncio
import contextlib
import weakref
from collections import deque
from typing import Any

from textual import events
from textual._time import get_time  # the clock Textual stamps every event with
from textual.app import App
from textual.screen import Screen

#: What the operator sends: keys, pastes and mouse clicks. The gate stops them, and they
#: act in the order they were read (:class:`KeyOrder`): a password pasted after Tab goes
#: to the field the Tab moved to, a click on Continue after a number acts once the
#: number is in. Mouse moves and scrolling change nothing, so they pass.
Operated = events.Key | events.Paste | events.MouseDown | events.MouseUp | events.Click


def event_clock() -> float:
    """Now, on the clock Textual stamps every event with."""
    return get_time()


class KeyGate:
    """Admits input only for a screen that is on the terminal (see the module)."""

    def __init__(self) -> None:
        self._app: App[Any] | None = None
        #: The screen whose first frame has been drawn, and when.
        self._drawn: Screen[Any] | None = None
        self._since = 0.0
        #: How many events were dropped (for tests and the curious).
        self.dropped = 0

    def attach(self, app: App[Any]) -> None:
        """Follow ``app``'s screen changes (call from ``on_mount``, before the first
        screen is pushed)."""
        self._app = app
        app.screen_change_signal.subscribe(app, self._screen_changed, immediate=True)

    def _screen_changed(self, screen: Screen[Any]) -> None:
        self._drawn = None
        screen.call_after_refresh(self._screen_drawn, screen)

    def _screen_drawn(self, screen: Screen[Any], since: float | None = None) -> None:
        if self._app is not None and self._app.screen is screen and self._drawn is None:
            self._drawn = screen
            self._since = get_time() if since is None else since

    def frame_written(self, screen: Screen[Any], handed_over: float) -> None:
        """A frame of ``screen``, handed to the terminal at ``handed_over`` (Textual's
        clock, read before the write), has been written: the operator can see it, and
        keys read since then are aimed at it."""
        self._screen_drawn(screen, handed_over)

    @property
    def is_open(self) -> bool:
        """Whether the current screen has been drawn since it became current."""
        return self._app is None or self._app.screen is self._drawn

    def admits(self, event: Operated) -> bool:
        """Whether ``event`` may act on the current screen (counts what it drops).

        A key the focused control does not use comes back to the app (its bindings
        are checked there): by then a Continue typed before it may have switched the
        screen, and the key belongs to the screen it was admitted for, not to this one.
        """
        screen = self._app.screen if self._app is not None else None
        if event.is_forwarded:
            mark: weakref.ref[Screen[Any]] | None = getattr(event, "_fleet_screen", None)
            admitted_for = screen if mark is None else mark()
            if admitted_for is screen:
                return True
        elif self.is_open and event.time >= self._since:
            # Weakly: the input thread holds on to the last event it parsed (until the
            # next key), and a strong mark kept the screen left behind alive with it.
            event._fleet_screen = None if screen is None else weakref.ref(screen)  # type: ignore[union-attr]
            return True
        self.dropped += 1
        return False

    def still_on(self, screen: Screen[Any]) -> bool:
        """Whether ``screen``, for which an event was admitted, is still the current
        one after the event waited (:func:`taken_in`); a worker's message may have
        switched screens meanwhile (the sign-in's, the submission's). Counts a drop."""
        if self._app is None or self._app.screen is screen:
            return True
        self.dropped += 1
        return False


#: Longest a key waits for the screen to take in the keys before it: a screen kept busy
#: (a spinner's timer, a long handler) must not make the keyboard sluggish.
LONGEST_WAIT_S = 0.25
#: How long Tab waits for the screen's layout (one frame, unless the app is stalled).
FOCUS_WAIT_S = 1.0
#: Turns of the event loop in a row with every queue of the screen empty that count as
#: "taken in" (a message handled in one widget is posted to the next one within a turn).
QUIET_TURNS = 3


async def taken_in(screen: Screen[Any]) -> None:
    """Wait until ``screen`` has handled what the keys before the next one caused.

    Type-ahead within a step: a choice's answer travels to the screen as a message, and
    the fields it brings in are shown when the screen handles it. A Tab typed in the same
    burst was handled by Textual before that, and went past the new fields (to Back, and
    the Enter after it left the step). Each key now waits, in the app's own queue (so the
    keys after it wait too, in order), until every widget of the screen has an empty
    queue and the screen has been laid out again — Textual orders the focus by position
    on screen, and fields just shown have none until then — or until
    :data:`LONGEST_WAIT_S` has gone by.
    """
    deadline = get_time() + LONGEST_WAIT_S
    quiet = 0
    waited = False
    while quiet < QUIET_TURNS and get_time() < deadline:
        busy = screen.message_queue_size > 0 or any(
            node.message_queue_size > 0 for node in screen.walk_children(with_self=False)
        )
        if busy:
            quiet, waited = 0, True
        else:
            quiet += 1
        await asyncio.sleep(0)
    if not waited:
        return  # nothing was left to handle: no layout is owed either (a key at a time)
    await laid_out(screen, deadline - get_time())


async def laid_out(screen: Screen[Any], timeout: float) -> None:
    """Wait until ``screen`` has been refreshed (at most ``timeout`` seconds): every
    widget shown before the call then has its place on screen, and the focus order
    (Textual's, by position) includes it."""
    refreshed: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def done() -> None:
        if not refreshed.done():
            refreshed.set_result(None)

    screen.call_after_refresh(done)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(refreshed, max(0.0, timeout))


class KeyOrder:
    """One key at a time, so that each is sent where the keys before it left the focus.

    Textual handles a key in two passes: the app sends it to the focused widget, and a
    key the widget does not use comes back to the app, behind the keys typed after it,
    which runs its binding (Tab, Enter on a list, Continue) then. Typed in one burst,
    every key was sent to the widget focused before the first binding ran: on step 5,
    "Enter Tab Enter Tab 1150…" sent the SIM number's digits to the customer number
    list, which dropped them. A key now waits while the one before it is on its way back
    (it is posted again, behind it); see :meth:`ready`.

    Keys are sent on in the order they were read, whatever order the app's queue holds
    them in: a key posted again goes to the back of the queue, behind any key read from
    the terminal meanwhile. On a slow machine, the Tab typed after a SIM number was read
    while the digits were being posted again, went ahead of most of them and moved the
    focus on; the digits went to the next field. Pastes and clicks (:data:`Operated`)
    take their place in the same line.
    """

    def __init__(self) -> None:
        self._in_flight: Operated | None = None
        self._returning = False
        #: Keys read from the terminal and not sent on yet, oldest first.
        self._unsent: deque[Operated] = deque()

    def posted(self, message: object) -> None:
        """The app was posted ``message`` (call from ``App.post_message``)."""
        if message is self._in_flight:
            self._returning = True

    def ready(self, app: App[Any], event: Operated) -> bool:
        """Whether ``event`` may be handled now; ``False``: it was posted again, for a
        key read before it is still to be sent on, or is coming back to the app.

        Call once the screen has taken in the keys before it (:func:`taken_in`): the
        key in flight has then been used in its widget or is on its way back."""
        if event.is_forwarded:
            return True
        if not any(key is event for key in self._unsent):
            self._unsent.append(event)  # just read from the terminal: its place in line
        returning = self._in_flight is not None and self._returning
        if returning or self._unsent[0] is not event:
            app.post_message(event)
            return False
        self._unsent.popleft()
        self._in_flight, self._returning = event, False
        return True

    def forget(self, event: Operated) -> None:
        """``event`` was dropped before it was sent on (typed for a screen gone since):
        the keys behind it no longer wait for it."""
        self._unsent = deque(key for key in self._unsent if key is not event)

    def handled(self, event: Operated) -> None:
        """``event`` came back and its binding has run."""
        if event is self._in_flight:
            self._in_flight = None
