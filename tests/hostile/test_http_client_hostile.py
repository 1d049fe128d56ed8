"""The HTTP client against a hostile server on loopback: a trickle, an endless body, a
gzip bomb and large non-document answers all end in ``BackendUnavailable`` within the
request deadline and without memory growing with what the server sends."""

from __future__ import annotations

import time
import tracemalloc

import pytest
from pydantic import SecretStr

from fleet_tui.clients.base import BackendUnavailable, ClientOptionRefused, ClientOptions
from fleet_tui.clients.http import HttpClient, RetryPolicy
from tests.hostile.hostile_server import MIB, WRONG_SHAPE_BYTES, gzip_bomb, hostile_server


def _client(url: str, **kwargs: float) -> HttpClient:
    return HttpClient(
        url,
        token=SecretStr("hostile-test-token"),
        retry=RetryPolicy(attempts=2, base_delay=0.01, max_delay=0.05),
        read_timeout=5.0,
        **kwargs,  # type: ignore[arg-type]
    )


async def test_a_trickling_server_is_cut_at_the_request_deadline() -> None:
    async with hostile_server() as url:
        client = _client(f"{url}/trickle", request_deadline=1.0)
        started = time.monotonic()
        with pytest.raises(BackendUnavailable, match="no answer within 1 s"):
            await client.account()
        elapsed = time.monotonic() - started
        await client.aclose()
    # Each byte arrives well within read_timeout (5 s): only the deadline ends it.
    assert 0.9 < elapsed < 2.0, elapsed


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("endless", "answer larger than"),
        ("bomb", "answer larger than"),
        ("html", "unexpected answer"),
        ("notjson", "unexpected answer"),
    ],
)
async def test_hostile_answers_are_refused_within_bounded_memory(mode: str, message: str) -> None:
    async with hostile_server() as url:
        client = _client(f"{url}/{mode}", request_deadline=20.0)
        gzip_bomb(256)  # built before measuring: the server's bytes are not the client's
        tracemalloc.start()
        try:
            with pytest.raises(BackendUnavailable, match=message):
                await client.account()
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
            await client.aclose()
    # The cap is 10 MiB: the bomb inflates to 256 MiB and the endless body has no end.
    # Two copies of the cap at most (the bytes read, then the body handed to pydantic);
    # before, a 10 MB answer cost 35 times its size and a bomb went past 800 MiB.
    assert peak < 25 * MIB, f"{mode}: peak {peak / MIB:.1f} MiB"


@pytest.mark.parametrize("mode", ["wrongshape", "wrongitems"])
async def test_a_valid_json_answer_of_the_wrong_shape_is_refused_cheaply(mode: str) -> None:
    async with hostile_server() as url:
        client = _client(f"{url}/{mode}", request_deadline=20.0)
        ask = client.account if mode == "wrongshape" else client.recent_orders
        tracemalloc.start()
        try:
            with pytest.raises(BackendUnavailable, match="unexpected answer"):
                await ask()
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
            await client.aclose()
    # Reading the body costs two copies; refusing it must not cost much more. Before,
    # pydantic's errors cost 17 (an object without its fields) and 86 (a list of wrong
    # items) times the answer's size (benchmarks/bench_wrong_shape.py).
    assert peak < 3 * WRONG_SHAPE_BYTES, f"{mode}: {peak / WRONG_SHAPE_BYTES:.1f}x its size"


async def test_a_small_cap_refuses_an_ordinary_large_answer() -> None:
    async with hostile_server() as url:
        client = _client(f"{url}/notjson", max_answer_bytes=1024)
        with pytest.raises(BackendUnavailable, match="answer larger than 1024 bytes"):
            await client.account()
        await client.aclose()


@pytest.mark.parametrize(
    "url",
    ["http://fleet.example.com", "http://10.0.0.5:8765", "HTTP://[2001:db8::1]/", "http://0.0.0.0"],
)
def test_plain_http_to_another_machine_is_refused(url: str) -> None:
    with pytest.raises(ClientOptionRefused) as refused:
        HttpClient.from_options(ClientOptions(api_url=url))
    assert refused.value.key == "api_url"
    assert refused.value.code == "insecure_http"


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8765", "http://localhost:1", "http://[::1]:9", "https://x.example"]
)
def test_loopback_http_and_https_are_accepted(url: str) -> None:
    HttpClient.from_options(ClientOptions(api_url=url))


def test_plain_http_is_accepted_when_explicitly_allowed() -> None:
    options = ClientOptions(
        api_url="http://fleet.example.com", extra={"allow_insecure_http": "true"}
    )
    assert HttpClient.from_options(options).api_url == "http://fleet.example.com"


def test_a_bad_allow_insecure_http_value_is_refused() -> None:
    options = ClientOptions(api_url="http://x.example", extra={"allow_insecure_http": "maybe"})
    with pytest.raises(ClientOptionRefused) as refused:
        HttpClient.from_options(options)
    assert (refused.value.key, refused.value.code) == ("allow_insecure_http", "bool")
