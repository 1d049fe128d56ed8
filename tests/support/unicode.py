"""Characters the tests check by name, written out here rather than read from the code
under test (a set copied from the implementation would agree with it by construction)."""

from __future__ import annotations

#: Unicode's Bidi_Control characters (PropList.txt): the Arabic letter mark, LRM and RLM,
#: the embeddings and overrides U+202A–202E, the isolates U+2066–2069.
BIDI_CONTROLS = (
    "\u061c",
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
)
