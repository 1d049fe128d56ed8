"""The sandbox's ASGI application: the REST contract of ``openapi.json`` on Starlette.

Handlers are thin: parse and authenticate here, then call the demo backend's logic in a
worker thread (it is synchronous and blocks on SQLite), then map its typed errors to the
contract's statuses: 400 malformed, 401 no or expired token, 409 conflict, 415 a body
not sent as JSON, 422 field errors, 503 store unavailable.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncGenerator, Awaitable, Callable, Coroutine, Iterable
from importlib import resources
from typing import Any

from anyio import to_thread
from pydantic import SecretStr, ValidationError
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp

from fleet_tui.clients.base import (
    BackendUnavailable,
    Conflict,
    InvalidOrder,
    NotCancellable,
    NotSignedIn,
    Session,
    UnknownOrder,
)
from fleet_tui.clients.http.wire import (
    IDEMPOTENCY_HEADER,
    IDEMPOTENCY_KEY_PATTERN,
    ErrorBody,
    ErrorItem,
    Grant,
    SignIn,
    Upload,
)
from fleet_tui.core.document import DuplicateKey, no_duplicate_keys
from fleet_tui.core.errors import FieldError, from_validation_error
from fleet_tui.core.fields import UPLOAD_MAX_BYTES, upload_kind
from fleet_tui.core.i18n import Lang, as_lang
from fleet_tui.core.submitter import OPERATOR_HEADER, valid_wire
from fleet_tui.sandbox.backend import Backend
from fleet_tui.sandbox.faults import FaultInjector, Faults
from fleet_tui.sandbox.limits import Limits, SignInThrottle, Slots
from fleet_tui.sandbox.multipart import BadMultipart, first_file
from fleet_tui.sandbox.tokens import TokenStore
from fleet_tui.sandbox.uploads import UploadsFull, UploadStore

#: Larger order documents are refused unread: a real one is about 1 KB.
ORDER_MAX_BYTES = 64 * 1024
_KEY = re.compile(IDEMPOTENCY_KEY_PATTERN)
_CONTRACT = ("invoice_split", "contract")
_MEDIA_TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}
# ASCII digits only: str.isdigit() also accepts "²", which int() then refuses.
_LIMIT = re.compile(r"[0-9]{1,6}")
_MALFORMED = FieldError((), "invalid")


class ApiError(Exception):
    """An error answer: ``status`` and the field errors of its body."""

    def __init__(
        self, status: int, errors: Iterable[FieldError], headers: dict[str, str] | None = None
    ) -> None:
        self.status = status
        self.errors = list(errors)
        self.headers = headers or {}
        super().__init__(f"{status}: {[e.code for e in self.errors]}")


def _operator(request: Request) -> str | None:
    """Who submits or cancels (``X-Fleet-Operator``), kept in the order's history;
    400 for a value the history cannot keep."""
    value = request.headers.get(OPERATOR_HEADER, "").strip() or None
    if value is not None and not valid_wire(value):
        raise ApiError(400, [FieldError((), "invalid", {"header": OPERATOR_HEADER})])
    return value


def _lang(request: Request) -> Lang:
    return as_lang(request.headers.get("accept-language"))


def _error_response(request: Request, error: ApiError) -> Response:
    lang = _lang(request)
    body = ErrorBody(
        errors=[
            ErrorItem(
                field=e.field,
                code=e.code,
                params=e.as_json().get("params", {}),
                message=e.message(lang),
            )
            for e in error.errors
        ]
    )
    return Response(
        body.model_dump_json(), error.status, error.headers, media_type="application/json"
    )


def _json(
    content: str | bytes, status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    return Response(content, status, headers, media_type="application/json")


async def _chunks(
    request: Request, limit: int, too_large: FieldError
) -> AsyncGenerator[bytes, None]:
    """The request body as it arrives, refused past ``limit`` bytes unread."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, [too_large])
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise ApiError(413, [too_large])
            yield chunk
    except ClientDisconnect:
        raise ApiError(400, [_MALFORMED]) from None


