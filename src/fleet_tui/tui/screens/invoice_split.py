"""Step 6 — Invoice Split: off by default; when on, the profile, the pre-filled contract
to print, and the signed scan chosen with a keyboard file picker (SPEC §2 step 6).

Whether the chosen file is acceptable (exists, readable, PDF/JPEG/PNG by content,
not too large) and whether the billing customer number matches the profile are the
core's rules, shown on the fields by the base screen.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Select, Static

from fleet_tui.core.rules import OrderContext
from fleet_tui.session.invoice_contract import contract_folder, write_contract
from fleet_tui.tui.screens.base import StepScreen
from fleet_tui.tui.screens.new_card import require_context
from fleet_tui.tui.widgets.choices import SearchSelect, checkbox
from fleet_tui.tui.widgets.field import Field
from fleet_tui.tui.widgets.file_picker import FilePicker
from fleet_tui.tui.widgets.inputs import text_input
from fleet_tui.tui.widgets.scan_choices import ScanChoices

_PATH_MAX = 4096


class InvoiceSplitScreen(StepScreen):
    """Step 6 of the wizard.

    | Key | Action |
    |-----|--------|
    | F4 | Choose the signed contract with the file picker |

    In a browser (``serve-web``) F4 lists the scans in the booth's folder instead
    (:class:`~fleet_tui.tui.widgets.scan_choices.ScanChoices`); without that folder
    the step says the contract is handed in at the desk, and offers no F4.
    """

    STEP = "invoice_split"

    DEFAULT_CSS = """
    #contract-actions > .split-step {
        width: auto;
        margin-right: 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f4", "browse", "Browse", id="browse-contract"),
    ]

    @property
    def context(self) -> OrderContext:
        """Account and catalogue."""
        return require_context(self.fleet.context)

    def compose_body(self) -> ComposeResult:
        tr, draft, account = self.tr, self.draft, self.context.account
        yield Field(
            "invoice_split",
            tr("tui_card.split.enable"),
            checkbox("invoice_split", tr("help.split.enable_box"), draft.invoice_split),
            explain=tr("help.field.invoice_split"),
        )
        yield Static(Content(tr("tui_card.split.off")), id="split-off", classes="field--hint")
        with Vertical(id="split-panel"):
            profiles = account.invoice_split_profiles
            yield Field(
                "invoice_split_profile",
                tr("tui_card.split.profile"),
                SearchSelect(
                    [(Content(p.name), p.code) for p in profiles],
                    prompt=tr("tui_card.split.profile_prompt"),
                    value=(
                        draft.invoice_split_profile
                        if account.profile(draft.invoice_split_profile or "")
                        else Select.NULL
                    ),
                    name="invoice_split_profile",
                    id="input-invoice_split_profile",
                    compact=True,
                ),
                required=True,
                hint=" ",
            )
            # The portal's three steps, each beside what it needs.
            with Horizontal(id="contract-actions"):
                yield Static(Content(tr("help.split.step1")), classes="split-step")
                yield Button(Content(tr("tui_card.split.print")), id="print-contract", compact=True)
            yield Static(Content(tr("tui_card.split.print_hint")), id="contract-written")
            yield Static(Content(tr("help.split.step2")), classes="split-step")
            yield Static(Content(tr("help.split.step3")), classes="split-step")
            path_input = text_input("contract_path", draft.contract_path, max_length=_PATH_MAX)
            # In a kiosk only the file picker, kept in its folder, chooses the file; in a
            # browser a typed path would name the server's disk, not the visitor's.
            path_input.disabled = self.upload_root is not None or self.app.is_web
            yield Field(
                "contract_path",
                tr("tui_card.split.contract"),
                path_input,
                required=True,
                hint=tr(self._contract_hint()),
            )
            browse = Button(
                Content(tr("tui_card.split.browse")), id="browse-contract", compact=True
            )
            browse.display = self.can_browse
            yield browse

    def refresh_panels(self) -> None:
        on = self.draft.invoice_split
        self.query_one("#split-panel").display = on
        self.query_one("#split-off").display = not on
        self.query_one("#print-contract", Button).disabled = not self.draft.invoice_split_profile
        self._show_expected_number()
        self.refresh_bindings()

    def _show_expected_number(self) -> None:
        # Which sub-division goes with the profile: said before the core has to refuse.
        code = self.draft.invoice_split_profile
        numbers = [
            c.number
            for c in self.context.account.customer_numbers
            if code and c.invoice_split_profile == code and not c.billing_only
        ]
        hint = self.query_one("#field-invoice_split_profile .field--hint", Static)
        text = self.tr("tui_card.split.profile_hint", number=", ".join(numbers)) if numbers else ""
        hint.update(Content(text))

    # -- the contract -----------------------------------------------------------------

    @on(Button.Pressed, "#print-contract")
    def _print_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.print_contract()

    @work(exclusive=True, group="contract")
    async def print_contract(self) -> Path | None:
        """Write the pre-filled contract and show where; ``None`` if it failed.

        In a thread: laying out the PDF takes about 0.2 s (over a second the first
        time, loading fpdf2 and the font), too long to hold the keyboard."""
        context = self.context
        written = self.query_one("#contract-written", Static)
        written.update(Content(self.tr("help.split.printing")))
        try:
            path = await asyncio.to_thread(
                write_contract,
                self.contracts_folder,
                self.draft.model_copy(deep=True),  # a snapshot: typing goes on meanwhile
                context.account,
                context.catalogue,
                self.fleet.lang,
            )
        except OSError as exc:
            written.update(Content(self.tr("tui_card.split.print_failed", reason=str(exc))))
            return None
        written.update(Content(self.tr("tui_card.split.printed", path=str(path))))
        return path

    @on(Button.Pressed, "#browse-contract")
    def _browse_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_browse()

    @property
    def can_browse(self) -> bool:
        """Whether a file can be chosen here: not in a browser without the booth's
        folder (``serve-web --uploads-dir``), where the contract is handed in at a desk."""
        return not self.app.is_web or self.fleet.web_uploads is not None

    def _contract_hint(self) -> str:
        if not self.app.is_web:
            return "tui_card.split.contract_hint"
        return "web_tui.split.choose" if self.can_browse else "web_tui.split.at_desk"

    def action_browse(self) -> None:
        """Open the file picker at the current path's folder (or the contracts folder);
        in a browser, the list of the scans in the booth's folder."""
        if not self.draft.invoice_split or not self.can_browse:
            return
        if self.app.is_web and self.fleet.web_uploads is not None:
            self.app.push_screen(ScanChoices(self.fleet.web_uploads, self.tr), self._file_chosen)
            return
        current = Path(self.draft.contract_path).expanduser() if self.draft.contract_path else None
        start = current.parent if current else contract_folder(self.fleet.client)
        root = self.upload_root
        self.app.push_screen(FilePicker(start, self.tr, root), self._file_chosen)

    @property
    def contracts_folder(self) -> Path:
        """Where the contract to print goes: inside the kiosk's own folder in a kiosk
        (wiped with it), else beside the backend's data."""
        resilience = self.fleet.resilience
        prescribed = resilience.contracts_folder() if resilience is not None else None
        return prescribed or contract_folder(self.fleet.client)

    @property
    def upload_root(self) -> Path | None:
        """Kiosk mode: the only folder a contract may come from."""
        resilience = self.fleet.resilience
        return resilience.upload_root if resilience is not None else None

    def _file_chosen(self, path: Path | None) -> None:
        if path is None:
            return
        path_input = self.query_one("#input-contract_path", Input)
        path_input.value = str(path)
        self.set_answer("contract_path", str(path))
        self.check(["contract_path"])
        path_input.focus()

    def set_answer(self, name: str, value: Any) -> None:
        # A Select announces its initial value once mounted: that is no change, and
        # re-checking it would wipe an error the backend returned for this answer.
        if getattr(self.draft, name, object()) == value:
            return
        super().set_answer(name, value)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "browse":
            return self.draft.invoice_split and self.can_browse
        return super().check_action(action, parameters)
