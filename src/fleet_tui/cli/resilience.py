"""The wizard's safety nets from the command line: ``--kiosk``, ``--no-drafts``, drafts.

:func:`kiosk_for` opens the kiosk's throw-away folder *before* anything is read or
written (settings, the demo store, drafts all land inside it) and points the demo
client at it; :func:`resilience_for` builds what :class:`fleet_tui.tui.app.FleetApp`
needs to save drafts, offer to resume them and run the kiosk. No Textual here until
:func:`resilience_for` is called (the wizard imports Textual at that point anyway).
"""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

from fleet_tui.session.kiosk import IDLE_TIMEOUT_S, KioskSession

if TYPE_CHECKING:
    # Imported when used: cli.main imports kiosk_for before the wizard's first frame,
    # which is drawn before pydantic and the order model load (benchmarks/bench_tui.py).
    from fleet_tui.session.config import Settings
    from fleet_tui.session.drafts import DraftStore
    from fleet_tui.tui.resilience import Resilience

#: Seconds of inactivity before the kiosk wipes the order (tests set a short one).
IDLE_ENV = "FLEET_TUI_KIOSK_IDLE"


@contextlib.contextmanager
def kiosk_for(args: argparse.Namespace) -> Iterator[KioskSession | None]:
    """With ``--kiosk``: a confined :class:`KioskSession` for the whole run, the demo
    client on its store; removed when the block ends. Without it: ``None``."""
    if not getattr(args, "kiosk", False):
        yield None
        return
    session = KioskSession()
    try:
        session.confine()
        # A kiosk never talks to a real backend, whatever the config file says.
        args.client = "demo"
        args.data_dir = session.data_dir
        args.api_url = None
        args.client_option = []
        args.kiosk_session = session
        yield session
    finally:
        session.close()


def idle_timeout(args: argparse.Namespace) -> float:
    """``--kiosk-idle`` or ``FLEET_TUI_KIOSK_IDLE`` seconds, else the default (120 s);
    a value that is not a positive number falls back to the default."""
    raw = getattr(args, "kiosk_idle", None) or os.environ.get(IDLE_ENV)
    try:
        seconds = float(raw) if raw is not None else IDLE_TIMEOUT_S
    except ValueError:
        return IDLE_TIMEOUT_S
    return seconds if seconds > 0 else IDLE_TIMEOUT_S


def draft_store(
    args: argparse.Namespace, settings: Settings, kiosk: KioskSession | None
) -> DraftStore | None:
    """The draft of this client and data folder, or ``None`` with ``--no-drafts``."""
    if getattr(args, "no_drafts", False):
        return None
    from fleet_tui.session.drafts import DraftStore

    return DraftStore.for_client(
        settings.client,
        settings.data_dir,
        settings.api_url,
        folder=kiosk.drafts_dir if kiosk is not None else None,
    )


def resilience_for(args: argparse.Namespace, settings: Settings) -> Resilience:
    """Drafts (unless ``--no-drafts``) and, with ``--kiosk``, the kiosk's rules."""
    from fleet_tui.tui.resilience import Resilience

    kiosk: KioskSession | None = getattr(args, "kiosk_session", None)
    return Resilience(
        store=draft_store(args, settings, kiosk),
        kiosk=kiosk,
        idle_timeout=idle_timeout(args),
        drafts_off=bool(getattr(args, "no_drafts", False)),
    )
