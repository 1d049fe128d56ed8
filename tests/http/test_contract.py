"""One contract, two clients: the demo client and the HTTP client on the sandbox must
behave the same for everything the TUI and the batch mode rely on."""

from __future__ import annotations

import asyncio
import re
import uuid

import pytest
from pydantic import SecretStr

from fleet_tui.clients.base import (
    Client,
    Confirmation,
    Conflict,
    Credentials,
    InvalidOrder,
    NotSignedIn,
)
from fleet_tui.core.order import parse_order
from tests.http.orders import DEMO, new_line, new_line_document

REFERENCE = re.compile(r"^OBE-\d{10}-[A-Z]{4}$")


def key() -> str:
    return str(uuid.uuid4())


async def test_wrong_password_is_refused(client: Client) -> None:
    with pytest.raises(NotSignedIn):
        await client.sign_in(Credentials(username="patricia", password=SecretStr("nope")))


async def test_nothing_is_served_before_sign_in(client: Client) -> None:
    with pytest.raises(NotSignedIn):
        await client.account()
    with pytest.raises(NotSignedIn):
        await client.catalogue()


async def test_sign_in_account_and_catalogue(client: Client) -> None:
    session = await client.sign_in(DEMO)
    account = await client.account()
    catalogue = await client.catalogue()
    assert (session.holder, session.company) == (account.holder, account.company)
    assert account.holder == "Patricia"
    assert account.reserved_numbers
    assert any(c.billing_only for c in account.customer_numbers)
    assert catalogue.plans_of_type("mobile")
    assert catalogue.plans_of_type("data")


async def test_submit_confirms_and_lists_the_order_first(client: Client) -> None:
    await client.sign_in(DEMO)
    order = new_line(await client.account(), await client.catalogue())
    confirmation = await client.submit(order, key())
    assert REFERENCE.match(confirmation.reference)
    assert confirmation.expected_activation > confirmation.submitted_at
    assert confirmation.order == order
    recent = await client.recent_orders(5)
    assert len(recent) <= 5
    assert recent[0].reference == confirmation.reference


async def test_the_same_key_replays_the_first_confirmation(client: Client) -> None:
    await client.sign_in(DEMO)
    order = new_line(await client.account(), await client.catalogue())
    same = key()
    first = await client.submit(order, same)
    before = len(await client.recent_orders(100))
    again = await client.submit(order, same)
    assert again.reference == first.reference
    assert again.submitted_at == first.submitted_at
    assert (first.replayed, again.replayed) == (False, True)
    assert len(await client.recent_orders(100)) == before


async def test_the_same_key_for_another_order_is_a_conflict(client: Client) -> None:
    await client.sign_in(DEMO)
    account, catalogue = await client.account(), await client.catalogue()
    same = key()
    await client.submit(new_line(account, catalogue, serial=1), same)
    with pytest.raises(Conflict) as caught:
        await client.submit(new_line(account, catalogue, serial=2), same)
    assert caught.value.error.code == "idempotency_key_reused"


async def test_invalid_order_names_its_fields(client: Client) -> None:
    await client.sign_in(DEMO)
    account, catalogue = await client.account(), await client.catalogue()
    billing_only = next(c.number for c in account.customer_numbers if c.billing_only)
    data_plan = catalogue.plans_of_type("data")[0].code
    document = new_line_document(account, catalogue, customer_number=billing_only)
    document["subscription"]["plan"] = data_plan  # a data plan on a "mobile" subscription
    before = await client.recent_orders(100)
    with pytest.raises(InvalidOrder) as caught:
        await client.submit(parse_order(document), key())
    paths = {e.path: e.code for e in caught.value.errors}
    assert paths[("customer_number",)] == "customer_number_billing_only"
    assert ("subscription", "plan") in paths
    assert await client.recent_orders(100) == before


async def test_a_reserved_number_is_claimed_once(client: Client) -> None:
    await client.sign_in(DEMO)
    account, catalogue = await client.account(), await client.catalogue()
    number = account.reserved_numbers[0]
    first = await client.submit(new_line(account, catalogue, desired_number=number), key())
    assert first.order.phone_number == number
    with pytest.raises(Conflict) as caught:
        await client.submit(new_line(account, catalogue, serial=2, desired_number=number), key())
    assert caught.value.error.code == "reserved_number_taken"
    assert caught.value.error.path == ("number", "desired_number")
    assert number not in (await client.account()).reserved_numbers


async def test_a_sim_card_is_claimed_by_one_order(client: Client) -> None:
    await client.sign_in(DEMO)
    account, catalogue = await client.account(), await client.catalogue()
    await client.submit(new_line(account, catalogue, serial=7), key())
    before = await client.recent_orders(100)
    other_plan = catalogue.plans_of_type("mobile")[-1].code
    document = new_line_document(account, catalogue, serial=7)
    document["subscription"]["plan"] = other_plan  # another order, the same card
    with pytest.raises(Conflict) as caught:
        await client.submit(parse_order(document), key())
    assert caught.value.error.code == "sim_card_taken"
    assert caught.value.error.path == ("sim", "sim_number")
    assert await client.recent_orders(100) == before


async def test_a_number_is_transferred_in_by_one_order(client: Client) -> None:
    await client.sign_in(DEMO)
    account, catalogue = await client.account(), await client.catalogue()
    operator = catalogue.operators[0].code
    for serial in (8, 9):
        document = new_line_document(account, catalogue, serial=serial)
        document["number"] = {
            "request": "transfer",
            "current_operator": operator,
            "card_type": "private_subscription",
            "phone_number": "0499 88 77 66" if serial == 8 else "+32499887766",
            "current_customer_number": "PX-1234567",
            "holder_name": "Jan Peeters",
        }
        if serial == 8:
            await client.submit(parse_order(document), key())
    with pytest.raises(Conflict) as caught:
        await client.submit(parse_order(document), key())
    assert caught.value.error.code == "transfer_already_requested"
    assert caught.value.error.path == ("number", "phone_number")


async def test_recent_orders_are_newest_first(client: Client) -> None:
    await client.sign_in(DEMO)
    account, catalogue = await client.account(), await client.catalogue()
    made: list[Confirmation] = []
    for serial in range(3):
        made.append(await client.submit(new_line(account, catalogue, serial=serial), key()))
        await asyncio.sleep(0.002)  # distinct submission times
    recent = await client.recent_orders(3)
    assert [r.reference for r in recent] == [c.reference for c in reversed(made)]
    assert all(r.status == "received" for r in recent)
