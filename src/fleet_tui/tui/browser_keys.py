"""The wizard's keys in a browser (``fleet-tui serve-web``), where some are the browser's.

Chromium never hands a page Ctrl+N, Ctrl+T or Ctrl+W (new window, new tab, close tab;
nor their Shift forms, Ctrl+Tab or F11 in full screen), whatever the page does; Firefox
keeps the same. xterm.js cancels every other key it turns into terminal input — F5,
Ctrl+R, F12, Ctrl+S, Ctrl+O all reach the wizard while the terminal has the focus (the
browser tests check it) — yet F5 and Ctrl+R mean "reload" to the browser the moment the
focus is elsewhere, and a reload ends the kiosk session: the eSIM code on the
confirmation would be gone with it. So in a browser every key of ours that the browser
keeps or reloads with is replaced by one whose browser meaning is harmless (F10 at
worst focuses the menu; F4 and F8 do nothing); the terminal keys stay as they are.

The replacement is a Textual keymap (binding id → keys), applied by the application
when ``App.is_web`` says it runs under textual-serve's web driver: the key bar and the
F1 help list the active bindings, so they show the browser's keys by themselves.

| Binding id | Terminal | Browser |
|------------|----------|---------|
| ``continue``, ``review-continue`` | Ctrl+N | F10 |
| ``add-card`` (dashboard), ``new-order`` (confirmation) | Ctrl+N | F10 |
| ``another`` (confirmation: another like this) | Ctrl+R | F8 |
| ``show-qr`` (confirmation) | F5 | F4 |
| ``close-qr`` (QR view) | Esc, F5 | Esc, F4 |
"""

from __future__ import annotations

from typing import Final

#: Keys a browser keeps for itself, or reloads the page with (Textual's key names).
BROWSER_KEPT: Final = frozenset(
    {
        "ctrl+n",
        "ctrl+t",
        "ctrl+w",
        "ctrl+shift+n",
        "ctrl+shift+t",
        "ctrl+shift+w",
        "ctrl+tab",
        "ctrl+shift+tab",
        "f11",
        "f5",
        "ctrl+r",
    }
)

#: Binding id → its keys in a browser (a Textual keymap).
BROWSER_KEYMAP: Final[dict[str, str]] = {
    "continue": "f10",
    "review-continue": "f10",
    "add-card": "f10",
    "new-order": "f10",
    "another": "f8",
    "show-qr": "f4",
    "close-qr": "escape,f4",
}

#: Texts that name a replaced key → their browser wording (``web_tui`` namespace).
_BROWSER_TEXTS: Final[dict[str, str]] = {
    "safety.help.submit": "web_tui.help.submit",
    "safety.review.submit_hint": "web_tui.review.submit_hint",
}


def browser_text(key: str, is_web: bool) -> str:
    """The translation key to show for ``key``: its browser wording in a browser."""
    return _BROWSER_TEXTS.get(key, key) if is_web else key
