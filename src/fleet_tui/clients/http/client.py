"""The HTTP client: the REST contract of ``sandbox/openapi.json`` behind :class:`Client`.

Every request goes through :meth:`HttpClient._send`, which owns the three policies that
make a bad network survivable: retries (connection errors, timeouts, 502/503/504, with
exponential back-off and full jitter, a bounded number of times), one fresh sign-in on
a 401 when credentials are known, and the mapping of error answers to typed errors.
Submitting is retried too: the ``Idempotency-Key`` header, the same on every attempt,
makes the backend return the first confirmation instead of creating a second order.

The bearer token and the password are held as :class:`~pydantic.SecretStr`, sent only in
headers and bodies, and never logged, printed or written to disk.
"""

from __future__ import annotations

import asyncio
import logging
import random
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, TypeVar

import httpx
from pydantic import BaseModel, Field, SecretStr, TypeAdapter

from fleet_tui import __version__
from fleet_tui.clients.base import (
    BackendUnavailable,
    Client,
    ClientOption,
    ClientOptionRefused,
    ClientOptions,
    Confirmation,
    Conflict,
    Credentials,
    InvalidOrder,
    NotCancellable,
    NotSignedIn,
    Session,
    UnknownOrder,
)
from fleet_tui.clients.http.answers import (
    ACCEPT_ENCODING,
    AnswerTooLarge,
    AnswerUnreadable,
    buffered,
    is_json,
    read_capped,
)
from fleet_tui.clients.http.errors import error_for
from fleet_tui.clients.http.retry import (
    RETRY_EXCEPTIONS,
    RETRY_STATUSES,
    RetryPolicy,
    retry_after_seconds,
)
from fleet_tui.clients.http.security import insecure_url, url_problem
from fleet_tui.clients.http.shape import DEFAULT_MAX_ANSWER_VALUES, WrongShape, parse_answer
from fleet_tui.clients.http.wire import IDEMPOTENCY_HEADER, Grant, Upload
from fleet_tui.core.account import Account, OrderRecord
from fleet_tui.core.catalogue import Catalogue
from fleet_tui.core.errors import FieldError
from fleet_tui.core.fields import RuleViolation, check_upload
from fleet_tui.core.order import Order
from fleet_tui.core.submitter import OPERATOR_HEADER, valid_wire

log = logging.getLogger(__name__)

#: Where ``fleet-tui sandbox`` listens by default.
DEFAULT_API_URL = "http://127.0.0.1:8765"
CONTRACT_PATH = ("invoice_split", "contract")
_MEDIA_TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}
# fail_fast: a list of wrong items stops at the first (one error, not one per item).
_RECORDS = TypeAdapter(Annotated[list[OrderRecord], Field(fail_fast=True)])
#: What an order reference may hold before it goes into a URL path.
_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,63}$")
M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


#: The whole of one request, retries included, never takes longer than this.
DEFAULT_REQUEST_DEADLINE_S = 30.0
#: Larger answers (once inflated) are refused: a real one is a few kilobytes.
DEFAULT_MAX_ANSWER_BYTES = 10 * 1024 * 1024
_INSECURE_HTTP = (
    "http:// would send the token in clear to another machine: use https://, "
    "or allow it with --client-option allow_insecure_http=true"
)

_BAD_URL = "an http:// or https:// address with a host (and a port from 1 to 65535) is expected"

#: The ``--client-option`` settings (see ``fleet-tui clients``).
HTTP_OPTIONS: tuple[ClientOption, ...] = (
    # A zero timeout would fail every request as "backend unavailable".
    ClientOption(
        "connect_timeout",
        "float",
        5.0,
        "seconds to open a connection",
        "client_options.help.connect_timeout",
        minimum=0,
        above=True,
    ),
    ClientOption(
        "read_timeout",
        "float",
        15.0,
        "seconds to wait for an answer",
        "client_options.help.read_timeout",
        minimum=0,
        above=True,
    ),
    ClientOption(
        "attempts",
        "int",
        5,
        "tries per request (1: no retry)",
        "client_options.help.attempts",
        minimum=1,
    ),
    ClientOption(
        "retry_base_delay",
        "float",
        0.1,
        "seconds before the first retry (doubles each time)",
        "client_options.help.retry_base_delay",
        minimum=0,
    ),
    ClientOption(
        "retry_max_delay",
        "float",
        2.0,
        "longest wait between two tries, in seconds",
        "client_options.help.retry_max_delay",
        minimum=0,
    ),
    ClientOption(
        "request_deadline",
        "float",
        DEFAULT_REQUEST_DEADLINE_S,
        "seconds one request may take in all, retries included",
        "hardened.help.request_deadline",
        minimum=0,
        above=True,
    ),
    ClientOption(
        "max_answer_bytes",
        "int",
        DEFAULT_MAX_ANSWER_BYTES,
        "largest answer accepted, in bytes once decompressed",
        "hardened.help.max_answer_bytes",
        minimum=1,
    ),
    ClientOption(
        "max_answer_values",
        "int",
        DEFAULT_MAX_ANSWER_VALUES,
        "most JSON values accepted in one answer",
        "answer_shape.help.max_answer_values",
        minimum=1,
    ),
    ClientOption(
        "allow_insecure_http",
        "bool",
        False,
        "accept http:// to another machine (the token travels in clear)",
        "hardened.help.allow_insecure_http",
    ),
)


