"""French typography in the catalogues: a no-break space before ``: ; ? !``.

French puts a space before these signs, and that space must never break: a lone ``:``
or ``?`` at the start of a line reads as a mistake. The catalogues use U+00A0 (no-break
space) before ``:`` and U+202F (narrow no-break space) before ``; ? !``, as the
Imprimerie nationale's rules do. :func:`violations` finds a sign that lacks it (the
test-suite runs it over every French string); ``python -m fleet_tui.core.i18n.french
--write`` fixes the files (after a merge, for instance).

Only a sign used as punctuation counts: followed by a space, the end of the text, or
a closing quote or parenthesis. ``15:35``, ``https://``, ``{count:d}`` and the JSON
``{"orders": …}`` a message quotes are not.
"""

from __future__ import annotations

import json
import re
import sys
from importlib import resources

NO_BREAK = "\u00a0"
NARROW_NO_BREAK = "\u202f"
#: The space each sign takes before it.
SPACE_BEFORE = {":": NO_BREAK, ";": NARROW_NO_BREAK, "?": NARROW_NO_BREAK, "!": NARROW_NO_BREAK}
_SIGN = re.compile(r"(?P<before>.?)(?P<sign>[:;?!])(?=\s|$|[\"»)\]])")
# A breakable space (or none) before the sign; doubled signs ("?!") count once.
_FIXABLE = re.compile(r"[ \t]?(?P<sign>[:;?!])(?=\s|$|[\"»)\]])")


def violations(text: str) -> list[int]:
    """Offsets of the punctuation signs in ``text`` without a no-break space before."""
    found = []
    for match in _SIGN.finditer(text):
        before = match.group("before")
        if before in (NO_BREAK, NARROW_NO_BREAK, '"') or before in SPACE_BEFORE:
            continue  # spaced already, a doubled sign, or code quoted in a message
        if match.start("sign") == 0:
            continue  # a message never starts with one; nothing to attach it to
        found.append(match.start("sign"))
    return found


def fix(text: str) -> str:
    """``text`` with the right no-break space before each punctuation sign."""

    def space(match: re.Match[str]) -> str:
        start = match.start()
        if start > 0 and text[start - 1] in (NO_BREAK, NARROW_NO_BREAK, '"', *SPACE_BEFORE):
            return match.group(0)
        if start == 0 and match.group(0) == match.group("sign"):
            return match.group(0)
        return SPACE_BEFORE[match.group("sign")] + match.group("sign")

    return _FIXABLE.sub(space, text)


def write() -> int:
    """Fix every French catalogue file in place; return how many strings changed."""
    folder = resources.files(__package__).joinpath("fr")
    changed = 0
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".json"):
            continue
        data: dict[str, str] = json.loads(entry.read_text(encoding="utf-8"))
        fixed = {key: fix(text) for key, text in data.items()}
        changed += sum(fixed[key] != data[key] for key in data)
        if fixed != data:
            path = f"{folder}/{entry.name}"
            original = entry.read_text(encoding="utf-8")
            indent = 2 if original.startswith('{\n  "') else 1
            with open(path, "w", encoding="utf-8") as out:
                json.dump(fixed, out, ensure_ascii=False, indent=indent)
                out.write("\n")
    return changed


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python -m fleet_tui.core.i18n.french --write")
    print(f"{write()} strings fixed")
