"""Textual must not break a line at a no-break space.

Textual wraps text with Rich's word splitter (``rich._wrap.re_word``, ``\\s*\\S+\\s*``;
its text area with ``textual._wrap.re_chunk``), and Python's ``\\s`` matches U+00A0
and U+202F: the no-break space that French puts before ``: ; ? !`` (see
:mod:`fleet_tui.core.i18n.french`) was a break like any other, and
"Fenêtre trop petite :" wrapped the colon onto a line of its own. Unicode's line
breaking rules (UAX #14, class GL) forbid that. :func:`keep_no_break_spaces` makes
both splitters treat them as part of the word; the test-suite wraps a French
sentence to check that it holds (and fails if a Textual upgrade changes the module).
"""

from __future__ import annotations

import re

from rich import _wrap as rich_wrap
from textual import _wrap as textual_wrap

#: Spaces that glue the words on either side.
_GLUE = "\u00a0\u202f\u2007\u2060"
_WORD = rf"(?:[^\s]|[{_GLUE}])+"
_BREAK = rf"[^\S{_GLUE}]"
#: Rich's word: breakable spaces, a word (no-break spaces included), breakable spaces.
RICH_WORD = re.compile(rf"{_BREAK}*{_WORD}{_BREAK}*")
#: Textual's chunk: a word and the breakable spaces after it, or those alone.
TEXTUAL_CHUNK = re.compile(rf"{_WORD}{_BREAK}*|{_BREAK}+")


def keep_no_break_spaces() -> None:
    """Make word wrapping keep no-break spaces (idempotent, process-wide)."""
    rich_wrap.re_word = RICH_WORD
    textual_wrap.re_chunk = TEXTUAL_CHUNK
