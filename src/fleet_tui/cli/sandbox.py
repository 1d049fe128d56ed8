"""``fleet-tui sandbox``: serve the REST contract from the demo backend on loopback.

Needs the ``sandbox`` extra (Starlette and uvicorn), imported only here. Environment:
``FLEET_TUI_SANDBOX_TOKEN`` (a fixed token accepted for the demo account, so that
``FLEET_TUI_TOKEN`` can be used by batch runs), ``FLEET_TUI_SANDBOX_TOKEN_TTL`` (seconds a
signed-in token lives), ``FLEET_TUI_SANDBOX_FAULTS`` (fault injection, for tests).
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys

from pydantic import SecretStr

from fleet_tui.cli.common import settings_from_args
from fleet_tui.core.i18n import t

EXIT_OK = 0
EXIT_USAGE = 2
ENV_TOKEN = "FLEET_TUI_SANDBOX_TOKEN"
ENV_TOKEN_TTL = "FLEET_TUI_SANDBOX_TOKEN_TTL"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run(args: argparse.Namespace) -> int:
    """Serve until Ctrl+C; return the exit code."""
    lang = settings_from_args(args).lang
    try:
        from fleet_tui.sandbox.backend import StoreLocationError
        from fleet_tui.sandbox.faults import Faults
        from fleet_tui.sandbox.server import build_app, serve
    except ImportError:
        sys.stderr.write(t("sandbox.missing_extra", lang) + "\n")
        return EXIT_USAGE
    try:
        ttl = float(os.environ.get(ENV_TOKEN_TTL) or 3600)
        faults = Faults.from_env()
    except ValueError as exc:
        sys.stderr.write(t("sandbox.bad_setting", lang, reason=str(exc)) + "\n")
        return EXIT_USAGE
    fixed = os.environ.get(ENV_TOKEN)
    try:
        app = build_app(
            args.data_dir,
            args.db,
            token_ttl=ttl,
            fixed_token=SecretStr(fixed) if fixed else None,
            faults=faults,
        )
    except StoreLocationError as exc:
        sys.stderr.write(t("sandbox.bad_setting", lang, reason=str(exc)) + "\n")
        return EXIT_USAGE
    if not _is_loopback(args.host):
        sys.stderr.write(t("sandbox.not_loopback", lang, host=args.host) + "\n")
    if faults is not None:
        sys.stderr.write(t("sandbox.faults_on", lang, rate=f"{faults.rate:.0%}") + "\n")

    def ready(url: str) -> None:
        sys.stdout.write(t("sandbox.listening", lang, url=url) + "\n")
        sys.stdout.flush()

    serve(app, args.host, args.port, on_ready=ready)
    return EXIT_OK
