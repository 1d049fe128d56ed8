"""The shipped OpenAPI document is the contract the sandbox actually serves."""

from __future__ import annotations

import json
import uuid
from importlib import resources
from typing import Any

import httpx
import pytest

from fleet_tui.clients.http.wire import ErrorBody
from fleet_tui.core.account import Account
from fleet_tui.core.catalogue import Catalogue
from fleet_tui.sandbox.contract import build_document
from tests.http.orders import new_line_document

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def shipped() -> dict[str, Any]:
    text = resources.files("fleet_tui.sandbox").joinpath("openapi.json").read_text("utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def test_the_shipped_document_matches_the_models() -> None:
    # If this fails: python -m fleet_tui.sandbox.contract
    assert shipped() == build_document()


def test_the_document_is_openapi_3_1_with_error_bodies() -> None:
    document = shipped()
    assert document["openapi"].startswith("3.1")
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status in operation["responses"]:
                assert status.isdigit(), (path, method, status)
    assert set(document["components"]["schemas"]["ErrorItem"]["properties"]) == {
        "field",
        "code",
        "params",
        "message",
    }


def _signed_in(http: httpx.Client) -> None:
    grant = http.post("/v1/session", json={"username": "patricia", "password": "demo"})
    assert grant.status_code == 201
    http.headers["Authorization"] = f"Bearer {grant.json()['token']}"


def _request(http: httpx.Client, method: str, path: str) -> httpx.Response:
    """A well-formed request for each documented operation."""
    if path == "/v1/session":
        return http.post(path, json={"username": "patricia", "password": "demo"})
    if path == "/v1/orders/{reference}":
        reference = http.get("/v1/orders", params={"limit": 1}).json()[0]["reference"]
        return http.get(path.replace("{reference}", reference))
    if path == "/v1/orders/{reference}/cancel":
        # The newest seeded order is a new number still received: it can be cancelled.
        reference = http.get("/v1/orders", params={"limit": 1}).json()[0]["reference"]
        return http.post(path.replace("{reference}", reference))
    if path == "/v1/orders" and method == "post":
        account = http.get("/v1/account").json()
        catalogue = http.get("/v1/catalogue").json()
        document = new_line_document(
            Account.model_validate(account), Catalogue.model_validate(catalogue)
        )
        return http.post(path, json=document, headers={"Idempotency-Key": str(uuid.uuid4())})
    if path == "/v1/uploads":
        return http.post(path, content=PNG, headers={"Content-Type": "image/png"})
    return http.request(method.upper(), path)


def test_every_documented_operation_is_served_with_a_documented_status(sandbox: str) -> None:
    operations = shipped()["paths"]
    with httpx.Client(base_url=sandbox) as http:
        _signed_in(http)
        for path, methods in operations.items():
            for method, operation in methods.items():
                response = _request(http, method, path)
                assert str(response.status_code) in operation["responses"], (method, path)
                assert response.status_code < 300, (method, path, response.text)
                assert response.headers["content-type"].startswith("application/json")


def test_the_sandbox_serves_its_own_document(sandbox: str) -> None:
    served = httpx.get(f"{sandbox}/v1/openapi.json").json()
    assert served == shipped()


JSON = {"Content-Type": "application/json"}

CASES: list[tuple[str, str, Any, dict[str, str], bool, int]] = [
    # (method, path, body, headers, signed in, expected status)
    ("get", "/v1/account", None, {}, False, 401),
    ("get", "/v1/orders", None, {}, False, 401),
    ("post", "/v1/session", {"username": "patricia", "password": "wrong"}, {}, False, 401),
    ("post", "/v1/session", {"username": "", "password": "x"}, {}, False, 422),
    ("post", "/v1/session", b"{not json", JSON, False, 400),
    # A JSON body sent as something else, or with no type, is not read.
    ("post", "/v1/session", b'{"username": "patricia", "password": "demo"}', {}, False, 415),
    (
        "post",
        "/v1/session",
        b'{"username": "patricia"}',
        {"Content-Type": "text/plain"},
        False,
        415,
    ),
    ("post", "/v1/orders", {}, {}, True, 400),  # no Idempotency-Key
    ("post", "/v1/orders", b"[1, 2]", {**JSON, "Idempotency-Key": "k" * 16}, True, 400),
    ("post", "/v1/orders", b"{}", {"Idempotency-Key": "k" * 16}, True, 415),
    ("post", "/v1/orders", {"number": {}}, {"Idempotency-Key": "k" * 16}, True, 422),
    ("get", "/v1/orders?limit=x", None, {}, True, 400),
    ("get", "/v1/orders/OBE-0000000000-AAAA", None, {}, True, 404),
    ("post", "/v1/uploads", b"plain text", {"Content-Type": "text/plain"}, True, 422),
]


@pytest.mark.parametrize(("method", "path", "body", "headers", "auth", "status"), CASES)
def test_errors_have_documented_statuses_and_bodies(
    sandbox: str,
    method: str,
    path: str,
    body: Any,
    headers: dict[str, str],
    auth: bool,
    status: int,
) -> None:
    document = shipped()["paths"]
    with httpx.Client(base_url=sandbox) as http:
        if auth:
            _signed_in(http)
        kwargs: dict[str, Any] = {"headers": headers}
        if isinstance(body, bytes):
            kwargs["content"] = body
        elif body is not None:
            kwargs["json"] = body
        response = http.request(method.upper(), path, **kwargs)
    assert response.status_code == status, response.text
    template = path.split("?")[0]
    if template.startswith("/v1/orders/"):
        template = "/v1/orders/{reference}"
    assert str(status) in document[template][method]["responses"]
    errors = ErrorBody.model_validate_json(response.content).errors
    assert errors and all(e.code and e.message for e in errors)


def test_error_messages_follow_accept_language(sandbox: str) -> None:
    messages = {}
    for lang in ("fr", "nl", "en"):
        response = httpx.get(f"{sandbox}/v1/account", headers={"Accept-Language": lang})
        messages[lang] = ErrorBody.model_validate_json(response.content).errors[0].message
    assert len(set(messages.values())) == 3
