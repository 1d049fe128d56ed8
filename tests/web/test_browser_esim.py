"""The eSIM QR code as Chromium draws it: a screenshot of the page (Playwright), decoded
dark on light only (tests/support/qr.py), in both drawings, reads back as the activation
code the demo backend stored."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser

from fleet_tui.core.draft import OrderDraft
from fleet_tui.session.drafts import DraftStore
from tests.support.orders import esim_sim, spec_order
from tests.support.pty_terminal import sign_in
from tests.support.qr import decode_image
from tests.web.browser import UNAVAILABLE, BrowserTerminal, WebServer

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(UNAVAILABLE is not None, reason=UNAVAILABLE or ""),
]


def _stored_code(data_dir: Path) -> str:
    from fleet_tui.clients.demo.backend import DemoBackend

    backend = DemoBackend(data_dir)
    try:
        stored = backend._store.recent(1)[0]
    finally:
        backend.close()
    assert stored.activation_code is not None
    return stored.activation_code


def _screenshot_reads(terminal: BrowserTerminal, drawing: str) -> list[str]:
    """The screenshot's QR codes once the view says it shows ``drawing``."""
    end = time.monotonic() + 10
    found: list[str] = []
    while time.monotonic() < end:
        terminal.settle(0.3)
        if f"Drawing: {drawing}" in terminal.text():
            image = Image.open(io.BytesIO(terminal.page.screenshot()))
            found = decode_image(image)
            if found:
                return found
    return found


def test_the_qr_code_in_a_browser_screenshot_reads_as_the_activation_code(
    tmp_path: Path, browser: Browser
) -> None:
    data_dir = tmp_path / "demo"
    # An eSIM order with its QR code asked for, resumed from a draft (a staffed counter
    # keeps drafts; a kiosk would not) at the Invoice Split step.
    draft = OrderDraft.from_document(spec_order(sim=esim_sim(language="en", send_qr=True)))
    drafts = tmp_path / "state" / "fleet-tui" / "drafts"
    store = DraftStore.for_client("demo", data_dir, folder=drafts)
    store.save(draft, "invoice_split")
    server = WebServer(tmp_path, "--no-kiosk", "--data-dir", str(data_dir))
    terminal = BrowserTerminal(browser, server.url)
    try:
        terminal.wait_for("Demo account", timeout=60)
        terminal.settle()
        sign_in(terminal)
        terminal.wait_for("Unfinished order")
        terminal.type("\r")
        terminal.wait_for("I want to activate Invoice Split")
        terminal.press("F10")
        terminal.wait_for("Submit the order")
        # The review names the browser's Continue key, which sends nothing there.
        assert "Enter, Space and F10 send nothing here" in terminal.text()
        terminal.press("F9")
        terminal.wait_for("Order submitted")
        code = _stored_code(data_dir)
        terminal.settle()
        bar = terminal.screen.display[-1]
        assert "f4 QR code" in bar and "f10 New order" in bar and "f8 Another" in bar, bar
        terminal.press("F4")  # the QR view: F5 in a terminal
        assert _screenshot_reads(terminal, "full blocks") == [code], terminal.text()
        terminal.press("F8")
        assert _screenshot_reads(terminal, "half blocks") == [code], terminal.text()
        terminal.press("F4")
        terminal.wait_for("Order submitted")
    except AssertionError:
        terminal.screenshot(tmp_path / "failure.png")
        raise
    finally:
        terminal.close()
        server.close()
