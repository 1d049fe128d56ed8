"""In a kiosk the Invoice Split contract to print is written inside the kiosk's own
folder (wiped with it), and its path is shown."""

from __future__ import annotations

from pathlib import Path

from fleet_tui.session.kiosk import KioskSession
from tests.resilience.tui_support import SIZE, flat, kiosk_app
from tests.tui.card_helpers import fill_card, go_on, pick, print_contract, tick
from tests.tui.conftest import choose, to_number_step


async def test_the_printed_contract_stays_in_the_kiosk_folder(tmp_path: Path) -> None:
    with KioskSession(tmp_path) as session:
        app = kiosk_app(session)
        async with app.run_test(size=SIZE) as pilot:
            await to_number_step(pilot)
            await choose(pilot, "input-number_request", "new")
            await go_on(pilot, "NewCardScreen")
            await fill_card(pilot, customer="5.16143")
            await go_on(pilot, "InvoiceSplitScreen")
            await tick(pilot, "input-invoice_split")
            await pick(pilot, "input-invoice_split_profile", "titanium-executive-20")
            shown = flat(await print_contract(pilot))
            written = Path(shown.split(": ", 1)[1].strip())
            assert written.suffix == ".pdf" and written.is_file()
            assert written.resolve().is_relative_to(session.root.resolve())
