"""Order documents (SPEC §7) valid against the demo seed, shared by the tests and the
benchmarks, and the wizard's draft holding one.

Each builder returns a fresh dict and takes changes to the document's top-level parts
(``number``, ``sim``, ``travel_data_control``, …), so that a test writes out only the
part it varies.
"""

from __future__ import annotations

from typing import Any

from fleet_tui.core.draft import OrderDraft

#: The eSIM card of SPEC §7's example.
ESIM_NUMBER = "1150100048141"


def esim_sim(
    card: str = ESIM_NUMBER, *, language: str = "fr", send_qr: bool = True
) -> dict[str, Any]:
    """The ``sim`` part of SPEC §7's example: an eSIM for Jan Peeters, speaking ``language``;
    ``send_qr``: the QR code goes to the fleet manager too."""
    return {
        "format": "esim",
        "esim_number": card,
        "user_email": "jan.peeters@example.be",
        "user_language": language,
        "send_qr_to_fleet_manager": send_qr,
    }


def spec_order(**changes: Any) -> dict[str, Any]:
    """SPEC §7's example with the demo catalogue's codes: a new number on an eSIM, Shape
    Traveller with the World Traveller option, no Travel Data Control, no Surf Extra Card."""
    document: dict[str, Any] = {
        "number": {"request": "new", "desired_number": None},
        "customer_number": "5.16142",
        "sim": esim_sim(),
        "subscription": {"type": "mobile", "plan": "shape-traveller"},
        "options": {"mode": "select", "codes": ["world-traveller"]},
        "travel_data_control": 0,
        "surf_extra_card": False,
        "invoice_split": None,
    }
    document.update(changes)
    return document


def plain_order(**changes: Any) -> dict[str, Any]:
    """The simplest order: a new number on a physical SIM, Shape Smart without options."""
    document: dict[str, Any] = {
        "number": {"request": "new"},
        "customer_number": "5.16142",
        "sim": {"format": "physical", "sim_number": "1150100084001"},
        "subscription": {"type": "mobile", "plan": "shape-smart"},
        "options": {"mode": "select", "codes": []},
        "travel_data_control": 50,
    }
    document.update(changes)
    return document


def company_transfer(**changes: Any) -> dict[str, Any]:
    """The ``number`` part porting in a number that belongs to another company
    (``Acme [GmbH]``, markup-like on purpose), from Proximus."""
    number: dict[str, Any] = {
        "request": "transfer",
        "current_operator": "proximus",
        "card_type": "professional_subscription",
        "phone_number": "0499 11 22 33",
        "current_customer_number": "PX-778",
        "vat_number": "BE 0456.810.810",
        "contact_name": "Jan Peeters",
        "company_name": "Acme [GmbH]",
    }
    number.update(changes)
    return number


def professional_transfer(**number: Any) -> dict[str, Any]:
    """:func:`plain_order` porting :func:`company_transfer`'s number (``number``: changes to
    it) onto a physical SIM."""
    return plain_order(
        number=company_transfer(**number),
        sim={"format": "physical", "sim_number": "1150100084002"},
    )


def as_draft(document: dict[str, Any], **changes: Any) -> OrderDraft:
    """The wizard's draft holding ``document``'s answers, with ``changes`` to its fields
    (``plan="shape-smart"``, say)."""
    answers = OrderDraft.from_document(document).model_dump()
    answers.update(changes)
    return OrderDraft.model_validate(answers)
