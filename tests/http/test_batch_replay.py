"""A batch re-run through the sandbox: an order with a reserved number that the first
run stored is reported "already submitted: REF" (the account no longer lists the number,
taken by that order itself), and nothing new is stored."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from fleet_tui.cli.batch import run_batch
from fleet_tui.session.config import Settings
from tests.cli.conftest import esim, write_json
from tests.http.conftest import http_client

WANTED = {"request": "new", "desired_number": "0456 78 12 34"}


def _settings(url: str) -> Settings:
    grant = httpx.post(f"{url}/v1/session", json={"username": "patricia", "password": "demo"})
    return Settings(client="http", lang="en", token=SecretStr(grant.json()["token"]))


def _stored(url: str, settings: Settings) -> list[str]:
    assert settings.token is not None
    headers = {"Authorization": "Bearer " + settings.token.get_secret_value()}
    orders = httpx.get(f"{url}/v1/orders", params={"limit": "100"}, headers=headers).json()
    return sorted(order["reference"] for order in orders)


async def test_a_rerun_with_a_reserved_number_through_the_sandbox_says_already_submitted(
    sandbox: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = _settings(sandbox)
    path = write_json(tmp_path / "wanted.json", [esim("1150100048131", number=WANTED)])
    assert await run_batch(http_client(sandbox), settings, [path], submit=True) == 0
    reference = capsys.readouterr().out.split()[3].rstrip(",")
    stored = _stored(sandbox, settings)

    code = await run_batch(http_client(sandbox), settings, [path], submit=True)

    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert out.splitlines()[0].split(": ", 1)[1].startswith(f"already submitted: {reference},")
    assert _stored(sandbox, settings) == stored
