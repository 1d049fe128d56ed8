"""The fleet manager's email names the signed Invoice Split scan and attaches it when it
is under the attachment cap, and is written in the account's language."""

from __future__ import annotations

import email.policy
from datetime import UTC, datetime
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any, cast

from fleet_tui.clients.demo import DemoBackend
from fleet_tui.clients.demo.outbox import ATTACH_MAX_BYTES, Confirmed, Outbox
from fleet_tui.clients.demo.seed import load_seed
from fleet_tui.core.i18n import t
from fleet_tui.core.rules import OrderContext, validate_order
from tests.clients import orders

NOW = datetime(2024, 6, 3, 10, 0, tzinfo=UTC)
PDF_HEAD = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n"


def _scan(folder: Path, size: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "contrat-signé.pdf"
    path.write_bytes(PDF_HEAD + b"%" * (size - len(PDF_HEAD) - 6) + b"%%EOF\n")
    return path


def _split_order(scan: Path) -> dict[str, Any]:
    return orders.physical_new(
        customer_number="5.16143",
        invoice_split={"profile": "titanium-executive-20", "contract": str(scan)},
    )


def _fleet_manager_email(backend: DemoBackend, reference: str) -> EmailMessage:
    with (backend.outbox_dir / f"{reference}-1.eml").open("rb") as handle:
        message = BytesParser(policy=email.policy.default).parse(handle)
    assert isinstance(message, EmailMessage)
    return message


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return cast(str, part.get_content())


def test_a_small_scan_is_named_and_attached(tmp_path: Path) -> None:
    backend = DemoBackend(tmp_path / "demo")
    scan = _scan(tmp_path / "scans", 40_000)
    done = backend.submit(_split_order(scan), "key-small", now=NOW)
    message = _fleet_manager_email(backend, done.reference)
    assert t("help.email.contract_attached", "fr", name=scan.name) in _body(message)
    attached = list(message.iter_attachments())
    assert [(a.get_filename(), a.get_content_type()) for a in attached] == [
        (scan.name, "application/pdf")
    ]
    assert attached[0].get_content() == scan.read_bytes()


def test_a_scan_over_the_cap_is_named_but_not_attached(tmp_path: Path) -> None:
    backend = DemoBackend(tmp_path / "demo")
    scan = _scan(tmp_path / "scans", ATTACH_MAX_BYTES + 1)
    done = backend.submit(_split_order(scan), "key-large", now=NOW)
    message = _fleet_manager_email(backend, done.reference)
    body = _body(message)
    assert scan.name in body and "non joint" in body and "5 Mio" in body
    assert list(message.iter_attachments()) == []


def test_the_fleet_managers_email_is_in_the_accounts_language(tmp_path: Path) -> None:
    seed = load_seed()
    account = seed.account.model_copy(update={"language": "nl"})
    order = validate_order(orders.physical_new(), OrderContext(account, seed.catalogue))
    outbox = Outbox(tmp_path, account, seed.catalogue)
    confirmed = Confirmed("OBE-2406031200-ABCD", order, NOW, NOW, None)
    message = outbox.fleet_manager_email(confirmed)
    assert message["Content-Language"] == "nl"
    assert message["Subject"] == t(
        "email.fleet_manager_subject", "nl", reference="OBE-2406031200-ABCD"
    )
    assert t("email.greeting", "nl", name=account.holder) in _body(message)


def test_a_sandbox_upload_reference_is_attached_from_the_uploads_folder(tmp_path: Path) -> None:
    seed = load_seed()
    digest = "ab" * 32
    uploads = tmp_path / "uploads"
    scan = _scan(uploads, 2_000).rename(uploads / f"{digest}.pdf")
    document = orders.physical_new(
        customer_number="5.16143",
        invoice_split={"profile": "titanium-executive-20", "contract": f"upload:{digest}"},
    )
    order = validate_order(document, OrderContext(seed.account, seed.catalogue))
    outbox = Outbox(tmp_path / "outbox", seed.account, seed.catalogue, uploads=uploads)
    message = outbox.fleet_manager_email(Confirmed("OBE-2406031200-ABCD", order, NOW, NOW, None))
    assert t("help.email.contract_attached", "fr", name=scan.name) in _body(message)
    assert [a.get_content() for a in message.iter_attachments()] == [scan.read_bytes()]
