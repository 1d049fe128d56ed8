"""How many keys an order costs: the real program in a pseudo-terminal (read with pyte),
typed into as an operator would, counting the keys that are not data.

    python benchmarks/bench_keys.py [--show]

Data keys are the characters of the answers (user name, password, eSIM number,
e-mail); every other key is counted: Tab, Enter, arrows, Space, Ctrl and F keys, and
the letters typed in jump mode (they choose a field, they are not an answer).

1. SPEC §7's order from the sign-in's first field to the confirmation: a new number,
   an eSIM for Jan Peeters (French), the QR code to the fleet manager too, Shape
   Traveller with World Traveller, Travel Data Control 0 €, no Surf Extra, no Invoice
   Split; the submit included.
2. "Another like this" (Ctrl+R on that confirmation) for the next employee: another
   eSIM number and e-mail, the same everything else, to the next confirmation.

Targets (issue 9): ≤ 35 and ≤ 15 non-data keys. Each key waits for the screen to
settle before the next, so the run takes a minute; it is a count, not a timing.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from tests.support.pty_terminal import Terminal, environment  # noqa: E402

TAB, ENTER, SPACE = "\t", "\r", " "
DOWN, UP = "\x1b[B", "\x1b[A"
CTRL_N, CTRL_O, CTRL_R = "\x0e", "\x0f", "\x12"
F9 = "\x1b[20~"  # the review's submit key
REFERENCE = re.compile(r"OBE-\d{10}-[A-Z]{4}")
TARGETS = (35, 15)
#: Review lines that say the typed order is SPEC §7's.
SPEC_ORDER_ON_REVIEW = (
    "SIM format: eSIM",
    "eSIM number: 1150100048141",
    "End user's email: jan.peeters@example.be",
    "End user's language: FR",
    "QR code to me too: Yes",
    "Rate plan: Shape Traveller",
    "Options to activate: World Traveller",
    "Travel Data Control: 0 €",
    "Surf Extra Card: No",
)


class Operator:
    """Types into the terminal and counts the keys that are not data."""

    def __init__(self, terminal: Terminal, show: bool) -> None:
        self.terminal = terminal
        self.show = show
        self.keys = 0

    def press(self, *keys: str) -> None:
        """Navigation keys: counted."""
        self.keys += len(keys)
        self.terminal.type(*keys)

    def data(self, text: str) -> None:
        """An answer's characters: not counted."""
        self.terminal.type(text)

    def expect(self, text: str) -> None:
        """Wait for ``text`` on screen (a check, no key)."""
        self.terminal.wait_for(text)
        self.terminal.settle()
        if self.show:
            print(f"--- {self.keys} keys: {text!r}\n{self.terminal.text()}")

    def jump_to(self, title: str) -> None:
        """Ctrl+O, then the letter the overlay shows for the field called ``title``."""
        self.press(CTRL_O)
        self.terminal.wait_for(title)
        self.terminal.settle()
        screen = self.terminal.text()
        found = re.search(rf"\b([a-z0-9]) {re.escape(title)}", screen)
        if found is None:  # on screen: the letter sits on the control under the title
            lines = screen.splitlines()
            row = next(i for i, line in enumerate(lines) if title in line)
            found = re.search(r"\s([a-z0-9])\s", lines[row + 1])
        assert found is not None, screen
        self.press(found.group(1))


def pick(operator: Operator, downs: int) -> None:
    """On a focused Select: open it, move ``downs`` options down, choose."""
    operator.press(ENTER, *([DOWN] * downs), ENTER)


def search(operator: Operator, letters: str) -> None:
    """On a focused Select: open it, type ``letters`` (the list's search: counted, as
    jump letters are, since they choose rather than answer), choose."""
    operator.press(ENTER, *letters, ENTER)


def first_order(op: Operator) -> str:
    """SPEC §7's order, from the sign-in's first field; the reference."""
    op.data("patricia")
    op.press(TAB)
    op.data("demo")
    op.press(ENTER)
    op.expect("Add a card to my fleet")
    op.press(CTRL_N)
    op.expect("Request a new number")
    op.press(ENTER, CTRL_N)  # "new" is the first choice
    op.expect("Billing customer number")
    op.press(ENTER, TAB, DOWN)  # 5.16142 (first); eSIM (an arrow chooses in a list)
    op.expect("Device compatibility")
    op.press(TAB, SPACE, TAB)  # the device is eSIM compatible
    op.data("1150100048141")
    op.press(ENTER)
    op.data("jan.peeters@example.be")
    op.press(ENTER, DOWN)  # user language: (none) → en → fr
    op.press(TAB, DOWN)  # QR code to me too: No (chosen, the portal's order) → Yes
    op.press(TAB, TAB, ENTER, TAB)  # desired number: no preference; Mobile (first)
    search(op, "tr")  # the plan list, searched by name: Shape Traveller
    op.expect("World Traveller")
    op.press(TAB, TAB, SPACE)  # options: select (kept); World Traveller
    op.jump_to("Travel Data Control")
    op.press(ENTER, UP, ENTER)  # 50 € (the default) → 0 €
    op.press(CTRL_N)
    op.expect("I want to activate Invoice Split")
    op.press(CTRL_N)
    op.expect("Submit the order")
    review = op.terminal.text()
    for line in SPEC_ORDER_ON_REVIEW:  # the order typed is SPEC §7's
        assert line in review, (line, review)
    op.press(F9)
    op.expect("Order submitted")
    found = REFERENCE.search(op.terminal.text())
    assert found is not None, op.terminal.text()
    return found.group(0)


def another_like_this(op: Operator, previous: str) -> str:
    """Ctrl+R from the confirmation, the next employee's eSIM and e-mail; the reference."""
    op.press(CTRL_R)
    op.expect("Device compatibility")
    op.press(SPACE, TAB)
    op.data("1150100048158")
    op.press(ENTER)
    op.data("an.janssens@example.be")
    op.press(CTRL_N)
    op.expect("I want to activate Invoice Split")
    op.press(CTRL_N)
    op.expect("Submit the order")
    op.press(F9)
    op.terminal.wait_for("Order submitted")
    found = [r for r in REFERENCE.findall(op.terminal.text()) if r != previous]
    assert found, op.terminal.text()
    return found[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print the screen at each check")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        terminal = Terminal(
            ["--data-dir", str(root / "demo"), "--lang", "en", "--no-drafts"],
            environment(root),
            size=(100, 50),  # tall enough for the whole review to be read off the screen
        )
        try:
            terminal.wait_for("Demo account")
            terminal.settle()
            op = Operator(terminal, args.show)
            first = first_order(op)
            counts = [op.keys]
            op.keys = 0
            second = another_like_this(op, first)
            counts.append(op.keys)
        finally:
            terminal.close()
    for label, count, target, reference in zip(
        ("SPEC §7 order, sign-in to confirmation", '"Another like this", to confirmation'),
        counts,
        TARGETS,
        (first, second),
        strict=True,
    ):
        verdict = "ok" if count <= target else "OVER"
        print(f"{label:42} {count:3} non-data keys (target ≤ {target}: {verdict}) {reference}")


if __name__ == "__main__":
    main()
