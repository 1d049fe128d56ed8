"""Ctrl+S on the confirmation saves the answers under the data folder in use
(``--data-dir``), not the user's, and suggests a replay command carrying the options
the wizard was started with: run as shown, it submits into the same store."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Static

from fleet_tui.clients.base import ClientOptions
from fleet_tui.clients.demo import DemoClient
from fleet_tui.session.answers_file import answers_path
from fleet_tui.session.replay import ReplayOptions
from fleet_tui.tui.app import FleetApp
from tests.resilience.tui_support import SIZE, flat
from tests.tui.flow_helpers import stored_document
from tests.tui.test_another_like_this import confirmed


@pytest.mark.slow
async def test_answers_go_under_the_data_dir_and_replay_into_the_same_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    demo = tmp_path / "demo"
    app = FleetApp(DemoClient.from_options(ClientOptions(data_dir=demo)), lang="en")
    app.replay = ReplayOptions(client="demo", data_dir=demo, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await confirmed(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        note = flat(str(screen.query_one("#answers-saved", Static).render()))
    path = answers_path(screen.confirmation.reference, demo / "answers")
    assert path.is_file()
    assert not (tmp_path / "xdg").exists()  # nothing outside --data-dir
    command = f"fleet-tui submit --client demo --data-dir {demo} --lang en {path}"
    assert flat(f"To replay them: {command}") in note

    argv = shlex.split(command)
    done = subprocess.run(
        [sys.executable, "-m", "fleet_tui", *argv[1:], "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    # The replay reaches the same store: there, the order's card is already taken by
    # the order just sent (one card, one order), which a replay into any other store
    # would not know. Nothing new is stored.
    result = json.loads(done.stdout)
    assert done.returncode == 2, done.stdout
    [order] = result["orders"]
    assert [e["code"] for e in order["errors"]] == ["sim_card_taken"], order
    assert stored_document(demo, screen.confirmation.reference)
