"""``fleet-tui`` without a sub-command: the full-screen wizard.

Start-up is tuned (``benchmarks/bench_tui.py``): before the first frame only the raw
settings are read and the client is found by name; pydantic, the order model and the
client's modules load in a thread right after it (:mod:`fleet_tui.tui.preload`).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fleet_tui.cli.exit_codes import EXIT_OK

if TYPE_CHECKING:
    from fleet_tui.core.i18n import Lang
    from fleet_tui.session.replay import ReplayOptions
    from fleet_tui.tui.preload import Loaded

_LANGS = ("fr", "nl", "en")


def _raw_settings(args: argparse.Namespace) -> dict[str, Any]:
    from fleet_tui.session.config import raw_settings

    return raw_settings(
        client=getattr(args, "client", None),
        lang=getattr(args, "lang", None),
        data_dir=getattr(args, "data_dir", None),
        api_url=getattr(args, "api_url", None),
        esim_code_timeout=getattr(args, "code_timeout", None),
        qr_drawing=getattr(args, "qr_drawing", None),
    )


def _replay_options(args: argparse.Namespace) -> ReplayOptions:
    """The options a replay of saved answers needs, as given on the command line."""
    from fleet_tui.session.replay import ReplayOptions

    data_dir = getattr(args, "data_dir", None)
    return ReplayOptions(
        client=getattr(args, "client", None),
        data_dir=Path(data_dir).absolute() if data_dir else None,
        api_url=getattr(args, "api_url", None),
        lang=getattr(args, "lang", None),
        client_options=tuple(getattr(args, "client_option", None) or ()),
    )


def _follow_the_terminal_size() -> None:
    """Forget an exported ``COLUMNS``/``LINES`` when the wizard draws on a terminal.

    Textual reads the size with ``shutil.get_terminal_size``, which prefers those two
    variables to the terminal's own size: with them exported (a shell profile, a CI
    runner), the wizard kept that size through every resize of the window and drew the
    QR view and its notices for a window it was not in. Under textual-serve's web driver
    they are the browser's size, and are kept."""
    if "TEXTUAL_DRIVER" not in os.environ and sys.stdout.isatty():
        os.environ.pop("COLUMNS", None)
        os.environ.pop("LINES", None)


def run(args: argparse.Namespace) -> int:
    """Start the wizard on the configured client with ``--lang``, ``--theme`` and
    ``--ascii``; return the exit code (a client that cannot be built is reported in the
    interface language, with the batch commands' exit codes)."""
    from fleet_tui.cli.common import extra_options, report_client_problem
    from fleet_tui.clients.registry import find_client
    from fleet_tui.session.code_display import CodeDisplay

    raw = _raw_settings(args)
    try:
        code_display = CodeDisplay.from_raw(raw)
    except ValueError:
        code_display = None
    if not (
        raw.get("lang", "fr") in _LANGS
        and isinstance(raw.get("client", "demo"), str)
        and isinstance(raw.get("theme", "default"), str)
        and code_display is not None
    ):
        # Not plainly valid: validate everything now, as the batch commands do.
        from fleet_tui.cli.common import settings_from_args

        settings = settings_from_args(args)
        if code_display is None:
            code_display = CodeDisplay(settings.esim_code_timeout, settings.qr_drawing)
    lang: Lang = raw.get("lang", "fr")
    try:
        extra_options(args)  # a malformed one is reported before the app starts
        spec = find_client(raw.get("client", "demo"))
    except Exception as exc:  # report_client_problem re-raises what it does not know
        return report_client_problem(exc, lang)

    def load() -> Loaded:
        # In the preload thread, after the first frame.
        from fleet_tui.cli.common import client_options, settings_from_args
        from fleet_tui.tui.preload import Loaded

        settings = settings_from_args(args)
        client = spec.build(client_options(settings, args))
        if kiosk:
            return Loaded(client, settings.token)
        from fleet_tui.cli.resilience import resilience_for

        return Loaded(client, settings.token, resilience_for(args, settings))

    # Textual is imported only now: the error paths above stay fast.
    from fleet_tui.tui.app import FleetApp
    from fleet_tui.tui.preload import Preload

    # The kiosk's rules hold from the first frame; drafts can wait for the preload.
    kiosk = bool(getattr(args, "kiosk", False))
    resilience = None
    if kiosk:
        from fleet_tui.cli.common import settings_from_args
        from fleet_tui.cli.resilience import resilience_for

        resilience = resilience_for(args, settings_from_args(args))
    preload = Preload(
        name=spec.name,
        needs_password=spec.needs_password,
        has_token=raw.get("token") is not None,
        load=load,
    )
    app = FleetApp(
        preload,
        lang=lang,
        ascii_only=bool(getattr(args, "ascii", False)),
        theme=getattr(args, "theme", None) or raw.get("theme", "default"),
        resilience=resilience,
        code_display=code_display,
    )
    app.replay = _replay_options(args)
    _follow_the_terminal_size()
    # serve-web --uploads-dir: the booth's folder of scans, for the browser's choices.
    from fleet_tui.session.web_uploads import WEB_UPLOADS_ENV

    uploads = os.environ.get(WEB_UPLOADS_ENV)
    app.web_uploads = Path(uploads) if uploads else None
    app.run()
    if preload.error is not None:
        return report_client_problem(preload.error, lang)
    # 128 + the signal after a hang-up or SIGTERM (the draft was saved first), as shells do.
    return app.return_code or EXIT_OK
