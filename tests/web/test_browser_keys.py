"""The wizard's keys in a real headless Chromium: Continue on F10 (Ctrl+N is the
browser's), shown in the key bar and the F1 help, and what xterm.js does with the keys
the wizard uses — sends them to the terminal and cancels the browser's default."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.pty_terminal import DOWN, sign_in
from tests.web.browser import UNAVAILABLE, BrowserTerminal, WebServer

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(UNAVAILABLE is not None, reason=UNAVAILABLE or ""),
]

#: Keys the wizard uses in a browser, and the bytes xterm.js sends for each.
WIZARD_KEYS = {
    "F4": "\x1bOS",
    "F8": "\x1b[19~",
    "F9": "\x1b[20~",
    "F10": "\x1b[21~",
    "F12": "\x1b[24~",
    "Control+s": "\x13",  # the browser's "save page"
    "Control+o": "\x0f",  # the browser's "open file"; the wizard's jump mode
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebServer]:
    running = WebServer(tmp_path_factory.mktemp("keys"))
    try:
        yield running
    finally:
        running.close()


@pytest.fixture
def terminal(server: WebServer, browser: Any, tmp_path: Path) -> Iterator[BrowserTerminal]:
    page = BrowserTerminal(browser, server.url)
    try:
        page.wait_for("Demo account", timeout=60)
        page.settle()
        yield page
    except BaseException:
        page.screenshot(tmp_path / "failure.png")
        raise
    finally:
        page.close()


def _key_bar(terminal: BrowserTerminal) -> str:
    return terminal.screen.display[-1]


def test_continue_is_f10_in_the_browser_and_the_key_bar_and_help_say_so(
    terminal: BrowserTerminal,
) -> None:
    sign_in(terminal)
    terminal.wait_for("Add a card to my fleet")
    terminal.settle()
    assert "f10 Add a card" in _key_bar(terminal), _key_bar(terminal)
    terminal.press("F10")
    terminal.wait_for("Transfer an existing number")
    terminal.settle()
    bar = _key_bar(terminal)
    assert "f10 Continue" in bar and "^n" not in bar, bar
    # A transfer from Proximus, prepaid: a step that Continue would leave.
    terminal.type(DOWN, "\r", "\t", DOWN, "\r", "\t", "\r")
    terminal.settle()
    # Ctrl+N, which a browser keeps for a new window, is no key of the wizard here.
    terminal.press("Control+n")
    terminal.settle(0.5)
    assert "Phone number to transfer" not in terminal.text()
    terminal.press("F1")
    terminal.wait_for("Keys")
    assert "F10  Continue" in terminal.text(), terminal.text()
    assert "Ctrl+N" not in terminal.text()
    terminal.press("Escape")
    terminal.settle()
    terminal.press("F10")
    terminal.wait_for("Phone number to transfer")


def test_xterm_sends_the_wizards_keys_and_cancels_what_the_browser_would_do(
    terminal: BrowserTerminal,
) -> None:
    # Every keydown as the page sees it first (capture phase), to read afterwards
    # whether xterm.js cancelled the browser's default action.
    terminal.page.evaluate(
        "() => { window.seen = [];"
        " window.addEventListener('keydown', e => window.seen.push(e), true); }"
    )
    names = [*WIZARD_KEYS, "F5", "Control+r", "F11"]
    before = len(terminal.sent)
    terminal.press(*names)
    seen = terminal.page.evaluate("() => window.seen.map(e => [e.key, e.defaultPrevented])")
    cancelled = {key: prevented for key, prevented in seen if key not in ("Control",)}
    assert all(cancelled[name.removeprefix("Control+")] for name in names), cancelled
    stdin = "".join(
        json.loads(frame)[1] for frame in terminal.sent[before:] if frame.startswith('["stdin"')
    )
    for name, sequence in WIZARD_KEYS.items():
        assert sequence in stdin, (name, stdin)
    # Nothing reloaded: still the same page and session, at the sign-in.
    assert "Demo account" in terminal.text()