class HttpClient(Client):
    """Orders go to a REST backend (or ``fleet-tui sandbox``) over HTTP(S).

    Settings (``--client-option KEY=VALUE``): ``connect_timeout`` and ``read_timeout``
    in seconds, ``attempts`` (tries per request, at least 1), ``retry_base_delay`` and
    ``retry_max_delay`` in seconds, ``request_deadline`` (seconds one request may take
    in all, retries included), ``max_answer_bytes`` (largest answer, once inflated),
    ``max_answer_values`` (most JSON values in one answer),
    ``allow_insecure_http`` (``true`` to accept ``http://`` to another machine).
    """

    name: ClassVar[str] = "http"
    needs_password: ClassVar[bool] = True
    OPTIONS: ClassVar[tuple[ClientOption, ...]] = HTTP_OPTIONS

    def __init__(
        self,
        api_url: str = DEFAULT_API_URL,
        *,
        token: SecretStr | None = None,
        verify_tls: bool = True,
        connect_timeout: float = 5.0,
        read_timeout: float = 15.0,
        retry: RetryPolicy | None = None,
        rng: random.Random | None = None,
        request_deadline: float = DEFAULT_REQUEST_DEADLINE_S,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
        submitted_by: str | None = None,
        max_answer_values: int = DEFAULT_MAX_ANSWER_VALUES,
    ) -> None:
        self.api_url = api_url.rstrip("/")
        # Sent where it is recorded (submitting, cancelling), when a header can carry it.
        self._submitted_by = submitted_by if submitted_by and valid_wire(submitted_by) else None
        self._deadline = request_deadline
        self._max_answer = max_answer_bytes
        self._max_values = max_answer_values
        self._token = token
        self._credentials: Credentials | None = None
        self._retry = retry or RetryPolicy()
        self._rng = rng or random.Random()
        # One renewal at a time: requests that all meet an expired token wait for it.
        self._renewal = asyncio.Lock()
        self._http = httpx.AsyncClient(
            base_url=self.api_url,
            timeout=httpx.Timeout(read_timeout, connect=connect_timeout),
            verify=verify_tls,
            headers={
                "Accept": "application/json",
                "Accept-Encoding": ACCEPT_ENCODING,
                "User-Agent": f"fleet-tui/{__version__}",
            },
            follow_redirects=False,
        )

    @classmethod
    def from_options(cls, options: ClientOptions) -> HttpClient:
        """Build from ``--api-url``/``FLEET_TUI_API_URL``, ``FLEET_TUI_TOKEN``,
        ``verify_tls`` and the ``--client-option`` settings."""
        values = cls.option_values(options.extra)
        retry = RetryPolicy(
            attempts=int(values["attempts"]),
            base_delay=float(values["retry_base_delay"]),
            max_delay=float(values["retry_max_delay"]),
        )
        api_url = options.api_url or DEFAULT_API_URL
        if url_problem(api_url):
            raise ClientOptionRefused("api_url", api_url, _BAD_URL, code="bad_url")
        if insecure_url(api_url) and not values["allow_insecure_http"]:
            raise ClientOptionRefused("api_url", api_url, _INSECURE_HTTP, code="insecure_http")
        return cls(
            api_url,
            token=options.token,
            verify_tls=options.verify_tls,
            connect_timeout=float(values["connect_timeout"]),
            read_timeout=float(values["read_timeout"]),
            retry=retry,
            request_deadline=float(values["request_deadline"]),
            max_answer_bytes=int(values["max_answer_bytes"]),
            submitted_by=options.submitted_by,
            max_answer_values=int(values["max_answer_values"]),
        )

    def __repr__(self) -> str:
        signed_in = self._token is not None
        return f"HttpClient(api_url={self.api_url!r}, signed_in={signed_in})"

    # --- the interface ---------------------------------------------------------------

    async def sign_in(self, credentials: Credentials) -> Session:
        """Exchange a username and password for a token (kept to sign in again when it
        expires), or check a ready token given as ``credentials.token``."""
        if credentials.token is not None and not credentials.username:
            self._token, self._credentials = credentials.token, None
            account = await self.account()
            return Session(holder=account.holder, company=account.company)
        grant = await self._grant(credentials)
        self._token, self._credentials = grant.token, credentials
        return Session(holder=grant.holder, company=grant.company)

    async def account(self) -> Account:
        """``GET /v1/account``."""
        return await self._get_model("/v1/account", Account)

    async def catalogue(self) -> Catalogue:
        """``GET /v1/catalogue``."""
        return await self._get_model("/v1/catalogue", Catalogue)

    async def recent_orders(self, limit: int = 20) -> list[OrderRecord]:
        """``GET /v1/orders?limit=``, newest first."""
        response = await self._send("GET", "/v1/orders", params={"limit": str(limit)})
        return self._parse(response, _RECORDS, "list")

    async def order(self, reference: str) -> OrderRecord | None:
        """``GET /v1/orders/{reference}``: one order's record, status and history, if
        it exists."""
        if not _REFERENCE.match(reference):
            return None
        response = await self._send("GET", f"/v1/orders/{reference}", missing_ok=True)
        if response.status_code == 404:
            return None
        return self._parse(response, _adapter(OrderRecord))

    async def cancel(self, reference: str) -> OrderRecord:
        """``POST /v1/orders/{reference}/cancel`` (idempotent, so retried like a read):
        404 → :class:`UnknownOrder`, 409 → :class:`NotCancellable` with the reason."""
        if not _REFERENCE.match(reference):
            raise UnknownOrder(reference)
        path = f"/v1/orders/{reference}/cancel"
        try:
            response = await self._send("POST", path, missing_ok=True, headers=self._by())
        except Conflict as exc:
            raise NotCancellable(exc.error.code, reference) from None
        if response.status_code == 404:
            raise UnknownOrder(reference)
        return self._parse(response, _adapter(OrderRecord))

    async def submit(self, order: Order, idempotency_key: str) -> Confirmation:
        """``POST /v1/orders``, retried with the same ``Idempotency-Key``, with who
        submits it in ``X-Fleet-Operator`` (not in the order). A local contract file is
        uploaded first and replaced by its ``upload:`` reference."""
        split = order.invoice_split
        if split is not None and not split.contract.startswith("upload:"):
            reference = await self.upload_contract(Path(split.contract))
            order = order.model_copy(
                update={"invoice_split": split.model_copy(update={"contract": reference})}
            )
        headers = {IDEMPOTENCY_HEADER: idempotency_key, **self._by()}
        response = await self._send("POST", "/v1/orders", json=order.document(), headers=headers)
        confirmation = self._parse(response, _adapter(Confirmation))
        # 201: stored now; 200: the backend already had it (a replay of the key).
        return confirmation.model_copy(update={"replayed": response.status_code == 200})

    def _by(self) -> dict[str, str]:
        # Who submits or cancels, for the order's history (never in the order).
        return {OPERATOR_HEADER: self._submitted_by} if self._submitted_by else {}

    async def upload_contract(self, path: Path) -> str:
        """``POST /v1/uploads`` with the file as the raw body; the ``upload:`` reference.

        The backend names an upload by its content, so a retried upload (or a second
        submission of the same order) gets the same reference.
        """
        try:
            kind = check_upload(path)
            content = path.read_bytes()
        except RuleViolation as exc:
            raise InvalidOrder([FieldError(CONTRACT_PATH, exc.code, exc.params)]) from None
        except OSError:
            raise InvalidOrder([FieldError(CONTRACT_PATH, "upload_unreadable")]) from None
        response = await self._send(
            "POST", "/v1/uploads", content=content, headers={"Content-Type": _MEDIA_TYPES[kind]}
        )
        return self._parse(response, _adapter(Upload)).contract

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()

    async def __aenter__(self) -> HttpClient:
        return self

    # --- plumbing --------------------------------------------------------------------

    async def _grant(self, credentials: Credentials) -> Grant:
        password = credentials.password.get_secret_value()
        if not credentials.username or not password:
            raise NotSignedIn("a username and a password are required")
        payload = {"username": credentials.username, "password": password}
        try:
            response = await self._send("POST", "/v1/session", json=payload, authenticated=False)
        except InvalidOrder:
            # 400/422 on sign-in: credentials the backend cannot even read as such.
            raise NotSignedIn("POST /v1/session") from None
        return self._parse(response, _adapter(Grant))

    async def _renew(self, rejected: SecretStr | None) -> bool:
        """Sign in again after ``rejected`` met a 401; whether a new token is in place."""
        async with self._renewal:
            if self._token is not None and self._token is not rejected:
                return True  # another request renewed it while this one waited
            if self._credentials is None or not self._credentials.username:
                return False
            log.info("token refused, signing in again")
            try:
                grant = await self._grant(self._credentials)
            except NotSignedIn:
                self._token = None
                return False
            self._token = grant.token
            return True

    async def _get_model(self, path: str, model: type[M]) -> M:
        response = await self._send("GET", path)
        return self._parse(response, _adapter(model))

    async def _send(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        content: bytes | None = None,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        authenticated: bool = True,
        missing_ok: bool = False,
    ) -> httpx.Response:
        """One logical request: retried, re-authenticated once, errors typed, and
        finished within the request deadline whatever the server does (a server that
        sends one byte a second never trips the read timeout)."""
        what = f"{method} {path}"
        try:
            async with asyncio.timeout(self._deadline):
                return await self._attempts(
                    what, method, path, json, content, params, headers, authenticated, missing_ok
                )
        except TimeoutError:
            log.warning("%s: no answer within %.1fs", what, self._deadline)
            raise BackendUnavailable(
                f"{what}: no answer within {self._deadline:g} s",
                code="deadline",
                seconds=f"{self._deadline:g}",
            ) from None

    async def _attempts(
        self,
        what: str,
        method: str,
        path: str,
        json: Any,
        content: bytes | None,
        params: Mapping[str, str] | None,
        headers: Mapping[str, str] | None,
        authenticated: bool,
        missing_ok: bool,
    ) -> httpx.Response:
        failures = 0
        renewed = False
        while True:
            token = self._token
            if authenticated and token is None:
                raise NotSignedIn(what)
            send_headers = dict(headers or {})
            if authenticated and token is not None:
                send_headers["Authorization"] = "Bearer " + token.get_secret_value()
            retry_after: float | None = None
            try:
                response = await self._exchange(
                    self._http.build_request(
                        method,
                        path,
                        json=json,
                        content=content,
                        params=params,
                        headers=send_headers,
                    )
                )
            except AnswerTooLarge:
                raise BackendUnavailable(
                    f"{what}: answer larger than {self._max_answer} bytes",
                    code="too_large",
                    limit=self._max_answer,
                ) from None
            except AnswerUnreadable:
                raise BackendUnavailable(
                    f"{what}: unreadable answer", code="unexpected_answer"
                ) from None
            except RETRY_EXCEPTIONS as exc:
                failure = type(exc).__name__
            except httpx.HTTPError as exc:
                raise BackendUnavailable(
                    f"{what}: {type(exc).__name__}", code="unreachable", url=self.api_url
                ) from None
            else:
                status = response.status_code
                log.debug("%s -> %d (attempt %d)", what, status, failures + 1)
                if status < 300 or (missing_ok and status == 404):
                    return response
                if status == 401 and authenticated and not renewed:
                    renewed = True
                    if await self._renew(token):
                        continue
                if status not in RETRY_STATUSES:
                    raise error_for(response, what)
                failure = f"HTTP {status}"
                retry_after = retry_after_seconds(response)
            failures += 1
            if failures >= self._retry.attempts:
                log.warning("%s failed %d times, last: %s", what, failures, failure)
                raise BackendUnavailable(
                    f"{what}: {failure} after {failures} attempts",
                    code="attempts",
                    url=self.api_url,
                    attempts=failures,
                )
            wait = self._retry.delay(failures, self._rng, retry_after)
            log.debug("%s: %s, retrying in %.2fs", what, failure, wait)
            await asyncio.sleep(wait)

    def _parse(
        self,
        response: httpx.Response,
        adapter: TypeAdapter[T],
        kind: Literal["object", "list"] = "object",
    ) -> T:
        """The answer's document, or ``unexpected_answer`` when it has the wrong shape
        (refused before it costs memory: see :mod:`~fleet_tui.clients.http.shape`)."""
        try:
            return parse_answer(response.content, adapter, kind, self._max_values)
        except WrongShape:
            raise BackendUnavailable(
                f"{response.request.method} {response.request.url.path}: unexpected answer",
                code="unexpected_answer",
            ) from None

    async def _exchange(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` and read its answer within the size cap (JSON only)."""
        response = await self._http.send(request, stream=True)
        try:
            body = await read_capped(response, self._max_answer) if is_json(response) else b""
        finally:
            await response.aclose()
        return buffered(response, body)


_ADAPTERS: dict[type[BaseModel], TypeAdapter[Any]] = {}


def _adapter(model: type[M]) -> TypeAdapter[M]:
    """One adapter per model, built on first use (building one compiles a schema)."""
    adapter = _ADAPTERS.get(model)
    if adapter is None:
        adapter = _ADAPTERS[model] = TypeAdapter(model)
    return adapter
