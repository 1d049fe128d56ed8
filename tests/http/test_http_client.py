"""What only the HTTP client does: tokens, expiry, uploads, retries, unreachable servers."""

from __future__ import annotations

import random
import socket
import time
import uuid
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from fleet_tui.clients.base import (
    BackendUnavailable,
    ClientOptionRefused,
    ClientOptions,
    Credentials,
    InvalidOrder,
    NotSignedIn,
)
from fleet_tui.clients.http import HttpClient, RetryPolicy
from fleet_tui.clients.registry import load_client
from fleet_tui.core.order import parse_order
from fleet_tui.sandbox.server import ServerThread, build_app
from tests.http.conftest import http_client
from tests.http.orders import DEMO, new_line, new_line_document

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(200))


def test_the_entry_point_builds_an_http_client_from_options() -> None:
    options = ClientOptions(
        api_url="http://127.0.0.1:9/",
        token=SecretStr("t0ken-from-env"),
        extra={"read_timeout": "2", "attempts": "3"},
    )
    client = load_client("http", options)
    assert isinstance(client, HttpClient)
    assert client.api_url == "http://127.0.0.1:9"
    assert "t0ken-from-env" not in repr(client)


def test_a_bad_client_option_is_refused() -> None:
    with pytest.raises(ClientOptionRefused) as refused:
        HttpClient.from_options(ClientOptions(extra={"read_timeout": "soon"}))
    assert (refused.value.key, refused.value.value) == ("read_timeout", "soon")


def test_full_jitter_stays_under_the_exponential_cap() -> None:
    policy = RetryPolicy(attempts=6, base_delay=0.1, max_delay=1.0)
    rng = random.Random(4)
    for failures, cap in ((1, 0.1), (2, 0.2), (3, 0.4), (4, 0.8), (5, 1.0), (9, 1.0)):
        waits = [policy.delay(failures, rng) for _ in range(200)]
        assert all(0 <= w <= cap for w in waits)
        assert max(waits) > cap * 0.8  # jitter spans the whole range
    assert policy.delay(1, rng, retry_after=0.5) >= 0.5
    assert policy.delay(1, rng, retry_after=60) <= 1.0


async def test_a_token_from_the_environment_needs_no_sign_in(sandbox_dir: Path) -> None:
    token = SecretStr("fixed-sandbox-token-123")
    app = build_app(sandbox_dir, fixed_token=token)
    with ServerThread(app) as server:
        options = ClientOptions(api_url=server.url, token=token)
        async with HttpClient.from_options(options) as client:
            assert (await client.account()).holder == "Patricia"
        async with HttpClient(server.url) as client:
            session = await client.sign_in(Credentials(token=token))
            assert session.holder == "Patricia"
            with pytest.raises(NotSignedIn):
                await client.sign_in(Credentials(token=SecretStr("not-the-token")))


async def test_an_expired_token_is_renewed_with_the_stored_credentials(
    sandbox_dir: Path,
) -> None:
    with ServerThread(build_app(sandbox_dir, token_ttl=0.3)) as server:
        async with http_client(server.url) as client:
            await client.sign_in(DEMO)
            account = await client.account()
            time.sleep(0.4)
            assert await client.account() == account  # 401, sign in again, retry


async def test_an_expired_token_without_credentials_means_sign_in_again(
    sandbox_dir: Path,
) -> None:
    with ServerThread(build_app(sandbox_dir, token_ttl=0.3)) as server:
        grant = httpx.post(
            f"{server.url}/v1/session", json={"username": "patricia", "password": "demo"}
        ).json()
        async with http_client(server.url) as client:
            await client.sign_in(Credentials(token=SecretStr(grant["token"])))
            time.sleep(0.4)
            with pytest.raises(NotSignedIn):
                await client.catalogue()


