"""Turn the contract's error answers into the client interface's typed errors."""

from __future__ import annotations

import httpx
from pydantic import ValidationError

from fleet_tui.clients.base import (
    BackendUnavailable,
    ClientError,
    Conflict,
    InvalidOrder,
    NotSignedIn,
)
from fleet_tui.clients.http.wire import ErrorBody
from fleet_tui.core.errors import FieldError


def field_errors(response: httpx.Response) -> list[FieldError]:
    """The ``errors`` of an error body; one generic error if the body is not one."""
    try:
        body = ErrorBody.model_validate_json(response.content)
    except ValidationError:
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
