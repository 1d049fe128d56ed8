"""The sandbox's own failures speak the contract and the interface language: a port in
use is one translated line and exit code 2 (not uvicorn's English log), and a sandbox
over its connection limit answers the contract's JSON 503, not uvicorn's plain text."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from fleet_tui.clients.http.wire import ErrorBody
from fleet_tui.sandbox.server import ServerThread, build_app
from tests.hostile.conftest import signed_in


@pytest.mark.slow  # runs fleet-tui as a subprocess
def test_a_port_in_use_is_one_translated_line_and_exit_2(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        for lang, expected in (
            ("en", f"Port {port} on 127.0.0.1 is already in use: stop the program using it,"),
            ("fr", f"Le port {port} sur 127.0.0.1 est déjà utilisé\xa0: arrêtez"),
        ):
            command = [sys.executable, "-m", "fleet_tui", "sandbox", "--port", str(port)]
            done = subprocess.run(
                [*command, "--data-dir", str(tmp_path / "data"), "--lang", lang],
                capture_output=True,
                text=True,
                timeout=30,
                env={k: v for k, v in os.environ.items() if not k.startswith("FLEET_TUI_")},
            )
            assert done.returncode == 2, done.stderr
            assert done.stderr.startswith(expected), done.stderr
            assert len(done.stderr.splitlines()) == 1, done.stderr
            assert done.stdout == ""


def test_over_its_connection_limit_the_sandbox_answers_a_json_503(tmp_path: Path) -> None:
    with ServerThread(build_app(tmp_path / "sandbox"), max_connections=1) as server:
        host, port = server.url.removeprefix("http://").split(":")
        # One idle connection holds the only place.
        with socket.create_connection((host, int(port))) as idle:
            idle.sendall(b"")
            answer = httpx.get(
                f"{server.url}/v1/openapi.json", headers={"Accept-Language": "nl"}, timeout=5
            )
        assert answer.status_code == 503
        assert answer.headers["content-type"] == "application/json"
        assert answer.headers["retry-after"] == "1"
        errors = ErrorBody.model_validate_json(answer.content).errors
        assert [(e.field, e.code) for e in errors] == [("", "busy")]
        assert errors[0].message.startswith("De server")
        # Once the idle connection is gone, requests are served again.
        assert httpx.get(f"{server.url}/v1/openapi.json", timeout=5).status_code == 200


@pytest.mark.slow  # runs fleet-tui as a subprocess
def test_a_store_that_cannot_be_used_is_refused_before_the_sandbox_listens(
    tmp_path: Path,
) -> None:
    # Was: "listening on ..." and a failure at the first request.
    not_sqlite = tmp_path / "orders.db"
    not_sqlite.write_text("this is no SQLite file")
    (tmp_path / "a-file").write_text("")
    for db in (not_sqlite, tmp_path / "a-file" / "x.db"):
        command = [sys.executable, "-m", "fleet_tui", "sandbox", "--port", "0", "--db", str(db)]
        done = subprocess.run(
            [*command, "--lang", "en"],
            capture_output=True,
            text=True,
            timeout=30,
            env={k: v for k, v in os.environ.items() if not k.startswith("FLEET_TUI_")},
        )
        assert done.returncode == 2, done.stderr
        assert done.stdout == ""
        assert done.stderr == f"The backend is unavailable: the demo store {db} cannot be used\n"


def test_an_order_with_a_key_given_twice_is_refused_by_the_sandbox(hostile_sandbox: str) -> None:
    # Was a 422 about the other fields: json.loads kept the last "plan" without a word.
    body = b'{"customer_number": "1", "customer_number": "2"}'
    headers = {"Content-Type": "application/json", "Idempotency-Key": "dup-key-0001"}
    with signed_in(hostile_sandbox) as http:
        before = len(http.get("/v1/orders", params={"limit": "100"}).json())
        answer = http.post("/v1/orders", content=body, headers={**headers, "Accept-Language": "en"})
        assert answer.status_code == 400
        [error] = ErrorBody.model_validate_json(answer.content).errors
        assert (error.field, error.code, error.params) == (
            "",
            "duplicate_key",
            {"key": "customer_number"},
        )
        assert (
            error.message == "The key « customer_number » is given twice in one object: keep one."
        )
        assert len(http.get("/v1/orders", params={"limit": "100"}).json()) == before
