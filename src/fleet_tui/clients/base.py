"""The client interface every backend implements, and its typed errors.

A client is used from one asyncio event loop. Every method may raise
:class:`BackendUnavailable`; the others raise what their docstring says.
"""

from __future__ import annotations

import abc
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, computed_field

from fleet_tui.core.account import Account, OrderRecord
from fleet_tui.core.activation import InstallDetails
from fleet_tui.core.catalogue import Catalogue
from fleet_tui.core.errors import FieldError, FieldPath
from fleet_tui.core.order import Order
from fleet_tui.core.processing import RuleCode as ProcessingRuleCode

if TYPE_CHECKING:
    from fleet_tui.core.rules import OrderContext


class Credentials(BaseModel):
    """What the operator types on the sign-in screen (or a token from the environment)."""

    model_config = ConfigDict(frozen=True)

    username: str = ""
    password: SecretStr = SecretStr("")
    token: SecretStr | None = None


class Session(BaseModel):
    """Who is signed in."""

    model_config = ConfigDict(frozen=True)

    holder: str
    company: str


class Confirmation(BaseModel):
    """What a backend answers to a submitted order (SPEC §2, step 7).

    For an eSIM, ``activation_code`` is the text of the QR code; the manual-entry
    fields and the install links are derived from it (read-only in the contract), so
    they cannot disagree. ``confirmation_code``, when the backend issues one, is never
    part of the activation code (SGP.22): it travels apart from the QR code.
    """

    model_config = ConfigDict(frozen=True)

    reference: str
    submitted_at: datetime
    expected_activation: datetime
    processing_rule: ProcessingRuleCode
    activation_code: str | None = None
    confirmation_code: str | None = None
    order: Order
    #: ``True`` when the backend already had this order (same idempotency key) and
    #: stored nothing new: the answer is the first submission's confirmation. Not part
    #: of the wire format (HTTP says it with 200 instead of 201).
    replayed: bool = Field(default=False, exclude=True)
    #: The order is stored but its confirmation emails could not be written yet: they
    #: are queued and written later (demo backend: at its next submission).
    emails_pending: bool = False

    @property
    def install(self) -> InstallDetails | None:
        """Every way to install the eSIM (``None``: no activation code, or not one)."""
        return InstallDetails.maybe(self.activation_code)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def smdp_address(self) -> str | None:
        """The SM-DP+ address, for typing the code by hand."""
        install = self.install
        return install.smdp_address if install else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def matching_id(self) -> str | None:
        """The matching ID (activation code to type), for typing the code by hand."""
        install = self.install
        return install.matching_id if install else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def ios_install_url(self) -> str | None:
        """The iOS 17.5+ one-tap installation link."""
        install = self.install
        return install.ios_install_url if install else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def windows_install_url(self) -> str | None:
        """The Windows 11 ``lpa:`` installation link."""
        install = self.install
        return install.windows_install_url if install else None


class ClientError(Exception):
    """Base of every error a client raises on purpose."""


class NotSignedIn(ClientError):
    """No session, a wrong password, or an expired token: sign in (again)."""


class InvalidOrder(ClientError):
    """The backend refused fields of the order; ``errors`` carry their paths."""

    def __init__(self, errors: Iterable[FieldError]) -> None:
        self.errors = list(errors)
        super().__init__("; ".join(f"{e.field}: {e.code}" for e in self.errors))


class Conflict(ClientError):
    """The order clashes with the backend's state (e.g. a reserved number already taken,
    an idempotency key reused for another order). ``path`` names the field, if any."""

    def __init__(self, code: str, path: FieldPath = (), params: Mapping[str, Any] | None = None):
        self.error = FieldError(path, code, dict(params or {}))
        super().__init__(f"{self.error.field or '-'}: {code}")


class UnknownOrder(ClientError):
    """No order with this reference in the account."""

    def __init__(self, reference: str) -> None:
        super().__init__(reference)
        self.reference = reference
        self.error = FieldError((), "order_unknown", {"reference": reference})


