"""``--ascii`` in a real terminal: nothing but ASCII and letters reaches the screen —
no dashes, typographic quotes, no-break spaces, box drawing or block scroll bars —
on the sign-in, the dashboard and a step long enough to scroll."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from tests.support.pty_terminal import CTRL_N, DOWN, Terminal, environment


def signs(screen: str) -> set[str]:
    """The characters of ``screen`` that are neither ASCII nor letters."""
    return {ch for ch in screen if ord(ch) > 127 and not unicodedata.category(ch).startswith("L")}


@pytest.mark.slow
def test_ascii_mode_draws_no_unicode_sign(tmp_path: Path) -> None:
    terminal = Terminal(
        ["--data-dir", str(tmp_path / "demo"), "--lang", "fr", "--ascii"], environment(tmp_path)
    )
    try:
        terminal.wait_for("patricia / demo")
        terminal.settle()
        seen = {"sign-in": signs(terminal.text())}
        terminal.type("patricia", "\t", "demo", "\r")
        terminal.wait_for("Ajouter une carte")
        terminal.settle()
        seen["dashboard"] = signs(terminal.text())
        terminal.type(CTRL_N)
        terminal.wait_for("Transférer")
        terminal.type("\r", CTRL_N)  # a new number
        terminal.wait_for("Numéro de client de facturation")
        terminal.type("\r", "\t", DOWN, "\r")  # eSIM: the step is long, it scrolls
        terminal.settle()
        seen["new card"] = signs(terminal.text())
        assert seen == {"sign-in": set(), "dashboard": set(), "new card": set()}, terminal.text()
    finally:
        terminal.close()


def test_the_ascii_table_keeps_the_layout_and_the_qr_blocks() -> None:
    from rich.cells import cell_len

    from fleet_tui.tui.ascii_mode import ASCII_SIGNS, QR_BLOCKS, ascii_text

    assert ascii_text("“Votre nouvelle carte” — 20€…") == '"Votre nouvelle carte" - 20E.'
    for code, stand_in in ASCII_SIGNS.items():
        assert stand_in.isascii() and cell_len(stand_in) == cell_len(chr(code)) == 1
    assert ascii_text("".join(QR_BLOCKS)) == "".join(QR_BLOCKS)
