"""The wizard follows its window's size even when ``COLUMNS`` and ``LINES`` are exported
(a shell profile or a CI runner does that): a real pty, resized, read with pyte."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.support.pty_terminal import CTRL_Q, Terminal, environment


def _key_bar_row(terminal: Terminal) -> int:
    """The row the key bar (docked at the bottom) is drawn on."""
    rows = [i for i, line in enumerate(terminal.screen.display) if "^q Quit" in line]
    return rows[-1] if rows else -1


@pytest.mark.slow
def test_a_resize_is_followed_whatever_columns_and_lines_say(tmp_path: Path) -> None:
    env = {**environment(tmp_path), "COLUMNS": "80", "LINES": "24"}
    terminal = Terminal(["--data-dir", str(tmp_path / "demo"), "--lang", "en"], env, (80, 24))
    try:
        terminal.wait_for("Demo account")
        terminal.settle()
        assert _key_bar_row(terminal) == 23, terminal.text()
        terminal.resize(100, 40)
        end = time.monotonic() + 10  # the new size reaches the app, then a frame
        while _key_bar_row(terminal) != 39 and time.monotonic() < end:
            terminal.settle(0.2)
        assert _key_bar_row(terminal) == 39, terminal.text()
        terminal.type(CTRL_Q)
        assert terminal.wait_exit() == 0
    finally:
        terminal.close()
