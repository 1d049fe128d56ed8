"""The token and the password never leave the client except in requests: not in logs,
not on stdout/stderr, not in files, not in reprs or error messages."""

from __future__ import annotations

import logging
import os
import time
import uuid
from pathlib import Path

import pytest
from pydantic import SecretStr

from fleet_tui.clients.base import BackendUnavailable, ClientError, Credentials
from fleet_tui.clients.http import HttpClient, RetryPolicy
from fleet_tui.sandbox.faults import Faults
from fleet_tui.sandbox.server import ServerThread, build_app
from tests.http.orders import new_line

FIXED = "fixed-Tok3n-b8c1e0f2d9a74c55"
PASSWORD = "demo"  # the demo account's; too common a word to grep for


def _files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


async def test_tokens_appear_in_no_log_output_file_or_message(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(home))
    monkeypatch.chdir(home)
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "fleet_tui", "uvicorn", "uvicorn.error"):
        caplog.set_level(logging.DEBUG, logger=name)

    sandbox_dir = tmp_path / "sandbox"
    # Faults and a short token life drive every retry and re-sign-in path that logs.
    app = build_app(
        sandbox_dir,
        token_ttl=0.4,
        fixed_token=SecretStr(FIXED),
        faults=Faults(rate=0.3, seed=7, stall_seconds=0.4),
    )
    texts: list[str] = []
    session_tokens: list[str] = []
    with ServerThread(app) as server:
        retry = RetryPolicy(attempts=8, base_delay=0.01, max_delay=0.1)
        async with HttpClient(server.url, read_timeout=0.2, retry=retry) as client:
            texts.append(repr(client))
            credentials = Credentials(username="patricia", password=SecretStr(PASSWORD))
            texts.append(repr(credentials))
            await client.sign_in(credentials)
            token = client._token  # the session token, only to look for it
            assert token is not None
            session_tokens.append(token.get_secret_value())
            account, catalogue = await client.account(), await client.catalogue()
            time.sleep(0.5)  # the token expires: the client signs in again
            for serial in range(6):
                try:
                    await client.submit(
                        new_line(account, catalogue, serial=serial), str(uuid.uuid4())
                    )
                except ClientError as exc:
                    texts.append(str(exc))
            renewed = client._token
            assert renewed is not None
            session_tokens.append(renewed.get_secret_value())
            texts.append(repr(client))
        async with HttpClient(server.url, token=SecretStr(FIXED), retry=retry) as fixed:
            texts.append(repr(fixed))
            await fixed.recent_orders(3)
        unreachable = HttpClient(
            "http://127.0.0.1:9", token=SecretStr(FIXED), retry=RetryPolicy(attempts=2)
        )
        async with unreachable:
            with pytest.raises(BackendUnavailable) as caught:
                await unreachable.account()
            texts.append(str(caught.value))

    assert session_tokens[0] != session_tokens[1], "the token was not renewed"
    captured = capfd.readouterr()
    texts += [captured.out, captured.err, caplog.text]
    texts += [repr(r.args) + r.getMessage() for r in caplog.records]
    files = _files_under(home) + _files_under(sandbox_dir)
    assert files, "the sandbox wrote its store"
    for secret in (FIXED, *session_tokens):
        for text in texts:
            assert secret not in text
        for path in files:
            assert secret.encode() not in path.read_bytes(), path
    assert any("httpx" in r.name or "httpcore" in r.name for r in caplog.records)
    assert os.environ["HOME"] == str(home)
