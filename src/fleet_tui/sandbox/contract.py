"""Build ``openapi.json``, the REST contract, from the paths below and the models'
own JSON Schemas, so that the document cannot drift from the code that reads and
writes the bodies. A test checks the shipped file against :func:`build_document`;
regenerate it with ``python -m fleet_tui.sandbox.contract``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter
from pydantic.json_schema import JsonSchemaMode, models_json_schema

from fleet_tui import __version__
from fleet_tui.clients.base import Confirmation
from fleet_tui.clients.http.wire import (
    IDEMPOTENCY_HEADER,
    IDEMPOTENCY_KEY_PATTERN,
    ErrorBody,
    Grant,
    SignIn,
    Upload,
)
from fleet_tui.core.account import Account, OrderRecord
from fleet_tui.core.catalogue import Catalogue
from fleet_tui.core.fields import UPLOAD_MAX_BYTES
from fleet_tui.core.order import Order
from fleet_tui.core.submitter import OPERATOR_HEADER, SUBMITTER_PATTERN

DOCUMENT = Path(__file__).with_name("openapi.json")
_REF = "#/components/schemas/{model}"
_MODELS: list[tuple[type[BaseModel], JsonSchemaMode]] = [
    (SignIn, "validation"),
    (Grant, "serialization"),
    (Account, "serialization"),
    (Catalogue, "serialization"),
    (OrderRecord, "serialization"),
    (Order, "validation"),
    (Confirmation, "serialization"),
    (Upload, "serialization"),
    (ErrorBody, "serialization"),
]


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def _answer(text: str, schema: dict[str, Any] | None = None, **headers: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"description": text}
    if schema is not None:
        out["content"] = _json(schema)
    if headers:
        out["headers"] = headers
    return out


def _errors(text: str) -> dict[str, Any]:
    return {"$ref": f"#/components/responses/{text}"}


def _hoist_nested_unions(schemas: dict[str, Any]) -> None:
    """Give every union nested in a discriminator's mapping a name of its own.

    Pydantic writes a discriminated union inside another (``Order.number``: ``new`` or
    ``transfer``, the latter split again by ``card_type``) as an inline schema in the
    outer ``mapping``, where OpenAPI 3.1 requires a ``$ref`` string: validators refuse
    the document and schemathesis cannot read ``POST /v1/orders``. The inner union
    becomes the component ``<Tag><Title>`` (``TransferNumber``) and both places refer
    to it.
    """

    def visit(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                visit(item)
            return
        if not isinstance(node, dict):
            return
        mapping = node.get("discriminator", {}).get("mapping", {})
        for tag, target in list(mapping.items()):
            if isinstance(target, str):
                continue
            name = tag.title().replace("_", "") + str(node.get("title", "Union"))
            schemas[name] = target
            mapping[tag] = _REF.format(model=name)
            node["oneOf"] = [
                {"$ref": mapping[tag]} if option == target else option
                for option in node.get("oneOf", [])
            ]
            visit(target)
        for value in node.values():
            visit(value)

    for schema in list(schemas.values()):
        visit(schema)


def build_document() -> dict[str, Any]:
    """The whole OpenAPI 3.1 document."""
    refs, defs = models_json_schema(_MODELS, ref_template=_REF)
    _hoist_nested_unions(defs["$defs"])

    def ref(model: type[BaseModel], mode: JsonSchemaMode) -> dict[str, Any]:
        return dict(refs[(model, mode)])

    record_list = TypeAdapter(list[OrderRecord]).json_schema(
        mode="serialization", ref_template=_REF
    )
    record_list.pop("$defs", None)
    error_ref = ref(ErrorBody, "serialization")
    secured: list[dict[str, list[str]]] = [{"bearer": []}]
    reference = {
        "name": "reference",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "pattern": r"^OBE-\d{10}-[A-Z]{4}$"},
        "example": "OBE-2206291535-UYGU",
    }
    operator = {
        "name": OPERATOR_HEADER,
        "in": "header",
        "required": False,
        "schema": {"type": "string", "pattern": SUBMITTER_PATTERN},
        "description": (
            "Who submits or cancels the order (audit metadata, e.g. 'ssh user=alice "
            "key=SHA256:…'): kept with that step of the order's history (by), never in "
            "the order document."
        ),
    }
    location = {"Location": {"schema": {"type": "string"}, "description": "The order's URL."}}
    paths: dict[str, Any] = {
        "/v1/session": {
            "post": {
                "operationId": "signIn",
                "summary": "Sign in: exchange credentials for a bearer token",
                "requestBody": {"required": True, "content": _json(ref(SignIn, "validation"))},
                "responses": {
                    "201": _answer(
                        "Signed in; the token expires at expires_at.", ref(Grant, "serialization")
                    ),
                    "400": _errors("Malformed"),
                    "401": _errors("NotSignedIn"),
                    "408": _errors("Timeout"),
                    "415": _errors("NotJson"),
                    "422": _errors("Invalid"),
                    "429": _errors("TooManyAttempts"),
                },
            }
        },
        "/v1/account": {
            "get": {
                "operationId": "getAccount",
                "summary": "The signed-in fleet manager's account",
                "security": secured,
                "responses": {
                    "200": _answer("The account.", ref(Account, "serialization")),
                    "401": _errors("NotSignedIn"),
                },
            }
        },
        "/v1/catalogue": {
            "get": {
                "operationId": "getCatalogue",
                "summary": "What can be ordered: operators, plans, options, amounts",
                "security": secured,
                "responses": {
                    "200": _answer("The catalogue.", ref(Catalogue, "serialization")),
                    "401": _errors("NotSignedIn"),
                },
            }
        },
        "/v1/orders": {
            "get": {
                "operationId": "listOrders",
                "summary": "The account's recent orders, newest first",
                "security": secured,
                "parameters": [
                    {
                        "name": "limit",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
                    }
                ],
                "responses": {
                    "200": _answer("Recent orders.", record_list),
                    "400": _errors("Malformed"),
                    "401": _errors("NotSignedIn"),
                },
            },
            "post": {
                "operationId": "submitOrder",
                "summary": "Submit an order (the order document); safe to retry",
                "description": (
                    "The same Idempotency-Key with the same document returns the first "
                    "confirmation (200) and creates nothing; with another document, 409 "
                    "idempotency_key_reused. A contract must be an upload: reference."
                ),
                "security": secured,
                "parameters": [
                    {
                        "name": IDEMPOTENCY_HEADER,
                        "in": "header",
                        "required": True,
                        "schema": {"type": "string", "pattern": IDEMPOTENCY_KEY_PATTERN},
                        "description": "Chosen by the client, the same on every retry.",
                    },
                    operator,
                ],
                "requestBody": {"required": True, "content": _json(ref(Order, "validation"))},
                "responses": {
                    "201": _answer(
                        "Order created.", ref(Confirmation, "serialization"), **location
                    ),
                    "200": _answer(
                        "Replay: the confirmation of the order first created with this key.",
                        ref(Confirmation, "serialization"),
                        **location,
                    ),
                    "400": _errors("Malformed"),
                    "401": _errors("NotSignedIn"),
                    "408": _errors("Timeout"),
                    "409": _errors("Conflict"),
                    "413": _errors("TooLarge"),
                    "415": _errors("NotJson"),
                    "422": _errors("Invalid"),
                },
            },
        },
        "/v1/orders/{reference}": {
            "get": {
                "operationId": "getOrder",
                "summary": "One order: its status, timestamped history and the order",
                "security": secured,
                "parameters": [reference],
                "responses": {
                    "200": _answer("The order.", ref(OrderRecord, "serialization")),
                    "401": _errors("NotSignedIn"),
                    "404": _errors("NotFound"),
                },
            }
        },
        "/v1/orders/{reference}/cancel": {
            "post": {
                "operationId": "cancelOrder",
                "summary": "Cancel an order while it can be cancelled",
                "description": (
                    "Allowed while the order is received or, for a transfer, until the "
                    "current operator has validated it (donor_validation). Idempotent: "
                    "cancelling a cancelled order answers 200 with the same order. A "
                    "reserved number the order claimed becomes available again. 409 when "
                    "it can no longer be cancelled, with the reason's code "
                    "(cancel_after_validation, cancel_active, cancel_refused)."
                ),
                "security": secured,
                "parameters": [reference, operator],
                "responses": {
                    "200": _answer("The cancelled order.", ref(OrderRecord, "serialization")),
                    "400": _errors("Malformed"),
                    "401": _errors("NotSignedIn"),
                    "404": _errors("NotFound"),
                    "409": _errors("Conflict"),
                },
            }
        },
        "/v1/uploads": {
            "post": {
                "operationId": "uploadContract",
                "summary": "Upload the signed Invoice Split contract (PDF, JPEG or PNG)",
                "description": (
                    "The type is judged by the content, not the name or media type. "
                    f"At most {UPLOAD_MAX_BYTES} bytes. Uploads are named by their content: "
                    "the same file gives the same reference."
                ),
                "security": secured,
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                        "image/jpeg": {"schema": {"type": "string", "format": "binary"}},
                        "image/png": {"schema": {"type": "string", "format": "binary"}},
                        "application/octet-stream": {
                            "schema": {"type": "string", "format": "binary"}
                        },
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "properties": {"file": {"type": "string", "format": "binary"}},
                                "required": ["file"],
                            }
                        },
                    },
                },
                "responses": {
                    "201": _answer("Stored.", ref(Upload, "serialization")),
                    "200": _answer("Already stored (same content).", ref(Upload, "serialization")),
                    "400": _errors("Malformed"),
                    "401": _errors("NotSignedIn"),
                    "408": _errors("Timeout"),
                    "413": _errors("TooLarge"),
                    "422": _errors("Invalid"),
                    "503": _errors("Busy"),
                    "507": _errors("StorageFull"),
                },
            }
        },
        "/v1/openapi.json": {
            "get": {
                "operationId": "getContract",
                "summary": "This document",
                "responses": {"200": _answer("The OpenAPI document.", {"type": "object"})},
            }
        },
    }
    responses = {
        "Malformed": _answer(
            "The body, a header or a parameter cannot be read (not JSON, not an object, "
            "missing Idempotency-Key).",
            error_ref,
        ),
        "NotSignedIn": _answer(
            "No token, an unknown or expired token, or wrong credentials.",
            error_ref,
            **{"WWW-Authenticate": {"schema": {"type": "string"}}},
        ),
        "Invalid": _answer(
            "Field errors: each names its field as a dotted path in the order document.",
            error_ref,
        ),
        "Conflict": _answer(
            "The order clashes with the backend's state: reserved_number_taken "
            "(field number.desired_number), transfer_already_requested (field "
            "number.phone_number: another order not cancelled transfers that number in), "
            "sim_card_taken (field sim.sim_number or sim.esim_number: another order not "
            "cancelled uses that card), or idempotency_key_reused.",
            error_ref,
        ),
        "NotFound": _answer("No such order.", error_ref),
        "TooLarge": _answer("The body is too large.", error_ref),
        "NotJson": _answer(
            "The body was not sent as application/json (Content-Type): unsupported_media_type.",
            error_ref,
        ),
        "Timeout": _answer(
            "The body did not arrive in full within the server's deadline.", error_ref
        ),
        "TooManyAttempts": _answer(
            "Too many failed sign-ins from this address; try again after Retry-After.",
            error_ref,
            **{"Retry-After": {"schema": {"type": "integer"}}},
        ),
        "Busy": _answer(
            "Too many uploads in flight; try again after Retry-After.",
            error_ref,
            **{"Retry-After": {"schema": {"type": "integer"}}},
        ),
        "StorageFull": _answer("The uploads folder is full.", error_ref),
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "fleet-tui backend",
            "version": __version__,
            "summary": "Add a mobile line to an Orange Belgium business fleet.",
            "description": (
                "The contract between fleet-tui's HTTP client and a backend; "
                "`fleet-tui sandbox` serves it from the demo backend. Error bodies carry "
                "a message in the language of Accept-Language (fr, nl, en; default fr)."
            ),
        },
        "servers": [{"url": "http://127.0.0.1:8765", "description": "fleet-tui sandbox"}],
        "paths": paths,
        "components": {
            "schemas": defs["$defs"],
            "responses": responses,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }


def render() -> str:
    """The document as written to ``openapi.json``."""
    return json.dumps(build_document(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


if __name__ == "__main__":
    DOCUMENT.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"{DOCUMENT}\n")
