"""The Invoice Split contract to print is a real A4 PDF, pre-filled, in the end user's
language when the order gives one (else the interface's), with € and accents intact."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pypdf import PdfReader

from fleet_tui.clients.demo.seed import load_seed
from fleet_tui.core.draft import OrderDraft
from fleet_tui.session.contract_pdf import drawable
from fleet_tui.session.invoice_contract import write_contract

NOW = datetime(2026, 3, 6, 14, 3, tzinfo=UTC)
#: An A4 page in PDF points (210 x 297 mm).
A4 = (595.28, 841.89)


def _split_draft(**answers: object) -> OrderDraft:
    base: dict[str, object] = {
        "number_request": "new",
        "customer_number": "5.16143",
        "sim_format": "physical",
        "sim_number": "1150100084757",
        "subscription_type": "mobile",
        "plan": "shape-traveller",
        "invoice_split": True,
        "invoice_split_profile": "titanium-executive-20",
    }
    return OrderDraft.model_validate(base | answers)


def _read(path: Path) -> tuple[PdfReader, str]:
    reader = PdfReader(path)
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_the_contract_is_an_a4_pdf_pre_filled_with_the_order(tmp_path: Path) -> None:
    seed = load_seed()
    path = write_contract(tmp_path, _split_draft(), seed.account, seed.catalogue, "fr", NOW)
    assert path.suffix == ".pdf" and path.read_bytes().startswith(b"%PDF-")
    reader, text = _read(path)
    assert 1 <= len(reader.pages) <= 2
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == (
        round(A4[0], 1),
        round(A4[1], 1),
    )
    for expected in (
        "Brasserie Demo SA",
        "Patricia",
        "5.16143",
        "Titanium Executive 20€",
        "Nouveau numéro",
        "Shape Traveller",
        "Convention Invoice Split",
        "L'employé (nom et signature)",
        "Date\u00a0: ____ / ____ / ________",
    ):
        assert expected in text, expected


def test_the_contract_names_the_employee_and_the_number_when_known(tmp_path: Path) -> None:
    seed = load_seed()
    draft = _split_draft(
        number_request="transfer",
        current_operator="proximus",
        card_type="private_subscription",
        phone_number="0470 12 34 56",
        current_customer_number="123456",
        holder_name="Anaïs Lefèvre",
    )
    path = write_contract(tmp_path, draft, seed.account, seed.catalogue, "fr", NOW)
    _, text = _read(path)
    assert "Anaïs Lefèvre" in text and "0470 12 34 56" in text


def test_the_contract_is_in_the_end_users_language(tmp_path: Path) -> None:
    seed = load_seed()
    draft = _split_draft(
        sim_format="esim",
        esim_number="1150100048141",
        user_email="jan.peeters@example.be",
        user_language="nl",
    )
    path = write_contract(tmp_path, draft, seed.account, seed.catalogue, "fr", NOW)
    _, text = _read(path)
    assert "Nieuw nummer" in text and "jan.peeters@example.be" in text
    assert "Nouveau numéro" not in text


def test_characters_the_font_lacks_become_question_marks() -> None:
    assert drawable("Zoë 20€ — 東京") == "Zoë 20€ — ??"
