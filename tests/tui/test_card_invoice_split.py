"""Step 6 — Invoice Split: off by default; profile, printed contract, signed scan chosen
with the keyboard file picker; the core's checks shown on the fields."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from textual.widgets import DirectoryTree, Input, Static

from fleet_tui.core.draft import OrderDraft
from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens.confirmation import ConfirmationScreen
from fleet_tui.tui.widgets.file_picker import FilePicker
from tests.support.drive import type_text
from tests.support.screens import fleet, open_step
from tests.tui.card_helpers import (
    at_new_card,
    card_draft,
    go_on,
    pick,
    print_contract,
    submit,
    tick,
)
from tests.tui.conftest import SIZE, screen_text

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def signed_scan(folder: Path, name: str = "contrat-signe.pdf", data: bytes = PDF) -> Path:
    """A small real PDF (by its magic bytes) standing for the scanned contract."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


async def test_invoice_split_is_off_by_default_and_its_panel_hidden(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, "invoice_split", card_draft())
        assert fleet(pilot).draft.invoice_split is False
        assert not app.screen.query_one("#split-panel").display
        await tick(pilot, "input-invoice_split")
        assert app.screen.query_one("#split-panel").display


async def test_invoice_split_with_printed_contract_and_signed_pdf(
    app: FleetApp, tmp_path: Path
) -> None:
    scan = signed_scan(tmp_path / "scans")
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, "invoice_split", card_draft(customer="5.16143"))
        await tick(pilot, "input-invoice_split")
        await pick(pilot, "input-invoice_split_profile", "titanium-executive-20")

        # "Print the contract": a pre-filled file, its path shown as text.
        shown = await print_contract(pilot)
        written = Path(shown.split(": ", 1)[1].strip())
        assert written.is_file() and written.parent == tmp_path / "demo" / "contracts"
        assert written.suffix == ".pdf"
        text = "\n".join(page.extract_text() for page in PdfReader(written).pages)
        for expected in ("Brasserie Demo SA", "Patricia", "Titanium Executive 20€", "5.16143"):
            assert expected in text

        # The signed scan through the keyboard file picker: F4, type the path, Enter.
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, FilePicker)
        path_input = app.screen.query_one("#picker-path", Input)
        path_input.focus()
        path_input.value = ""
        await type_text(pilot, str(scan))
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "InvoiceSplitScreen"
        assert fleet(pilot).draft.contract_path == str(scan)
        assert not app.screen.query_one("#field-contract_path").has_class("-invalid")

        await go_on(pilot, "ReviewScreen")
        await submit(pilot)
        screen = app.screen
        assert isinstance(screen, ConfirmationScreen)
        split = screen.confirmation.order.invoice_split
        assert split is not None
        assert split.profile == "titanium-executive-20"
        assert split.contract == str(scan)
        # A Shape plan with Invoice Split takes a business day, not an hour.
        assert screen.confirmation.processing_rule == "new_or_orange_prepaid_other"
        # The signed scan is named on the confirmation and in the fleet manager's email.
        assert str(screen.query_one("#confirmation-contract", Static).content) == scan.name
        mail = tmp_path / "demo" / "outbox" / f"{screen.confirmation.reference}-1.eml"
        assert scan.name in mail.read_text(encoding="utf-8")


async def test_file_picker_tree_chooses_with_arrows_and_enter(
    app: FleetApp, tmp_path: Path
) -> None:
    folder = tmp_path / "scans"
    scan = signed_scan(folder)
    (folder / "notes.txt").write_text("not a scan")
    async with app.run_test(size=SIZE) as pilot:
        await open_step(
            pilot, "invoice_split", OrderDraft(number_request="new", invoice_split=True)
        )
        picker = FilePicker(folder, fleet(pilot).tr)
        chosen: list[Path | None] = []
        app.push_screen(picker, chosen.append)
        await pilot.pause()
        tree = picker.query_one(DirectoryTree)
        for _ in range(20):  # the tree loads in a worker
            if tree.root.children:
                break
            await pilot.pause(0.05)
        labels = [str(node.label) for node in tree.root.children]
        assert labels == ["contrat-signe.pdf"]  # the .txt file is not offered
        tree.focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert chosen == [scan]


async def test_file_picker_escape_cancels(app: FleetApp, tmp_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_new_card(pilot)
        chosen: list[Path | None] = []
        app.push_screen(FilePicker(tmp_path, fleet(pilot).tr), chosen.append)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert chosen == [None]


async def test_a_file_that_is_not_a_scan_is_refused_by_content(
    app: FleetApp, tmp_path: Path
) -> None:
    fake = signed_scan(tmp_path, "looks-like.pdf", b"just text, named .pdf")
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, "invoice_split", card_draft(customer="5.16143"))
        await tick(pilot, "input-invoice_split")
        await pick(pilot, "input-invoice_split_profile", "titanium-executive-20")
        screen = app.screen
        assert hasattr(screen, "_file_chosen")
        screen._file_chosen(fake)
        await pilot.pause()
        assert screen.query_one("#field-contract_path").has_class("-invalid")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert type(app.screen).__name__ == "InvoiceSplitScreen"
        assert "PDF" in screen_text(app)


async def test_profile_must_match_the_customer_subdivision(app: FleetApp, tmp_path: Path) -> None:
    scan = signed_scan(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, "invoice_split", card_draft(customer="5.16142"))
        await tick(pilot, "input-invoice_split")
        await pick(pilot, "input-invoice_split_profile", "titanium-executive-20")
        hint = app.screen.query_one("#field-invoice_split_profile .field--hint", Static)
        assert "5.16143" in str(hint.render())
        app.screen.query_one("#input-contract_path", Input).value = str(scan)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert type(app.screen).__name__ == "InvoiceSplitScreen"
        assert app.screen.query_one("#field-invoice_split_profile").has_class("-invalid")
