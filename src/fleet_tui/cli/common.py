"""From command-line arguments to settings and a client, shared by every command.

Options given on the command line win over the environment (``FLEET_TUI_*``) and the
config file (see :mod:`fleet_tui.session.config`). Every option is read with ``getattr`` so a
sub-command that lacks one (e.g. ``sandbox`` has no ``--client``) still works.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fleet_tui.cli.exit_codes import EXIT_BACKEND, EXIT_INVALID
from fleet_tui.session.config import load_settings

if TYPE_CHECKING:
    # Imported when used: the wizard reads its options before pydantic is loaded.
    from fleet_tui.clients.base import Client, ClientOptions, Credentials, Session
    from fleet_tui.core.i18n import Lang
    from fleet_tui.session.config import Settings


def demo_credentials() -> Credentials:
    """The demo backend's fleet manager (SPEC §1); batch commands sign in with it."""
    from pydantic import SecretStr

    from fleet_tui.clients.base import Credentials

    return Credentials(username="patricia", password=SecretStr("demo"))


class BadClientOption(ValueError):
    """A ``--client-option`` that is not ``KEY=VALUE``; ``value`` is what was given."""

    def __init__(self, value: str) -> None:
        super().__init__(value)
        self.value = value


@dataclass(frozen=True)
class ClientProblem:
    """Why the client could not be built: a ``kind`` for ``--json``, the message in the
    interface language, and the exit code."""

    kind: str
    message: str
    exit_code: int


def client_problem(error: BaseException, lang: Lang) -> ClientProblem:
    """What to tell the user when building the client raised ``error``: an unknown
    client and a backend that cannot be reached are backend failures, a malformed
    ``--client-option`` or one the client refuses is invalid input.

    Re-raises ``error`` when it is none of these (a bug, not the user's doing).
    """
    from fleet_tui.clients.registry import BrokenClient, UnknownClient, available
    from fleet_tui.core.i18n import has_key, t
    from fleet_tui.session.config import SettingsError

    if isinstance(error, SettingsError):
        from fleet_tui.cli.guard import settings_message

        return ClientProblem("bad_setting", settings_message(error, lang), EXIT_INVALID)
    if isinstance(error, BrokenClient):
        text = t("hardened.client_broken", lang, client=str(error), reason=error.reason)
        return ClientProblem("broken_client", text, EXIT_BACKEND)
    if isinstance(error, UnknownClient):
        names = ", ".join(sorted(available())) or "—"
        text = t("cli.unknown_client", lang, client=str(error), available=names)
        return ClientProblem("unknown_client", text, EXIT_BACKEND)
    if isinstance(error, BadClientOption):
        text = t("cli.bad_client_option", lang, value=error.value)
        return ClientProblem("bad_client_option", text, EXIT_INVALID)
    # Imported only now: the two cases above must not load pydantic (wizard start-up).
    from fleet_tui.clients.base import ClientError, ClientOptionRefused, UnknownClientOption

    if isinstance(error, UnknownClientOption):
        known = ", ".join(error.known) or "—"
        text = t("client_options.unknown", lang, key=error.key, known=known)
        return ClientProblem("client_option_unknown", text, EXIT_INVALID)
    if isinstance(error, ClientOptionRefused):
        for reason_key in (
            f"cli.client_option_reason.{error.code}",
            f"client_options.reason.{error.code}",
            f"client_url.reason.{error.code}",
        ):
            if error.code and has_key(reason_key, lang):
                reason = t(reason_key, lang)
                text = t(
                    "cli.client_option_refused",
                    lang,
                    key=error.key,
                    value=error.value,
                    reason=reason,
                )
                return ClientProblem("client_option_refused", text, EXIT_INVALID)
        # A plugin's reason without a (translated) code is in the plugin's language: the
        # sentence stays in the interface language, and its words follow on their own
        # line, labelled as such (the operator needs them to fix the value).
        text = t("plugin_text.option_refused", lang, key=error.key, value=error.value)
        words = " ".join(error.reason.split())
        if words:
            text += "\n" + t("plugin_text.own_words", lang, words=words)
        return ClientProblem("client_option_refused", text, EXIT_INVALID)
    if isinstance(error, ClientError | OSError):
        # A client that cannot open its store or reach its server fails while built.
        from fleet_tui.cli.messages import unavailable_message

        text = unavailable_message(error, lang)
        return ClientProblem("backend_unavailable", text, EXIT_BACKEND)
    raise error


def report_client_problem(error: BaseException, lang: Lang) -> int:
    """Print :func:`client_problem`'s message on stderr; return its exit code."""
    from fleet_tui.cli.safe_text import say

    problem = client_problem(error, lang)
    say(problem.message, sys.stderr)
    return problem.exit_code


def settings_from_args(args: argparse.Namespace) -> Settings:
    """The settings, with the command line's ``--client``, ``--lang``, ``--data-dir``
    and ``--api-url`` applied over the environment and the config file."""
    return load_settings(
        client=getattr(args, "client", None),
        lang=getattr(args, "lang", None),
        data_dir=getattr(args, "data_dir", None),
        api_url=getattr(args, "api_url", None),
        esim_code_timeout=getattr(args, "code_timeout", None),
        qr_drawing=getattr(args, "qr_drawing", None),
    )


def extra_options(args: argparse.Namespace) -> dict[str, str]:
    """The ``--client-option KEY=VALUE`` pairs.

    Raises :class:`BadClientOption`.
    """
    extra: dict[str, str] = {}
    for item in getattr(args, "client_option", None) or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise BadClientOption(item)
        extra[key.strip()] = value
    return extra


def client_options(settings: Settings, args: argparse.Namespace) -> ClientOptions:
    """What reaches the client: settings plus ``--client-option KEY=VALUE`` pairs, and
    who is at the keyboard (:func:`fleet_tui.session.audit.submitter`), recorded with
    every order submitted.

    Raises :class:`BadClientOption`.
    """
    from fleet_tui.clients.base import ClientOptions
    from fleet_tui.session.audit import submitter

    extra = extra_options(args)
    return ClientOptions(
        data_dir=settings.data_dir,
        api_url=settings.api_url,
        token=settings.token,
        verify_tls=settings.verify_tls,
        extra=extra,
        submitted_by=submitter(),
    )


def client_from_args(args: argparse.Namespace) -> Client:
    """The client chosen by ``--client`` (or the settings), built from the options.

    Raises :class:`fleet_tui.clients.registry.UnknownClient` and :class:`BadClientOption`.
    """
    from fleet_tui.clients.registry import load_client

    settings = settings_from_args(args)
    return load_client(settings.client, client_options(settings, args))


async def sign_in_unattended(client: Client, settings: Settings) -> Session:
    """Sign in without asking anything: the demo account on the demo client, the token
    from the settings (``FLEET_TUI_TOKEN``) elsewhere.

    Raises :class:`fleet_tui.clients.base.NotSignedIn`.
    """
    from fleet_tui.clients.base import Credentials

    if client.name == "demo" and settings.token is None:
        return await client.sign_in(demo_credentials())
    return await client.sign_in(Credentials(token=settings.token))
