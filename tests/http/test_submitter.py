"""Who submitted an order is in its history, over both clients, and nowhere in the order:
not in the document sent or stored, not in the confirmation emails."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import AsyncIterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from fleet_tui.clients.base import Client, ClientOptions
from fleet_tui.clients.demo import DemoClient
from fleet_tui.clients.demo.backend import DemoBackend
from fleet_tui.clients.demo.store import FILE_NAME
from fleet_tui.clients.http import HttpClient
from fleet_tui.core.i18n import t
from fleet_tui.core.order_view import event_text
from fleet_tui.core.submitter import OPERATOR_HEADER, Submitter
from fleet_tui.sandbox.server import ServerThread, build_app
from tests.http.conftest import http_client
from tests.http.orders import DEMO, new_line
from tests.http.stored import stored_orders

KEY = "SHA256:" + "Ab+/" * 10 + "xyz"
ALICE = Submitter("ssh", "alice", KEY).wire()


@dataclass
class Backend:
    client: Client
    folder: Path
    #: The bodies the client sent (HTTP only).
    sent: list[bytes]


@pytest.fixture(params=["demo", "http"])
async def backend(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Backend]:
    if request.param == "demo":
        folder = tmp_path / "demo"
        options = ClientOptions(data_dir=folder, submitted_by=ALICE)
        async with DemoClient.from_options(options) as demo:
            yield Backend(demo, folder, [])
        return
    folder = tmp_path / "sandbox"
    with ServerThread(build_app(folder)) as server:
        sent: list[bytes] = []

        async def record(request: httpx.Request) -> None:
            if request.method == "POST" and request.url.path == "/v1/orders":
                sent.append(request.content)

        options = ClientOptions(api_url=server.url, extra={"attempts": "2"}, submitted_by=ALICE)
        http = HttpClient.from_options(options)
        http._http.event_hooks["request"].append(record)
        async with http:
            yield Backend(http, folder, sent)


async def test_the_submitting_operator_is_in_the_history_and_not_in_the_order(
    backend: Backend,
) -> None:
    client = backend.client
    await client.sign_in(DEMO)
    order = new_line(await client.account(), await client.catalogue())
    confirmation = await client.submit(order, "submitter-key-0001")

    record = await client.order(confirmation.reference)
    assert record is not None
    assert record.history[0].status == "received"
    assert record.history[0].by == ALICE
    assert event_text(record.history[0], "en").endswith(f"— by ssh user alice, key {KEY}")
    assert f"utilisateur ssh alice, clé {KEY}" in event_text(record.history[0], "fr")
    # A replay of the key keeps the first submission's record.
    again = await client.submit(order, "submitter-key-0001")
    assert again.replayed

    assert "alice" not in confirmation.model_dump_json()
    for sent in backend.sent:
        assert b"alice" not in sent and KEY.encode() not in sent
    [(_, _, document)] = [o for o in stored_orders(backend.folder) if o[1]]
    assert "alice" not in json.dumps(document) and KEY not in json.dumps(document)
    mails = list(backend.folder.rglob("*.eml"))
    assert mails
    for mail in mails:
        text = mail.read_text(encoding="utf-8", errors="replace")
        assert "alice" not in text and KEY not in text


async def test_orders_submitted_without_an_operator_have_no_one_in_their_history(
    sandbox: str,
) -> None:
    async with http_client(sandbox) as client:
        await client.sign_in(DEMO)
        order = new_line(await client.account(), await client.catalogue())
        confirmation = await client.submit(order, "submitter-key-0002")
        record = await client.order(confirmation.reference)
    assert record is not None and record.history[0].by is None
    assert t("submitter.by", "en", who="") not in event_text(record.history[0], "en")


@pytest.mark.parametrize("value", [b"x" * 257, b"caf\xe9"])
async def test_the_sandbox_refuses_an_operator_header_it_cannot_keep(
    sandbox: str, value: bytes
) -> None:
    async with http_client(sandbox) as client:
        await client.sign_in(DEMO)
        order = new_line(await client.account(), await client.catalogue())
        token = client._token
    assert token is not None
    headers = {
        b"Authorization": f"Bearer {token.get_secret_value()}".encode(),
        b"Idempotency-Key": b"submitter-key-0003",
        OPERATOR_HEADER.encode(): value,
    }
    async with httpx.AsyncClient(base_url=sandbox) as raw:
        answer = await raw.post("/v1/orders", json=order.document(), headers=headers)
    assert answer.status_code == 400, answer.text
    assert OPERATOR_HEADER in answer.text


async def test_who_cancelled_an_order_is_in_its_history(backend: Backend) -> None:
    client = backend.client
    await client.sign_in(DEMO)
    order = new_line(await client.account(), await client.catalogue(), serial=84758)
    confirmation = await client.submit(order, "submitter-key-0004")
    record = await client.cancel(confirmation.reference)
    assert record.history[-1].status == "cancelled"
    assert record.history[-1].by == ALICE
    again = await client.order(confirmation.reference)
    assert again is not None and again.history[-1].by == ALICE


def test_a_store_whose_history_table_predates_who_did_it_gains_the_column(
    tmp_path: Path,
) -> None:
    first = DemoBackend(tmp_path)
    reference = first.recent_orders(1)[0].reference
    first.close()
    with closing(sqlite3.connect(tmp_path / FILE_NAME)) as db:
        db.execute("ALTER TABLE order_events DROP COLUMN done_by")
        db.commit()
    backend = DemoBackend(tmp_path)
    try:
        assert backend.cancel(reference, by=ALICE).history[-1].by == ALICE
    finally:
        backend.close()