async def _in_time(read: Coroutine[Any, Any, Any], deadline_s: float) -> Any:
    """``read``'s result, or 408 when the body takes longer than ``deadline_s``: a client
    trickling its body a byte at a time must not hold a connection for ever."""
    try:
        async with asyncio.timeout(deadline_s):
            return await read
    except TimeoutError:
        raise ApiError(408, [FieldError((), "timeout")], {"Connection": "close"}) from None


async def _read_body(
    request: Request, limit: int, too_large: FieldError, deadline_s: float
) -> bytes:
    """The request body, refused past ``limit`` bytes or ``deadline_s`` seconds."""

    async def read() -> bytes:
        return b"".join([chunk async for chunk in _chunks(request, limit, too_large)])

    body: bytes = await _in_time(read(), deadline_s)
    return body


def _is_json(content_type: str) -> bool:
    """Whether ``content_type`` (a Content-Type header, parameters allowed) is JSON's."""
    return content_type.partition(";")[0].strip().lower() == "application/json"


async def _json_object(request: Request, limit: int, deadline_s: float) -> dict[str, Any]:
    # A body sent as text/plain, or with no type, was read as JSON all the same: a
    # client that does not say what it sends is told so, before its body is read.
    if not _is_json(request.headers.get("content-type", "")):
        raise ApiError(415, [FieldError((), "unsupported_media_type")])
    too_large = FieldError((), "too_large", {"limit": limit})
    body = await _read_body(request, limit, too_large, deadline_s)
    try:
        data = json.loads(body, object_pairs_hook=no_duplicate_keys)
        # A lone surrogate ("\ud800") parses but cannot be written back as UTF-8: the
        # error answer naming that key would fail with a 500. Refuse it here.
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except DuplicateKey as exc:
        if _safe_text(exc.key):
            raise ApiError(400, [FieldError((), "duplicate_key", {"key": exc.key})]) from None
        raise ApiError(400, [_MALFORMED]) from None
    except (ValueError, RecursionError):
        # Not UTF-8, not JSON, a 5,000-digit integer, absurd nesting, a lone surrogate.
        raise ApiError(400, [_MALFORMED]) from None
    if not isinstance(data, dict):
        raise ApiError(400, [FieldError((), "object_expected")])
    return data


