"""Refuse an answer of the wrong shape before it costs memory.

pydantic's ``validate_json`` first parses the whole document into its own tree, then,
for a document of the wrong shape, copies the offending input into every error it
builds (each missing field of an object holds a copy of the whole object; a list of
wrong items gives one error per item). A 10 MB answer of the wrong shape cost about 17
times its size in Python objects and 80 to 600 times in resident memory (issue 10;
``benchmarks/bench_wrong_shape.py``).

Here, before any parsing: the document must open with the bracket the contract expects
(``{`` or ``[``), and hold at most ``max_values`` JSON values, counted from its bytes
without parsing (an upper bound, as Jackson's ``maxTokenCount`` does). What passes is
parsed once into Python objects and validated from them, so that errors point into that
one copy instead of making their own; lists stop at their first wrong item.
"""

from __future__ import annotations

import re
from typing import Final, Literal, TypeVar

import pydantic_core
from pydantic import TypeAdapter, ValidationError

T = TypeVar("T")

#: Values an answer may hold: a real one holds a few hundred (an account: about 130,
#: twenty order records: about 1,300); a page of several hundred orders still fits.
DEFAULT_MAX_ANSWER_VALUES: Final = 50_000
_LEADING_SPACE: Final = re.compile(rb"[ \t\r\n]*")
_OPENING: Final = {"object": b"{", "list": b"["}


class WrongShape(Exception):
    """The answer is not the document the contract promises (refused cheaply)."""


def values_at_most(body: bytes) -> int:
    """An upper bound on the JSON values in ``body``: each member after a container's
    first is preceded by a comma, and each container adds one (commas and brackets
    inside strings only make the bound looser)."""
    return 1 + body.count(b",") + body.count(b"[") + body.count(b"{")


def parse_answer(
    body: bytes, adapter: TypeAdapter[T], kind: Literal["object", "list"], max_values: int
) -> T:
    """``body`` validated by ``adapter``; :class:`WrongShape` if it is not a JSON
    ``kind`` of at most ``max_values`` values that the adapter accepts."""
    start = _LEADING_SPACE.match(body)
    first = start.end() if start else 0
    if body[first : first + 1] != _OPENING[kind] or values_at_most(body) > max_values:
        raise WrongShape
    try:
        data = pydantic_core.from_json(body)
        return adapter.validate_python(data)
    except (ValueError, ValidationError):
        # ValidationError is a ValueError; both named for the reader.
        raise WrongShape from None
