"""No order leaves without a deliberate act, at full typing speed, in a real terminal.

Keys are written to a pseudo-terminal as a hurried operator types them: Enter twice in
one burst on step 6's Continue (type-ahead), Enter twice 0.15 s apart, Ctrl+N twice in
one burst, then Enter, Space and Ctrl+N on arrival at the review. None of them may store
an order (the demo store's SQLite file and outbox are read, as another process would);
the review's own submit key then stores exactly one.
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pytest

from fleet_tui.clients.demo.store import FILE_NAME
from tests.support.pty_terminal import (
    CTRL_N,
    REFERENCE,
    SUBMIT,
    Terminal,
    half_an_order,
    start,
    to_invoice_split,
)

pytestmark = pytest.mark.slow

ESCAPE = "\x1b"
#: The review's own hint, shown once it has been drawn.
ON_REVIEW = "Submit the order"


def _stored(data_dir: Path) -> tuple[int, int]:
    """How many orders the demo store holds, and how many emails its outbox."""
    uri = f"file:{data_dir / FILE_NAME}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as db:
        (orders,) = db.execute("SELECT COUNT(*) FROM orders").fetchone()
    outbox = data_dir / "outbox"
    emails = len(list(outbox.glob("*.eml"))) if outbox.is_dir() else 0
    return int(orders), emails


def _burst(terminal: Terminal, *keys: str, gap: float = 0.0) -> None:
    """Write ``keys`` with ``gap`` seconds between them (0: one write, type-ahead)."""
    if gap == 0:
        terminal.send("".join(keys))
    else:
        for key in keys:
            terminal.send(key)
            time.sleep(gap)
    terminal.settle(0.5)


def _back_to_step_6(terminal: Terminal) -> None:
    terminal.type(ESCAPE)
    terminal.wait_for("I want to activate Invoice Split")
    terminal.settle(0.3)


def test_no_key_aimed_at_an_earlier_screen_submits_the_order(tmp_path: Path) -> None:
    data_dir = tmp_path / "demo"
    terminal = start(tmp_path)
    try:
        half_an_order(terminal)
        to_invoice_split(terminal)
        before = _stored(data_dir)

        # Enter twice on Continue, in one burst then 0.15 s apart.
        for gap in (0.0, 0.15):
            terminal.type("\t", "\t")  # the Invoice Split box → Back → Continue
            _burst(terminal, "\r", "\r", gap=gap)
            terminal.wait_for(ON_REVIEW)
            assert _stored(data_dir) == before, f"Enter twice ({gap} s apart) submitted"
            _back_to_step_6(terminal)

        # Ctrl+N (Continue) twice in one burst.
        _burst(terminal, CTRL_N, CTRL_N)
        terminal.wait_for(ON_REVIEW)
        assert _stored(data_dir) == before, "Ctrl+N twice submitted"

        # On arrival at the review: Enter, Space, Ctrl+N once each.
        _back_to_step_6(terminal)
        terminal.type(CTRL_N)
        terminal.wait_for(ON_REVIEW)
        for key in ("\r", " ", CTRL_N):
            terminal.type(key)
            terminal.settle(0.3)
            assert _stored(data_dir) == before, f"{key!r} on the review submitted"
        assert "Order submitted" not in terminal.text()

        # The deliberate act stores exactly one order (and its emails).
        terminal.type(SUBMIT)
        terminal.wait_for("Order submitted")
        assert REFERENCE.search(terminal.text())
        orders, emails = _stored(data_dir)
        assert orders == before[0] + 1
        assert emails > before[1]
    finally:
        terminal.close()
