"""Below 80x24 every screen — steps, dialogs, the confirmation, the QR code — shows
one notice instead of a cropped layout, and keys do nothing but quit.

The app checks the size on every resize and every screen change
(:func:`fit_screens`); a screen too small for the layout gets the ``-too-small``
class and a :class:`TooSmallNotice` (mounted the first time), and the stylesheet hides
everything else. A cropped QR code would not scan, and a hidden form must not be typed
into: :func:`key_allowed` says which keys still act.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.content import Content
from textual.widgets import Static

from fleet_tui.core.i18n import Translator

#: The smallest terminal the layout is made for.
MIN_WIDTH, MIN_HEIGHT = 80, 24
#: What still works behind the notice: quitting (refused in a kiosk as everywhere).
KEYS_BEHIND_NOTICE = frozenset({"ctrl+q"})


class TooSmallNotice(Static):
    """ "Window too small: enlarge the terminal to at least 80×24 characters."""

    DEFAULT_CSS = """
    TooSmallNotice {
        display: none;
        width: 1fr;
        height: 1fr;
        content-align: center middle;
        text-align: center;
        text-style: bold;
        padding: 1 2;
        background: $background;
    }
    """

    def __init__(self, tr: Translator) -> None:
        super().__init__(Content(tr("tui.too_small", width=MIN_WIDTH, height=MIN_HEIGHT)))


def too_small(width: int, height: int) -> bool:
    """Whether a terminal of ``width`` x ``height`` is below the layout's minimum."""
    return width < MIN_WIDTH or height < MIN_HEIGHT


def fit_screens(app: App[Any], tr: Translator, width: int, height: int) -> None:
    """Mark every screen of the stack too small, or not, for a ``width`` x ``height``
    terminal; a too-small screen gets its notice (in ``tr``'s language) once mounted."""
    small = too_small(width, height)
    later = False
    for screen in app.screen_stack:
        screen.set_class(small, "-too-small")
        if small and not screen.query(TooSmallNotice):
            if screen.is_mounted:
                screen.mount(TooSmallNotice(tr))
            else:
                later = True  # a screen being built: once it is up
    if later:
        app.call_after_refresh(fit_screens, app, tr, width, height)


def key_allowed(app: App[Any], key: str) -> bool:
    """Whether ``key`` may act: any key when the window is big enough, else only the
    keys of :data:`KEYS_BEHIND_NOTICE`."""
    return not app.screen.has_class("-too-small") or key in KEYS_BEHIND_NOTICE
