"""Helpers of the end-to-end flow tests: walk the wizard with the keyboard from sign-in
to the confirmation, then read back what the demo backend stored.

The stored order is read from the demo backend's own SQLite file (and from a second
:class:`DemoBackend` opened on the same folder, as another process would), not from the
app's objects, so a test sees what was really submitted.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from contextlib import closing
from datetime import date, datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import holidays
import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, RadioSet, Select, Static

from fleet_tui.clients.demo.backend import DemoBackend
from fleet_tui.clients.demo.store import FILE_NAME
from fleet_tui.core.account import OrderRecord
from fleet_tui.core.processing import BRUSSELS
from fleet_tui.tui.screens.confirmation import ConfirmationScreen
from tests.support.drive import type_text
from tests.tui.card_helpers import go_on, pick, tick, type_into
from tests.tui.conftest import choose

#: What the operator types on the port-in step, by answer.
PORT_IN_TYPED: dict[str, str] = {
    "phone_number": "0470 12 34 56",
    "sim_card_number": "1150 1000 8475 7",
    "current_customer_number": "PX-778899",
    "holder_name": "Jan Peeters",
    "company_name": "Peeters Bouw BV",
    "vat_number": "BE 0456.810.810",
    "contact_name": "An Claes",
}

#: The port-in answers each card type asks for (SPEC §2 step 4), written out here
#: rather than read from the core so that a wrong table in the core fails the tests.
PORT_IN_BY_CARD_TYPE: dict[str, tuple[str, ...]] = {
    "prepaid": ("phone_number", "sim_card_number", "holder_name"),
    "private_subscription": ("phone_number", "current_customer_number", "holder_name"),
    "professional_subscription": (
        "phone_number",
        "current_customer_number",
        "company_name",
        "vat_number",
        "contact_name",
    ),
}

#: A translation key left untranslated on screen ("tui.next", "error.required", …).
RAW_KEY = re.compile(r"\b(?:tui|tui_card|error)\.[a-z0-9_]+(?:\.[a-z0-9_]+)*")

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def demo_dir(tmp_path: Path) -> Path:
    """The demo backend's folder used by the ``demo_client`` fixture."""
    return tmp_path / "demo"


