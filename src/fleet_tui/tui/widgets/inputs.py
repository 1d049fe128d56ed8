"""Text fields built for slow links: one row, no blinking cursor, bounded, clean."""

from __future__ import annotations

import unicodedata
from typing import ClassVar

from textual.geometry import Size
from textual.reactive import Reactive, reactive
from textual.widgets import Input


def printable(text: str) -> str:
    """``text`` without control characters (escape sequences, tabs, newlines, NUL…).

    A pasted escape sequence must never reach the terminal again as an echo; the core
    refuses such characters anyway, so dropping them here loses nothing valid.
    """
    return "".join(ch for ch in text if ch == "\u200d" or unicodedata.category(ch) not in _DROP)


# Controls, format characters (bidi overrides), surrogates, private use, unassigned,
# line and paragraph separators. The zero-width joiner stays: emoji and some names use it.
_DROP = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


class CompactInput(Input):
    """A one-row :class:`~textual.widgets.Input` without the tall border.

    The tall border repaints three rows on every key (about 1.2 KB of terminal output);
    one row costs a fraction of that. The cursor does not blink, so an idle session
    writes nothing. Control and escape characters are dropped from typed and pasted text.

    | Key(s) | Description |
    | :- | :- |
    | (as :class:`~textual.widgets.Input`) | |
    """

    DEFAULT_CSS = """
    CompactInput {
        width: 1fr;
        max-width: 60;
        /* A tint of the text colour: visible on every theme, and under NO_COLOR. */
        background: $foreground 12%;
        &:focus {
            background: $primary 30%;
        }
        &:ansi {
            background: ansi_blue;
            color: ansi_bright_white;
            &:focus {
                background: ansi_cyan;
                color: ansi_black;
            }
        }
    }
    """

    cursor_blink = reactive(False, init=False)
    """Never blinks: a blinking cursor rewrites the screen twice a second."""

    virtual_size = Reactive(Size(0, 0), layout=False)
    """The text's width, which Textual's Input sets on every key for its own horizontal
    scrolling. Declared without ``layout``: a field's size never follows its text (its
    width is ``1fr``), yet with ``layout`` every key re-laid the whole screen before the
    character was echoed."""

    #: Upper bound when the caller gives none (the core's longest text is an e-mail).
    DEFAULT_MAX_LENGTH: ClassVar[int] = 254

    def replace(self, text: str, start: int, end: int) -> None:
        """Replace ``start:end`` with ``text`` minus its control characters, cut to what
        ``max_length`` leaves room for (a long paste is shortened, not refused)."""
        text = printable(text)
        if self.max_length:
            start, end = sorted((max(0, start), min(len(self.value), end)))
            room = self.max_length - (len(self.value) - (end - start))
            text = text[: max(room, 0)]
        super().replace(text, start, end)


def text_input(
    name: str,
    value: str = "",
    *,
    placeholder: str = "",
    password: bool = False,
    max_length: int = CompactInput.DEFAULT_MAX_LENGTH,
    id: str | None = None,
) -> CompactInput:
    """A compact, non-blinking field editing draft answer ``name`` (its ``name``)."""
    return CompactInput(
        printable(value),
        placeholder=placeholder,
        password=password,
        max_length=max_length,
        name=name,
        id=id or f"input-{name}",
        compact=True,
        select_on_focus=False,
    )
