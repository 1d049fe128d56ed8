"""Order documents for the demo backend's tests (SPEC §7), valid against the demo seed."""

from __future__ import annotations

from typing import Any


def physical_new(**changes: Any) -> dict[str, Any]:
    """A new number on a physical SIM, Shape plan: the simplest valid order."""
    document: dict[str, Any] = {
        "number": {"request": "new", "desired_number": None},
        "customer_number": "5.16142",
        "sim": {"format": "physical", "sim_number": "1150100084757"},
        "subscription": {"type": "mobile", "plan": "shape-traveller"},
        "options": {"mode": "select", "codes": ["world-traveller"]},
        "travel_data_control": 50,
        "surf_extra_card": True,
        "invoice_split": None,
    }
    document.update(changes)
    return document


def esim_new(
    language: str = "nl", send_qr: bool = False, desired_number: str | None = None
) -> dict[str, Any]:
    """A new number on an eSIM for an end user speaking ``language``."""
    return physical_new(
        number={"request": "new", "desired_number": desired_number},
        sim={
            "format": "esim",
            "esim_number": "1150100048141",
            "user_email": "jan.peeters@example.be",
            "user_language": language,
            "send_qr_to_fleet_manager": send_qr,
        },
    )


def reserved(number: str) -> dict[str, Any]:
    """A new number chosen among the demo account's reserved numbers."""
    return physical_new(number={"request": "new", "desired_number": number})


def professional_transfer(company: str) -> dict[str, Any]:
    """Port a number that belongs to the company ``company`` (typed by the operator)."""
    return physical_new(
        number={
            "request": "transfer",
            "current_operator": "proximus",
            "card_type": "professional_subscription",
            "phone_number": "0498 76 54 32",
            "current_customer_number": "ACME-001",
            "company_name": company,
            "vat_number": "BE 0456.810.810",
            "contact_name": "Jean Dupont",
        }
    )