def signed_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small real PDF (by its magic bytes) standing for the signed contract scan, in
    ``tmp_path/scans``; ``tmp_path`` becomes the working directory so that the
    operator can type the short relative path (every key costs a Pilot idle wait)."""
    folder = tmp_path / "scans"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "contrat-signe.pdf"
    path.write_bytes(PDF)
    monkeypatch.chdir(tmp_path)
    return path


def typed_path(path: Path) -> str:
    """``path`` as the operator types it: relative to the working directory."""
    return os.path.relpath(path)


# -- walking the wizard ----------------------------------------------------------------


async def fill_port_in(pilot: Pilot[None], card_type: str) -> None:
    """Type every port-in answer that ``card_type`` asks for."""
    for name in PORT_IN_BY_CARD_TYPE[card_type]:
        await type_into(pilot, f"input-{name}", PORT_IN_TYPED[name])


async def choose_contract(pilot: Pilot[None], scan: Path) -> None:
    """Invoice Split step: F4 opens the file picker, type the path, Enter."""
    await pilot.press("f4")
    await pilot.pause()
    path_input = pilot.app.screen.query_one("#picker-path", Input)
    path_input.focus()
    await pilot.pause()
    # Select the suggested folder and type over it, as a user would with Ctrl+U.
    path_input.value = ""
    await type_text(pilot, typed_path(scan))
    await pilot.press("enter")
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == "InvoiceSplitScreen"


async def split_on(pilot: Pilot[None], scan: Path, profile: str = "titanium-executive-20") -> None:
    """Invoice Split step: switch it on, choose ``profile`` and the signed ``scan``."""
    await tick(pilot, "input-invoice_split")
    await pick(pilot, "input-invoice_split_profile", profile)
    await choose_contract(pilot, scan)


async def review_and_submit(pilot: Pilot[None]) -> ConfirmationScreen:
    """From the Invoice Split step: Continue to the review, submit, return the
    confirmation screen."""
    await go_on(pilot, "ReviewScreen")
    await pilot.press("f9")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ConfirmationScreen), type(screen).__name__
    return screen


async def number_step_transfer(pilot: Pilot[None], operator: str, card_type: str) -> None:
    """On the number step: a transfer from ``operator`` of a ``card_type`` number."""
    await choose(pilot, "input-number_request", "transfer")
    await choose(pilot, "input-current_operator", operator)
    await choose(pilot, "input-card_type", card_type)


# -- what the screens show -------------------------------------------------------------


def control_value(screen: Widget, name: str) -> object:
    """What the control of answer ``name`` shows now (an Input's text, a RadioSet's
    pressed button, a Select's value, a Checkbox's tick)."""
    control = screen.query_one(f"#input-{name}")
    if isinstance(control, Input):
        return control.value
    if isinstance(control, RadioSet):
        pressed = control.pressed_button
        return pressed.name if pressed is not None else None
    if isinstance(control, Select):
        return None if control.value is Select.NULL else control.value
    if isinstance(control, Checkbox):
        return control.value
    raise TypeError(f"no value for {type(control).__name__}")


def all_text(screen: Widget) -> str:
    """The text of every label-like widget of ``screen``, scrolled into view or not."""
    parts: list[str] = []
    for widget in screen.query("*"):
        if isinstance(widget, Static | Button | Checkbox):
            parts.append(str(widget.render()))
        elif isinstance(widget, Select):
            parts.extend(str(prompt) for prompt, _ in widget._options)
    return "\n".join(parts)


def field_error(screen: Widget, name: str) -> str:
    """The error line under answer ``name`` ("" when none is shown)."""
    field = screen.query_one(f"#field-{name}")
    if not field.has_class("-invalid"):
        return ""
    return str(field.query_one(".field--error", Static).render())


# -- what the backend stored -----------------------------------------------------------


def stored_document(data_dir: Path, reference: str) -> dict[str, Any]:
    """The order document stored under ``reference`` in the demo SQLite file."""
    uri = f"file:{data_dir / FILE_NAME}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as db:
        row = db.execute("SELECT document FROM orders WHERE reference = ?", (reference,)).fetchone()
    assert row is not None, f"{reference} not stored"
    document: dict[str, Any] = json.loads(row[0])
    return document


def stored_record(data_dir: Path, reference: str) -> OrderRecord:
    """The order ``reference`` as another process sees it through the demo backend."""
    backend = DemoBackend(data_dir)
    try:
        records = backend.recent_orders(100)
    finally:
        backend.close()
    found = [r for r in records if r.reference == reference]
    assert len(found) == 1, [r.reference for r in records]
    return found[0]


def confirmed_order(screen: ConfirmationScreen, data_dir: Path) -> dict[str, Any]:
    """The stored document of the confirmed order, checked to be the confirmation's own
    order and listed by the backend as received."""
    done = screen.confirmation
    document = stored_document(data_dir, done.reference)
    assert document == done.order.document()
    record = stored_record(data_dir, done.reference)
    assert record.status == "received"
    assert record.plan == document["subscription"]["plan"]
    assert record.request == document["number"]["request"]
    shown = screen.query_one("#confirmation-reference", Static).render()
    assert str(shown) == done.reference
    return document


def confirmation_emails(data_dir: Path, reference: str) -> list[EmailMessage]:
    """The confirmation emails the demo backend wrote for order ``reference``."""
    parser = BytesParser(policy=policy.default)
    messages = []
    for path in sorted((data_dir / "outbox").glob(f"{reference}-*.eml")):
        message = parser.parsebytes(path.read_bytes())
        assert isinstance(message, EmailMessage)
        messages.append(message)
    return messages


def recipient(message: EmailMessage) -> str:
    """The address ``message`` is sent to (one recipient per confirmation email)."""
    (address,) = message["To"].addresses
    spec: str = address.addr_spec
    return spec


def email_text(message: EmailMessage) -> str:
    """The plain-text body of ``message``."""
    body = message.get_body(preferencelist=("plain",))
    assert isinstance(body, EmailMessage)
    text: str = body.get_content()
    return text


# -- processing time -------------------------------------------------------------------


def next_business_day(day: date) -> date:
    """The next Monday–Friday after ``day`` that is no Belgian public holiday."""
    be = holidays.country_holidays("BE", years=range(day.year, day.year + 2))
    day += timedelta(days=1)
    while day.weekday() >= 5 or day in be:
        day += timedelta(days=1)
    return day


def assert_duration(submitted: datetime, expected: datetime, hours: int | None) -> None:
    """``expected`` is ``hours`` elapsed hours after ``submitted``, or (``None``) the
    same Brussels wall-clock time on the next business day."""
    if hours is not None:
        assert expected - submitted == timedelta(hours=hours)
        return
    start, end = submitted.astimezone(BRUSSELS), expected.astimezone(BRUSSELS)
    assert end.date() == next_business_day(start.date())
    assert (end.hour, end.minute, end.second) == (start.hour, start.minute, start.second)
