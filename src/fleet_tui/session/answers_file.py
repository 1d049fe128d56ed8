"""Where the confirmation screen's "Save answers" writes the order document.

Pure Python (no Textual). The file is named after the order's reference, in
``<user data folder>/answers/`` (or the kiosk's folder), and holds what
:func:`fleet_tui.core.answers.export_answers` makes: ``fleet-tui submit FILE``
replays it.
"""

from __future__ import annotations

import re
from pathlib import Path

from fleet_tui.core import paths
from fleet_tui.core.answers import export_answers, write_answers
from fleet_tui.core.catalogue import Catalogue
from fleet_tui.core.draft import OrderDraft
from fleet_tui.core.errors import OrderInvalid
from fleet_tui.core.order import Order
from fleet_tui.session.replay import ANSWERS_FOLDER

#: A reference comes from the backend: only these characters reach a file name.
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def answers_path(reference: str, folder: Path | None = None) -> Path:
    """``<folder>/<reference>.json`` (default folder: ``<user data>/answers``)."""
    base = folder if folder is not None else paths.data_dir() / ANSWERS_FOLDER
    name = _UNSAFE.sub("_", reference).strip("_")[:64] or "order"
    return base / f"{name}.json"


def save_answers(
    draft: OrderDraft,
    order: Order,
    reference: str,
    catalogue: Catalogue | None = None,
    folder: Path | None = None,
) -> Path:
    """Write the submitted order as an order document; return the file's path.

    The draft is preferred: its contract is the operator's file, which a replay can
    upload again (the submitted order names the backend's copy instead). Raises
    :class:`OSError` when the file cannot be written.
    """
    try:
        text = export_answers(draft, catalogue)
    except OrderInvalid:
        text = export_answers(order)
    path = answers_path(reference, folder)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_answers(path, text)
    return path