class NotCancellable(ClientError):
    """The order can no longer be cancelled; ``code`` says why
    (:data:`fleet_tui.core.order_status.CancelRefusal`), ``record`` is the order now
    when the backend said."""

    def __init__(self, code: str, reference: str, record: OrderRecord | None = None) -> None:
        super().__init__(code)
        self.code, self.reference, self.record = code, reference, record
        self.error = FieldError((), code, {"reference": reference})


class BackendUnavailable(ClientError):
    """The backend could not be reached or failed; trying again later may work.

    The text is a technical detail for logs (in English); ``code`` names the reason for
    a translated message (``hardened.unavailable_<code>``) and ``params`` fill it in.
    """

    def __init__(self, detail: str = "", *, code: str = "unavailable", **params: Any) -> None:
        super().__init__(detail)
        self.code = code
        self.params = params


class ClientOptionRefused(ClientError):
    """A ``--client-option`` the client cannot use (``attempts=abc``): raised by
    :meth:`Client.from_options`; ``reason`` says what is expected, in the client's words.
    ``code`` (optional) names that reason for a translated message
    (``cli.client_option_reason.<code>``)."""

    def __init__(self, key: str, value: str, reason: str, *, code: str | None = None) -> None:
        self.key, self.value, self.reason, self.code = key, value, reason, code
        super().__init__(f"{key}={value}: {reason}")


class UnknownClientOption(ClientError):
    """A ``--client-option`` key the client does not declare; ``known`` lists the keys it
    does (empty: it takes none)."""

    def __init__(self, key: str, known: Iterable[str]) -> None:
        self.key, self.known = key, tuple(known)
        super().__init__(f"{key}: not one of {', '.join(self.known) or '-'}")


OptionType = Literal["float", "int", "bool", "str"]
OptionValue = float | int | bool | str
_TRUE, _FALSE = frozenset({"1", "true", "yes", "on"}), frozenset({"0", "false", "no", "off"})


@dataclass(frozen=True)
class ClientOption:
    """One setting a client takes as ``--client-option NAME=VALUE`` (harlequin's adapter
    options are the model): declared in :attr:`Client.OPTIONS`, listed by
    ``fleet-tui clients``, and checked before the client is built."""

    name: str
    type: OptionType
    default: OptionValue
    #: What it does, in English (a plugin's own words; shown when there is no
    #: translation under ``help_key``).
    help: str
    #: A translation key for ``help`` (the built-in clients' options have one).
    help_key: str | None = None
    #: For numbers: the smallest value allowed (``above``: and not that value itself).
    minimum: float | None = None
    above: bool = False

    @property
    def refusal_code(self) -> str:
        """Why a value is refused, as a code (``number_above_0``, ``whole_number_min_1``,
        ``bool``): the CLI translates it (``cli.client_option_reason.<code>``)."""
        if self.type in ("bool", "str"):
            return self.type
        kind = "whole_number" if self.type == "int" else "number"
        if self.minimum is None:
            return kind
        return f"{kind}_{'above' if self.above else 'min'}_{self.minimum:g}"

    @property
    def refusal_reason(self) -> str:
        """:attr:`refusal_code` in English, for callers without the translations."""
        if self.type == "bool":
            return "1 or 0 (true or false) is expected"
        if self.type == "str":
            return "a text is expected"
        kind = "a whole number" if self.type == "int" else "a number"
        if self.minimum is None:
            return f"{kind} is expected"
        if self.above:
            return f"{kind} above {self.minimum:g} is expected"
        return f"{kind}, {self.minimum:g} or more, is expected"

    def parse(self, raw: str) -> OptionValue:
        """``raw`` as this option's type, within its bounds.

        Raises :class:`ClientOptionRefused`.
        """
        text = raw.strip().lower()
        if self.type == "str":
            return raw
        if self.type == "bool" and text in _TRUE | _FALSE:
            return text in _TRUE
        if self.type in ("int", "float"):
            try:
                number: float = int(text) if self.type == "int" else float(text)
            except ValueError:
                number = math.nan
            low = -math.inf if self.minimum is None else self.minimum
            if math.isfinite(number) and (number > low if self.above else number >= low):
                return number
        raise ClientOptionRefused(self.name, raw, self.refusal_reason, code=self.refusal_code)


