"""The eSIM QR code read off a real terminal (a pty, its screen emulated by pyte, drawn
as a dark terminal draws it and decoded in strict polarity), in both drawings, at 80x24
and 100x32, under a truecolour terminal, ``NO_COLOR=1`` and ``TERM=linux``; then gone
after the timeout and after leaving the screen, and never in the scrollback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from fleet_tui.core.activation import ActivationCode
from fleet_tui.core.draft import OrderDraft
from fleet_tui.session.drafts import DraftStore
from tests.resilience.esim_screen import decoded
from tests.support.orders import esim_sim, spec_order
from tests.support.pty_terminal import CTRL_N, CTRL_Q, SUBMIT, Terminal, environment, sign_in

F5, F6, F8, ESC = "\x1b[15~", "\x1b[17~", "\x1b[19~", "\x1b"
CTRL_S = "\x13"
ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN = b"\x1b[?1049h", b"\x1b[?1049l"
#: Seconds a shown code stays: short where the test waits to see it go, long where the
#: test reads it at several sizes (on a loaded machine that takes longer than the short one,
#: and the view closing itself mid-read is not what that test is about).
TIMEOUT = 10.0
LONG_TIMEOUT = 300.0

ENVIRONMENTS = {
    "truecolor": {"TERM": "xterm-256color", "COLORTERM": "truecolor"},
    "no-color": {"TERM": "xterm-256color", "NO_COLOR": "1"},
    "linux": {"TERM": "linux"},
}


def _start_at_confirmation(root: Path, env: dict[str, str], timeout: float) -> Terminal:
    """An eSIM order whose QR code the fleet manager asked for, resumed from a draft at
    the Invoice Split step and submitted: the confirmation screen, at 80x24."""
    data_dir = root / "demo"
    environ = {**environment(root), **env}
    draft = OrderDraft.from_document(spec_order(sim=esim_sim(language="en", send_qr=True)))
    store = DraftStore.for_client("demo", data_dir, folder=root / "state" / "fleet-tui" / "drafts")
    store.save(draft, "invoice_split")
    args = ["--data-dir", str(data_dir), "--lang", "en", "--code-timeout", str(timeout)]
    terminal = Terminal(args, environ, size=(80, 24))
    terminal.wait_for("Demo account")
    sign_in(terminal)
    terminal.wait_for("Unfinished order")
    terminal.type("\r")
    terminal.wait_for("I want to activate Invoice Split")
    terminal.type(CTRL_N)
    terminal.wait_for("Submit the order")
    terminal.type(SUBMIT)  # F9, the review's own key: Ctrl+N sends nothing there
    terminal.wait_for("Order submitted")
    return terminal


def _qr_view(terminal: Terminal) -> list[str]:
    """F5, then what the screen's QR code decodes to (waiting for it to be drawn)."""
    terminal.type(F5)
    end = time.monotonic() + 10
    while time.monotonic() < end:
        terminal.settle(0.2)
        found = decoded(terminal.screen)
        if found or "too small" in terminal.text():
            return found
    return []


def _code(root: Path) -> str:
    # The one eSIM order of the test, as the demo backend stored it.
    from fleet_tui.clients.demo.backend import DemoBackend

    backend = DemoBackend(root / "demo")
    try:
        stored = backend._store.recent(1)[0]
    finally:
        backend.close()
    assert stored.activation_code is not None
    return stored.activation_code


@pytest.mark.slow
@pytest.mark.parametrize("name", list(ENVIRONMENTS))
def test_the_qr_code_reads_back_dark_on_light_in_both_drawings(tmp_path: Path, name: str) -> None:
    terminal = _start_at_confirmation(tmp_path, ENVIRONMENTS[name], LONG_TIMEOUT)
    try:
        code = _code(tmp_path)
        matching_id = ActivationCode.parse(code).matching_id
        assert matching_id not in terminal.text()  # hidden until asked for
        assert decoded(terminal.screen) == []
        for columns, lines in ((80, 24), (100, 32)):
            terminal.resize(columns, lines)
            assert _qr_view(terminal) == [code], (columns, lines, terminal.text())
            # Full blocks (F8) need more than the window has: said, not cropped.
            terminal.type(F8)
            terminal.settle(0.3)
            assert "too small" in terminal.text(), terminal.text()
            assert decoded(terminal.screen) == []
            if (columns, lines) == (100, 32):
                # Where they fit, full blocks read back too.
                terminal.resize(100, 45)
                end = time.monotonic() + 10  # the new size reaches the app, then a frame
                while decoded(terminal.screen) != [code] and time.monotonic() < end:
                    terminal.settle(0.2)
                assert decoded(terminal.screen) == [code], terminal.text()
                terminal.resize(columns, lines)
            terminal.type(F8, ESC)  # back to half blocks, back to the confirmation
            terminal.settle(0.3)
            assert matching_id not in terminal.text()
    finally:
        terminal.close()


@pytest.mark.slow
def test_the_code_goes_after_its_timeout_and_leaves_no_trace(tmp_path: Path) -> None:
    terminal = _start_at_confirmation(tmp_path, ENVIRONMENTS["truecolor"], TIMEOUT)
    try:
        # At 100x32 the manual code fits under the QR code F6 shows (at 80x24 it is
        # below the fold); the reading test above ended there too.
        terminal.resize(100, 32)
        code = _code(tmp_path)
        matching_id = ActivationCode.parse(code).matching_id
        # The timeout: the QR view closes itself and the confirmation shows no code.
        assert _qr_view(terminal) == [code]
        time.sleep(TIMEOUT + 0.5)
        terminal.settle(0.5)
        assert decoded(terminal.screen) == [] and matching_id not in terminal.text()
        terminal.type(CTRL_S)  # the answers file: must not carry the code
        terminal.wait_for("Answers saved")
        # Shown on the confirmation with F6, gone once the screen is left (Esc).
        terminal.type(F6)
        terminal.wait_for(matching_id)
        terminal.type(ESC)
        terminal.wait_for("Add a card to my fleet")
        terminal.settle(0.5)
        assert matching_id not in terminal.text() and decoded(terminal.screen) == []
        terminal.type(CTRL_Q)
        assert terminal.wait_exit() == 0
        # Nothing of the code outside the alternate screen (the scrollback).
        output = bytes(terminal.output)
        outside = output[: output.find(ENTER_ALT_SCREEN)] + output[output.rfind(LEAVE_ALT_SCREEN) :]
        assert matching_id.encode() not in outside
        # Nor in any file the program wrote outside the backend (logs, drafts, answers,
        # caches): only the demo backend's store and outbox hold it.
        leaks = [
            path
            for path in tmp_path.rglob("*")
            if path.is_file()
            and (tmp_path / "demo" / "outbox") not in path.parents
            and not path.name.startswith("demo.sqlite3")  # the store (and its -wal)
            and matching_id.encode() in path.read_bytes()
        ]
        assert leaks == []
        # Answers go under --data-dir (and were searched above).
        answers = list((tmp_path / "demo" / "answers").rglob("*.json"))
        assert answers, "the answers file was written"
    finally:
        terminal.close()
