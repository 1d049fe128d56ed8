"""Submitting a draft: the order, its idempotency key, the contract upload.

No Textual here: the review screen runs :func:`submit_draft` in a worker and turns its
exceptions into messages.

The idempotency key belongs to one draft *and* one order: a retry after a network
failure reuses it (the backend then answers with the first confirmation instead of
creating a second order), while an order changed in between gets a fresh key (the
backend would refuse an old key for a different order).
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from weakref import ref

from fleet_tui.clients.base import Client, Confirmation
from fleet_tui.core.draft import OrderDraft
from fleet_tui.core.order import InvoiceSplit, Order
from fleet_tui.core.rules import OrderContext, validate_order
from fleet_tui.session import audit

#: id(draft) → (the draft, weakly; the order's fingerprint; the key). Drafts are
#: pydantic models, which cannot be hashed, hence ids checked against a weak reference.
_KEYS: dict[int, tuple[ref[OrderDraft], str, str]] = {}


def _fingerprint(order: Order) -> str:
    return json.dumps(order.document(), sort_keys=True, ensure_ascii=False)


def idempotency_key(draft: OrderDraft, order: Order) -> str:
    """The key to submit ``order`` (made from ``draft``) with: the same one for as long
    as the draft yields the same order."""
    fingerprint = _fingerprint(order)
    for number, (draft_ref, _, _) in list(_KEYS.items()):
        if draft_ref() is None:
            del _KEYS[number]
    known = _KEYS.get(id(draft))
    if known is not None and known[0]() is draft and known[1] == fingerprint:
        return known[2]
    key = uuid.uuid4().hex
    _KEYS[id(draft)] = (ref(draft), fingerprint, key)
    return key


def forget_key(draft: OrderDraft) -> None:
    """Drop ``draft``'s key (the backend said it belongs to another order)."""
    _KEYS.pop(id(draft), None)


def order_of(draft: OrderDraft, context: OrderContext) -> Order:
    """The validated order of ``draft``. Raises :class:`OrderInvalid`."""
    return validate_order(draft.to_document(context.catalogue), context)


async def submit_draft(client: Client, draft: OrderDraft, context: OrderContext) -> Confirmation:
    """Validate ``draft``, upload its signed contract if any, and submit the order.

    Raises :class:`OrderInvalid` (nothing sent), :class:`OSError` (the contract could
    not be read), and whatever :meth:`Client.upload_contract` and
    :meth:`Client.submit` raise.
    """
    order = order_of(draft, context)
    key = idempotency_key(draft, order)
    split = order.invoice_split
    if split is not None:
        reference = await client.upload_contract(Path(split.contract))
        uploaded = InvoiceSplit.model_validate({"profile": split.profile, "contract": reference})
        order = order.model_copy(update={"invoice_split": uploaded})
    confirmation = await client.submit(order, key)
    audit.submitted(confirmation.reference)
    return confirmation
