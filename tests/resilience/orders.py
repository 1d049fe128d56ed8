"""Orders and drafts valid against the demo backend's seed, and the context to check them."""

from __future__ import annotations

from typing import Any

from fleet_tui.clients.demo.seed import load_seed
from fleet_tui.core.draft import OrderDraft
from fleet_tui.core.rules import OrderContext


def demo_context() -> OrderContext:
    """The demo account and catalogue, as the demo backend serves them."""
    seed = load_seed()
    return OrderContext(seed.account, seed.catalogue)


def esim_draft(**changes: Any) -> OrderDraft:
    """A complete draft: a new number on an eSIM, Shape Traveller with its Surf Extra Card."""
    data: dict[str, Any] = {
        "number_request": "new",
        "customer_number": "5.16142",
        "sim_format": "esim",
        "esim_compatible": True,
        "esim_number": "1150 1000 48141",
        "user_email": "Jan.Peeters@example.be",
        "user_language": "nl",
        "send_qr_to_fleet_manager": True,
        "subscription_type": "mobile",
        "plan": "shape-traveller",
        "options_mode": "select",
        "option_codes": ["world-traveller"],
        "travel_data_control": 0,
        "surf_extra_card": True,
    }
    data.update(changes)
    return OrderDraft.model_validate(data)


def professional_transfer_draft(**changes: Any) -> OrderDraft:
    """A complete draft porting a number that belongs to another company, physical SIM."""
    data: dict[str, Any] = {
        "number_request": "transfer",
        "current_operator": "proximus",
        "card_type": "professional_subscription",
        "phone_number": "0499 11 22 33",
        "current_customer_number": "PX-778",
        "vat_number": "BE 0456.810.810",
        "contact_name": "Jan Peeters",
        "company_name": "Acme [GmbH]",
        "customer_number": "5.16142",
        "sim_format": "physical",
        "sim_number": "1150100084002",
        "subscription_type": "mobile",
        "plan": "shape-smart",
        "travel_data_control": 50,
    }
    data.update(changes)
    return OrderDraft.model_validate(data)
