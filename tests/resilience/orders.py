"""Orders and drafts valid against the demo backend's seed, and the context to check them."""

from __future__ import annotations

from typing import Any

from fleet_tui.clients.demo.seed import load_seed
from fleet_tui.core.draft import OrderDraft
from fleet_tui.core.rules import OrderContext
from tests.support.orders import as_draft, esim_sim, professional_transfer, spec_order


def demo_context() -> OrderContext:
    """The demo account and catalogue, as the demo backend serves them."""
    seed = load_seed()
    return OrderContext(seed.account, seed.catalogue)


def esim_draft(**changes: Any) -> OrderDraft:
    """A complete draft: a new number on an eSIM, Shape Traveller with its Surf Extra Card,
    for a Dutch speaker; the card number and email as a person types them."""
    typed = {**esim_sim("1150 1000 48141", language="nl"), "user_email": "Jan.Peeters@example.be"}
    return as_draft(spec_order(sim=typed, surf_extra_card=True), **changes)


def professional_transfer_draft(**changes: Any) -> OrderDraft:
    """A complete draft porting a number that belongs to another company, physical SIM."""
    return as_draft(professional_transfer(), **changes)