class Client(abc.ABC):
    """One backend orders are submitted to. Subclasses are registered as entry points
    in the ``fleet_tui.clients`` group and built with :meth:`from_options`."""

    #: The name used with ``--client`` (the entry point's name).
    name: ClassVar[str]
    #: Whether :meth:`sign_in` needs a username and password (``False``: token or none).
    needs_password: ClassVar[bool] = True
    #: The ``--client-option`` settings the client takes; any other key is refused.
    OPTIONS: ClassVar[tuple[ClientOption, ...]] = ()

    @classmethod
    def option_values(cls, extra: Mapping[str, str]) -> dict[str, OptionValue]:
        """Every declared option's value: parsed from ``extra``, else its default.

        Raises :class:`UnknownClientOption` for a key not in :attr:`OPTIONS` and
        :class:`ClientOptionRefused` for a value of the wrong type.
        """
        declared = {option.name: option for option in cls.OPTIONS}
        for key in extra:
            if key not in declared:
                raise UnknownClientOption(key, declared)
        return {
            name: option.parse(extra[name]) if name in extra else option.default
            for name, option in declared.items()
        }

    @classmethod
    @abc.abstractmethod
    def from_options(cls, options: ClientOptions) -> Client:
        """Build the client from the command line and configuration."""

    @abc.abstractmethod
    async def sign_in(self, credentials: Credentials) -> Session:
        """Open a session. Raises :class:`NotSignedIn` on bad credentials."""

    @abc.abstractmethod
    async def account(self) -> Account:
        """The signed-in account. Raises :class:`NotSignedIn`."""

    @abc.abstractmethod
    async def catalogue(self) -> Catalogue:
        """What can be ordered. Raises :class:`NotSignedIn`."""

    async def order_context(self) -> OrderContext:
        """The signed-in account and the catalogue, together: what an order is checked
        against. Raises :class:`NotSignedIn`."""
        from fleet_tui.core.rules import OrderContext

        return OrderContext(await self.account(), await self.catalogue())

    @abc.abstractmethod
    async def recent_orders(self, limit: int = 20) -> list[OrderRecord]:
        """The account's latest requests, newest first. Raises :class:`NotSignedIn`."""

    @abc.abstractmethod
    async def submit(self, order: Order, idempotency_key: str) -> Confirmation:
        """Submit ``order``. The same ``idempotency_key`` always returns the first
        confirmation (with :attr:`Confirmation.replayed` set) and creates nothing more.
        Raises :class:`InvalidOrder`,
        :class:`Conflict`, :class:`NotSignedIn`."""

    async def order(self, reference: str) -> OrderRecord | None:
        """One order with its status, history and the submitted order; ``None`` for
        an unknown reference. Raises :class:`NotSignedIn`."""
        raise BackendUnavailable(f"the {self.name} client cannot look orders up")

    async def cancel(self, reference: str) -> OrderRecord:
        """Cancel an order; the order afterwards. Cancelling a cancelled order answers
        the same. Raises :class:`UnknownOrder`, :class:`NotCancellable`,
        :class:`NotSignedIn`."""
        raise BackendUnavailable(f"the {self.name} client cannot cancel orders")

    async def upload_contract(self, path: Path) -> str:
        """Make the signed contract at ``path`` available to the backend; return the
        reference to put in ``invoice_split.contract``. Local backends keep the path."""
        return str(path)

    async def aclose(self) -> None:  # noqa: B027 - optional hook
        """Release connections and files."""

    async def __aenter__(self) -> Client:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


class ClientOptions(BaseModel):
    """Options that reach a client from the command line, environment or config file.

    ``extra`` carries plugin-specific settings (``--client-option KEY=VALUE``).
    """

    model_config = ConfigDict(frozen=True)

    data_dir: Path | None = None
    api_url: str | None = None
    token: SecretStr | None = None
    verify_tls: bool = True
    extra: dict[str, str] = {}
    #: Who is at the keyboard (:meth:`fleet_tui.core.submitter.Submitter.wire`), set by
    #: the session layer: a client that can records it with every order it submits
    #: (demo: in the order's history; HTTP: the ``X-Fleet-Operator`` header), never in
    #: the order document. A client may ignore it.
    submitted_by: str | None = None
