"""Step 2 — the account at a glance, and the action that starts a new order."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Button, DataTable, Static

from fleet_tui.clients.base import ClientError
from fleet_tui.core import order_view
from fleet_tui.core.account import Account, OrderRecord
from fleet_tui.core.catalogue import Catalogue
from fleet_tui.core.draft import OrderDraft
from fleet_tui.core.i18n import Translator
from fleet_tui.core.rules import display_number
from fleet_tui.tui.screens.base import StepScreen

_RECENT_LIMIT = 10


class DashboardScreen(StepScreen):
    """Account holder and company, customer numbers, fleet lines and recent orders.

    Every value from the backend goes into the tables as plain :class:`~rich.text.Text`
    (never markup). Recent orders are fetched in a worker after the screen shows.

    | Key | Action |
    |-----|--------|
    | Ctrl+N, or Enter on the button | Add a card to my fleet |
    | Enter on a recent request | Open it: status, history, cancel |
    """

    STEP = "dashboard"
    NAVIGATION = False

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "add_card", "Add a card", id="add-card", priority=True),
    ]

    def compose_body(self) -> ComposeResult:
        tr = self.tr
        context = self.fleet.context
        if context is None:  # not signed in: nothing to show (defensive, tests build it)
            return
        account = context.account
        yield Static(
            Content(tr("tui.dashboard.holder", holder=account.holder, company=account.company)),
            id="holder",
        )
        label = "tui.dashboard.resume" if self.order_in_progress else "tui.dashboard.add_card"
        yield Button(Content(tr(label)), id="add-card", variant="primary", compact=True)
        yield Static(Content(tr("tui.dashboard.customer_numbers")), classes="section-title")
        yield _table("customer-numbers", *customer_rows(account, tr))
        yield Static(Content(tr("tui.dashboard.fleet")), classes="section-title")
        yield _table("fleet", *fleet_rows(account, context.catalogue, tr))
        yield Static(Content(tr("tui.dashboard.recent")), classes="section-title")
        yield Static(Content(tr("tui.dashboard.loading")), id="recent-status", classes="note")
        yield _table("recent", _recent_header(tr), [])

    def on_mount(self) -> None:
        super().on_mount()
        if self.fleet.context is not None:
            self.load_recent_orders()

    def focus_first(self) -> None:
        found = self.query("#add-card").results(Button)
        button = next(iter(found), None)
        if button is not None:
            button.focus()

    @on(Button.Pressed, "#add-card")
    def _add_card(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_add_card()

    @on(DataTable.RowSelected, "#recent")
    def _open_order(self, event: DataTable.RowSelected) -> None:
        event.stop()
        reference = event.row_key.value
        if reference:
            from fleet_tui.tui.screens.order_detail import OrderDetailScreen

            self.fleet.show_screen(OrderDetailScreen(str(reference)))

    @property
    def order_in_progress(self) -> bool:
        """Whether the draft holds answers (the operator came back here with Esc)."""
        return self.draft != OrderDraft()

    def action_add_card(self) -> None:
        """Start a new order at the number step, or resume the one in progress: going
        back to the dashboard never loses an answer."""
        if self.order_in_progress:
            self.fleet.go_to("number")
        else:
            self.fleet.new_order()

    @work(exclusive=True, group="recent-orders")
    async def load_recent_orders(self) -> None:
        """Fetch the latest requests and fill their table."""
        status = self.query_one("#recent-status", Static)
        try:
            records = await self.fleet.client.recent_orders(_RECENT_LIMIT)
        except ClientError:
            status.update(Content(self.tr("tui.dashboard.recent_failed")))
            return
        table = self.query_one("#recent", DataTable)
        context = self.fleet.context
        catalogue = context.catalogue if context is not None else None
        for record, row in zip(records, recent_rows(records, self.tr, catalogue), strict=True):
            table.add_row(*row, key=record.reference)
        status.display = not records
        status.update(Content(self.tr("tui.dashboard.no_recent")))


# DataTable measures Rich renderables; a Rich ``Text`` built from a string is plain
# text (no markup is parsed), so backend values show exactly as written.
Row = list[Text]


def _table(id: str, header: Row, rows: list[Row]) -> DataTable[Text]:
    table: DataTable[Text] = DataTable(
        id=id, cursor_type="row", zebra_stripes=False, show_cursor=True
    )
    table.add_columns(*header)
    for row in rows:
        table.add_row(*row)
    return table


def customer_rows(account: Account, tr: Translator) -> tuple[Row, list[Row]]:
    """Header and rows of the customer numbers (billing-only and Invoice Split marked)."""
    header = [Text(tr(f"tui.dashboard.col.{c}")) for c in ("customer", "label", "note")]
    rows: list[Row] = []
    for customer in account.customer_numbers:
        notes: list[str] = []
        if customer.billing_only:
            notes.append(tr("tui.dashboard.billing_only"))
        if customer.invoice_split_profile:
            profile = account.profile(customer.invoice_split_profile)
            name = profile.name if profile else customer.invoice_split_profile
            notes.append(tr("tui.dashboard.split_division", profile=name))
        rows.append([Text(customer.number), Text(customer.label), Text("; ".join(notes))])
    return header, rows


def fleet_rows(account: Account, catalogue: Catalogue, tr: Translator) -> tuple[Row, list[Row]]:
    """Header and rows of the fleet lines (national number format, plan by name)."""
    header = [Text(tr(f"tui.dashboard.col.{c}")) for c in ("number", "user", "plan")]
    rows: list[Row] = []
    for line in account.fleet:
        plan = catalogue.plan(line.plan) if line.plan else None
        rows.append(
            [
                Text(display_number(line.number)),
                Text(line.user),
                Text(plan.name if plan else line.plan),
            ]
        )
    return header, rows


def _recent_header(tr: Translator) -> Row:
    return [Text(text) for text in order_view.header(tr.lang)]


def recent_rows(
    records: list[OrderRecord], tr: Translator, catalogue: Catalogue | None = None
) -> list[Row]:
    """Rows of the recent orders: reference, date, type, number, plan, status."""
    return [
        [Text(cell) for cell in order_view.order_cells(record, catalogue, tr.lang)]
        for record in records
    ]
