"""The CLI's messages for a client's failures, wholly in the interface language.

A client's exceptions carry English text for logs (SQLite's, httpx's, a backend's
"wrong username or password"); the user reads a message chosen by code, never that
text inside a French or Dutch sentence.
"""

from __future__ import annotations

import errno

from fleet_tui.clients.base import BackendUnavailable
from fleet_tui.core.i18n import Lang, has_key, t


def unavailable_reason(exc: BaseException, lang: Lang) -> str:
    """Why the backend failed, in ``lang``: from a :class:`BackendUnavailable`'s
    code, an :class:`OSError`'s errno, or a generic reason."""
    if isinstance(exc, BackendUnavailable):
        key = f"hardened.unavailable_{exc.code}"
        if has_key(key, "en"):
            return t(key, lang, **exc.params)
    if isinstance(exc, OSError) and exc.errno is not None:
        name = errno.errorcode.get(exc.errno, str(exc.errno))
        return t("hardened.unavailable_os", lang, errno=name)
    return t("hardened.unavailable_unavailable", lang)


def unavailable_message(exc: BaseException, lang: Lang) -> str:
    """The one line for a backend that cannot be reached or failed."""
    return t("cli.backend_unavailable", lang, reason=unavailable_reason(exc, lang))


def not_signed_in_message(exc: BaseException, client: str, lang: Lang) -> str:
    """The one line for a refused sign-in (the backend's reason is not shown: it is
    English, and says no more than "refused")."""
    return t("cli.not_signed_in", lang, client=client, reason=t("hardened.sign_in_refused", lang))
