"""The bodies of the REST contract that are not core models (sign-in, uploads, errors).

Shared by :class:`~fleet_tui.clients.http.HttpClient` and the sandbox server, and the
source of their schemas in ``sandbox/openapi.json``. Accounts, catalogues, order records,
order documents and confirmations travel as the core's own models.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr

#: The header that makes ``POST /v1/orders`` safe to retry.
IDEMPOTENCY_HEADER = "Idempotency-Key"
#: What an ``Idempotency-Key`` may look like (a UUID fits; so does any opaque token).
IDEMPOTENCY_KEY_PATTERN = r"^[A-Za-z0-9_.:-]{8,128}$"


class SignIn(BaseModel):
    """``POST /v1/session``: the operator's credentials."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    username: str = Field(min_length=1, max_length=200)
    password: SecretStr = Field(min_length=1, max_length=200)


class Grant(BaseModel):
    """``POST /v1/session`` → 201: a bearer token and who it signs in."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    token: SecretStr
    token_type: Literal["Bearer"] = "Bearer"
    expires_at: datetime
    holder: str
    company: str

    def wire(self) -> dict[str, Any]:
        """The JSON body, with the token revealed (it is the point of this response)."""
        body = self.model_dump(mode="json")
        body["token"] = self.token.get_secret_value()
        return body


class Upload(BaseModel):
    """``POST /v1/uploads`` → 201: the reference to put in ``invoice_split.contract``."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    contract: str = Field(pattern=r"^upload:[A-Za-z0-9-]{8,64}$")
    kind: Literal["pdf", "jpeg", "png"]
    size: int = Field(ge=0)


class ErrorItem(BaseModel):
    """One problem; ``field`` is the dotted path in the order document ("" if none)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    field: str = ""
    code: str
    params: dict[str, Any] = {}
    message: str = ""


class ErrorBody(BaseModel):
    """Every 4xx/5xx answer of the contract."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    errors: list[ErrorItem]
