"""Know before you send: the review shows the expected activation and the rule that set
it, the same as the confirmation then says; F1 shows the seed's table, its row marked."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import Static

from fleet_tui.clients.demo import DemoClient
from fleet_tui.clients.demo.backend import DemoBackend
from fleet_tui.core.moments import format_moment
from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens import review
from fleet_tui.tui.screens.confirmation import ConfirmationScreen
from fleet_tui.tui.screens.help import HelpScreen
from tests.support.screens import open_step
from tests.tui.card_helpers import card_draft, submit
from tests.tui.conftest import SIZE

#: A Friday afternoon: a business-day rule lands on Monday, an hour rule the same day.
FRIDAY = datetime(2026, 3, 6, 14, 3, tzinfo=UTC)


@pytest.fixture
def fixed_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FleetApp:
    """The app on a demo backend whose clock, like the review's, says FRIDAY."""
    monkeypatch.setattr(review, "current_time", lambda: FRIDAY)
    client = DemoClient(DemoBackend(tmp_path / "demo", clock=lambda: FRIDAY))
    return FleetApp(client)


def _text(app: FleetApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


@pytest.mark.parametrize(
    ("plan", "expected_local"),
    [("shape-traveller", "16:03"), ("business-flex", "lundi 9 mars 2026 à 15:03")],
)
async def test_review_shows_the_activation_the_confirmation_then_gives(
    fixed_app: FleetApp, plan: str, expected_local: str
) -> None:
    app = fixed_app
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, "review", card_draft(plan=plan))
        await pilot.pause()
        before = _text(app, "#review-activation")
        assert expected_local in before
        await submit(pilot)
        screen = app.screen
        assert isinstance(screen, ConfirmationScreen)
        shown = _text(app, "#confirmation-activation")
        assert shown == format_moment(screen.confirmation.expected_activation, "fr", zone_note=True)
        assert shown in before
        assert _text(app, "#confirmation-rule") in before


async def test_f1_on_the_review_marks_the_row_that_applies(fixed_app: FleetApp) -> None:
    app = fixed_app
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, "review", card_draft(plan="shape-traveller"))
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        lines = _text(app, "#help-topic").replace("\u00a0", " ").splitlines()
        marked = [line for line in lines if "▶" in line]
        assert marked == [
            "▶ Activation d'un nouveau numéro ou d'un numéro Orange prépayé",
            "   ▶ Plan tarifaire Shape sans Invoice Split : 1 heure",
        ]
        applies = lines.index(marked[1]) + 1
        assert lines[applies].strip() == "(s'applique à cette commande)"
        assert any("Portage d'un numéro professionnel" in line for line in lines)
