"""Step 4 — port-in details: the number to transfer and, by card type, what the
current operator checks it against (SPEC §2, step 4)."""

from __future__ import annotations

from typing import Final

from pydantic import BaseModel
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from fleet_tui.core.draft import port_in_fields
from fleet_tui.core.fields import CUSTOMER_NUMBER_MAX, NAME_MAX, PHONE_MAX
from fleet_tui.core.order import (
    PrepaidTransfer,
    PrivateSubscriptionTransfer,
    ProfessionalSubscriptionTransfer,
)
from fleet_tui.tui.screens.base import StepScreen
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


class PortInScreen(StepScreen):
    """The current operator (read-only, chosen at step 3), the phone number, then:

    - prepaid card: SIM card number, holder name (optional);
    - private subscription: current customer number, holder name (optional);
    - professional subscription: current customer number, company name (optional),
      VAT number, contact person.
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

    def _operator_name(self) -> str:
        code = self.draft.current_operator or ""
        context = self.fleet.context
        operator = context.catalogue.operator(code) if context else None
        return operator.name if operator else code
