"""Confirmation emails, read back as a mail program would read them."""

from __future__ import annotations

import email.policy
import io
from datetime import UTC, datetime
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import cast

import pytest
from PIL import Image

from fleet_tui.clients.base import Confirmation
from fleet_tui.clients.demo import DemoBackend
from fleet_tui.core.i18n import t
from tests.clients import orders
from tests.support.qr import decode_image

NOW = datetime(2024, 6, 3, 10, 0, tzinfo=UTC)  # Monday 12:00 in Brussels


@pytest.fixture
def backend(tmp_path: Path) -> DemoBackend:
    return DemoBackend(tmp_path)


def _read(path: Path) -> EmailMessage:
    with path.open("rb") as handle:
        message = BytesParser(policy=email.policy.default).parse(handle)
    assert isinstance(message, EmailMessage)
    return message


def _emails(backend: DemoBackend, confirmation: Confirmation) -> list[EmailMessage]:
    paths = sorted(backend.outbox_dir.glob(f"{confirmation.reference}-*.eml"))
    return [_read(p) for p in paths]


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return cast(str, part.get_content())


def _qr_codes(message: EmailMessage) -> list[str]:
    texts = []
    for part in message.iter_attachments():
        assert part.get_content_type() == "image/png"
        image = Image.open(io.BytesIO(part.get_content()))
        texts += decode_image(image)
    return texts


def test_the_fleet_manager_gets_the_reference_summary_and_activation_time(
    backend: DemoBackend,
) -> None:
    confirmation = backend.submit(orders.physical_new(), "k1", now=NOW)
    [message] = _emails(backend, confirmation)

    assert message["From"].addresses[0].addr_spec == "no-reply@fleet-tui-demo.invalid"
    assert message["To"].addresses[0].addr_spec == "patricia.fleet@brasserie-demo.example"
    assert confirmation.reference in message["Subject"]
    assert parsedate_to_datetime(message["Date"]) == NOW
    assert message["Message-ID"].endswith("@fleet-tui-demo.invalid>")
    assert message["Content-Language"] == "fr"
    assert not message.is_multipart()
    body = _body(message)
    assert "Bonjour Patricia," in body
    assert f"Référence\u00a0: {confirmation.reference}" in body
    assert "Plan tarifaire\u00a0: Shape Traveller" in body
    assert "World Traveller" in body
    # 1 hour after Monday 12:00 Brussels time.
    assert "lundi 3 juin 2024 à 13:00" in body


def test_the_esim_end_user_gets_the_qr_code_in_their_language(backend: DemoBackend) -> None:
    confirmation = backend.submit(orders.esim_new(language="nl"), "k1", now=NOW)
    fleet_manager, end_user = _emails(backend, confirmation)

    assert end_user["To"].addresses[0].addr_spec == "jan.peeters@example.be"
    assert end_user["Content-Language"] == "nl"
    assert end_user["Subject"] == t("email.end_user_subject", "nl")
    body = _body(end_user)
    assert t("email.end_user_intro", "nl", company="Brasserie Demo SA") in body
    assert "maandag 3 juni 2024 om 13:00" in body
    assert confirmation.activation_code is not None
    assert confirmation.activation_code in body
    assert _qr_codes(end_user) == [confirmation.activation_code]
    # Not asked for: the fleet manager's email carries no QR code.
    assert not fleet_manager.is_multipart()
    assert confirmation.activation_code not in _body(fleet_manager)


def test_the_fleet_manager_gets_the_qr_code_when_asked(backend: DemoBackend) -> None:
    confirmation = backend.submit(orders.esim_new(language="en", send_qr=True), "k1", now=NOW)
    fleet_manager, end_user = _emails(backend, confirmation)

    assert fleet_manager["Content-Language"] == "fr"
    assert _qr_codes(fleet_manager) == [confirmation.activation_code]
    assert end_user["Content-Language"] == "en"
    assert "Monday 3 June 2024 at 13:00" in _body(end_user)


def test_typed_text_is_emailed_exactly_as_typed(backend: DemoBackend) -> None:
    confirmation = backend.submit(orders.professional_transfer("Acme [GmbH] <b>&"), "k1")
    [message] = _emails(backend, confirmation)
    assert "Nom de l'entreprise\u00a0: Acme [GmbH] <b>&" in _body(message)


def test_no_half_written_files_are_left(backend: DemoBackend) -> None:
    backend.submit(orders.esim_new(), "k1")
    assert [p.name for p in backend.outbox_dir.iterdir() if not p.name.endswith(".eml")] == []


def test_an_internationalised_address_gets_its_email(backend: DemoBackend) -> None:
    document = orders.esim_new(language="fr")
    document["sim"]["user_email"] = "josé@exämple.be"
    confirmation = backend.submit(document, "k1")
    _, end_user = _emails(backend, confirmation)
    # An SMTPUTF8 message (RFC 6532): raw UTF-8 headers, which Python's parser hands
    # back as surrogate escapes of the bytes.
    raw = end_user["To"].addresses[0].addr_spec
    assert raw.encode("ascii", "surrogateescape").decode() == "josé@exämple.be"
    assert _qr_codes(end_user) == [confirmation.activation_code]


def test_an_outbox_that_cannot_be_written_does_not_undo_the_order(
    backend: DemoBackend, caplog: pytest.LogCaptureFixture
) -> None:
    backend.outbox_dir.parent.mkdir(parents=True, exist_ok=True)
    backend.outbox_dir.write_text("not a folder")

    confirmation = backend.submit(orders.physical_new(), "k1")

    assert backend.recent_orders(1)[0].reference == confirmation.reference
    assert confirmation.reference in caplog.text
