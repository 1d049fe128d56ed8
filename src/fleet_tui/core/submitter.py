"""Who submitted an order: audit metadata recorded in the order's history, never part
of the order document.

The front end says who is at the keyboard (an SSH session's user and key fingerprint,
or the local account of the process); the backend keeps it with the order's
``received`` step (:attr:`fleet_tui.core.order_status.StatusEvent.by`). On the wire it
is one ASCII line (the HTTP client's ``X-Fleet-Operator`` header): ``ssh user=alice
key=SHA256:…`` or ``local user=bob``, the user name percent-encoded. A backend may keep
it as it came; :func:`submitter_text` shows one in the reader's language, and any
other text as it is (control characters replaced).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal
from urllib.parse import quote, unquote

from fleet_tui.core.i18n import Lang, t

#: The HTTP header that carries it (third-party backends may ignore it).
OPERATOR_HEADER: Final = "X-Fleet-Operator"
#: The longest wire text a backend keeps (a longer one is refused).
SUBMITTER_MAX: Final = 256
#: What a backend accepts, as a pattern (the HTTP contract's).
SUBMITTER_PATTERN: Final = r"^[ -~]{0,256}$"

Via = Literal["ssh", "local"]
_KEY = re.compile(r"SHA256:[A-Za-z0-9+/]{43}")
_USER_MAX = 64
#: The longest percent-encoded user name on the wire: with ``ssh user=`` and a key, the
#: line stays within :data:`SUBMITTER_MAX` (64 four-byte characters encode to 768).
_USER_WIRE_MAX = 180


def _wire_user(user: str) -> str:
    """``user`` percent-encoded, cut (at a character) to fit :data:`_USER_WIRE_MAX`."""
    user = user[:_USER_MAX]
    while len(encoded := quote(user, safe="")) > _USER_WIRE_MAX:
        user = user[:-1]
    return encoded


@dataclass(frozen=True)
class Submitter:
    """The operator behind a submission: how they reached the wizard (``ssh`` or
    ``local``), their user name, and for SSH the ``SHA256:…`` fingerprint of the key they
    signed in with (``None``: a kiosk, where nobody signs in)."""

    via: Via
    user: str
    key: str | None = None

    def wire(self) -> str:
        """The one-line ASCII form kept by backends and sent over HTTP."""
        text = f"{self.via} user={_wire_user(self.user)}"
        if self.key is not None:
            text += f" key={self.key}"
        return text

    @classmethod
    def parse(cls, text: str) -> Submitter | None:
        """The submitter written by :meth:`wire`; ``None`` for any other text."""
        via, _, rest = text.partition(" ")
        fields = dict(part.partition("=")[::2] for part in rest.split(" ") if part)
        if via not in ("ssh", "local") or "user" not in fields:
            return None
        if set(fields) - {"user", "key"}:
            return None
        key = fields.get("key")
        if key is not None and not _KEY.fullmatch(key):
            return None
        return cls("ssh" if via == "ssh" else "local", unquote(fields["user"]), key)


def valid_wire(text: str) -> bool:
    """Whether a backend should keep ``text`` (printable ASCII, at most
    :data:`SUBMITTER_MAX` characters); what it says is not checked further."""
    return 0 < len(text) <= SUBMITTER_MAX and text.isascii() and text.isprintable()


def _shown(text: str) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in text)


def submitter_text(wire: str, lang: Lang) -> str:
    """``ssh user alice, key SHA256:…`` in ``lang``; a text that is not one of ours is
    shown as it is."""
    submitter = Submitter.parse(wire)
    if submitter is None:
        return _shown(wire)
    user = _shown(submitter.user)
    if submitter.via == "local":
        return t("submitter.local", lang, user=user)
    if submitter.key is None:
        return t("submitter.ssh_no_key", lang, user=user)
    return t("submitter.ssh", lang, user=user, key=submitter.key)
