"""eSIM activation codes (GSMA SGP.22 §4.1), as put in the QR code.

``LPA:1$<SM-DP+ address>$<Matching ID>[$<SM-DP+ OID>[$1]]`` — the last field is the
"confirmation code required" flag; when it is set without an OID the OID field stays
empty (``LPA:1$addr$id$$1``). The confirmation code itself is never part of the
activation code: it travels separately so that a photographed QR is not enough.

Besides the QR code, an end user can install the eSIM by typing the SM-DP+ address and
the matching ID (when the QR code is on the very phone being set up), by tapping the iOS
link (iOS 17.5 and later) or, on Windows 11, the ``lpa:`` link: :class:`InstallDetails`
builds them all from the one activation code.
"""

from __future__ import annotations

import random
import re
import secrets
import string
from dataclasses import dataclass
from typing import Final
from urllib.parse import quote

PREFIX: Final = "LPA:"
AC_FORMAT: Final = "1"
MAX_TEXT: Final = 1024
# Upper case: a code made only of digits, A-Z and "$%*+-./:" is encoded in the QR code's
# alphanumeric mode, a smaller symbol (version 3 instead of 4) that fits 80x24 better.
# Host names are case-insensitive.
DEMO_HOST: Final = "SMDP.FLEET-TUI-DEMO.INVALID"
#: Apple's one-tap eSIM installation (iOS 17.5+), followed by the URL-encoded code.
IOS_INSTALL_PREFIX: Final = "https://esimsetup.apple.com/esim_qrcode_provisioning?carddata="
#: Windows 11 installs an eSIM from an ``lpa:`` link: the activation code as a URI.
WINDOWS_SCHEME: Final = "lpa:"
CONFIRMATION_CODE_DIGITS: Final = 8

_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")
_MATCHING_ID = re.compile(r"[A-Za-z0-9-]+")
_OID = re.compile(r"[0-9]+(?:\.[0-9]+)*")
_ID_ALPHABET: Final = string.ascii_uppercase + string.digits


class InvalidActivationCode(ValueError):
    """Text that is not a valid SGP.22 activation code; the message says why."""


def _check_address(address: str) -> None:
    if not address or len(address) > 253:
        raise InvalidActivationCode("SM-DP+ address must be 1 to 253 characters")
    if not all(_LABEL.fullmatch(label) for label in address.split(".")):
        raise InvalidActivationCode(f"SM-DP+ address is not a host name: {address!r}")


@dataclass(frozen=True)
class ActivationCode:
    """An eSIM activation code. ``str(code)`` is the text to encode in the QR code."""

    smdp_address: str
    matching_id: str
    oid: str | None = None
    confirmation_code_required: bool = False

    def __post_init__(self) -> None:
        _check_address(self.smdp_address)
        if len(self.matching_id) > 255 or not _MATCHING_ID.fullmatch(self.matching_id):
            raise InvalidActivationCode("Matching ID must be letters, digits and '-'")
        if self.oid is not None and (len(self.oid) > 255 or not _OID.fullmatch(self.oid)):
            raise InvalidActivationCode("SM-DP+ OID must be dotted digits (1.3.6.1…)")

    def __str__(self) -> str:
        fields = [PREFIX + AC_FORMAT, self.smdp_address, self.matching_id]
        if self.oid is not None or self.confirmation_code_required:
            fields.append(self.oid or "")
        if self.confirmation_code_required:
            fields.append("1")
        return "$".join(fields)

    @classmethod
    def parse(cls, text: str) -> ActivationCode:
        """Read an activation code (surrounding white space ignored).

        Raises :class:`InvalidActivationCode`.
        """
        text = text.strip()
        if len(text) > MAX_TEXT:
            raise InvalidActivationCode("activation code too long")
        if not text.startswith(PREFIX + AC_FORMAT + "$"):
            raise InvalidActivationCode("an activation code starts with 'LPA:1$'")
        fields = text[len(PREFIX) :].split("$")
        if not 3 <= len(fields) <= 5:
            raise InvalidActivationCode("an activation code has 3 to 5 '$'-separated fields")
        _, address, matching_id, *rest = fields
        oid: str | None = rest[0] if rest else None
        required = False
        if len(rest) == 2:
            if rest[1] != "1":
                raise InvalidActivationCode("the confirmation code flag can only be '1'")
            required = True
            oid = oid or None
        elif oid == "":
            raise InvalidActivationCode("empty SM-DP+ OID field")
        return cls(address, matching_id, oid, required)

    @classmethod
    def generate(
        cls,
        host: str = DEMO_HOST,
        rng: random.Random | secrets.SystemRandom | None = None,
        *,
        confirmation_code_required: bool = False,
    ) -> ActivationCode:
        """A made-up code on ``host`` with a random Matching ID ``XXXXX-XXXXX-XXXXX-XXXXX``
        (uppercase letters and digits). For demo backends; by default the randomness
        comes from :mod:`secrets`."""
        choose = rng.choice if rng is not None else secrets.choice
        groups = ("".join(choose(_ID_ALPHABET) for _ in range(5)) for _ in range(4))
        return cls(host, "-".join(groups), confirmation_code_required=confirmation_code_required)

    @property
    def ios_install_url(self) -> str:
        """The iOS 17.5+ one-tap link: Apple's address plus the URL-encoded code."""
        return IOS_INSTALL_PREFIX + quote(str(self), safe="")

    @property
    def windows_install_url(self) -> str:
        """The Windows 11 ``lpa:`` link (the activation code itself is a URI)."""
        return WINDOWS_SCHEME + str(self)[len(PREFIX) :]


@dataclass(frozen=True)
class InstallDetails:
    """Every way to install one eSIM, as shown on the confirmation and in the emails."""

    activation_code: str
    smdp_address: str
    matching_id: str
    ios_install_url: str
    windows_install_url: str
    confirmation_code_required: bool

    @classmethod
    def of(cls, text: str) -> InstallDetails:
        """The details of the activation code ``text``. Raises
        :class:`InvalidActivationCode`."""
        code = ActivationCode.parse(text)
        return cls(
            activation_code=str(code),
            smdp_address=code.smdp_address,
            matching_id=code.matching_id,
            ios_install_url=code.ios_install_url,
            windows_install_url=code.windows_install_url,
            confirmation_code_required=code.confirmation_code_required,
        )

    @classmethod
    def maybe(cls, text: str | None) -> InstallDetails | None:
        """:meth:`of`, or ``None`` for no code or one that does not parse (a backend's
        code is shown as sent, but no link is built from text that is not a code)."""
        if not text:
            return None
        try:
            return cls.of(text)
        except InvalidActivationCode:
            return None


def generate_confirmation_code(rng: random.Random | secrets.SystemRandom | None = None) -> str:
    """A made-up confirmation code: :data:`CONFIRMATION_CODE_DIGITS` digits (demo
    backends; from :mod:`secrets` by default)."""
    choose = rng.choice if rng is not None else secrets.choice
    return "".join(choose(string.digits) for _ in range(CONFIRMATION_CODE_DIGITS))


def generate(
    host: str = DEMO_HOST, rng: random.Random | secrets.SystemRandom | None = None
) -> ActivationCode:
    """Same as :meth:`ActivationCode.generate`."""
    return ActivationCode.generate(host, rng)
