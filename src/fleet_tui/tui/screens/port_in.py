"""Step 4 — port-in details: the number to transfer and, by card type, what the
current operator checks it against (SPEC §2, step 4)."""

from __future__ import annotations

from typing import Final

from pydantic import BaseModel
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Static

from fleet_tui.core.catalogue import PortingWindow
from fleet_tui.core.draft import port_in_fields
from fleet_tui.core.fields import (
    CUSTOMER_NUMBER_MAX,
    NAME_MAX,
    PHONE_MAX,
    RuleViolation,
    calendar_date,
)
from fleet_tui.core.order import (
    PrepaidTransfer,
    PrivateSubscriptionTransfer,
    ProfessionalSubscriptionTransfer,
)
from fleet_tui.core.porting import (
    brussels_today,
    earliest_date,
    latest_date,
    show_date,
    weekday_name,
)
from fleet_tui.tui.screens.base import StepScreen
from fleet_tui.tui.widgets.choices import radio_set
from fleet_tui.tui.widgets.field import Field
from fleet_tui.tui.widgets.inputs import text_input

# Which answers are required comes from the order model, not from this screen.
_MODELS: Final[dict[str, type[BaseModel]]] = {
    "prepaid": PrepaidTransfer,
    "private_subscription": PrivateSubscriptionTransfer,
    "professional_subscription": ProfessionalSubscriptionTransfer,
}

# Room for separators ("8932 1234 5678 9012 345", "BE 0456.810.810").
_MAX_LENGTH: Final[dict[str, int]] = {
    "phone_number": PHONE_MAX,
    "sim_card_number": 32,
    "current_customer_number": CUSTOMER_NUMBER_MAX,
    "vat_number": 32,
}


def is_required(card_type: str | None, name: str) -> bool:
    """Whether the order model requires port-in answer ``name`` for ``card_type``."""
    model = _MODELS.get(card_type or "")
    if model is None:
        return name == "phone_number"
    info = model.model_fields.get(name)
    return info is not None and info.is_required()


class DateField(Field):
    """A :class:`Field` whose control has the typed date's weekday beside it
    (``#porting-weekday``, plain text)."""

    def compose(self) -> ComposeResult:
        yield Static(Content(self._label), classes="field--label")
        with Horizontal(id="porting-date-row"):
            yield self.control
            yield Static("", id="porting-weekday", markup=False)
        if self._hint:
            yield Static(Content(self._hint), classes="field--hint")
        yield Static("", classes="field--error", markup=False)


class PortInScreen(StepScreen):
    """The current operator (read-only, chosen at step 3), the phone number, then:

    - prepaid card: SIM card number, holder name (optional);
    - private subscription: current customer number, holder name (optional);
    - professional subscription: current customer number, company name (optional),
      VAT number, contact person.

    Then the porting date: as soon as possible (default) or on a chosen day, typed
    ``15/01/2027``, ``15.01.2027`` or ``2027-01-15``; the weekday shows next to it
    and, once a whole date is typed, the core's refusal (weekend, holiday, too soon,
    too late, past) shows under it while typing.
    """

    STEP = "port_in"

    def screen_title(self) -> str:
        # The portal's breadcrumb: "Transférer un numéro > Abonnement professionnel".
        card_type = self.draft.card_type
        if card_type not in _MODELS:
            return super().screen_title()
        return self.tr("help.breadcrumb", card_type=self.tr(f"help.card_type.{card_type}"))

    def compose_body(self) -> ComposeResult:
        tr, draft = self.tr, self.draft
        yield Static(Content(tr("help.title.port_in")), id="port-in-heading", classes="note")
        yield Static(
            Content(tr("tui.port_in.current_operator", operator=self._operator_name())),
            id="current-operator",
            classes="note",
        )
        for name in port_in_fields(draft.card_type):
            hint_key = f"tui.port_in.hint.{name}"
            yield Field(
                name,
                tr(f"tui.port_in.{name}"),
                text_input(
                    name,
                    getattr(draft, name),
                    max_length=_MAX_LENGTH.get(name, NAME_MAX),
                ),
                required=is_required(draft.card_type, name),
                hint=tr(hint_key),
            )
        yield Field(
            "porting_choice",
            tr("porting.choice"),
            radio_set(
                "porting_choice",
                [("asap", tr("porting.asap")), ("date", tr("porting.on_date"))],
                draft.porting_choice,
            ),
            hint=tr("porting.choice_hint"),
        )
        today = brussels_today()
        window = self._window()
        with Vertical(id="porting-date-panel"):
            yield DateField(
                "porting_date",
                tr("porting.date"),
                text_input("porting_date", draft.porting_date, max_length=16),
                required=True,
                hint=tr(
                    "porting.date_hint",
                    earliest=show_date(earliest_date(today, window)),
                    latest=show_date(latest_date(today, window)),
                ),
            )

    DEFAULT_CSS = """
    PortInScreen #porting-date-row {
        height: 1;
    }
    PortInScreen #porting-date-row > CompactInput {
        width: 16;
    }
    PortInScreen #porting-weekday {
        width: auto;
        margin: 0 0 0 2;
    }
    """

    def _window(self) -> PortingWindow:
        context = self.fleet.context
        return context.catalogue.porting if context else PortingWindow()

    def refresh_panels(self) -> None:
        self.query_one("#porting-date-panel").display = self.draft.porting_choice == "date"
        self._show_weekday(self.draft.porting_date)

    def _show_weekday(self, text: str) -> bool:
        """Show the weekday of the typed date; whether the text is a whole date."""
        try:
            day = calendar_date(text)
        except RuleViolation:
            self.query_one("#porting-weekday", Static).update("")
            return False
        self.query_one("#porting-weekday", Static).update(weekday_name(day, self.fleet.lang))
        return True

    @on(Input.Changed, "#input-porting_date")
    def _porting_date_typed(self, event: Input.Changed) -> None:
        # A refusal is worth showing as soon as a whole date is typed, not on blur.
        if self._show_weekday(event.value):
            self.draft.porting_date = event.value
            self.check(["porting_date"])

    def _operator_name(self) -> str:
        code = self.draft.current_operator or ""
        context = self.fleet.context
        operator = context.catalogue.operator(code) if context else None
        return operator.name if operator else code
