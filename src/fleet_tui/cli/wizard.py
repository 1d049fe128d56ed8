"""``fleet-tui`` without a sub-command: the full-screen wizard."""

from __future__ import annotations

import argparse
import sys

from fleet_tui.cli.main import EXIT_BACKEND, EXIT_INVALID, EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Start the wizard on the configured client with ``--lang``, ``--theme`` and
    ``--ascii``; return the exit code (a client that cannot be built is reported in the
    interface language, with the batch commands' exit codes)."""
    from fleet_tui.cli.common import BadClientOption, client_from_args, settings_from_args
    from fleet_tui.clients.base import ClientError
    from fleet_tui.clients.registry import UnknownClient, available
    from fleet_tui.core.i18n import t

    settings = settings_from_args(args)
    lang = settings.lang
    try:
        client = client_from_args(args)
    except UnknownClient as exc:
        names = ", ".join(sorted(available())) or "—"
        print(t("cli.unknown_client", lang, client=str(exc), available=names), file=sys.stderr)
        return EXIT_BACKEND
    except BadClientOption as exc:
        print(t("cli.bad_client_option", lang, value=exc.value), file=sys.stderr)
        return EXIT_INVALID
    except (ClientError, OSError) as exc:
        reason = str(exc) or type(exc).__name__
        print(t("cli.backend_unavailable", lang, reason=reason), file=sys.stderr)
        return EXIT_BACKEND

    # Textual is imported only now: the error paths above stay fast.
    from fleet_tui.tui.app import FleetApp

    app = FleetApp(
        client,
        lang=lang,
        ascii_only=bool(getattr(args, "ascii", False)),
        theme=getattr(args, "theme", None) or settings.theme,
        token=settings.token,
    )
    app.run()
    return EXIT_OK
