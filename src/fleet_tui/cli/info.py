"""Placeholder until the command lands (see the open issues)."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    """Not built yet."""
    raise SystemExit("fleet-tui: this command is not built yet")
