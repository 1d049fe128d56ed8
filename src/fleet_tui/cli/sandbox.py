"""``fleet-tui sandbox``: serve the REST contract from the demo backend on loopback.

Needs the ``sandbox`` extra (Starlette and uvicorn), imported only here. Environment:
``FLEET_TUI_SANDBOX_TOKEN`` (a fixed token accepted for the demo account, so that
``FLEET_TUI_TOKEN`` can be used by batch runs), ``FLEET_TUI_SANDBOX_TOKEN_TTL`` (seconds a
signed-in token lives), ``FLEET_TUI_SANDBOX_FAULTS`` (fault injection, for tests).

Every setting is checked before anything starts: a bad one is refused with one line
naming it, and exit code 1 (invalid input). An address that cannot be bound (the port
in use) is one line and exit code 2, before uvicorn starts.
"""

from __future__ import annotations

import argparse
import math
import os
import sys

from pydantic import SecretStr

from fleet_tui.cli.common import settings_from_args
from fleet_tui.cli.exit_codes import EXIT_BACKEND, EXIT_INVALID, EXIT_OK
from fleet_tui.core.hosts import is_loopback
from fleet_tui.core.i18n import Lang, t

ENV_TOKEN = "FLEET_TUI_SANDBOX_TOKEN"
ENV_TOKEN_TTL = "FLEET_TUI_SANDBOX_TOKEN_TTL"
#: A token lives at most a year: longer lifetimes overflow the clock (1e300 s).
MAX_TOKEN_TTL_S = 366 * 24 * 3600.0


class BadSetting(ValueError):
    """A sandbox setting that cannot be used: its name and the value given."""

    def __init__(self, name: str, value: object, key: str) -> None:
        super().__init__(f"{name}={value!r}")
        self.name = name
        self.value = value
        self.key = key

    def message(self, lang: Lang) -> str:
        """The one line shown, in ``lang``."""
        return t(f"hardened.sandbox_{self.key}", lang, name=self.name, value=self.value)


def token_ttl(environ: os._Environ[str] | dict[str, str]) -> float:
    """``FLEET_TUI_SANDBOX_TOKEN_TTL`` in seconds (default an hour). Raises :class:`BadSetting`."""
    raw = environ.get(ENV_TOKEN_TTL) or "3600"
    try:
        ttl = float(raw)
    except ValueError:
        ttl = math.nan
    if not (math.isfinite(ttl) and 0 < ttl <= MAX_TOKEN_TTL_S):
        raise BadSetting(ENV_TOKEN_TTL, raw, "bad_ttl")
    return ttl


def check_port(port: int) -> int:
    """``--port`` within 0–65535 (0: any free port). Raises :class:`BadSetting`."""
    if not 0 <= port <= 65535:
        raise BadSetting("--port", port, "bad_port")
    return port


def run(args: argparse.Namespace) -> int:
    """Serve until Ctrl+C; return the exit code."""
    lang = settings_from_args(args).lang
    try:
        from fleet_tui.sandbox.faults import ENV_RATE, Faults
        from fleet_tui.sandbox.server import PortUnavailable, build_app, serve
    except ImportError:
        sys.stderr.write(t("sandbox.missing_extra", lang) + "\n")
        return EXIT_BACKEND
    try:
        ttl = token_ttl(os.environ)
        port = check_port(args.port)
        try:
            faults = Faults.from_env()
        except ValueError:
            raise BadSetting(ENV_RATE, os.environ.get(ENV_RATE, ""), "bad_faults") from None
    except BadSetting as exc:
        sys.stderr.write(exc.message(lang) + "\n")
        return EXIT_INVALID
    fixed = os.environ.get(ENV_TOKEN)
    try:
        app = build_app(
            args.data_dir,
            args.db,
            token_ttl=ttl,
            fixed_token=SecretStr(fixed) if fixed else None,
            faults=faults,
        )
    except Exception as exc:  # the store's folder or file cannot be used
        from fleet_tui.cli.common import client_problem

        sys.stderr.write(client_problem(exc, lang).message + "\n")
        return EXIT_BACKEND
    if not is_loopback(args.host):
        sys.stderr.write(t("sandbox.not_loopback", lang, host=args.host) + "\n")
    if faults is not None:
        sys.stderr.write(t("sandbox.faults_on", lang, rate=f"{faults.rate:.0%}") + "\n")

    def ready(url: str) -> None:
        sys.stdout.write(t("sandbox.listening", lang, url=url) + "\n")
        sys.stdout.flush()

    try:
        serve(app, args.host, port, on_ready=ready)
    except PortUnavailable as exc:
        key = "sandbox_port.in_use" if exc.in_use else "sandbox_port.refused"
        sys.stderr.write(t(key, lang, host=exc.host, port=exc.port) + "\n")
        return EXIT_BACKEND
    return EXIT_OK
