"""Turn the contract's error answers into the client interface's typed errors."""

from __future__ import annotations

import httpx
from pydantic import TypeAdapter

from fleet_tui.clients.base import (
    BackendUnavailable,
    ClientError,
    Conflict,
    InvalidOrder,
    NotSignedIn,
)
from fleet_tui.clients.http.shape import DEFAULT_MAX_ANSWER_VALUES, WrongShape, parse_answer
from fleet_tui.clients.http.wire import ErrorBody
from fleet_tui.core.errors import FieldError

_ERROR_BODY = TypeAdapter(ErrorBody)


def field_errors(response: httpx.Response) -> list[FieldError]:
    """The ``errors`` of an error body; one generic error if the body is not one."""
    try:
        body = parse_answer(response.content, _ERROR_BODY, "object", DEFAULT_MAX_ANSWER_VALUES)
    except WrongShape:
        return [FieldError((), "invalid")]
    return [FieldError.from_json(item.model_dump()) for item in body.errors] or [
        FieldError((), "invalid")
    ]


def error_for(response: httpx.Response, what: str) -> ClientError:
    """The typed error for a final (not retried) error answer to ``what``."""
    status = response.status_code
    if status == 401:
        return NotSignedIn(what)
    if status in (400, 413, 422):
        return InvalidOrder(field_errors(response))
    if status == 409:
        first = field_errors(response)[0]
        return Conflict(first.code, first.path, first.params)
    return BackendUnavailable(f"{what}: HTTP {status}", code="http_status", status=status)
