"""``fleet-tui serve-web`` in a real headless Chromium: the kiosk reached and used with
the keyboard, sessions kept apart, and no wizard left once its page is closed."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.pty_terminal import TYPED, finish_order, half_an_order, sign_in
from tests.web.browser import UNAVAILABLE, BrowserTerminal, WebServer

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(UNAVAILABLE is not None, reason=UNAVAILABLE or ""),
]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[WebServer]:
    running = WebServer(tmp_path)
    try:
        yield running
    finally:
        running.close()


def _screenshot_on_failure(terminal: BrowserTerminal, path: Path) -> None:
    terminal.page.screenshot(path=str(path))


def test_the_kiosk_signs_in_with_the_keyboard_and_reaches_the_dashboard(
    server: WebServer, browser: Any, tmp_path: Path
) -> None:
    terminal = BrowserTerminal(browser, server.url)
    try:
        terminal.wait_for("Demo account", timeout=60)
        terminal.wait_for("f12 Start over")  # a kiosk: F12 wipes the order
        terminal.settle()
        sign_in(terminal)
        terminal.wait_for("Add a card to my fleet")
    except AssertionError:
        _screenshot_on_failure(terminal, tmp_path / "failure.png")
        raise
    finally:
        terminal.close()


def test_two_browser_sessions_do_not_see_each_others_order(
    server: WebServer, browser: Any, tmp_path: Path
) -> None:
    first = BrowserTerminal(browser, server.url)
    second = BrowserTerminal(browser, server.url)
    try:
        first.wait_for("Demo account", timeout=60)
        first.settle()
        half_an_order(first)
        reference = finish_order(first)
        second.wait_for("Demo account", timeout=60)
        second.settle()
        sign_in(second)
        second.wait_for("Add a card to my fleet")
        second.settle(0.5)
        assert reference not in second.text()
        assert reference in first.text()
    except AssertionError:
        _screenshot_on_failure(first, tmp_path / "first.png")
        _screenshot_on_failure(second, tmp_path / "second.png")
        raise
    finally:
        first.close()
        second.close()


def test_closing_the_page_ends_its_wizard(server: WebServer, browser: Any) -> None:
    terminal = BrowserTerminal(browser, server.url)
    terminal.wait_for("Demo account", timeout=60)
    running = server.wizards()
    assert running, "no wizard process under the server"
    terminal.close()
    end = time.monotonic() + 20
    while server.wizards() and time.monotonic() < end:
        time.sleep(0.2)
    assert server.wizards() == []


def test_a_session_beyond_the_limit_gets_a_page_saying_so(tmp_path: Path, browser: Any) -> None:
    server = WebServer(tmp_path, "--max-sessions", "1")
    try:
        first = BrowserTerminal(browser, server.url)
        try:
            first.wait_for("Demo account", timeout=60)
            page = browser.new_page()
            try:
                response = page.goto(server.url)
                assert response is not None and response.status == 503
                assert "All 1 places are in use" in page.inner_text("#full")
            finally:
                page.close()
        finally:
            first.close()
    finally:
        server.close()


def test_a_reload_starts_a_fresh_kiosk_session_and_ends_the_previous_one(
    server: WebServer, browser: Any, tmp_path: Path
) -> None:
    terminal = BrowserTerminal(browser, server.url)
    try:
        terminal.wait_for("Demo account", timeout=60)
        terminal.settle()
        half_an_order(terminal)
        holder = TYPED["number"]["holder_name"]
        before = set(server.wizards())
        assert before
        terminal.page.reload()
        terminal.wait_for("Demo account", timeout=60)
        end = time.monotonic() + 20
        while before & set(server.wizards()) and time.monotonic() < end:
            time.sleep(0.2)
        assert not before & set(server.wizards()), "the previous session's wizard still runs"
        terminal.settle()
        sign_in(terminal)
        terminal.wait_for("Add a card to my fleet")
        terminal.settle(0.5)
        assert "Unfinished order" not in terminal.text()  # nothing to resume
        terminal.press("F10")
        terminal.wait_for("Transfer an existing number")
        terminal.settle()
        # The first step as new: neither kind of number chosen.
        assert "( ) Request a new number" in terminal.text()
        assert "( ) Transfer an existing number" in terminal.text()
        assert holder not in terminal.text()
    except AssertionError:
        _screenshot_on_failure(terminal, tmp_path / "failure.png")
        raise
    finally:
        terminal.close()
