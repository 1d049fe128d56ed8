"""After submission, one contract over two clients: status and history, cancel before
and after the donor's validation, a reserved number given back, two cancels racing.

Both clients run on a clock the test moves: the demo backend and the sandbox take the
same ``clock`` (the sandbox in a real server thread on loopback).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from fleet_tui.clients.base import Client, NotCancellable, UnknownOrder
from fleet_tui.clients.demo import DemoClient
from fleet_tui.clients.demo.backend import DemoBackend
from fleet_tui.core.account import Account
from fleet_tui.core.catalogue import Catalogue
from fleet_tui.core.order import Order, parse_order
from fleet_tui.sandbox.server import ServerThread, build_app
from tests.http.conftest import http_client
from tests.http.orders import DEMO, new_line, new_line_document


@dataclass
class Clock:
    """The time both backends read; ``advance`` moves it."""

    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Backend:
    client: Client
    folder: Path
    clock: Clock


@pytest.fixture
def clock() -> Iterator[Clock]:
    yield Clock()


@pytest.fixture(params=["demo", "http"])
async def backend(
    request: pytest.FixtureRequest, tmp_path: Path, clock: Clock
) -> AsyncIterator[Backend]:
    if request.param == "demo":
        folder = tmp_path / "demo"
        async with DemoClient(DemoBackend(folder, clock)) as demo:
            await demo.sign_in(DEMO)
            yield Backend(demo, folder, clock)
        return
    folder = tmp_path / "sandbox"
    with ServerThread(build_app(folder, clock=clock)) as server:
        async with http_client(server.url) as http:
            await http.sign_in(DEMO)
            yield Backend(http, folder, clock)


def transfer(account: Account, catalogue: Catalogue) -> Order:
    document = new_line_document(account, catalogue)
    document["number"] = {
        "request": "transfer",
        "current_operator": next(o.code for o in catalogue.operators if not o.is_orange),
        "card_type": "private_subscription",
        "phone_number": "0499 44 55 66",
        "current_customer_number": "PX-1",
    }
    return parse_order(document)


async def _submit_transfer(backend: Backend) -> str:
    client = backend.client
    order = transfer(await client.account(), await client.catalogue())
    return (await client.submit(order, str(uuid.uuid4()))).reference


async def test_a_transfer_goes_through_its_steps_with_their_times(backend: Backend) -> None:
    client, clock = backend.client, backend.clock
    start = clock.now
    reference = await _submit_transfer(backend)
    seen = []
    for minutes in (0, 3, 25, 24 * 60 + 1):
        clock.now = start + timedelta(minutes=minutes)
        record = await client.order(reference)
        assert record is not None
        seen.append(record.status)
    assert record is not None
    assert seen == ["received", "donor_validation", "scheduled", "active"]
    assert [e.status for e in record.history] == seen
    times = [e.at for e in record.history]
    assert times == sorted(times) and len(set(times)) == 4
    assert record.history[-1].at == record.expected_activation
    assert record.order is not None and record.order.number.request == "transfer"


async def test_a_new_number_is_received_then_active(backend: Backend) -> None:
    client = backend.client
    order = new_line(await client.account(), await client.catalogue())
    done = await client.submit(order, str(uuid.uuid4()))
    record = await client.order(done.reference)
    assert record is not None and [e.status for e in record.history] == ["received"]
    backend.clock.advance(hours=2)
    record = await client.order(done.reference)
    assert record is not None and [e.status for e in record.history] == ["received", "active"]
    listed = await client.recent_orders(1)
    assert listed[0].reference == done.reference and listed[0].status == "active"


async def test_a_transfer_is_cancelled_before_the_donor_validates_it(backend: Backend) -> None:
    client = backend.client
    reference = await _submit_transfer(backend)
    backend.clock.advance(minutes=3)
    record = await client.cancel(reference)
    assert [e.status for e in record.history] == ["received", "donor_validation", "cancelled"]
    # Idempotent: the same answer, nothing more recorded, one email.
    backend.clock.advance(minutes=30)
    again = await client.cancel(reference)
    assert again.history == record.history and again.status == "cancelled"
    looked_up = await client.order(reference)
    assert looked_up is not None and looked_up.status == "cancelled"
    emails = list((backend.folder / "outbox").glob(f"{reference}-cancelled.eml"))
    assert len(emails) == 1


async def test_after_validation_the_cancellation_is_refused_with_the_reason(
    backend: Backend,
) -> None:
    client = backend.client
    reference = await _submit_transfer(backend)
    backend.clock.advance(minutes=25)
    with pytest.raises(NotCancellable) as refused:
        await client.cancel(reference)
    assert refused.value.code == "cancel_after_validation"
    record = await client.order(reference)
    assert record is not None and record.status == "scheduled"
    backend.clock.advance(days=2)
    with pytest.raises(NotCancellable) as late:
        await client.cancel(reference)
    assert late.value.code == "cancel_active"


async def test_a_cancelled_order_gives_its_reserved_number_back(backend: Backend) -> None:
    client = backend.client
    account, catalogue = await client.account(), await client.catalogue()
    reserved = account.reserved_numbers[0]
    first = new_line(account, catalogue, desired_number=reserved, serial=1)
    done = await client.submit(first, str(uuid.uuid4()))
    assert reserved not in (await client.account()).reserved_numbers
    await client.cancel(done.reference)
    assert reserved in (await client.account()).reserved_numbers
    second = new_line(await client.account(), catalogue, desired_number=reserved, serial=2)
    claimed = await client.submit(second, str(uuid.uuid4()))
    assert claimed.order.phone_number == reserved
    assert reserved not in (await client.account()).reserved_numbers


async def test_two_cancels_racing_both_answer_cancelled_once(backend: Backend) -> None:
    client = backend.client
    reference = await _submit_transfer(backend)
    first, second = await asyncio.gather(client.cancel(reference), client.cancel(reference))
    assert first.status == second.status == "cancelled"
    assert first.history == second.history
    assert [e.status for e in first.history].count("cancelled") == 1
    assert len(list((backend.folder / "outbox").glob(f"{reference}-cancelled.eml"))) == 1


async def test_an_unknown_reference(backend: Backend) -> None:
    assert await backend.client.order("OBE-0000000000-NONE") is None
    with pytest.raises(UnknownOrder):
        await backend.client.cancel("OBE-0000000000-NONE")
    with pytest.raises(UnknownOrder):
        await backend.client.cancel("../../etc")
