"""``fleet-tui`` — argument parsing and dispatch. Each command lives in its own module,
imported only when used, so that ``fleet-tui validate`` never loads Textual."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from fleet_tui import __version__
from fleet_tui.cli.exit_codes import EXIT_BACKEND, EXIT_INVALID, EXIT_OK

#: Set by OpenSSH when a ForceCommand replaced the command the client asked for.
ORIGINAL_COMMAND = "SSH_ORIGINAL_COMMAND"

__all__ = ["EXIT_BACKEND", "EXIT_INVALID", "EXIT_OK", "build_parser", "main"]


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--client", help="client to submit through (demo, http, or a plugin)")
    parser.add_argument("--data-dir", type=Path, help="demo backend folder (store and outbox)")
    parser.add_argument("--api-url", help="HTTP backend base URL (client 'http')")
    parser.add_argument("--lang", choices=["fr", "nl", "en"], help="interface language")
    parser.add_argument(
        "--client-option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="setting passed to the client (repeatable)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The whole command line."""
    parser = argparse.ArgumentParser(
        prog="fleet-tui",
        description="Add a mobile line to an Orange Belgium business fleet.",
    )
    parser.add_argument("--version", action="version", version=f"fleet-tui {__version__}")
    _common(parser)
    parser.add_argument("--theme", choices=["default", "light", "high-contrast"])
    parser.add_argument("--kiosk", action="store_true", help="kiosk mode (demo, throw-away)")
    parser.add_argument("--no-drafts", action="store_true", help="do not save drafts")
    # Seconds before an idle kiosk wipes the order (hidden: for tests and demos).
    parser.add_argument("--kiosk-idle", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--ascii", action="store_true", help="plain ASCII for poor terminals")
    sub = parser.add_subparsers(dest="command")

    for name, text in (
        ("validate", "check order files, submit nothing"),
        ("submit", "validate, then submit order files"),
    ):
        cmd = sub.add_parser(name, help=text, description=text)
        _common(cmd)
        cmd.add_argument(
            "files", nargs="+", type=Path, metavar="FILE", help="order document: JSON, TOML or CSV"
        )
        cmd.add_argument("--json", action="store_true", help="machine-readable results")

    for name, text in (("catalog", "what the client offers"), ("account", "the signed-in account")):
        cmd = sub.add_parser(name, help=text, description=text)
        _common(cmd)
        cmd.add_argument("--json", action="store_true", help="print JSON")

    text = "installed clients and their --client-option settings"
    cmd = sub.add_parser("clients", help=text, description=text)
    _common(cmd)
    cmd.add_argument("--json", action="store_true", help="print JSON")

    cmd = sub.add_parser(
        "sandbox",
        help="run the HTTP sandbox server",
        description="Serve the REST contract from the demo backend's logic.",
    )
    cmd.add_argument("--host", default="127.0.0.1")
    cmd.add_argument("--port", type=int, default=8765)
    cmd.add_argument("--db", type=Path, help="SQLite store of the sandbox")
    cmd.add_argument("--data-dir", type=Path, help="sandbox folder (store and outbox)")

    from fleet_tui.cli import serve_ssh

    _common(serve_ssh.add_parser(sub))

    from fleet_tui.cli import serve_web

    _common(serve_web.add_parser(sub))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    command = args.command
    if command in ("validate", "submit"):
        from fleet_tui.cli import batch

        return batch.run(args)
    if command in ("catalog", "account"):
        from fleet_tui.cli import info

        return info.run(args)
    if command == "serve-web":
        from fleet_tui.cli import serve_web

        return serve_web.run(args)
    if command == "serve-ssh":
        from fleet_tui.cli import serve_ssh

        return serve_ssh.run(args)
    if command == "clients":
        from fleet_tui.cli import clients

        return clients.run(args)
    if command == "sandbox":
        from fleet_tui.cli import sandbox

        return sandbox.run(args)
    if os.environ.get(ORIGINAL_COMMAND):
        # Under OpenSSH's ForceCommand, "ssh host some-command" lands here with the
        # command in SSH_ORIGINAL_COMMAND: it is refused, never run.
        from fleet_tui.core.i18n import as_lang, t

        lang = as_lang(args.lang or os.environ.get("FLEET_TUI_LANG"))
        sys.stderr.write(t("serve.commands_refused", lang) + "\n")
        return EXIT_INVALID
    from fleet_tui.cli import wizard
    from fleet_tui.cli.resilience import kiosk_for

    # The kiosk's folder exists (and confines HOME and XDG) before anything is written.
    with kiosk_for(args):
        return wizard.run(args)


if __name__ == "__main__":
    sys.exit(main())
