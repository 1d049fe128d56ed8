"""A dropped SSH session, a killed process, a kiosk: ``fleet-tui`` in a real
pseudo-terminal, typed into key by key.

Half an order is typed (a prepaid transfer, up to its port-in details); the program is
hung up on (SIGHUP) or killed (``kill -9`` after a pause); started again, it offers the
order at the port-in step, and finishing it stores exactly the order that was typed.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from fleet_tui.clients.demo.store import FILE_NAME
from fleet_tui.core.rules import validate_order
from tests.support.pty_terminal import (
    CTRL_N,
    CTRL_Q,
    LEAVE_ALT_SCREEN,
    TYPED,
    Terminal,
    environment,
    finish_order,
    half_an_order,
    sign_in,
    start,
)

#: The real program in a pseudo-terminal, every test.
pytestmark = pytest.mark.slow


def _resume_and_finish(terminal: Terminal) -> str:
    """Sign in, accept the resume offer, finish the order; its reference."""
    sign_in(terminal)
    terminal.wait_for("Unfinished order")
    assert "Port-in details" in terminal.text()
    terminal.type("\r")
    terminal.wait_for("Phone number to transfer")
    screen = terminal.text()
    for answer in ("phone_number", "sim_card_number", "holder_name"):
        assert TYPED["number"][answer] in screen, answer
    return finish_order(terminal)


def _stored(data_dir: Path, reference: str) -> dict[str, Any]:
    uri = f"file:{data_dir / FILE_NAME}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as db:
        row = db.execute("SELECT document FROM orders WHERE reference = ?", (reference,)).fetchone()
    assert row is not None, reference
    document: dict[str, Any] = json.loads(row[0])
    return document


def _drafts(root: Path) -> list[Path]:
    return sorted((root / "state").rglob("draft-*.json"))


@pytest.mark.parametrize("interruption", ["hang-up", "connection-lost", "kill-9"])
def test_an_interrupted_order_is_resumed_and_submitted_complete(
    tmp_path: Path, interruption: str
) -> None:
    first = start(tmp_path)
    try:
        half_an_order(first)
        if interruption == "hang-up":
            first.output.clear()
            first.signal(signal.SIGHUP)
            status = first.wait_exit()
            assert status == 128 + signal.SIGHUP, f"exit {status}: the hang-up was not handled"
            assert LEAVE_ALT_SCREEN in first.output  # the terminal was restored
        elif interruption == "connection-lost":
            first.drop()
            first.signal(signal.SIGHUP)
            assert first.wait_exit() >= 0
        else:
            time.sleep(1.2)  # more than the saver's half-second delay
            first.signal(signal.SIGKILL)
            assert first.wait_exit() == -signal.SIGKILL
    finally:
        first.close()
    [draft] = _drafts(tmp_path)
    saved = draft.read_text(encoding="utf-8")
    assert TYPED["number"]["holder_name"] in saved
    assert "patricia" not in saved and '"demo"' not in saved  # no credentials

    second = start(tmp_path)
    try:
        reference = _resume_and_finish(second)
        second.type(CTRL_Q)
        assert second.wait_exit() == 0
    finally:
        second.close()

    assert _stored(tmp_path / "demo", reference) == validate_order(TYPED).document()
    assert _drafts(tmp_path) == []  # a submitted order's draft is gone


def test_a_kiosk_refuses_to_quit_and_leaves_nothing_behind(tmp_path: Path) -> None:
    env = environment(tmp_path)
    terminal = Terminal(["--kiosk", "--lang", "en"], env)
    try:
        terminal.wait_for("Demo account")
        terminal.settle()
        sign_in(terminal)
        terminal.wait_for("Add a card to my fleet")
        terminal.type(CTRL_N)
        terminal.wait_for("Transfer an existing number")
        kiosk_folders = list(Path(env["TMPDIR"]).glob("fleet-tui-kiosk-*"))
        assert len(kiosk_folders) == 1
        terminal.type(CTRL_Q)
        time.sleep(0.5)
        assert terminal.proc.poll() is None
        terminal.signal(signal.SIGTERM)
        assert terminal.wait_exit() >= 0
    finally:
        terminal.close()
    for name, folder in env.items():
        assert list(Path(folder).iterdir()) == [], name


def test_an_idle_kiosk_goes_back_to_the_start(tmp_path: Path) -> None:
    terminal = Terminal(["--kiosk", "--kiosk-idle", "2", "--lang", "en"], environment(tmp_path))
    try:
        terminal.wait_for("Demo account")
        terminal.settle()
        sign_in(terminal)
        terminal.wait_for("Add a card to my fleet")
        terminal.wait_for("No activity for 2 seconds", timeout=20)
        assert "Demo account" in terminal.text()  # the sign-in, for the next person
        terminal.signal(signal.SIGTERM)
        assert terminal.wait_exit() >= 0
    finally:
        terminal.close()


def test_a_kiosk_killed_outright_is_cleaned_up_by_the_next_one(tmp_path: Path) -> None:
    env = environment(tmp_path)
    kiosks = Path(env["TMPDIR"])
    first = Terminal(["--kiosk", "--lang", "en"], env)
    try:
        first.wait_for("Demo account")
        [left_behind] = kiosks.glob("fleet-tui-kiosk-*")
        first.signal(signal.SIGKILL)  # no atexit, no cleanup
        assert first.wait_exit() == -signal.SIGKILL
    finally:
        first.close()
    assert left_behind.is_dir()

    second = Terminal(["--kiosk", "--lang", "en"], env)
    try:
        second.wait_for("Demo account")
        assert not left_behind.exists()
        assert len(list(kiosks.glob("fleet-tui-kiosk-*"))) == 1  # the running kiosk's
        second.signal(signal.SIGTERM)
        assert second.wait_exit() >= 0
    finally:
        second.close()
    assert list(kiosks.iterdir()) == []


def test_a_terminal_gone_without_a_hang_up_signal_still_ends_the_program(tmp_path: Path) -> None:
    # The pty here is not the program's controlling terminal, so closing it sends no
    # SIGHUP: Textual's input thread would spin on end-of-file for ever.
    terminal = start(tmp_path)
    try:
        half_an_order(terminal)
        started = time.monotonic()
        terminal.drop()
        status = terminal.wait_exit(timeout=15)
        assert status == 128 + signal.SIGHUP, f"exit {status}"
        assert time.monotonic() - started < 10
    finally:
        terminal.close()
    [draft] = _drafts(tmp_path)
    assert TYPED["number"]["holder_name"] in draft.read_text(encoding="utf-8")
