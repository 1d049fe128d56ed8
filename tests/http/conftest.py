"""A real sandbox on a free loopback port, started per test in a background thread."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from fleet_tui.clients.base import Client, ClientOptions
from fleet_tui.clients.demo import DemoClient
from fleet_tui.clients.http import HttpClient, RetryPolicy
from fleet_tui.sandbox.server import ServerThread, build_app


@pytest.fixture
def sandbox_dir(tmp_path: Path) -> Path:
    """The sandbox's store, outbox and uploads."""
    return tmp_path / "sandbox"


@pytest.fixture
def sandbox(sandbox_dir: Path) -> Iterator[str]:
    """The base URL of a sandbox without faults."""
    with ServerThread(build_app(sandbox_dir)) as server:
        yield server.url


def http_client(
    url: str, *, attempts: int = 5, connect_timeout: float = 5.0, read_timeout: float = 15.0
) -> HttpClient:
    """An HttpClient with short back-off, for tests."""
    return HttpClient(
        url,
        connect_timeout=connect_timeout,
        read_timeout=read_timeout,
        retry=RetryPolicy(attempts=attempts, base_delay=0.02, max_delay=0.2),
    )


@pytest.fixture(params=["demo", "http"])
async def client(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Client]:
    """The same contract, twice: the embedded demo client, and the HTTP client talking
    to a sandbox on loopback (both on a fresh store)."""
    if request.param == "demo":
        demo = DemoClient.from_options(ClientOptions(data_dir=tmp_path / "demo"))
        async with demo:
            yield demo
        return
    with ServerThread(build_app(tmp_path / "sandbox")) as server:
        async with http_client(server.url) as http:
            yield http
