"""Step 5 — your new card: billing customer number, SIM or eSIM and their details, the
desired number, subscription type and plan, options, Travel Data Control, Surf Extra.

Every panel is driven by the draft (SPEC §2 step 5): the physical-SIM or eSIM details
by the SIM format, plans by the subscription type, option choices by the plan, the Surf
Extra Card by whether the plan allows it. Hidden answers stay in the draft (going back
loses nothing); :meth:`OrderDraft.to_document` keeps them out of the order. The rules
are the core's, through the base screen's live validation.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Checkbox, RadioSet, Select, Static

from fleet_tui.core.account import CustomerNumber
from fleet_tui.core.catalogue import Option, Plan
from fleet_tui.core.rules import OrderContext, display_number
from fleet_tui.tui.screens.base import StepScreen
from fleet_tui.tui.widgets.choices import (
    ChoiceList,
    GlyphRadioButton,
    SearchSelect,
    checkbox,
    radio_set,
)
from fleet_tui.tui.widgets.field import Field
from fleet_tui.tui.widgets.inputs import text_input

#: Room for spaces typed between the 13 digits ("1150 1000 8475 7").
_SIM_INPUT_MAX = 24
_EMAIL_MAX = 254
#: The control name of each option checkbox; the draft answer is ``option_codes``.
_OPTION = "option"


def require_context(context: OrderContext | None) -> OrderContext:
    """The signed-in account and catalogue (every step after sign-in has them)."""
    if context is None:
        raise RuntimeError("this step needs a signed-in account")
    return context


class NewCardScreen(StepScreen):
    """Step 5 of the wizard; see the module docstring for its panels."""

    STEP = "new_card"

    def __init__(self) -> None:
        super().__init__()
        self._plans_for: str | None = None
        self._options_for: str | None = None

    @property
    def context(self) -> OrderContext:
        """Account and catalogue."""
        return require_context(self.fleet.context)

    # -- layout -----------------------------------------------------------------------

    def screen_title(self) -> str:
        # The portal's page title, then this section's name.
        sep = " | " if self.fleet.ascii_only else " · "
        return f"{self.tr('help.title.add_number')}{sep}{super().screen_title()}"

    def compose_body(self) -> ComposeResult:
        tr, draft = self.tr, self.draft
        account, catalogue = self.context.account, self.context.catalogue
        if draft.travel_data_control is None:
            draft.travel_data_control = catalogue.default_travel_data_control
        yield Field(
            "customer_number",
            tr("tui_card.customer_number"),
            self._customer_numbers(account.customer_numbers),
            required=True,
            hint=tr("tui_card.customer_number_hint"),
            explain=tr("help.field.customer_number"),
        )
        yield Field(
            "sim_format",
            tr("tui_card.sim_format"),
            radio_set(
                "sim_format",
                [(f, tr(f"tui_card.sim.{f}")) for f in ("physical", "esim")],
                draft.sim_format,
            ),
            required=True,
            classes="inline-choice",
            explain=tr("help.field.sim_format"),
        )
        with Vertical(id="physical-panel", classes="panel"):
            yield Field(
                "sim_number",
                tr("tui_card.sim_number"),
                text_input("sim_number", draft.sim_number, max_length=_SIM_INPUT_MAX),
                required=True,
                hint=tr("tui_card.sim_number_hint"),
            )
        with Vertical(id="esim-panel", classes="panel"):
            yield from self._esim_fields()
        if draft.number_request == "new" and account.reserved_numbers:
            yield Field(
                "desired_number",
                tr("tui_card.desired_number"),
                SearchSelect(
                    [(Content(display_number(n)), n) for n in account.reserved_numbers],
                    prompt=tr("tui_card.no_preference"),
                    value=(
                        draft.desired_number
                        if draft.desired_number in account.reserved_numbers
                        else Select.NULL
                    ),
                    name="desired_number",
                    id="input-desired_number",
                    compact=True,
                ),
                hint=tr("tui_card.desired_number_hint"),
                explain=tr("help.field.desired_number"),
            )
        yield from self._subscription_fields()
        yield from self._option_fields()
        yield Field(
            "travel_data_control",
            tr("tui_card.travel_data_control"),
            SearchSelect(
                [
                    (Content(tr("tui_card.amount", amount=a)), a)
                    for a in catalogue.travel_data_control_amounts
                ],
                allow_blank=False,
                value=(
                    draft.travel_data_control
                    if draft.travel_data_control in catalogue.travel_data_control_amounts
                    else catalogue.default_travel_data_control
                ),
                name="travel_data_control",
                id="input-travel_data_control",
                compact=True,
            ),
            required=True,
            hint=tr("tui_card.travel_data_control_hint"),
            explain=tr("help.field.travel_data_control"),
        )
        yield Field(
            "surf_extra_card",
            tr("tui_card.surf_extra_card"),
            checkbox("surf_extra_card", tr("tui_card.surf_extra_card_box"), draft.surf_extra_card),
            explain=tr("help.field.surf_extra_card"),
        )

    def _customer_numbers(self, numbers: tuple[CustomerNumber, ...]) -> RadioSet:
        # Billing-only numbers are listed, disabled and marked in words (not colour
        # alone); the RadioSet's arrow keys skip disabled buttons.
        tr, account = self.tr, self.context.account
        buttons = []
        for customer in numbers:
            text = f"{customer.number} — {customer.label}" if customer.label else customer.number
            if customer.billing_only:
                text += f" ({tr('tui_card.billing_only')})"
            elif customer.invoice_split_profile:
                profile = account.profile(customer.invoice_split_profile)
                name = profile.name if profile else customer.invoice_split_profile
                if name not in text:  # the label usually names the profile already
                    text += f" ({tr('tui_card.split_division', profile=name)})"
            buttons.append(
                GlyphRadioButton(
                    Content(text),
                    value=customer.number == self.draft.customer_number,
                    name=customer.number,
                    disabled=customer.billing_only,
                )
            )
        return ChoiceList(
            *buttons, name="customer_number", id="input-customer_number", compact=True
        )

    def _esim_fields(self) -> ComposeResult:
        tr, draft = self.tr, self.draft
        yield Field(
            "esim_compatible",
            tr("tui_card.esim_compatible"),
            checkbox("esim_compatible", tr("tui_card.esim_compatible_box"), draft.esim_compatible),
            required=True,
            explain=tr("help.field.esim_compatible"),
        )
        yield Field(
            "esim_number",
            tr("tui_card.esim_number"),
            text_input("esim_number", draft.esim_number, max_length=_SIM_INPUT_MAX),
            required=True,
        )
        yield Field(
            "user_email",
            tr("tui_card.user_email"),
            text_input("user_email", draft.user_email, max_length=_EMAIL_MAX),
            required=True,
            hint=tr("tui_card.user_email_hint"),
        )
        yield Field(
            "user_language",
            tr("tui_card.user_language"),
            radio_set(
                "user_language", [(x, x.upper()) for x in ("en", "fr", "nl")], draft.user_language
            ),
            required=True,
            classes="inline-choice",
        )
        # The portal's question and its order: Non, then Oui.
        yield Field(
            "send_qr_to_fleet_manager",
            tr("help.qr_question"),
            radio_set(
                "send_qr_to_fleet_manager",
                [("no", tr("tui_card.no")), ("yes", tr("tui_card.yes"))],
                "yes" if draft.send_qr_to_fleet_manager else "no",
            ),
            classes="inline-choice",
            explain=tr("help.field.send_qr_to_fleet_manager"),
        )

    def _subscription_fields(self) -> ComposeResult:
        tr, draft = self.tr, self.draft
        yield Field(
            "subscription_type",
            tr("tui_card.subscription_type"),
            radio_set(
                "subscription_type",
                [(k, tr(f"tui_card.type.{k}")) for k in ("mobile", "data")],
                draft.subscription_type,
            ),
            required=True,
            explain=tr("help.field.subscription_type"),
        )
        plans = self._plans()
        yield Field(
            "plan",
            tr("tui_card.plan"),
            SearchSelect(
                [(Content(p.name), p.code) for p in plans],
                prompt=self._plan_prompt(),
                value=draft.plan if draft.plan in {p.code for p in plans} else Select.NULL,
                name="plan",
                id="input-plan",
                compact=True,
                # Nothing to choose yet: Tab passes it; its prompt says why.
                disabled=not plans,
            ),
            required=True,
        )
        self._plans_for = draft.subscription_type

    def _option_fields(self) -> ComposeResult:
        tr, draft, account = self.tr, self.draft, self.context.account
        # The portal offers the faster way first: copy, then select.
        yield Field(
            "options_mode",
            tr("tui_card.options_mode"),
            radio_set(
                "options_mode",
                [(m, tr(f"tui_card.options.{m}")) for m in ("copy", "select")],
                draft.options_mode,
            ),
            explain=tr("help.field.options_mode"),
        )
        with Vertical(id="copy-panel", classes="panel"):
            yield Field(
                "copy_from_number",
                tr("tui_card.copy_from_number"),
                SearchSelect(
                    [(Content(_line_label(f.number, f.user)), f.number) for f in account.fleet],
                    prompt=tr("tui_card.copy_prompt"),
                    value=(
                        draft.copy_from_number
                        if account.line(draft.copy_from_number or "")
                        else Select.NULL
                    ),
                    name="copy_from_number",
                    id="input-copy_from_number",
                    compact=True,
                ),
                required=True,
            )
        with Vertical(id="select-panel", classes="panel"):
            yield Field(
                "option_codes",
                tr("tui_card.option_codes"),
                Vertical(*self._option_boxes(), id="input-option_codes", classes="option-boxes"),
            )

    # -- the conditional parts --------------------------------------------------------

    def _plan(self) -> Plan | None:
        return self.context.catalogue.plan(self.draft.plan or "")

    def _plans(self) -> list[Plan]:
        kind = self.draft.subscription_type
        return self.context.catalogue.plans_of_type(kind) if kind else []

    def _plan_prompt(self) -> str:
        key = "tui_card.plan_prompt" if self.draft.subscription_type else "tui_card.plan_type_first"
        return self.tr(key)

    def _allowed_options(self) -> list[Option]:
        plan = self._plan()
        return self.context.catalogue.options_for(plan) if plan else []

    def _option_boxes(self) -> list[Static | Checkbox]:
        self._options_for = self.draft.plan
        if self._plan() is None:
            return [Static(Content(self.tr("tui_card.options_plan_first")), classes="field--hint")]
        allowed = self._allowed_options()
        if not allowed:
            return [Static(Content(self.tr("tui_card.options_none")), classes="field--hint")]
        chosen = set(self.draft.option_codes)
        return [checkbox(_OPTION, o.name, o.code in chosen, id=f"option-{o.code}") for o in allowed]

    def refresh_panels(self) -> None:
        draft = self.draft
        self.query_one("#physical-panel").display = draft.sim_format == "physical"
        self.query_one("#esim-panel").display = draft.sim_format == "esim"
        self.query_one("#copy-panel").display = draft.options_mode == "copy"
        self.query_one("#select-panel").display = draft.options_mode == "select"
        if draft.subscription_type != self._plans_for:
            self._refill_plans()
        if draft.plan != self._options_for:
            self._options_for = draft.plan
            self.call_later(self._refill_options)
        plan = self._plan()
        self.query_one("#field-surf_extra_card").display = bool(plan and plan.surf_extra_card)

    async def _refill_options(self) -> None:
        # Removal is asynchronous: the new boxes reuse the old ids, so wait for it.
        boxes = self.query_one("#input-option_codes")
        await boxes.remove_children()
        await boxes.mount_all(self._option_boxes())

    def _refill_plans(self) -> None:
        self._plans_for = self.draft.subscription_type
        select: Select[str] = self.query_one("#input-plan", Select)
        plans = self._plans()
        keep = self.draft.plan if self.draft.plan in {p.code for p in plans} else None
        select.prompt = self._plan_prompt()
        # set_options empties the choice; a plan of the other type is no longer valid.
        select.set_options([(Content(p.name), p.code) for p in plans])
        select.disabled = not plans
        if keep is not None:
            select.value = keep
        self.set_answer("plan", keep)

    # -- answers the base screen cannot map by itself ---------------------------------

    def set_answer(self, name: str, value: Any) -> None:
        # The QR choice is a yes/no pair of radio buttons over a boolean answer.
        if name == "send_qr_to_fleet_manager" and isinstance(value, str):
            value = value == "yes"
        # A Select announces its initial value once mounted: that is no change, and
        # re-checking it would wipe an error the backend returned for this answer.
        if getattr(self.draft, name, object()) == value:
            return
        super().set_answer(name, value)

    @on(Checkbox.Changed, ".option-boxes Checkbox")
    def _option_toggled(self, event: Checkbox.Changed) -> None:
        event.stop()
        code = (event.checkbox.id or "").removeprefix("option-")
        # Codes the current plan does not offer stay in the draft (the plan may be
        # switched back) but are never submitted: to_document filters them.
        codes = [c for c in self.draft.option_codes if c != code]
        if event.value:
            codes.append(code)
        self.set_answer("option_codes", codes)


def _line_label(number: str, user: str) -> str:
    national = display_number(number)
    return f"{national} — {user}" if user else national
