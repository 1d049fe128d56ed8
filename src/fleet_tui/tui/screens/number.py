"""Step 3 — a new number, or a number transferred from Orange or another operator."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from fleet_tui.tui.screens.base import StepScreen
from fleet_tui.tui.widgets.choices import radio_set
from fleet_tui.tui.widgets.field import Field

_CARD_TYPES = ("prepaid", "private_subscription", "professional_subscription")


class NumberScreen(StepScreen):
    """Choose the number request; for a transfer, the current operator (from the
    client's catalogue) and the card type. Choosing "new" hides the transfer panel and
    marks the port-in step as skipped in the indicator; the transfer answers stay in
    the draft (going back never loses them) but are not submitted.

    | Key | Action |
    |-----|--------|
    | Up / Down | Move within a choice list |
    | Enter / Space | Choose |
    """

    STEP = "number"

    def screen_title(self) -> str:
        # The portal's page title, then this section's name.
        sep = " | " if self.fleet.ascii_only else " · "
        return f"{self.tr('help.title.add_number')}{sep}{super().screen_title()}"

    def compose_body(self) -> ComposeResult:
        tr, draft = self.tr, self.draft
        yield Field(
            "number_request",
            tr("tui.number.request"),
            radio_set(
                "number_request",
                [("new", tr("tui.number.new")), ("transfer", tr("tui.number.transfer"))],
                draft.number_request,
            ),
            required=True,
        )
        operators = self.fleet.context.catalogue.operators if self.fleet.context else ()
        with Vertical(id="transfer-panel"):
            yield Field(
                "current_operator",
                tr("tui.number.current_operator"),
                radio_set(
                    "current_operator",
                    [(o.code, o.label(self.fleet.lang)) for o in operators],
                    draft.current_operator,
                ),
                required=True,
                hint=tr("tui.number.operator_hint"),
            )
            yield Field(
                "card_type",
                tr("tui.number.card_type"),
                radio_set(
                    "card_type",
                    [(c, tr(f"tui.card_type.{c}")) for c in _CARD_TYPES],
                    draft.card_type,
                ),
                required=True,
                hint=tr("tui.number.card_type_hint"),
            )

    def refresh_panels(self) -> None:
        self.query_one("#transfer-panel").display = self.draft.number_request == "transfer"