async def test_a_local_contract_is_uploaded_and_replaced_by_its_reference(
    sandbox: str, sandbox_dir: Path, tmp_path: Path
) -> None:
    scan = tmp_path / "signed.png"
    scan.write_bytes(PNG)
    async with http_client(sandbox) as client:
        await client.sign_in(DEMO)
        account, catalogue = await client.account(), await client.catalogue()
        split = next(c for c in account.customer_numbers if c.invoice_split_profile)
        document = new_line_document(account, catalogue, customer_number=split.number)
        document["invoice_split"] = {
            "profile": split.invoice_split_profile,
            "contract": str(scan),
        }
        order = parse_order(document)
        same = str(uuid.uuid4())
        confirmation = await client.submit(order, same)
        reference = confirmation.order.invoice_split and confirmation.order.invoice_split.contract
        assert reference == await client.upload_contract(scan)
        assert reference is not None and reference.startswith("upload:")
        # A second submission uploads again, gets the same reference, and replays.
        assert (await client.submit(order, same)).reference == confirmation.reference
    stored = list((sandbox_dir / "uploads").iterdir())
    assert [p.read_bytes() for p in stored] == [PNG]


async def test_a_file_that_is_no_scan_is_refused_on_the_contract_field(
    sandbox: str, tmp_path: Path
) -> None:
    fake = tmp_path / "contract.pdf"
    fake.write_text("not a PDF")
    async with http_client(sandbox) as client:
        await client.sign_in(DEMO)
        with pytest.raises(InvalidOrder) as caught:
            await client.upload_contract(fake)
    assert [(e.path, e.code) for e in caught.value.errors] == [
        (("invoice_split", "contract"), "upload_type")
    ]


def test_multipart_and_raw_uploads_name_the_same_file_alike(sandbox: str) -> None:
    with httpx.Client(base_url=sandbox) as http:
        token = http.post("/v1/session", json={"username": "patricia", "password": "demo"})
        http.headers["Authorization"] = f"Bearer {token.json()['token']}"
        raw = http.post("/v1/uploads", content=PNG, headers={"Content-Type": "image/png"})
        form = http.post("/v1/uploads", files={"file": ("scan.png", PNG, "image/png")})
        too_big = http.post("/v1/uploads", content=b"%PDF-" + b"0" * (10 * 2**20 + 1))
    assert (raw.status_code, form.status_code) == (201, 200)
    assert raw.json()["contract"] == form.json()["contract"]
    assert too_big.status_code == 413
    assert too_big.json()["errors"][0]["code"] == "upload_too_large"


async def test_an_unknown_upload_reference_is_a_field_error(sandbox: str) -> None:
    async with http_client(sandbox) as client:
        await client.sign_in(DEMO)
        account, catalogue = await client.account(), await client.catalogue()
        split = next(c for c in account.customer_numbers if c.invoice_split_profile)
        document = new_line_document(account, catalogue, customer_number=split.number)
        document["invoice_split"] = {
            "profile": split.invoice_split_profile,
            "contract": "upload:" + "0" * 64,
        }
        with pytest.raises(InvalidOrder) as caught:
            await client.submit(parse_order(document), str(uuid.uuid4()))
    assert [(e.path, e.code) for e in caught.value.errors] == [
        (("invoice_split", "contract"), "upload_missing")
    ]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


async def test_an_unreachable_backend_is_unavailable_after_bounded_attempts() -> None:
    url = f"http://127.0.0.1:{_closed_port()}"
    async with http_client(url, attempts=3, connect_timeout=0.5) as client:
        started = time.monotonic()
        with pytest.raises(BackendUnavailable, match="after 3 attempts"):
            await client.sign_in(DEMO)
    assert time.monotonic() - started < 5


async def test_submitting_unsigned_is_refused_without_a_request(sandbox: str) -> None:
    async with http_client(sandbox) as client:
        await client.sign_in(DEMO)
        order = new_line(await client.account(), await client.catalogue())
    async with http_client(sandbox) as stranger:
        with pytest.raises(NotSignedIn):
            await stranger.submit(order, str(uuid.uuid4()))
