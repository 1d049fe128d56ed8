"""eSIM activation codes (GSMA SGP.22 §4.1), as put in the QR code.

``LPA:1$<SM-DP+ address>$<Matching ID>[$<SM-DP+ OID>[$1]]`` — the last field is the
"confirmation code required" flag; when it is set without an OID the OID field stays
empty (``LPA:1$addr$id$$1``). The confirmation code itself is never part of the
activation code: it travels separately so that a photographed QR is not enough.
"""

from __future__ import annotations

import random
import re
import secrets
import string
from dataclasses import dataclass
from typing import Final

PREFIX: Final = "LPA:"
AC_FORMAT: Final = "1"
MAX_TEXT: Final = 1024
DEMO_HOST: Final = "smdp.fleet-tui-demo.invalid"

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
    ) -> ActivationCode:
        """A made-up code on ``host`` with a random Matching ID ``XXXXX-XXXXX-XXXXX-XXXXX``
        (uppercase letters and digits). For demo backends; by default the randomness
        comes from :mod:`secrets`."""
        choose = rng.choice if rng is not None else secrets.choice
        groups = ("".join(choose(_ID_ALPHABET) for _ in range(5)) for _ in range(4))
        return cls(host, "-".join(groups))


def generate(
    host: str = DEMO_HOST, rng: random.Random | secrets.SystemRandom | None = None
) -> ActivationCode:
    """Same as :meth:`ActivationCode.generate`."""
    return ActivationCode.generate(host, rng)
