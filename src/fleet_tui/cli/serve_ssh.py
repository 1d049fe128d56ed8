"""``fleet-tui serve-ssh``: operators connect with ``ssh`` and get the wizard, nothing else.

Needs the ``ssh`` extra (asyncssh), imported only here. Every session runs the wizard
as its own process with the options given here (``--client``, ``--data-dir``,
``--api-url``, ``--client-option``); see :mod:`fleet_tui.serve.ssh`.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import math
import sys
from pathlib import Path

from fleet_tui.cli.exit_codes import EXIT_BACKEND, EXIT_INVALID, EXIT_OK
from fleet_tui.core import paths
from fleet_tui.core.i18n import Lang, as_lang, t


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """The ``serve-ssh`` sub-command and its own options (the caller adds the common ones)."""
    cmd = sub.add_parser(
        "serve-ssh",
        help="serve the wizard over SSH",
        description="An SSH server whose only shell is the wizard (needs fleet-tui[ssh]).",
    )
    cmd.add_argument("--host", default="127.0.0.1", help="address to listen on")
    cmd.add_argument("--port", type=int, default=2222, help="port to listen on")
    cmd.add_argument("--host-key", type=Path, help="host key file (made, mode 0600, when absent)")
    cmd.add_argument(
        "--authorized-keys", type=Path, help="OpenSSH authorized_keys file (unless --kiosk)"
    )
    cmd.add_argument("--kiosk", action="store_true", help="anybody, throw-away sessions")
    cmd.add_argument("--max-sessions", type=int, default=10, help="sessions at once")
    cmd.add_argument(
        "--idle-timeout", type=float, default=900.0, help="seconds before an idle session closes"
    )
    return cmd


def wizard_args(args: argparse.Namespace) -> list[str]:
    forwarded: list[str] = []
    for option in ("client", "data_dir", "api_url"):
        value = getattr(args, option, None)
        if value is not None:
            forwarded += ["--" + option.replace("_", "-"), str(value)]
    for value in getattr(args, "client_option", None) or []:
        forwarded += ["--client-option", value]
    return forwarded


def _problem(args: argparse.Namespace, lang: Lang) -> str | None:
    if not 0 <= args.port < 65536:  # 0: any free port (printed)
        return t("serve.bad_port", lang, port=args.port)
    if args.max_sessions < 1:
        return t("serve.bad_max_sessions", lang)
    if not (math.isfinite(args.idle_timeout) and args.idle_timeout > 0):
        return t("serve.bad_idle_timeout", lang)
    if not args.kiosk and args.authorized_keys is None:
        return t("serve.authorized_keys_required", lang)
    if args.authorized_keys is not None and not args.authorized_keys.is_file():
        return t("serve.authorized_keys_unreadable", lang, path=str(args.authorized_keys))
    return None


def run(args: argparse.Namespace) -> int:
    """Serve until SIGTERM or Ctrl+C; return the exit code."""
    lang = as_lang(getattr(args, "lang", None))
    try:
        import asyncssh

        from fleet_tui.serve.ssh import HostKeyUnprotected, SshSettings, serve
    except ImportError:
        sys.stderr.write(t("serve.missing_extra", lang) + "\n")
        return EXIT_INVALID
    problem = _problem(args, lang)
    if problem is not None:
        sys.stderr.write(problem + "\n")
        return EXIT_INVALID
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr, force=True
    )
    logging.getLogger("asyncssh").setLevel(logging.WARNING)
    root = paths.state_dir() / "ssh"
    settings = SshSettings(
        host=args.host,
        port=args.port,
        host_key=args.host_key or root / "host_key",
        authorized_keys=args.authorized_keys,
        kiosk=args.kiosk,
        max_sessions=args.max_sessions,
        idle_timeout=args.idle_timeout,
        lang=lang,
        wizard_args=wizard_args(args),
        state_root=root / "operators",
    )
    try:
        asyncio.run(serve(settings))
    except HostKeyUnprotected as exc:
        mode = f"{exc.mode:04o}"
        sys.stderr.write(t("serve_ssh.host_key_unprotected", lang, path=str(exc.path), mode=mode))
        sys.stderr.write("\n")
        return EXIT_INVALID
    except (OSError, asyncssh.Error, ValueError) as exc:
        sys.stderr.write(t("serve.failed", lang, kind=type(exc).__name__) + "\n")
        return EXIT_BACKEND
    except KeyboardInterrupt:
        pass
    return EXIT_OK
