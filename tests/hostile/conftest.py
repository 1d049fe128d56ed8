"""Shared pieces of the hostile-input suite: a real sandbox on loopback with short
deadlines, and a signed-in httpx client for it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from fleet_tui.sandbox.limits import Limits
from fleet_tui.sandbox.server import ServerThread, build_app

#: Short deadlines, so that a slow client is cut within a test's patience.
TEST_LIMITS = Limits(body_deadline_s=1.0, uploads_at_once=2, uploads_max_bytes=4096)
HEADER_DEADLINE_S = 1.0


@pytest.fixture
def sandbox_dir(tmp_path: Path) -> Path:
    """The sandbox's store, outbox and uploads."""
    return tmp_path / "sandbox"


@pytest.fixture
def hostile_sandbox(sandbox_dir: Path) -> Iterator[str]:
    """The base URL of a sandbox with short deadlines and small limits."""
    app = build_app(sandbox_dir, limits=TEST_LIMITS)
    with ServerThread(app, header_deadline_s=HEADER_DEADLINE_S) as server:
        yield server.url


def token(url: str) -> str:
    """A fresh bearer token of the demo account, as an ``Authorization`` value."""
    grant = httpx.post(f"{url}/v1/session", json={"username": "patricia", "password": "demo"})
    assert grant.status_code == 201, grant.text
    return f"Bearer {grant.json()['token']}"


def signed_in(url: str) -> httpx.Client:
    """An httpx client (not yet opened) with a fresh token of the demo account."""
    return httpx.Client(base_url=url, timeout=10, headers={"Authorization": token(url)})
