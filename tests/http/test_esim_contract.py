"""The eSIM fields cross the HTTP contract as the demo client gives them: the install
fields derived from the activation code, and the confirmation code apart."""

from __future__ import annotations

import uuid

from fleet_tui.clients.base import Client
from fleet_tui.core.order import parse_order
from tests.http.orders import DEMO, new_line_document


async def test_an_esim_confirmation_carries_the_confirmation_code(client: Client) -> None:
    await client.sign_in(DEMO)
    account, catalogue = await client.account(), await client.catalogue()
    flagged = next(p for p in catalogue.plans if p.esim_confirmation_code)
    document = new_line_document(account, catalogue)
    document["subscription"] = {"type": flagged.type, "plan": flagged.code}
    document["sim"] = {
        "format": "esim",
        "esim_number": "1150100048141",
        "user_email": "jan.peeters@example.be",
        "user_language": "nl",
        "send_qr_to_fleet_manager": True,
    }
    done = await client.submit(parse_order(document), str(uuid.uuid4()))
    assert done.activation_code is not None and done.activation_code.endswith("$$1")
    assert done.confirmation_code is not None and done.confirmation_code.isdigit()
    assert done.matching_id is not None and done.matching_id in done.activation_code
    assert done.smdp_address is not None and done.ios_install_url is not None
    wire = done.model_dump(mode="json")
    for field in ("smdp_address", "matching_id", "ios_install_url", "windows_install_url"):
        assert wire[field]
