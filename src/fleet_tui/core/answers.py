"""Answers files: an order exported as an order document (SPEC §7) to replay later.

``fleet-tui submit answers.json`` submits the same order again (to another account, or
after a failure), so the export is the normalised document of a valid order: exactly
what :func:`fleet_tui.core.rules.validate_order` accepts, nothing the operator left on
an abandoned branch, and no secrets (an order holds none: credentials never enter it).
"""

from __future__ import annotations

import json
from pathlib import Path

from fleet_tui.core.atomic import write_atomic
from fleet_tui.core.catalogue import Catalogue
from fleet_tui.core.draft import OrderDraft
from fleet_tui.core.order import Order
from fleet_tui.core.rules import validate_order


def export_answers(order_or_draft: Order | OrderDraft, catalogue: Catalogue | None = None) -> str:
    """The order as a pretty-printed JSON order document, ending with a newline.

    A draft is projected with :meth:`OrderDraft.to_document` (with ``catalogue``, what
    the chosen plan does not offer is dropped, as on screen) and must be complete.
    Raises :class:`fleet_tui.core.errors.OrderInvalid` when it is not.
    """
    if isinstance(order_or_draft, OrderDraft):
        document = order_or_draft.to_document(catalogue)
    else:
        document = order_or_draft.document()
    # Validated again even for an Order: the file must be one that submit accepts.
    order = validate_order(document)
    return json.dumps(order.document(), ensure_ascii=False, indent=2) + "\n"


def write_answers(path: Path, text: str) -> None:
    """Write an exported order to ``path`` atomically, readable by its owner only
    (it names people and their email addresses). Raises :class:`OSError`."""
    write_atomic(Path(path).expanduser(), text.encode("utf-8"), mode=0o600)
