"""A bad network, for real: the sandbox drops connections, answers 503 and stalls past
the client's timeout, before or after storing the order. Retries with one idempotency
key per order must still store every order exactly once."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from pathlib import Path

from fleet_tui.clients.base import BackendUnavailable, ClientError, Confirmation, Conflict
from fleet_tui.clients.http import HttpClient, RetryPolicy
from fleet_tui.sandbox.faults import FaultInjector, Faults
from fleet_tui.sandbox.server import ServerThread, build_app
from tests.http.conftest import http_client
from tests.http.orders import DEMO, new_line
from tests.http.stored import stored_orders

ORDERS = 200
CONCURRENCY = 8
# An operator who meets "backend unavailable" presses Submit again: same key.
OPERATOR_RETRIES = 3
FIRST_SERIAL = 500_000


async def _submit_all(url: str) -> tuple[dict[int, str], Counter[str]]:
    outcomes: Counter[str] = Counter()
    references: dict[int, str] = {}
    gate = asyncio.Semaphore(CONCURRENCY)
    client = HttpClient(
        url,
        connect_timeout=1.0,
        read_timeout=0.3,
        retry=RetryPolicy(attempts=6, base_delay=0.02, max_delay=0.25),
    )
    async with client:
        await client.sign_in(DEMO)
        account, catalogue = await client.account(), await client.catalogue()

        async def one(serial: int) -> None:
            order = new_line(account, catalogue, serial=serial)
            key = str(uuid.uuid4())
            async with gate:
                for _ in range(OPERATOR_RETRIES + 1):
                    try:
                        confirmation = await client.submit(order, key)
                    except BackendUnavailable:
                        outcomes["unavailable"] += 1
                        continue
                    except ClientError as exc:  # any other typed error ends the order
                        outcomes[type(exc).__name__] += 1
                        return
                    assert isinstance(confirmation, Confirmation)
                    assert confirmation.order == order
                    outcomes["confirmed"] += 1
                    references[serial] = confirmation.reference
                    return

        serials = range(FIRST_SERIAL, FIRST_SERIAL + ORDERS)
        await asyncio.wait_for(asyncio.gather(*(one(s) for s in serials)), timeout=120)
    return references, outcomes


async def test_every_order_is_stored_exactly_once_through_faults(sandbox_dir: Path) -> None:
    faults = Faults(rate=0.3, seed=20240611, stall_seconds=0.6)
    app = build_app(sandbox_dir, faults=faults)
    assert isinstance(app, FaultInjector)
    with ServerThread(app) as server:
        references, outcomes = await _submit_all(server.url)

    # Every kind of fault, before and after storing, was met.
    assert {name for name, count in app.injected.items() if count} == {
        f"{kind}-{moment}"
        for kind in ("drop", "unavailable", "stall")
        for moment in ("before", "after")
    }
    assert outcomes["confirmed"] == ORDERS, outcomes
    assert set(outcomes) <= {"confirmed", "unavailable"}

    ours = [
        (doc["sim"]["sim_number"], reference)
        for reference, _, doc in stored_orders(sandbox_dir)
        if int(doc["sim"].get("sim_number", "0")[5:] or 0) >= FIRST_SERIAL
    ]
    assert len(ours) == ORDERS
    assert len(dict(ours)) == ORDERS  # no SIM twice: no duplicate order
    by_sim = dict(ours)
    for serial, reference in references.items():
        assert by_sim[f"11501{serial:08d}"] == reference


async def test_two_clients_racing_for_one_reserved_number(sandbox: str) -> None:
    async with http_client(sandbox) as first, http_client(sandbox) as second:
        await asyncio.gather(first.sign_in(DEMO), second.sign_in(DEMO))
        account, catalogue = await first.account(), await first.catalogue()
        number = account.reserved_numbers[-1]
        results = await asyncio.gather(
            first.submit(new_line(account, catalogue, serial=1, desired_number=number), "a" * 16),
            second.submit(new_line(account, catalogue, serial=2, desired_number=number), "b" * 16),
            return_exceptions=True,
        )
    confirmed = [r for r in results if isinstance(r, Confirmation)]
    conflicts = [r for r in results if isinstance(r, Conflict)]
    assert len(confirmed) == 1 and len(conflicts) == 1, results
    assert conflicts[0].error.code == "reserved_number_taken"
    assert conflicts[0].error.path == ("number", "desired_number")
    assert confirmed[0].order.phone_number == number
