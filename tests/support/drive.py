"""Driving the wizard as an operator would (keys, not setters). No pytest import here,
so that benchmarks can drive the app with the same steps as the tests."""

from __future__ import annotations

import time
from typing import Any

from textual import events
from textual.app import App
from textual.pilot import Pilot


def key_event(character: str) -> events.Key:
    """The key event for one typed character, as the terminal driver and
    ``App._press_keys`` make it: a name for the punctuation and the control keys
    ("full_stop", "space", "tab"; Enter for a carriage return), the character itself as
    ``character``."""
    from textual.keys import _character_to_key

    if character == "\r":
        return events.Key("enter", character)
    key = character if character.isalnum() else _character_to_key(character)
    return events.Key(key, character)


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type ``text`` into the focused control as a fast typist does: one key event per
    character, as ``Pilot.press`` sends them, but all at once, then wait for the app.

    ``Pilot.press`` waits twice for the app to look idle after every key (about 25 ms
    a key in these tests, most of it sleep). Text typed into one field needs no wait
    between its keys: the app takes them in order from its queue, as it does a burst
    from a terminal (a key held down, a quick typist; the key gate admits them, the
    screen being drawn). Keys that move the focus or change the screen (Tab, Enter,
    Ctrl+N) are pressed with ``Pilot.press``, which waits after each."""
    app = pilot.app
    for character in text:
        event = key_event(character)
        event.set_sender(app)
        app.post_message(event)
    # The first wait: the app has handed every key to the focused control; the
    # second: the control has handled them (and Pilot's idle wait, what follows).
    await pilot.pause()
    await pilot.pause()


async def sign_in(pilot: Pilot[None], username: str = "patricia", password: str = "demo") -> None:
    """Type the credentials and press Enter in the password field; wait for the worker."""
    app = pilot.app
    app.screen.query_one("#input-username").focus()
    await pilot.press(*username)
    app.screen.query_one("#input-password").focus()
    await pilot.press(*password, "enter")
    await keys_handled(pilot)
    await app.workers.wait_for_complete()
    await pilot.pause()


async def keys_handled(pilot: Pilot[None], timeout: float = 10.0) -> None:
    """Wait until the app's own queue is empty: every key posted to it handled.

    Pilot waits for the screen's widgets and for the process to look idle. It does not
    look at the app's queue, where a typed key waits its turn (``KeyOrder``), and on a
    loaded machine a process starved of CPU looks idle: the sign-in's Enter was still
    waiting when a test, beside CPU hogs, asked for the sign-in's worker (none yet)
    and read the sign-in screen."""
    app = pilot.app
    end = time.monotonic() + timeout
    await pilot.pause()
    while app.message_queue_size and time.monotonic() < end:
        await pilot.pause()


def screen_text(app: App[Any]) -> str:
    """What the terminal shows now, as text (one line per row)."""
    # The compositor's strips are exactly the cells sent to the terminal.
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


async def to_number_step(pilot: Pilot[None]) -> None:
    """Sign in and start a new order from the dashboard."""
    await sign_in(pilot)
    await pilot.press("ctrl+n")
    await pilot.pause()


async def choose(pilot: Pilot[None], radio_id: str, value: str) -> None:
    """Press the button ``value`` of RadioSet ``#radio_id`` as a user would (focus,
    arrows, Enter)."""
    from textual.widgets import RadioSet

    radio = pilot.app.screen.query_one(f"#{radio_id}", RadioSet)
    radio.focus()
    await pilot.pause()
    buttons = list(radio.query("RadioButton"))
    target = next(b for b in buttons if b.name == value)
    for _ in range(len(buttons) + 1):
        if target.has_class("-selected"):  # the highlighted button
            break
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()


async def transfer(pilot: Pilot[None], operator: str, card_type: str) -> None:
    """On the number step: choose a transfer from ``operator`` with ``card_type``."""
    await choose(pilot, "input-number_request", "transfer")
    await choose(pilot, "input-current_operator", operator)
    await choose(pilot, "input-card_type", card_type)
