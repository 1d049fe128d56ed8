"""The sandbox against hostile clients, on a real uvicorn server on loopback: every
malformed input answers a documented 4xx JSON error (never a 500 text page), slow
clients are cut, sign-in guessing is throttled, uploads are bounded."""

from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from fleet_tui.clients.http.wire import ErrorBody
from fleet_tui.sandbox.contract import build_document
from tests.hostile.conftest import HEADER_DEADLINE_S, TEST_LIMITS, signed_in, token

KEY = {"Idempotency-Key": "hostile-key-0001"}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _codes(response: httpx.Response) -> list[str]:
    assert response.headers["content-type"].startswith("application/json"), response.text
    return [e.code for e in ErrorBody.model_validate_json(response.content).errors]


def _documented(path: str, method: str, status: int) -> bool:
    return str(status) in build_document()["paths"][path][method]["responses"]


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("nested", b"[" * 30_000 + b"]" * 30_000),
        ("digits", b'{"travel_data_control": ' + b"9" * 5_000 + b"}"),
        ("surrogate_key", b'{"\\ud800": 1}'),
        ("surrogate_value", b'{"customer_number": "\\udfff"}'),
    ],
    ids=["nested", "digits", "surrogate_key", "surrogate_value"],
)
def test_malformed_orders_answer_400_json(hostile_sandbox: str, name: str, body: bytes) -> None:
    with signed_in(hostile_sandbox) as http:
        response = http.post(
            "/v1/orders", content=body, headers={**KEY, "Content-Type": "application/json"}
        )
    assert response.status_code == 400, (name, response.text[:200])
    assert _codes(response) == ["invalid"]
    assert _documented("/v1/orders", "post", 400)


def test_a_lone_surrogate_sign_in_answers_400_json(hostile_sandbox: str) -> None:
    body = b'{"username": "\\ud800", "password": "x"}'
    response = httpx.post(
        f"{hostile_sandbox}/v1/session", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert _codes(response) == ["invalid"]


@pytest.mark.parametrize(
    "limit", ["²", "١٢", "9" * 50, "-1", ""], ids=["super2", "arabic", "long", "neg", "empty"]
)
def test_a_non_ascii_or_absurd_limit_answers_400_json(hostile_sandbox: str, limit: str) -> None:
    with signed_in(hostile_sandbox) as http:
        response = http.get("/v1/orders", params={"limit": limit})
    assert response.status_code == 400, response.text
    assert _codes(response) in (["whole_number_expected"], ["too_large"])


def test_a_wrong_method_answers_405_with_allow(hostile_sandbox: str) -> None:
    with signed_in(hostile_sandbox) as http:
        orders = http.request("DELETE", "/v1/orders")
        session = http.request("TRACE", "/v1/session")
    assert orders.status_code == 405
    assert {m.strip() for m in orders.headers["allow"].split(",")} >= {"GET", "POST"}
    assert session.status_code == 405 and "POST" in session.headers["allow"]
    assert _codes(orders) == ["invalid"]


def test_sign_in_failures_are_throttled_per_address(hostile_sandbox: str) -> None:
    url = f"{hostile_sandbox}/v1/session"
    wrong = {"username": "patricia", "password": "wrong"}
    statuses = [httpx.post(url, json=wrong).status_code for _ in range(5)]
    assert statuses == [401] * 5
    refused = httpx.post(url, json=wrong)
    # Even the right password waits: the address is guessing.
    right = httpx.post(url, json={"username": "patricia", "password": "demo"})
    assert refused.status_code == right.status_code == 429
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert _codes(refused) == ["too_many_attempts"]
    assert _documented("/v1/session", "post", 429)


def _multipart(parts: int) -> tuple[bytes, str]:
    boundary = "hostileboundary"
    chunks = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="f{i}"\r\n\r\nx\r\n'.encode()
        for i in range(parts)
    ]
    file = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n'
            "Content-Type: image/png\r\n\r\n"
        ).encode()
        + PNG
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return b"".join(chunks) + file, f"multipart/form-data; boundary={boundary}"


def test_a_multipart_upload_of_many_tiny_parts_is_refused_at_once(hostile_sandbox: str) -> None:
    body, content_type = _multipart(120_000)  # about 8 MiB of one-byte fields
    with signed_in(hostile_sandbox) as http:
        started = time.monotonic()
        response = http.post("/v1/uploads", content=body, headers={"Content-Type": content_type})
        elapsed = time.monotonic() - started
    assert response.status_code == 400, response.text
    assert _codes(response) == ["invalid"]
    assert elapsed < 5, elapsed  # the email parser took 19 s and froze the server


def test_a_multipart_upload_with_one_file_is_stored_0600(
    hostile_sandbox: str, sandbox_dir: Path
) -> None:
    body, content_type = _multipart(2)
    with signed_in(hostile_sandbox) as http:
        response = http.post("/v1/uploads", content=body, headers={"Content-Type": content_type})
    assert response.status_code == 201, response.text
    [stored] = (sandbox_dir / "uploads").iterdir()
    assert stored.read_bytes() == PNG
    assert stored.stat().st_mode & 0o777 == 0o600
    assert (sandbox_dir / "uploads").stat().st_mode & 0o777 == 0o700


