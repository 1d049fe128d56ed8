"""Answers files from the confirmation screen: written as an order document, shown as
a path, and replayed by ``fleet-tui submit`` into a second, identical order."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Static

from fleet_tui.core.rules import validate_order
from fleet_tui.session.answers_file import answers_path
from fleet_tui.tui.screens.confirmation import ConfirmationScreen
from tests.resilience.tui_support import SIZE, drafts_app, flat
from tests.tui.card_helpers import fill_card, go_on
from tests.tui.conftest import choose, to_number_step
from tests.tui.flow_helpers import review_and_submit, signed_pdf, split_on, stored_document


@pytest.mark.slow
async def test_saved_answers_replay_as_the_same_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    scan = signed_pdf(tmp_path, monkeypatch)
    app, _ = drafts_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await to_number_step(pilot)
        await choose(pilot, "input-number_request", "new")
        await go_on(pilot, "NewCardScreen")
        await fill_card(pilot, sim="esim", customer="5.16143")
        await go_on(pilot, "InvoiceSplitScreen")
        await split_on(pilot, scan)
        screen = await review_and_submit(pilot)
        assert isinstance(screen, ConfirmationScreen)
        reference = screen.confirmation.reference
        first = stored_document(tmp_path / "demo", reference)
        note = screen.query_one("#answers-saved", Static)
        assert not note.display
        await pilot.press("ctrl+s")
        await pilot.pause()
        path = answers_path(reference, tmp_path / "data" / "fleet-tui" / "answers")
        assert note.display
        assert flat(f"Answers saved to {path}.") in flat(str(note.render()))

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    document = json.loads(path.read_text(encoding="utf-8"))
    assert validate_order(document).document() == document
    assert document["invoice_split"]["contract"] == str(scan)  # the operator's file
    assert "patricia" not in path.read_text(encoding="utf-8")

    # Replayed into another store (in the same one the card is taken by the first order).
    other = tmp_path / "other"
    before = set(_references(other))
    replay = [sys.executable, "-m", "fleet_tui", "submit", str(path)]
    replay += ["--data-dir", str(other), "--json"]
    done = subprocess.run(replay, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    replayed = [r for r in _references(other) if r not in before]
    assert len(replayed) == 1
    second = stored_document(other, replayed[0])
    first["invoice_split"]["contract"] = second["invoice_split"]["contract"]  # new upload
    assert second == first


def _references(data_dir: Path) -> list[str]:
    from fleet_tui.clients.demo.backend import DemoBackend

    backend = DemoBackend(data_dir)
    try:
        return [record.reference for record in backend.recent_orders(100)]
    finally:
        backend.close()


def test_a_reference_never_escapes_the_answers_folder(tmp_path: Path) -> None:
    for reference in ("../../etc/passwd", "/abs", "OBE-1 [b]", "", "..", "x" * 300):
        path = answers_path(reference, tmp_path)
        assert path.parent == tmp_path, reference
        assert path.name.endswith(".json") and "/" not in path.name
        assert len(path.name) <= 69
