"""Text from files, users and backends, made safe to print on a terminal.

An order file or a backend's error can carry escape sequences: an OSC sequence
retitles or clears the operator's terminal, a CSI moves the cursor over earlier lines,
a right-to-left override makes ``gpj.exe`` read ``exe.jpg``. Every line the CLI prints
goes through :func:`shown`, every JSON document through :func:`json_safe`: such
characters are written as visible escapes (``\\x1b``, ``\\u202e``), never raw. Lone
surrogates (``"\\ud800"`` in a JSON file) cannot even be encoded, and would end the
program with a traceback; they are escaped too.
"""

from __future__ import annotations

import re
import sys
from typing import TextIO

# C0 controls but tab, DEL, C1 controls, bidirectional controls and marks, and lone
# surrogates. Line feeds are unsafe inside one line: a value must not fake a new line.
_UNSAFE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
# In JSON, C0 controls are already escaped by json.dumps; the rest is not.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str) -> str:
    """``text`` as one line a terminal shows as it is: controls as ``\\x1b``, …"""
    return _UNSAFE.sub(_escape, text)


def json_safe(document: str) -> str:
    """A JSON text with every remaining unsafe character as a ``\\uXXXX`` escape
    (still valid JSON, decoding to the same value)."""
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


def say(text: str, stream: TextIO | None = None) -> None:
    """Print ``text`` (lines joined by ``\\n``), each line made safe, on ``stream``
    (standard output by default)."""
    out = sys.stdout if stream is None else stream
    print("\n".join(shown(line) for line in text.split("\n")), file=out)
