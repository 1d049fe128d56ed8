"""Order documents for the demo backend's tests (SPEC §7), valid against the demo seed."""

from __future__ import annotations

from typing import Any

from tests.support.orders import company_transfer, esim_sim, spec_order


def physical_new(**changes: Any) -> dict[str, Any]:
    """SPEC §7's order on SPEC's physical SIM, with 50 € of Travel Data Control and a
    Surf Extra Card."""
    document = spec_order(
        sim={"format": "physical", "sim_number": "1150100084757"},
        travel_data_control=50,
        surf_extra_card=True,
    )
    document.update(changes)
    return document


def esim_new(
    language: str = "nl", send_qr: bool = False, desired_number: str | None = None
) -> dict[str, Any]:
    """A new number on an eSIM for an end user speaking ``language``."""
    return physical_new(
        number={"request": "new", "desired_number": desired_number},
        sim=esim_sim(language=language, send_qr=send_qr),
    )


def reserved(number: str) -> dict[str, Any]:
    """A new number chosen among the demo account's reserved numbers."""
    return physical_new(number={"request": "new", "desired_number": number})


def professional_transfer(company: str) -> dict[str, Any]:
    """Port a number that belongs to the company ``company`` (typed by the operator)."""
    return physical_new(number=company_transfer(company_name=company))
