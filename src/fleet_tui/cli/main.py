"""``fleet-tui`` — argument parsing and dispatch. Each command lives in its own module,
imported only when used, so that ``fleet-tui validate`` never loads Textual."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, cast

from fleet_tui import __version__
from fleet_tui.cli.exit_codes import EXIT_BACKEND, EXIT_INVALID, EXIT_OK
from fleet_tui.cli.options import (
    WIZARD,
    Parser,
    UsageError,
    add_command,
    add_root_options,
    merge,
    misplaced,
    report,
    share,
    usage_lang,
)

SUPPRESS = argparse.SUPPRESS
#: Set by OpenSSH when a ForceCommand replaced the command the client asked for.
ORIGINAL_COMMAND = "SSH_ORIGINAL_COMMAND"

__all__ = ["EXIT_BACKEND", "EXIT_INVALID", "EXIT_OK", "build_parser", "main", "parse"]


def _seconds(text: str) -> float:
    # A usage error (one line, exit 2) rather than a settings error later.
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not (value > 0 and value != float("inf")):
        raise argparse.ArgumentTypeError(f"not a positive number of seconds: {text!r}")
    return value


def _wizard_options(parser: Parser) -> Callable[..., None]:
    """``add(flag, **kwargs)`` for the wizard's own options: each lands under
    ``WIZARD + name`` and is absent unless given (see :mod:`fleet_tui.cli.options`)."""

    def add(flag: str, **kwargs: Any) -> None:
        dest = WIZARD + flag.removeprefix("--").replace("-", "_")
        parser.add_argument(flag, dest=dest, default=SUPPRESS, **kwargs)

    return add


def build_parser() -> Parser:
    """The whole command line (shared options: :mod:`fleet_tui.cli.options`)."""
    parser = Parser(
        prog="fleet-tui",
        description="Add a mobile line to an Orange Belgium business fleet.",
    )
    parser.add_argument("--version", action="version", version=f"fleet-tui {__version__}")
    add_root_options(parser)
    # The wizard's own options (refused with a sub-command: see options.WIZARD_ONLY).
    wizard = _wizard_options(parser)
    wizard("--theme", choices=["default", "light", "high-contrast"])
    wizard("--kiosk", action="store_true", help="kiosk mode (demo)")
    wizard("--no-drafts", action="store_true", help="do not save drafts")
    # Seconds before an idle kiosk wipes the order (hidden: for tests and demos).
    wizard("--kiosk-idle", type=float, help=SUPPRESS)
    wizard("--ascii", action="store_true", help="plain ASCII")
    wizard(
        "--code-timeout",
        type=_seconds,
        metavar="SECONDS",
        help="hide a shown eSIM activation code after this long (default 120)",
    )
    wizard(
        "--qr-drawing",
        choices=["auto", "half", "full"],
        help="QR code drawing: the largest that fits (auto), half blocks or full blocks",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    for name, text in (
        ("validate", "check order files, submit nothing"),
        ("submit", "validate, then submit order files"),
    ):
        cmd = add_command(sub, name, text)
        cmd.add_argument(
            "files", nargs="+", type=Path, metavar="FILE", help="order document: JSON, TOML or CSV"
        )
        cmd.add_argument("--json", action="store_true", help="machine-readable results")

    for name, text in (("catalog", "what the client offers"), ("account", "the signed-in account")):
        cmd = add_command(sub, name, text)
        cmd.add_argument("--json", action="store_true", help="print JSON")

    for name, text, with_reference in (
        ("orders", "recent requests with their status", False),
        ("order", "one request with its status history", True),
        ("cancel", "cancel a request while it can be cancelled", True),
    ):
        cmd = add_command(sub, name, text)
        if with_reference:
            cmd.add_argument("reference", metavar="REF", help="the request's reference")
        cmd.add_argument("--json", action="store_true", help="print JSON")

    cmd = add_command(sub, "clients", "installed clients and their --client-option settings")
    cmd.add_argument("--json", action="store_true", help="print JSON")

    cmd = add_command(
        sub,
        "sandbox",
        "run the HTTP sandbox server",
        shared=("data_dir", "lang"),
    )
    cmd.description = "Serve the REST contract from the demo backend's logic."
    cmd.add_argument("--host", default="127.0.0.1")
    cmd.add_argument("--port", type=int, default=8765)
    cmd.add_argument("--db", type=Path, help="SQLite store of the sandbox")

    from fleet_tui.cli import serve_ssh

    # serve_ssh types its parser loosely: ours are Parser (a subclass), hence the cast.
    share(serve_ssh.add_parser(cast("argparse._SubParsersAction[argparse.ArgumentParser]", sub)))

    from fleet_tui.cli import serve_web

    share(serve_web.add_parser(cast("argparse._SubParsersAction[argparse.ArgumentParser]", sub)))
    return parser


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The parsed command line, options before and after the sub-command joined.

    Raises :class:`UsageError`.
    """
    tokens = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    problem = misplaced(parser, tokens)
    if problem is not None:
        raise problem
    return merge(parser.parse_args(tokens))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (never a traceback: see cli.guard)."""
    from fleet_tui.cli.guard import guarded

    return guarded(lambda: _main(argv), argv)


def _main(argv: Sequence[str] | None) -> int:
    try:
        args = parse(argv)
    except UsageError as error:
        return report(error, usage_lang(list(sys.argv[1:] if argv is None else argv)))
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
    if command in ("orders", "order", "cancel"):
        from fleet_tui.cli import orders

        return orders.run(args)

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