def _safe_text(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate cannot be written back
        return False
    return True


class Sandbox:
    """The routes, bound to one backend, token store and upload folder."""

    def __init__(
        self,
        backend: Backend,
        tokens: TokenStore,
        uploads: UploadStore,
        limits: Limits | None = None,
    ) -> None:
        self.backend = backend
        self.tokens = tokens
        self.uploads = uploads
        self.limits = limits = limits or Limits()
        self.throttle = SignInThrottle(limits.sign_in_failures, limits.sign_in_window_s)
        self.upload_slots = Slots(limits.uploads_at_once)

    def session_of(self, request: Request) -> Session:
        """The caller's session, from ``Authorization: Bearer <token>``; else 401."""
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        session = self.tokens.lookup(token.strip()) if scheme.lower() == "bearer" else None
        if session is None:
            raise ApiError(
                401,
                [FieldError((), "not_signed_in")],
                {"WWW-Authenticate": 'Bearer realm="fleet-tui"'},
            )
        return session

    async def sign_in(self, request: Request) -> Response:
        """``POST /v1/session``; 429 after too many failures from one address."""
        address = request.client.host if request.client else "?"
        wait = self.throttle.wait_s(address)
        if wait:
            error = FieldError((), "too_many_attempts", {"seconds": wait})
            raise ApiError(429, [error], {"Retry-After": str(wait)})
        data = await _json_object(request, 4096, self.limits.body_deadline_s)
        try:
            credentials = SignIn.model_validate(data)
        except ValidationError as exc:
            raise ApiError(422, from_validation_error(exc)) from None
        try:
            session = await to_thread.run_sync(
                self.backend.check_credentials,
                credentials.username,
                credentials.password.get_secret_value(),
            )
        except NotSignedIn:
            self.throttle.failed(address)
            raise ApiError(401, [FieldError((), "not_signed_in")]) from None
        token, expires_at = self.tokens.issue(session)
        grant = Grant(
            token=token, expires_at=expires_at, holder=session.holder, company=session.company
        )
        return JSONResponse(grant.wire(), 201, {"Cache-Control": "no-store"})

    async def account(self, request: Request) -> Response:
        """``GET /v1/account``."""
        self.session_of(request)
        account = await to_thread.run_sync(self.backend.account)
        return _json(account.model_dump_json())

    async def catalogue(self, request: Request) -> Response:
        """``GET /v1/catalogue``."""
        self.session_of(request)
        catalogue = await to_thread.run_sync(self.backend.catalogue)
        return _json(catalogue.model_dump_json())

    async def recent_orders(self, request: Request) -> Response:
        """``GET /v1/orders?limit=``."""
        self.session_of(request)
        raw = request.query_params.get("limit", "20")
        if not _LIMIT.fullmatch(raw):
            raise ApiError(400, [FieldError(("limit",), "whole_number_expected")])
        limit = int(raw)
        if not 1 <= limit <= 100:
            code = "too_small" if limit < 1 else "too_large"
            raise ApiError(400, [FieldError(("limit",), code, {"limit": 1 if limit < 1 else 100})])
        records = await to_thread.run_sync(self.backend.recent_orders, limit)
        return _json("[" + ",".join(r.model_dump_json() for r in records) + "]")

    async def order(self, request: Request) -> Response:
        """``GET /v1/orders/{reference}``."""
        self.session_of(request)
        reference = str(request.path_params["reference"])
        found = await to_thread.run_sync(self.backend.find, reference)
        if found is None:
            raise ApiError(404, [FieldError((), "not_found", {"reference": reference})])
        return _json(found.model_dump_json())

    async def orders(self, request: Request) -> Response:
        """``/v1/orders``: one route for both methods, so that a 405 lists both."""
        if request.method == "POST":
            return await self.submit(request)
        return await self.recent_orders(request)

    async def cancel(self, request: Request) -> Response:
        """``POST /v1/orders/{reference}/cancel``: 200 with the order (also when it was
        cancelled already), 404 unknown, 409 no longer cancellable (the reason's code)."""
        self.session_of(request)
        reference = str(request.path_params["reference"])
        by = _operator(request)
        try:
            record = await to_thread.run_sync(self.backend.cancel, reference, by)
        except UnknownOrder as exc:
            raise ApiError(404, [exc.error]) from None
        except NotCancellable as exc:
            raise ApiError(409, [exc.error]) from None
        return _json(record.model_dump_json())

    async def submit(self, request: Request) -> Response:
        """``POST /v1/orders``: 201 created, 200 replayed for a known key."""
        self.session_of(request)
        key = request.headers.get(IDEMPOTENCY_HEADER, "")
        if not _KEY.match(key):
            code = "invalid" if key else "required"
            raise ApiError(400, [FieldError((), code, {"header": IDEMPOTENCY_HEADER})])
        submitted_by = _operator(request)
        document = await _json_object(request, ORDER_MAX_BYTES, self.limits.body_deadline_s)
        await self._check_contract(document)
        try:
            confirmation, created = await to_thread.run_sync(
                self.backend.submit_order, document, key, submitted_by
            )
        except InvalidOrder as exc:
            raise ApiError(422, exc.errors) from None
        except Conflict as exc:
            raise ApiError(409, [exc.error]) from None
        location = {"Location": f"/v1/orders/{confirmation.reference}"}
        return _json(confirmation.model_dump_json(), 201 if created else 200, location)

    async def _check_contract(self, document: dict[str, Any]) -> None:
        # Over HTTP a contract must have been uploaded: a path would name a file on the
        # server's disk, which a client has no business pointing at.
        split = document.get("invoice_split")
        contract = split.get("contract") if isinstance(split, dict) else None
        if not isinstance(contract, str) or not contract.strip():
            return  # missing or mistyped: the order's own rules say so, with the others
        if not await to_thread.run_sync(self.uploads.exists, contract.strip()):
            raise ApiError(422, [FieldError(_CONTRACT, "upload_missing")])

    async def upload(self, request: Request) -> Response:
        """``POST /v1/uploads``: the scan as the raw body, or the file of a
        ``multipart/form-data`` body; 503 when too many uploads are in flight."""
        self.session_of(request)
        if not self.upload_slots.take():
            raise ApiError(503, [FieldError((), "busy")], {"Retry-After": "1"})
        try:
            body = await self._upload_body(request)
        finally:
            self.upload_slots.give_back()
        if not body:
            raise ApiError(422, [FieldError(_CONTRACT, "upload_missing")])
        if len(body) > UPLOAD_MAX_BYTES:
            raise ApiError(413, [_upload_too_large()])
        kind = upload_kind(body[:16])
        if kind is None:
            raise ApiError(422, [FieldError(_CONTRACT, "upload_type")])
        try:
            reference, created = await to_thread.run_sync(self.uploads.save, body, kind)
        except UploadsFull:
            raise ApiError(507, [FieldError(_CONTRACT, "storage_full")]) from None
        result = Upload(contract=reference, kind=kind, size=len(body))
        return _json(result.model_dump_json(), 201 if created else 200)

    async def _upload_body(self, request: Request) -> bytes:
        too_large = _upload_too_large()
        # Multipart framing adds a few hundred bytes around the file.
        limit = UPLOAD_MAX_BYTES + 16 * 1024
        deadline = self.limits.body_deadline_s
        if not request.headers.get("content-type", "").lower().startswith("multipart/"):
            return await _read_body(request, limit, too_large, deadline)
        stream = _chunks(request, limit, too_large)
        try:
            found = await _in_time(first_file(request.headers, stream), deadline)
        except BadMultipart:
            raise ApiError(400, [_MALFORMED]) from None
        if found is None:
            raise ApiError(400, [FieldError(_CONTRACT, "upload_missing")])
        data: bytes = found
        return data


def _upload_too_large() -> FieldError:
    return FieldError(_CONTRACT, "upload_too_large", {"limit_mb": UPLOAD_MAX_BYTES // 2**20})


def openapi_document() -> bytes:
    """The contract, as shipped in this package."""
    return resources.files(__package__).joinpath("openapi.json").read_bytes()


async def _serve_openapi(request: Request) -> Response:
    return _json(openapi_document())


def create_app(
    backend: Backend,
    uploads: UploadStore,
    *,
    token_ttl: float = 3600.0,
    fixed_token: SecretStr | None = None,
    faults: Faults | None = None,
    limits: Limits | None = None,
) -> ASGIApp:
    """The sandbox application on ``backend``. ``token_ttl`` is the lifetime of a
    signed-in token in seconds; ``fixed_token`` is also accepted, for the account's
    fleet manager, as long as the server runs; ``faults`` (tests only) makes it
    misbehave on purpose; ``limits`` bound what one client may take."""
    tokens = TokenStore(token_ttl)
    if fixed_token is not None:
        tokens.admit(fixed_token, backend.session())
    sandbox = Sandbox(backend, tokens, uploads, limits)

    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return _error_response(request, exc)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        code = "not_found" if exc.status_code == 404 else "invalid"
        # The headers matter: a 405 must say which methods are allowed (RFC 9110).
        headers = dict(exc.headers or {})
        return _error_response(request, ApiError(exc.status_code, [FieldError((), code)], headers))

    async def unavailable(request: Request, exc: Exception) -> Response:
        return _error_response(request, ApiError(503, [FieldError((), "unavailable")]))

    async def internal(request: Request, exc: Exception) -> Response:
        # A bug still answers the contract's JSON error body, never a text page.
        return _error_response(request, ApiError(500, [FieldError((), "unavailable")]))

    handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]] = {
        ApiError: api_error,
        HTTPException: http_error,
        BackendUnavailable: unavailable,
        Exception: internal,
    }
    app = Starlette(
        routes=[
            Route("/v1/openapi.json", _serve_openapi, methods=["GET"]),
            Route("/v1/session", sandbox.sign_in, methods=["POST"]),
            Route("/v1/account", sandbox.account, methods=["GET"]),
            Route("/v1/catalogue", sandbox.catalogue, methods=["GET"]),
            Route("/v1/orders", sandbox.orders, methods=["GET", "POST"]),
            Route("/v1/orders/{reference}", sandbox.order, methods=["GET"]),
            Route("/v1/orders/{reference}/cancel", sandbox.cancel, methods=["POST"]),
            Route("/v1/uploads", sandbox.upload, methods=["POST"]),
        ],
        exception_handlers=handlers,
    )
    if faults is not None and faults.rate > 0:
        return FaultInjector(app, faults)
    return app
