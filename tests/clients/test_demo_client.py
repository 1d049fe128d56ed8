"""The demo client through the async client interface and the plugin registry."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr

from fleet_tui.clients.base import ClientOptions, Credentials, InvalidOrder, NotSignedIn
from fleet_tui.clients.demo import DemoClient
from fleet_tui.clients.registry import load_client
from fleet_tui.core.rules import validate_order
from tests.clients import orders


async def test_nothing_but_sign_in_works_before_signing_in(tmp_path: Path) -> None:
    client = load_client("demo", ClientOptions(data_dir=tmp_path))
    assert isinstance(client, DemoClient)
    with pytest.raises(NotSignedIn):
        await client.account()
    with pytest.raises(NotSignedIn):
        await client.recent_orders()
    with pytest.raises(NotSignedIn):
        await client.sign_in(Credentials(username="patricia", password=SecretStr("nope")))

    session = await client.sign_in(Credentials(username="Patricia", password=SecretStr("demo")))

    assert session.holder == "Patricia"
    assert (await client.account()).company == "Brasserie Demo SA"
    assert len(await client.recent_orders(2)) == 2
    await client.aclose()


async def test_auto_sign_in_for_batch_use(tmp_path: Path) -> None:
    async with DemoClient.signed_in(tmp_path) as client:
        catalogue = await client.catalogue()
        account = await client.account()
        order = validate_order(orders.physical_new())
        confirmation = await client.submit(order, "k1")
        assert catalogue.plan(confirmation.order.subscription.plan) is not None
        assert (await client.recent_orders(1))[0].reference == confirmation.reference
        assert account.holder == "Patricia"


async def test_the_backend_checks_the_order_against_the_account(tmp_path: Path) -> None:
    client = DemoClient.signed_in(tmp_path)
    # Valid on its own, but 5.99999 is not one of the demo account's numbers.
    order = validate_order(orders.physical_new(customer_number="5.99999"))
    with pytest.raises(InvalidOrder) as caught:
        await client.submit(order, "k1")
    assert [e.field for e in caught.value.errors] == ["customer_number"]
