"""``fleet-tui`` without a sub-command: the full-screen wizard."""

from __future__ import annotations

import argparse

from fleet_tui.cli.main import EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Start the wizard on the configured client."""
    from fleet_tui.clients.base import ClientOptions
    from fleet_tui.clients.registry import load_client
    from fleet_tui.config import load_settings
    from fleet_tui.tui.app import FleetApp

    settings = load_settings(
        client=args.client, lang=args.lang, data_dir=args.data_dir, api_url=args.api_url
    )
    options = ClientOptions(
        data_dir=settings.data_dir,
        api_url=settings.api_url,
        token=settings.token,
        verify_tls=settings.verify_tls,
    )
    client = load_client(settings.client, options)
    FleetApp(client, lang=settings.lang, ascii_only=args.ascii).run()
    return EXIT_OK
