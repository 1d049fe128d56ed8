"""Submitting a draft: the order, its idempotency key, the contract upload.

No Textual here: the review screen runs :func:`submit_draft` in a worker and turns its
exceptions into messages.

The idempotency key belongs to the draft (:attr:`OrderDraft.submission_key`), is made
on its first submission and saved with it, and is sent with every submission of that
draft — after a retry, a quit and a resume, an edit. When an answer was lost, the
backend recognises the key and answers with the first confirmation
(:attr:`Confirmation.replayed`) instead of storing a second order; an order changed
after such a loss is refused (``idempotency_key_reused``) rather than stored as a
second one. A new order starts from a new draft, hence a new key.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from fleet_tui.clients.base import Client, Confirmation
from fleet_tui.core.draft import OrderDraft
from fleet_tui.core.order import InvoiceSplit, Order
from fleet_tui.core.rules import OrderContext, validate_order
from fleet_tui.session import audit


def submission_key(draft: OrderDraft) -> str:
    """The key ``draft`` is submitted with; made (and kept in the draft) the first time.

    Save the draft after calling this and before sending: the key must outlive a crash
    during the submission.
    """
    if not draft.submission_key:
        draft.submission_key = uuid.uuid4().hex
    return draft.submission_key


def order_of(draft: OrderDraft, context: OrderContext) -> Order:
    """The validated order of ``draft``. Raises :class:`OrderInvalid`."""
    return validate_order(draft.to_document(context.catalogue), context)


async def submit_draft(client: Client, draft: OrderDraft, context: OrderContext) -> Confirmation:
    """Validate ``draft``, upload its signed contract if any, and submit the order with
    the draft's :func:`submission_key`.

    Raises :class:`OrderInvalid` (nothing sent), :class:`OSError` (the contract could
    not be read), and whatever :meth:`Client.upload_contract` and
    :meth:`Client.submit` raise.
    """
    order = order_of(draft, context)
    key = submission_key(draft)
    split = order.invoice_split
    if split is not None:
        reference = await client.upload_contract(Path(split.contract))
        uploaded = InvoiceSplit.model_validate({"profile": split.profile, "contract": reference})
        order = order.model_copy(update={"invoice_split": uploaded})
    confirmation = await client.submit(order, key)
    audit.submitted(confirmation.reference)
    return confirmation
