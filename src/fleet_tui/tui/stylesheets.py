"""Where the wizard's Textual CSS files are.

They live in the repository's top-level ``styles/`` folder (the design card's layout) and
the wheel carries them inside the package as ``fleet_tui/styles`` (hatch
``force-include``). An installed wheel finds them there; an editable install (or a run
from the source tree) has no such folder inside the package and finds the top-level one.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent
#: Inside the installed package (wheel), then the source tree's top-level folder.
CANDIDATES = (_PACKAGE / "styles", _PACKAGE.parent.parent / "styles")
SHEETS = ("app.tcss", "card.tcss")


def styles_dir(candidates: tuple[Path, ...] = CANDIDATES) -> Path:
    """The first of ``candidates`` that holds every sheet.

    Raises :class:`FileNotFoundError` when none does (a broken installation).
    """
    for folder in candidates:
        if all((folder / name).is_file() for name in SHEETS):
            return folder
    raise FileNotFoundError(f"no folder of {', '.join(map(str, candidates))} holds the styles")


def style_paths() -> list[str]:
    """The sheets, in the order the app loads them."""
    folder = styles_dir()
    return [str(folder / name) for name in SHEETS]
