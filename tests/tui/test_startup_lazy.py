"""The sign-in screen is drawn before the heavy modules are imported, and loads them
right after; a sign-in pressed while they load waits for them.

Each check runs in a fresh interpreter (``sys.modules`` of the test process already
holds everything)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

#: Not imported before the sign-in screen is on screen.
LATE_MODULES = (
    "fleet_tui.core.order",
    "fleet_tui.core.draft",
    "fleet_tui.clients.base",
    "pydantic",
    "pydantic_settings",
    "phonenumbers",
    "stdnum",
    "httpx",
    "qrcode",
    "holidays",
    "email_validator",
    "sqlite3",
)

_SCRIPT = """
import asyncio, sys, threading
from fleet_tui.cli.main import main as cli_main
from fleet_tui.tui import preload as preload_module

started = threading.Event()
real_start = preload_module.Preload.start
preload_module.Preload.start = lambda self, on_error=None: started.set()

from fleet_tui.tui.app import FleetApp

async def main(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.STEP == "sign_in", app.screen
        assert started.is_set(), "the preload was not asked to start"
        print("LOADED", sorted(m for m in LATE if m in sys.modules))
        # A sign-in pressed before the client is there waits for it.
        app.screen.query_one("#input-username").value = "patricia"
        app.screen.query_one("#input-password").value = "demo"
        app.screen.submit_password()
        await pilot.pause(0.2)
        print("BEFORE", app.screen.STEP, app.screen.busy)
        real_start(app.preload)
        await app.workers.wait_for_complete()
        await pilot.pause()
        print("AFTER", app.screen.STEP)

LATE = {late!r}
FleetApp.run = lambda self: asyncio.run(main(self))
sys.exit(cli_main(["--data-dir", {data_dir!r}, "--lang", "en"]))
"""


def _run(tmp_path: Path) -> list[str]:
    script = _SCRIPT.format(late=LATE_MODULES, data_dir=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        capture_output=True,
        text=True,
        timeout=120,
        env={
            "FLEET_TUI_CONFIG": str(tmp_path / "none.toml"),
            "PATH": "/usr/bin:/bin",
            # Drafts and anything else per-user land in the test's folder.
            "HOME": str(tmp_path),
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_STATE_HOME": str(tmp_path / "state"),
            "XDG_CACHE_HOME": str(tmp_path / "cache"),
        },
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


@pytest.mark.slow
def test_sign_in_drawn_before_heavy_modules_and_waits_for_them(tmp_path: Path) -> None:
    lines = _run(tmp_path)
    assert "LOADED []" in lines
    assert "BEFORE sign_in True" in lines
    assert "AFTER dashboard" in lines
