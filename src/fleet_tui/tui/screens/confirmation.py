"""After submitting: the reference, the expected activation (Europe/Brussels) and the
rule that set it, the summary, the confirmation email, and — for an eSIM whose QR code
the fleet manager asked for — the QR code with the activation code under it.

Everything shown comes from the backend's :class:`Confirmation` (plus the catalogue
and account to name codes), so the screen can be rebuilt in another language (F2).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static

from fleet_tui.clients.base import Confirmation
from fleet_tui.core.draft import OrderDraft
from fleet_tui.core.i18n import LANGUAGES, Translator
from fleet_tui.core.moments import format_moment
from fleet_tui.core.order import ESim
from fleet_tui.core.processing import RULES, ProcessingRule, processing_rule
from fleet_tui.core.summary import summary_rows
from fleet_tui.tui.widgets.key_bar import KeyBar
from fleet_tui.tui.widgets.qr import QrCode

if TYPE_CHECKING:
    from fleet_tui.tui.host import Wizard


def shows_qr(confirmation: Confirmation) -> bool:
    """Whether the confirmation shows the eSIM QR code: an eSIM, the fleet manager asked
    for it, and the backend returned an activation code."""
    sim = confirmation.order.sim
    return (
        isinstance(sim, ESim)
        and sim.send_qr_to_fleet_manager
        and bool(confirmation.activation_code)
    )


class ConfirmationScreen(Screen[None]):
    """The submitted order's confirmation.

    | Key | Action |
    |-----|--------|
    | Ctrl+N | New order |
    | Ctrl+R | Another like this: a new order pre-filled with what is not personal |
    | Ctrl+S | Save the answers as an order document (``fleet-tui submit`` replays it) |
    | Esc | Back to the dashboard |
    | F5 | The eSIM QR code alone, full screen (when there is one) |
    | Page Up / Page Down | Scroll the confirmation |
    | F2 | Next language (this screen is redrawn) |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new_order", "New order", id="new-order", priority=True),
        # A key, no button: at 80 columns the button row is full in French.
        Binding("ctrl+r", "another_like_this", "Another like this", id="another"),
        Binding("escape", "dashboard", "Dashboard", id="dashboard"),
        # Not in the footer: at 80 columns it would push Quit and Help out; the button shows.
        Binding("ctrl+s", "save_answers", "Save answers", id="save-answers", show=False),
        Binding("f5", "show_qr", "QR code", id="show-qr"),
        Binding("pagedown", "scroll_body(1)", "Scroll down", id="scroll-down", show=False),
        Binding("pageup", "scroll_body(-1)", "Scroll up", id="scroll-up", show=False),
        Binding("f2", "switch_language", "Language", id="language"),
    ]

    def __init__(self, confirmation: Confirmation) -> None:
        super().__init__()
        self.confirmation = confirmation

    @property
    def fleet(self) -> Wizard:
        """The app, typed."""
        return cast("Wizard", self.app)

    def rule(self) -> ProcessingRule:
        """The processing-time rule the backend applied (rebuilt from the order when the
        backend names a rule this version does not know)."""
        known = RULES.get(self.confirmation.processing_rule)
        if known is not None or self.fleet.context is None:
            return known or RULES["new_or_orange_prepaid_other"]
        return processing_rule(self.confirmation.order, self.fleet.context.catalogue)

    def compose(self) -> ComposeResult:
        tr, lang = self.fleet.tr, self.fleet.lang
        done = self.confirmation
        context = self.fleet.context
        with VerticalScroll(id="body"):
            yield Static(Content(tr("tui_card.confirm.title")), classes="screen-title")
            yield from _pair(tr("tui_card.confirm.reference"), done.reference, "reference")
            yield from _pair(
                tr("tui_card.confirm.activation"),
                format_moment(done.expected_activation, lang, zone_note=True),
                "activation",
            )
            yield from _pair(tr("tui_card.confirm.rule"), self.rule().describe(lang), "rule")
            email = context.account.holder_email if context else ""
            yield Static(
                Content(tr("tui_card.confirm.email_sent", email=email)), id="confirmation-email"
            )
            if shows_qr(done) and done.activation_code:
                yield Static(Content(tr("tui_card.confirm.qr_title")), classes="screen-title")
                with VerticalScroll(id="confirmation-qr"):
                    yield QrCode(done.activation_code, id="qr")
                yield from _pair(
                    tr("tui_card.confirm.activation_code"), done.activation_code, "activation-code"
                )
            if context is not None:
                yield Static(Content(tr("tui_card.confirm.summary")), classes="screen-title")
                rows = summary_rows(done.order, context.catalogue, lang, context.account)
                yield Static(
                    Content("\n").join(
                        Content(f"{label}: ") + Content(value).stylize("bold")
                        for label, value in rows
                    ),
                    id="confirmation-summary",
                )
        with Horizontal(id="actions"):
            yield Button(
                Content(tr("tui_card.confirm.new_order")),
                id="new-order",
                variant="primary",
                compact=True,
            )
            yield Button(Content(tr("tui_card.confirm.dashboard")), id="dashboard", compact=True)
            yield Button(Content(tr("drafts.save_answers")), id="save-answers", compact=True)
        saved_note = Static("", id="answers-saved", markup=False)
        saved_note.display = False  # shown once the answers are saved
        yield saved_note
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#new-order", Button).focus()
        if self.fleet.resilience is not None:
            self.fleet.resilience.submitted()

    @on(Button.Pressed, "#new-order")
    def _new_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_new_order()

    @on(Button.Pressed, "#dashboard")
    def _dashboard_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_dashboard()

    @on(Button.Pressed, "#save-answers")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save_answers()

    def action_save_answers(self) -> None:
        """Write the order document and show where (as plain text)."""
        from fleet_tui.session.answers_file import save_answers
        from fleet_tui.session.replay import ReplayOptions

        app = self.fleet
        replay = app.replay or ReplayOptions()
        # The kiosk's own folder first; else the data folder in use (--data-dir).
        folder = app.resilience.answers_folder() if app.resilience is not None else None
        folder = folder or replay.answers_folder()
        catalogue = app.context.catalogue if app.context is not None else None
        done = self.confirmation
        shown = self.query_one("#answers-saved", Static)
        shown.display = True
        try:
            path = save_answers(app.draft, done.order, done.reference, catalogue, folder)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            shown.update(Content(app.tr("drafts.answers_failed", reason=reason)))
            return
        command = replay.command(path)
        shown.update(Content(app.tr("drafts.answers_saved", path=str(path), command=command)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "show_qr":
            return shows_qr(self.confirmation)
        return True

    def action_show_qr(self) -> None:
        """Show the QR code alone: at 80x24 it does not fit under the confirmation."""
        from fleet_tui.tui.screens.qr_view import QrScreen

        code = self.confirmation.activation_code
        if shows_qr(self.confirmation) and code:
            self.app.push_screen(QrScreen(code))

    def action_scroll_body(self, direction: int) -> None:
        """Scroll the confirmation by a page, whatever has the focus."""
        body = self.query_one("#body", VerticalScroll)
        if direction > 0:
            body.scroll_page_down(animate=False)
        else:
            body.scroll_page_up(animate=False)

    def action_new_order(self) -> None:
        """Start the next order at the number step."""
        self.fleet.new_order()

    def action_another_like_this(self) -> None:
        """Start the next order pre-filled from this one (what is not personal)."""
        from fleet_tui.tui.another import start_another

        start_another(self.fleet, self.confirmation.order)

    def action_dashboard(self) -> None:
        """Back to the dashboard, with an empty draft: this order is done."""
        self.fleet.draft = OrderDraft()
        self.fleet.pending_errors.clear()
        self.fleet.editing_from_review = False
        self.fleet.go_to("dashboard")

    def action_switch_language(self) -> None:
        """Next language; the confirmation is redrawn rather than the review step."""
        app = self.fleet
        app.lang = LANGUAGES[(LANGUAGES.index(app.lang) + 1) % len(LANGUAGES)]
        app.tr = Translator(app.lang)
        app.switch_screen(ConfirmationScreen(self.confirmation))


def _pair(label: str, value: str, name: str) -> ComposeResult:
    # One row per fact: the label, then the value (which wraps under itself if long).
    with Horizontal(classes="confirmation-pair"):
        yield Static(Content(f"{label}: "), classes="confirmation-label")
        yield Static(Content(value), id=f"confirmation-{name}", classes="confirmation-value")
