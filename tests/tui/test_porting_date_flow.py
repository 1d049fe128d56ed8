"""Step 4's porting date on screen: the choice, the weekday beside the typed day, the
refusal while typing, then a transfer on a chosen day through to the confirmation.

The step is mounted on a prepared draft (a complete professional transfer); only the
porting date is typed. Days are found relative to today with the ``holidays`` package,
not with the core's own table, so that a wrong calendar in the core fails here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from fleet_tui.core.i18n import t
from fleet_tui.core.processing import BRUSSELS
from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens.port_in import PortInScreen
from tests.support.orders import as_draft, professional_transfer
from tests.support.screens import open_step
from tests.tui.card_helpers import go_on, type_into
from tests.tui.conftest import SIZE, choose
from tests.tui.flow_helpers import (
    all_text,
    confirmation_emails,
    demo_dir,
    email_text,
    field_error,
    next_business_day,
    review_and_submit,
    stored_document,
)


def _today() -> date:
    return datetime.now(UTC).astimezone(BRUSSELS).date()


def _chosen_day() -> date:
    """A business day about a week ahead: inside the demo catalogue's 1–90 day window."""
    return next_business_day(_today() + timedelta(days=7))


def _saturday() -> date:
    day = _today() + timedelta(days=8)
    return day + timedelta(days=(5 - day.weekday()) % 7)


def _weekday(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#porting-weekday", Static).render())


async def _port_in(pilot: Pilot[None]) -> None:
    app = await open_step(pilot, "port_in")
    assert isinstance(app.screen, PortInScreen)


async def test_the_day_is_asked_only_when_chosen_and_refusals_show_while_typing(
    make_app: Callable[..., FleetApp],
) -> None:
    app = make_app(draft=as_draft(professional_transfer()))
    async with app.run_test(size=SIZE) as pilot:
        await _port_in(pilot)
        panel = app.screen.query_one("#porting-date-panel")
        assert not panel.display  # as soon as possible, the default
        await choose(pilot, "input-porting_choice", "date")
        assert panel.display
        saturday = _saturday()
        await type_into(pilot, "input-porting_date", f"{saturday:%d/%m/%Y}")
        assert _weekday(pilot) == t("moment.weekday.5", "fr")
        assert field_error(app.screen, "porting_date").endswith(
            t("porting.error.porting_date_weekend", "fr")
        )
        far = next_business_day(_today() + timedelta(days=200))
        await type_into(pilot, "input-porting_date", f"{far:%d.%m.%Y}")
        assert t("porting.error.porting_date_too_late", "fr").split(":")[0] in field_error(
            app.screen, "porting_date"
        )
        day = _chosen_day()
        await type_into(pilot, "input-porting_date", day.isoformat())
        assert field_error(app.screen, "porting_date") == ""
        assert _weekday(pilot) == t(f"moment.weekday.{day.weekday()}", "fr")
        # Back to "as soon as possible": the day is kept but no longer asked.
        await choose(pilot, "input-porting_choice", "asap")
        assert not panel.display
        assert app.draft.porting_date == day.isoformat()
        assert "porting_date" not in app.draft.to_document()["number"]


async def test_a_transfer_on_a_chosen_day_is_confirmed_with_that_day(
    make_app: Callable[..., FleetApp], tmp_path: Path
) -> None:
    app = make_app(lang="en", draft=as_draft(professional_transfer()))
    day = _chosen_day()
    async with app.run_test(size=SIZE) as pilot:
        await _port_in(pilot)
        await choose(pilot, "input-porting_choice", "date")
        await type_into(pilot, "input-porting_date", f"{day:%d/%m/%Y}")
        await go_on(pilot, "NewCardScreen")
        await go_on(pilot, "InvoiceSplitScreen")
        screen = await review_and_submit(pilot)
        done = screen.confirmation
        stored = stored_document(demo_dir(tmp_path), done.reference)
        assert stored["number"]["porting_date"] == day.isoformat()
        # A professional port takes 48 hours, counted from the chosen day.
        start = done.submitted_at.astimezone(BRUSSELS)
        expected = datetime.combine(day, start.time(), tzinfo=BRUSSELS) + timedelta(hours=48)
        assert done.expected_activation == expected.astimezone(UTC).astimezone(BRUSSELS)
        shown = f"{t(f'moment.weekday.{day.weekday()}', 'en')} {day:%d/%m/%Y}"
        assert f"{t('porting.summary', 'en')}: {shown}" in all_text(screen)
        (mail,) = confirmation_emails(demo_dir(tmp_path), done.reference)
        # The fleet manager's email is in the account's language (French).
        body = email_text(mail)
        assert f"{t(f'moment.weekday.{day.weekday()}', 'fr')} {day:%d/%m/%Y}" in body
        assert t("porting.summary", "fr") in body
