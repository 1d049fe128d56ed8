"""The signed Invoice Split contract in a browser: the scans in the booth's folder
(``serve-web --uploads-dir``) offered as choices, nothing else of the server's disk; and
without that folder, the step says the contract is handed in at the desk."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from fleet_tui.session.drafts import DraftStore
from fleet_tui.session.kiosk import write_sample_contract
from tests.support.orders import as_draft, plain_order
from tests.support.pty_terminal import sign_in
from tests.web.browser import UNAVAILABLE, BrowserTerminal, WebServer

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(UNAVAILABLE is not None, reason=UNAVAILABLE or ""),
]


def _at_invoice_split(root: Path, browser: Browser, *args: str) -> Iterator[BrowserTerminal]:
    """A staffed counter's browser at the Invoice Split step, Invoice Split on with its
    profile (a saved draft resumed), under ``serve-web *args``."""
    data_dir = root / "demo"
    draft = as_draft(
        plain_order(customer_number="5.16143"),
        invoice_split=True,
        invoice_split_profile="titanium-executive-20",
    )
    drafts = root / "state" / "fleet-tui" / "drafts"
    DraftStore.for_client("demo", data_dir, folder=drafts).save(draft, "invoice_split")
    server = WebServer(root, "--no-kiosk", "--data-dir", str(data_dir), *args)
    terminal = BrowserTerminal(browser, server.url)
    try:
        terminal.wait_for("Demo account", timeout=60)
        terminal.settle()
        sign_in(terminal)
        terminal.wait_for("Unfinished order")
        terminal.type("\r")
        terminal.wait_for("I want to activate Invoice Split")
        terminal.settle()
        yield terminal
    except AssertionError:
        terminal.screenshot(root / "failure.png")
        raise
    finally:
        terminal.close()
        server.close()


def test_the_scan_is_chosen_among_the_booths_folder_and_the_order_goes(
    tmp_path: Path, browser: Browser
) -> None:
    uploads = tmp_path / "scans"
    uploads.mkdir()
    write_sample_contract(uploads / "scan-martin.pdf")
    (uploads / "notes.txt").write_text("not a scan")
    write_sample_contract(uploads / ".hidden.pdf")
    outside = tmp_path / "outside.pdf"
    write_sample_contract(outside)
    os.symlink(outside, uploads / "link-out.pdf")
    (uploads / "sub.pdf").mkdir()
    for terminal in _at_invoice_split(tmp_path, browser, "--uploads-dir", str(uploads)):
        assert "among those the desk received" in terminal.text()
        assert "f4 Browse" in terminal.screen.display[-1], terminal.screen.display[-1]
        terminal.press("F4")
        terminal.wait_for("Choose your signed contract")
        terminal.settle()
        shown = terminal.text()
        assert "scan-martin.pdf" in shown
        for hidden in ("notes.txt", ".hidden.pdf", "link-out.pdf", "sub.pdf", str(tmp_path)):
            assert hidden not in shown, hidden
        terminal.type("\r")
        terminal.settle(0.5)
        assert "Choose your signed contract" not in terminal.text()
        terminal.press("F10")  # refused without a contract (the other test)
        terminal.wait_for("Submit the order")
        terminal.press("F9")
        terminal.wait_for("Order submitted", timeout=30)


def test_without_the_booths_folder_the_step_says_to_hand_the_contract_in_at_the_desk(
    tmp_path: Path, browser: Browser
) -> None:
    for terminal in _at_invoice_split(tmp_path, browser):
        assert "hand the signed contract in at the desk" in terminal.text()
        assert "Browse" not in terminal.text()
        terminal.press("F4")
        terminal.settle(0.5)
        assert "Choose the signed contract" not in terminal.text()
        # The contract is still the core's rule: Continue is refused without it.
        terminal.press("F10")
        terminal.settle(0.5)
        assert "Submit the order" not in terminal.text()
