"""A key typed on a screen the operator can see is never dropped as typed ahead.

The key gate drops the keys created before a new screen's first frame (they were aimed
at the screen before). It read that moment after handing the frame to the terminal: if
the program was held up right after the write (a loaded machine, a server with many
sessions, a garbage collection), the operator saw the step and began typing, and the
keys read meanwhile counted as older than the frame. On a test machine kept busy by
four pytest workers, step 5 lost its first keys this way and the walk stopped there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.pty_terminal import half_an_order, start, to_invoice_split

pytestmark = pytest.mark.slow

#: The command line, with the app held up for 0.4 s once, just after it has written the
#: first frame of the new card step (``post_display_hook``: Textual's hook called right
#: after a frame is written).
HELD_UP_AFTER_STEP_5 = """
import sys, time
from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens.new_card import NewCardScreen

held = []

def post_display_hook(self):
    if isinstance(self.screen, NewCardScreen) and not held:
        held.append(True)
        time.sleep(0.4)

FleetApp.post_display_hook = post_display_hook
from fleet_tui.cli.main import main
raise SystemExit(main())
"""


def test_keys_typed_while_the_app_is_held_up_after_drawing_a_step_are_kept(
    tmp_path: Path,
) -> None:
    terminal = start(tmp_path, "--no-drafts", program=("-c", HELD_UP_AFTER_STEP_5))
    try:
        half_an_order(terminal)
        # Continue to step 5 and type it at a person's pace as soon as it shows (the
        # first keys arrive while the app is held up), then on to step 6.
        to_invoice_split(terminal)
        terminal.settle(0.3)
        screen = terminal.text()
        assert "Step 6/7" in screen, screen
    finally:
        terminal.close()
