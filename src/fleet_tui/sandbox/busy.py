"""Over its connection limit, the sandbox answers the contract's JSON 503, not uvicorn's.

uvicorn's ``limit_concurrency`` answers ``text/plain`` "Service Unavailable" itself,
before the application sees the request. The protocol mixin below takes the limit over:
uvicorn is told there is none, and each request goes through :func:`_limited`, which
counts the same connections and tasks and answers an :class:`ErrorBody` (code ``busy``,
in the ``Accept-Language`` language, with ``Retry-After``) when they are too many.
"""

from __future__ import annotations

from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from fleet_tui.clients.http.wire import ErrorBody, ErrorItem
from fleet_tui.core.errors import FieldError
from fleet_tui.core.i18n import as_lang
from fleet_tui.sandbox.raw_answer import send_json


def busy_body(accept_language: str | None) -> bytes:
    """The JSON body of a 503 ``busy`` answer."""
    error = FieldError((), "busy")
    item = ErrorItem(field="", code="busy", message=error.message(as_lang(accept_language)))
    return ErrorBody(errors=[item]).model_dump_json().encode()


def _limited(app: ASGIApp, protocol: Any, limit: int) -> ASGIApp:
    async def guarded(scope: Scope, receive: Receive, send: Send) -> None:
        # This request's own task is already counted (uvicorn counted it before).
        if len(protocol.connections) > limit or len(protocol.tasks) > limit:
            headers = dict(scope.get("headers") or [])
            language = headers.get(b"accept-language", b"").decode("latin-1")
            retry = ((b"retry-after", b"1"), (b"connection", b"close"))
            await send_json(send, 503, busy_body(language), retry)
            return
        await app(scope, receive, send)

    return guarded


class JsonBusy:
    """Mixed into a uvicorn HTTP protocol (before it in the bases)."""

    limit_concurrency: int | None
    app: ASGIApp

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit, self.limit_concurrency = self.limit_concurrency, None
        if limit is not None:
            self.app = _limited(self.app, self, limit)
