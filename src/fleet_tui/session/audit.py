"""Who submits orders, and telling the server that started this wizard (``serve-ssh``)
what it submitted.

:func:`submitter` says who is at the keyboard, recorded by the backend with every order
submitted (:mod:`fleet_tui.core.submitter`; never in the order document):

- under ``serve-ssh``: the SSH user and key fingerprint, which the server sets in
  ``FLEET_TUI_OPERATOR`` for the session's process;
- under OpenSSH (``ForceCommand``, ``SSH_CONNECTION`` set): the account's name and,
  with ``ExposeAuthInfo yes``, the fingerprint of the key from ``SSH_USER_AUTH``;
- otherwise the local account the process runs as — from the kernel's user id, not
  from ``$USER``, which anybody can set.

``FLEET_TUI_AUDIT_FD`` names a pipe the server reads; one ASCII line per submitted
order (``submitted <reference>``) lets it log the order with the operator's identity.
Nothing is written without it, and never anything but the reference.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import os
import pwd

from fleet_tui.core.submitter import Submitter

AUDIT_FD = "FLEET_TUI_AUDIT_FD"
OPERATOR = "FLEET_TUI_OPERATOR"


def _os_user() -> str:
    uid = os.getuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:  # a uid without a passwd entry (containers)
        return f"uid {uid}"


def _openssh_key() -> str | None:
    # ExposeAuthInfo writes the methods used, one a line: "publickey ssh-ed25519 AAAA…".
    path = os.environ.get("SSH_USER_AUTH")
    if not path:
        return None
    try:
        with open(path, encoding="ascii", errors="replace") as handle:
            lines = handle.read(65536).splitlines()
    except OSError:
        return None
    keys = [line.split() for line in lines if line.startswith("publickey ")]
    if len(keys) != 1 or len(keys[0]) < 3:
        return None
    try:
        blob = base64.b64decode(keys[0][2], validate=True)
    except (binascii.Error, ValueError):
        return None
    digest = base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")
    return f"SHA256:{digest}"


def submitter() -> str:
    """Who is at the keyboard, as :meth:`Submitter.wire` text (see the module's doc)."""
    given = os.environ.get(OPERATOR, "")
    if Submitter.parse(given) is not None:
        return given
    if os.environ.get("SSH_CONNECTION"):
        return Submitter("ssh", _os_user(), _openssh_key()).wire()
    return Submitter("local", _os_user()).wire()


def submitted(reference: str) -> None:
    """Report one submitted order to the server, if one is listening."""
    raw = os.environ.get(AUDIT_FD)
    if not raw or not raw.isdigit():
        return
    with contextlib.suppress(OSError):
        os.write(int(raw), f"submitted {reference}\n".encode("ascii", "replace"))
