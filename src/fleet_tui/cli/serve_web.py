"""``fleet-tui serve-web``: the wizard in a browser (textual-serve), a kiosk by default.

Needs the ``web`` extra, imported only here. See :mod:`fleet_tui.serve.web`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fleet_tui.cli.exit_codes import EXIT_INVALID, EXIT_OK
from fleet_tui.cli.serve_ssh import wizard_args
from fleet_tui.core.hosts import is_loopback
from fleet_tui.core.i18n import as_lang, t


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """The ``serve-web`` sub-command and its own options (the caller adds the common ones)."""
    cmd = sub.add_parser(
        "serve-web",
        help="serve the wizard to a browser",
        description="The wizard in a browser, a kiosk by default (needs fleet-tui[web]).",
    )
    cmd.add_argument("--host", default="127.0.0.1", help="address to listen on")
    cmd.add_argument("--port", type=int, default=8000, help="port to listen on")
    cmd.add_argument("--public-url", help="the URL browsers use (behind a reverse proxy)")
    cmd.add_argument(
        "--no-kiosk", action="store_true", help="a staffed counter: drafts kept, quit allowed"
    )
    cmd.add_argument("--max-sessions", type=int, default=10, help="browser sessions at once")
    cmd.add_argument(
        "--uploads-dir",
        type=Path,
        help="folder of signed Invoice Split scans offered in the browser"
        " (else the step says to hand the contract in at the desk)",
    )
    return cmd


def run(args: argparse.Namespace) -> int:
    """Serve until SIGTERM or Ctrl+C; return the exit code."""
    lang = as_lang(getattr(args, "lang", None))
    try:
        from fleet_tui.serve.web import FleetWebServer, WebSettings
    except ImportError:
        sys.stderr.write(t("web.missing_extra", lang) + "\n")
        return EXIT_INVALID
    if not 0 < args.port < 65536:
        sys.stderr.write(t("web.bad_port", lang, port=args.port) + "\n")
        return EXIT_INVALID
    if args.max_sessions < 1:
        sys.stderr.write(t("web.bad_max_sessions", lang) + "\n")
        return EXIT_INVALID
    if args.uploads_dir is not None and not args.uploads_dir.is_dir():
        sys.stderr.write(t("web_tui.bad_uploads_dir", lang, path=str(args.uploads_dir)) + "\n")
        return EXIT_INVALID
    if not is_loopback(args.host):
        sys.stderr.write(t("web.not_loopback", lang, host=args.host) + "\n")
    settings = WebSettings(
        host=args.host,
        port=args.port,
        public_url=args.public_url,
        kiosk=not args.no_kiosk,
        max_sessions=args.max_sessions,
        lang=lang,
        wizard_args=wizard_args(args),
        uploads_dir=args.uploads_dir,
    )
    FleetWebServer(settings).serve()
    return EXIT_OK