def test_uploads_stop_at_the_disk_cap_with_507(hostile_sandbox: str) -> None:
    with signed_in(hostile_sandbox) as http:
        statuses = [
            http.post(
                "/v1/uploads",
                content=PNG + bytes([i]) * 1000,
                headers={"Content-Type": "image/png"},
            ).status_code
            for i in range(6)
        ]
    # 4096 bytes of room: four files of 1072 bytes fit three times, then 507.
    assert statuses == [201, 201, 201, 507, 507, 507]
    assert _documented("/v1/uploads", "post", 507)


def _raw(url: str) -> socket.socket:
    parts = urlsplit(url)
    return socket.create_connection((parts.hostname, parts.port), timeout=10)


def _closed_within(sock: socket.socket, seconds: float) -> bool:
    """Whether the server closes ``sock`` (reads EOF) within ``seconds``."""
    sock.settimeout(seconds)
    try:
        while sock.recv(4096):
            pass
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True
    return True


def test_half_sent_headers_are_cut_after_the_deadline(hostile_sandbox: str) -> None:
    sockets = [_raw(hostile_sandbox) for _ in range(20)]
    for sock in sockets:
        sock.sendall(b"GET /v1/account HTTP/1.1\r\nHost: x\r\nX-Slow: ")
    started = time.monotonic()
    assert all(_closed_within(sock, HEADER_DEADLINE_S + 3) for sock in sockets)
    assert time.monotonic() - started < HEADER_DEADLINE_S + 3
    for sock in sockets:
        sock.close()
    # And the server still serves others.
    assert httpx.get(f"{hostile_sandbox}/v1/openapi.json").status_code == 200


def test_a_trickled_body_is_answered_408(hostile_sandbox: str) -> None:
    bearer = token(hostile_sandbox)
    sock = _raw(hostile_sandbox)
    head = (
        "POST /v1/orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        f"Authorization: {bearer}\r\nIdempotency-Key: hostile-key-0001\r\n"
        "Content-Length: 1000\r\n\r\n{"
    )
    sock.sendall(head.encode())
    sock.settimeout(TEST_LIMITS.body_deadline_s + 3)
    answer = sock.recv(4096)
    sock.close()
    assert answer.startswith(b"HTTP/1.1 408"), answer[:80]
    assert _documented("/v1/orders", "post", 408)


def test_uploads_beyond_the_slots_answer_503_with_retry_after(hostile_sandbox: str) -> None:
    bearer = token(hostile_sandbox)
    # Two uploads that hold their slot: headers sent, body trickling.
    holders = [_raw(hostile_sandbox) for _ in range(TEST_LIMITS.uploads_at_once)]
    for sock in holders:
        sock.sendall(
            (
                f"POST /v1/uploads HTTP/1.1\r\nHost: x\r\nAuthorization: {bearer}\r\n"
                "Content-Type: image/png\r\nContent-Length: 5000\r\n\r\n"
            ).encode()
            + PNG[:8]
        )
    time.sleep(0.3)
    response = httpx.post(
        f"{hostile_sandbox}/v1/uploads",
        content=PNG,
        headers={"Authorization": bearer, "Content-Type": "image/png"},
    )
    for sock in holders:
        sock.close()
    assert response.status_code == 503, response.text
    assert response.headers["retry-after"] == "1"
    assert _codes(response) == ["busy"]


def test_an_unreadable_store_row_is_skipped_and_counted(
    hostile_sandbox: str, sandbox_dir: Path
) -> None:
    import sqlite3

    with signed_in(hostile_sandbox) as http:
        before = http.get("/v1/orders", params={"limit": 100}).json()
        with sqlite3.connect(sandbox_dir / "demo.sqlite3") as db:
            db.execute(
                "UPDATE orders SET document = '{not json' WHERE reference = ?",
                (before[0]["reference"],),
            )
        after = http.get("/v1/orders", params={"limit": 100})
        account = http.get("/v1/account")
    assert after.status_code == 200, after.text
    assert [r["reference"] for r in after.json()] == [r["reference"] for r in before[1:]]
    assert account.status_code == 200
    assert json.loads(after.content) is not None


def test_many_connections_do_not_stop_the_server(hostile_sandbox: str) -> None:
    # Idle connections that never send anything are cut by the header deadline too.
    idle = [_raw(hostile_sandbox) for _ in range(50)]
    served: list[int] = []

    def one() -> None:
        served.append(httpx.get(f"{hostile_sandbox}/v1/openapi.json", timeout=5).status_code)

    workers = [threading.Thread(target=one) for _ in range(5)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert served == [200] * 5
    assert all(_closed_within(sock, HEADER_DEADLINE_S + 3) for sock in idle)
    for sock in idle:
        sock.close()
