"""One submitted order (SPEC §8): its summary, status timeline and expected activation,
and the actions that apply now — cancel, after a confirmation, while the backend's
rules allow it (:func:`fleet_tui.core.order_status.cancel_refusal`).

The order is fetched in a worker that reports with a :class:`OrderDetailScreen.Loaded`
message; a cancellation likewise. Backend text goes in as :class:`Content`, never markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Static

from fleet_tui.clients.base import BackendUnavailable, ClientError, NotCancellable, UnknownOrder
from fleet_tui.core import order_view
from fleet_tui.core.account import OrderRecord
from fleet_tui.core.errors import FieldError
from fleet_tui.core.moments import format_moment
from fleet_tui.core.porting import show_date, weekday_name
from fleet_tui.core.summary import summary_rows
from fleet_tui.tui.screens.confirm_cancel import ConfirmCancelScreen
from fleet_tui.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from fleet_tui.tui.host import Wizard


class OrderDetailScreen(Screen[None]):
    """A submitted order, looked up by reference.

    | Key | Action |
    |-----|--------|
    | F8 | Cancel the request (asks first; only while it can be cancelled) |
    | Esc | Back to the dashboard |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dashboard", "Dashboard", id="dashboard"),
        Binding("f8", "cancel_order", "Cancel request", id="cancel-order"),
        Binding("f2", "switch_language", "Language", id="language"),
    ]

    DEFAULT_CSS = """
    OrderDetailScreen #order-timeline, OrderDetailScreen #order-summary {
        margin: 0 0 1 2;
    }
    OrderDetailScreen #order-note {
        margin: 0 0 1 0;
        text-style: bold;
    }
    """

    class Loaded(Message):
        """The order as the backend gave it (after a look-up or a cancellation)."""

        def __init__(self, record: OrderRecord | None, note: str | None = None) -> None:
            super().__init__()
            self.record, self.note = record, note

    def __init__(self, reference: str) -> None:
        super().__init__()
        self.reference = reference
        self.record: OrderRecord | None = None

    @property
    def fleet(self) -> Wizard:
        """The app, typed."""
        return cast("Wizard", self.app)

    def compose(self) -> ComposeResult:
        tr = self.fleet.tr
        with VerticalScroll(id="body"):
            title = tr("orders.detail.title", reference=self.reference)
            yield Static(Content(title), classes="screen-title")
            yield Static(Content(tr("orders.detail.loading")), id="order-facts")
            yield Static(Content(tr("orders.detail.timeline")), classes="section-title")
            yield Static("", id="order-timeline", markup=False)
            yield Static("", id="order-note", markup=False)
            yield Static(Content(tr("orders.detail.summary")), classes="section-title")
            yield Static("", id="order-summary", markup=False)
        with Horizontal(id="actions"):
            yield Button(Content(tr("orders.detail.back")), id="dashboard", compact=True)
            yield Static(id="actions-gap")
            cancel = Button(
                Content(tr("orders.detail.cancel")),
                id="cancel-order",
                variant="error",
                compact=True,
            )
            cancel.display = False
            yield cancel
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#dashboard", Button).focus()
        self.load()

    @work(exclusive=True, group="order-detail")
    async def load(self) -> None:
        """Fetch the order; report with :class:`Loaded`."""
        try:
            record = await self.fleet.client.order(self.reference)
        except ClientError:
            self.post_message(self.Loaded(None, self.fleet.tr("orders.detail.failed")))
            return
        note = None if record is not None else self._error_text("order_unknown")
        self.post_message(self.Loaded(record, note))

    @on(Loaded)
    def _show(self, message: Loaded) -> None:
        if message.record is not None:
            self.record = message.record
        self._render_record(message.note)

    def _error_text(self, code: str) -> str:
        return FieldError((), code, {"reference": self.reference}).message(self.fleet.lang)

    def _render_record(self, note: str | None) -> None:
        tr, lang = self.fleet.tr, self.fleet.lang
        record = self.record
        facts = self.query_one("#order-facts", Static)
        cancel = self.query_one("#cancel-order", Button)
        if record is None:
            facts.update(Content(note or ""))
            cancel.display = False
            return

        def line(key: str, value: str) -> str:
            return tr("tui.label", label=tr(key)) + value

        lines = [
            line("orders.detail.status", order_view.status_text(record, lang)),
            line("orders.col.kind", tr(f"orders.kind.{record.request}")),
            line("orders.detail.submitted", format_moment(record.submitted_at, lang)),
            line(
                "orders.detail.activation",
                format_moment(record.expected_activation, lang, zone_note=True),
            ),
        ]
        if record.porting_date is not None:
            day = record.porting_date
            when = tr("porting.weekday", weekday=weekday_name(day, lang), date=show_date(day))
            lines.append(line("porting.summary", when))
        facts.update(Content("\n".join(lines)))
        timeline = "\n".join(order_view.event_text(e, lang) for e in record.history)
        self.query_one("#order-timeline", Static).update(Content(timeline))
        refusal = record.cancel_refusal
        if note is None and record.cancellable:
            note = tr("orders.detail.cancellable")
        elif note is None and refusal is not None:
            note = self._error_text(refusal)
        self.query_one("#order-note", Static).update(Content(note or ""))
        context = self.fleet.context
        if record.order is not None and context is not None:
            rows = summary_rows(record.order, context.catalogue, lang, context.account)
            text = "\n".join(tr("tui.label", label=label) + value for label, value in rows)
        else:
            text = tr("orders.detail.no_summary")
        self.query_one("#order-summary", Static).update(Content(text))
        cancel.display = record.cancellable
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_order":
            return self.record is not None and self.record.cancellable
        return True

    @on(Button.Pressed, "#dashboard")
    def _dashboard_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_dashboard()

    @on(Button.Pressed, "#cancel-order")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel_order()

    def action_dashboard(self) -> None:
        """Back to the dashboard (its list is fetched again)."""
        self.fleet.go_to("dashboard")

    def action_cancel_order(self) -> None:
        """Ask, then cancel."""
        if self.record is None or not self.record.cancellable:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.cancel_order()

        self.app.push_screen(ConfirmCancelScreen(self.reference), answered)

    @work(exclusive=True, group="order-detail")
    async def cancel_order(self) -> None:
        """Cancel at the backend; report with :class:`Loaded`."""
        tr = self.fleet.tr
        try:
            record = await self.fleet.client.cancel(self.reference)
        except NotCancellable as exc:
            self.post_message(self.Loaded(exc.record, self._error_text(exc.code)))
            return
        except UnknownOrder:
            self.post_message(self.Loaded(None, self._error_text("order_unknown")))
            return
        except (BackendUnavailable, ClientError):
            self.post_message(self.Loaded(None, tr("orders.detail.failed")))
            return
        self.post_message(
            self.Loaded(record, tr("orders.detail.cancelled_now", reference=record.reference))
        )

    def action_switch_language(self) -> None:
        """Next language; this screen is drawn again for the same order."""
        from fleet_tui.core.i18n import LANGUAGES, Translator

        app = self.fleet
        app.lang = LANGUAGES[(LANGUAGES.index(app.lang) + 1) % len(LANGUAGES)]
        app.tr = Translator(app.lang)
        app.switch_screen(OrderDetailScreen(self.reference))
