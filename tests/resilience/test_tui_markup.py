"""Markup-like and escape payloads typed and pasted into the wizard's name fields show
exactly as written — on the review, in the confirmation email — and the escape
character never gets through; a notice naming a markup-like path shows it literally."""

from __future__ import annotations

from email import policy
from email.parser import BytesParser
from pathlib import Path

from textual import events
from textual.widgets import Input

from fleet_tui.session.drafts import DraftStore
from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.resilience import Resilience
from fleet_tui.tui.screens.confirmation import ConfirmationScreen
from tests.resilience.tui_support import (
    SIZE,
    demo_client,
    drafts_app,
    flat,
    toasts,
    until_toast,
)
from tests.tui.card_helpers import fill_card, go_on, type_into
from tests.tui.conftest import to_number_step
from tests.tui.flow_helpers import all_text, number_step_transfer

COMPANY = "Acme [GmbH] [/]"
CONTACT_TYPED = "[b]An[/b] [link=x]Claes"
PASTED = "\x1b[31m!\x1b]8;;http://x\x07"
#: What the contact field holds once the paste lost its control characters.
CONTACT = CONTACT_TYPED + "[31m!]8;;http://x"


def _email_text(path: Path) -> str:
    with path.open("rb") as handle:
        message = BytesParser(policy=policy.default).parse(handle)
    parts = [
        part.get_content() for part in message.walk() if part.get_content_type() == "text/plain"
    ]
    return "\n".join(str(part) for part in parts)


async def test_names_that_look_like_markup_are_echoed_literally(tmp_path: Path) -> None:
    app, _ = drafts_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await to_number_step(pilot)
        await number_step_transfer(pilot, "proximus", "professional_subscription")
        await go_on(pilot, "PortInScreen")
        await type_into(pilot, "input-phone_number", "0470 12 34 56")
        await type_into(pilot, "input-current_customer_number", "PX-778899")
        await type_into(pilot, "input-vat_number", "BE 0456.810.810")
        await type_into(pilot, "input-company_name", COMPANY)
        await type_into(pilot, "input-contact_name", CONTACT_TYPED)
        contact = app.screen.query_one("#input-contact_name", Input)
        contact.post_message(events.Paste(PASTED))
        await pilot.pause()
        assert contact.value == CONTACT
        assert app.draft.contact_name == CONTACT and app.draft.company_name == COMPANY
        await go_on(pilot, "NewCardScreen")
        await fill_card(pilot)
        await go_on(pilot, "InvoiceSplitScreen")
        await go_on(pilot, "ReviewScreen")
        review = all_text(app.screen)
        assert COMPANY in review and CONTACT in review
        await pilot.press("f9")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConfirmationScreen)
        reference = screen.confirmation.reference

    emails = sorted((tmp_path / "demo" / "outbox").glob(f"{reference}-*.eml"))
    assert emails
    body = _email_text(emails[0])
    assert COMPANY in body and CONTACT in body
    assert all("\x1b" not in path.read_text(encoding="utf-8", errors="replace") for path in emails)


async def test_a_notice_naming_a_markup_like_path_shows_it_as_written(tmp_path: Path) -> None:
    folder = tmp_path / "[b]drafts" / "[link=x]Acme [GmbH]"
    store = DraftStore(folder)
    folder.mkdir(parents=True)
    store.path.write_text("{not json", encoding="utf-8")
    app = FleetApp(demo_client(tmp_path / "demo"), lang="en", resilience=Resilience(store=store))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await until_toast(pilot)
        shown = [flat(text) for text in toasts(pilot)]
    expected = flat(f"A damaged draft was set aside: {folder / 'draft.json.corrupt'}")
    assert any(expected in text for text in shown), shown
