"""Type-ahead within a step: a key acts on the step as the keys before it left it.

An operator who knows the form types a whole step in one burst: a choice that brings in
more fields, then Tab to the first of them. Each key reaches the program before the
step has taken in the one before (the choice's answer travels to the screen as a
message; the fields it brings in are shown a moment later). The Tab must still land on
the field the choice brought in, not on what came after it when the key was read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.pty_terminal import CTRL_N, DOWN, Terminal, sign_in, start

pytestmark = pytest.mark.slow


def _at_number_step(root: Path, size: tuple[int, int]) -> Terminal:
    terminal = start(root, "--no-drafts", size=size)
    sign_in(terminal)
    terminal.wait_for("Add a card to my fleet")
    terminal.type(CTRL_N)
    terminal.wait_for("Transfer an existing number")
    return terminal


@pytest.mark.parametrize("size", [(80, 24), (100, 32)])
def test_a_step_typed_in_one_burst_answers_each_field_in_turn(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    terminal = _at_number_step(tmp_path, size)
    try:
        # Transfer; Tab to the operator it brings in, Proximus; Tab to the card type it
        # brings in, its first entry; Continue — all in one write.
        terminal.send("".join([DOWN, "\r", "\t", DOWN, "\r", "\t", "\r", CTRL_N]))
        terminal.wait_for("Step 4/7", timeout=15)
        terminal.settle(0.5)
        screen = terminal.text()
        assert "Transfer a number > Prepaid card" in screen, screen
    finally:
        terminal.close()


def test_the_sign_in_typed_in_one_burst_signs_in(tmp_path: Path) -> None:
    # Tab in a text field was a binding the app ran once the key had come back from the
    # field, behind the keys typed after it: "patricia<Tab>demo" filled the user name
    # with "patriciademo" and left the password empty.
    terminal = start(tmp_path, "--no-drafts")
    try:
        terminal.send("patricia\tdemo\r")
        terminal.wait_for("Add a card to my fleet", timeout=15)
    finally:
        terminal.close()


def test_step_5_typed_in_one_burst_reaches_step_6(tmp_path: Path) -> None:
    # A key the focused widget does not use comes back to the app, which runs its
    # binding then, behind the keys typed after it: all of a burst was sent to the
    # widget focused before the first Tab had moved on. The SIM number's digits went to
    # the customer number list, which dropped them, and Continue was refused.
    terminal = _at_number_step(tmp_path, (100, 32))
    try:
        terminal.type("\r", CTRL_N)  # a new number: step 4 does not apply
        terminal.wait_for("Step 5/7", timeout=15)
        terminal.settle(0.3)
        # Customer number, physical SIM, its number, no desired number, Mobile, Shape
        # Start, Continue.
        burst = ["\r", "\t", "\r", "\t", "1150100084757", "\t", "\t", "\r", "\t", "\r", DOWN, "\r"]
        terminal.send("".join([*burst, CTRL_N]))
        terminal.wait_for("Step 6/7", timeout=15)
    finally:
        terminal.close()
