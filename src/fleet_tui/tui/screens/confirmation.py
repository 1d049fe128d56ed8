"""After submitting: the reference, the expected activation (Europe/Brussels) and the
rule that set it, the summary, the confirmation email, and — for an eSIM whose QR code
the fleet manager asked for — the QR code and every other way to install, shown only
after F6 and hidden again after the configured timeout or when the screen is left
(:class:`~fleet_tui.tui.widgets.esim_code.EsimCode`).

Everything shown comes from the backend's :class:`Confirmation` (plus the catalogue
and account to name codes), so the screen can be rebuilt in another language (F2).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, Static

from fleet_tui.clients.base import Confirmation
from fleet_tui.core.i18n import LANGUAGES, Translator
from fleet_tui.core.moments import format_moment
from fleet_tui.core.order import ESim
from fleet_tui.core.processing import RULES, ProcessingRule, processing_rule
from fleet_tui.core.summary import summary_rows
from fleet_tui.tui.timers import screen_timer
from fleet_tui.tui.widgets.esim_code import EsimCode
from fleet_tui.tui.widgets.key_bar import KeyBar

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
    | F6 | Show / hide the eSIM activation code (hidden again after the timeout) |
    | F7 | Copy the activation code to the clipboard (OSC 52) |
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
        Binding("f6", "toggle_code", "Show/hide code", id="toggle-code"),
        Binding("f7", "copy_code", "Copy code", id="copy-code", show=False),
        Binding("pagedown", "scroll_body(1)", "Scroll down", id="scroll-down", show=False),
        Binding("pageup", "scroll_body(-1)", "Scroll up", id="scroll-up", show=False),
        Binding("f2", "switch_language", "Language", id="language"),
    ]

    #: The help screen's note for this screen.
    HELP_NOTE: ClassVar[str] = "esim.help"

    def __init__(self, confirmation: Confirmation) -> None:
        super().__init__()
        self.confirmation = confirmation
        self._hide_timer: Timer | None = None

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

    def contract_name(self) -> str | None:
        """The file name of the signed Invoice Split scan sent with the order, if any
        (the operator's file; a backend's upload reference names no file)."""
        split = self.confirmation.order.invoice_split
        if split is None:
            return None
        typed = self.fleet.draft.contract_path if self.fleet.draft.invoice_split else ""
        return Path(typed or split.contract).name

    def compose(self) -> ComposeResult:
        tr, lang = self.fleet.tr, self.fleet.lang
        done = self.confirmation
        context = self.fleet.context
        with VerticalScroll(id="body"):
            yield Static(Content(tr("tui_card.confirm.title")), classes="screen-title")
            yield from _pair(tr, tr("tui_card.confirm.reference"), done.reference, "reference")
            yield from _pair(
                tr,
                tr("tui_card.confirm.activation"),
                format_moment(done.expected_activation, lang, zone_note=True),
                "activation",
            )
            yield from _pair(tr, tr("tui_card.confirm.rule"), self.rule().describe(lang), "rule")
            scan = self.contract_name()
            if scan is not None:
                yield from _pair(tr, tr("help.review.contract"), scan, "contract")
            email = context.account.holder_email if context else ""
            yield Static(
                Content(tr("tui_card.confirm.email_sent", email=email)), id="confirmation-email"
            )
            if shows_qr(done) and done.activation_code:
                yield EsimCode(
                    done.activation_code, done.confirmation_code, tr, key="F6", id="esim"
                )
            if context is not None:
                yield Static(Content(tr("tui_card.confirm.summary")), classes="screen-title")
                rows = summary_rows(done.order, context.catalogue, lang, context.account)
                yield Static(
                    Content("\n").join(
                        Content(tr("tui.label", label=label)) + Content(value).stylize("bold")
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
        if shows_qr(self.confirmation):
            self._warm_up()

    @work(thread=True, exclusive=True, group="qr-warm-up")
    def _warm_up(self) -> None:
        # Encode now, off the UI thread (cached per code): F5 and F6 then draw at once.
        from fleet_tui.core.qr import DRAWINGS, qr_rows

        code = self.confirmation.activation_code
        if code:
            for drawing in DRAWINGS:
                qr_rows(code, drawing=drawing)

    def on_screen_suspend(self) -> None:
        # Left for another screen (the QR view, help, a dialog): the code goes.
        self.hide_code()

    def _esim(self) -> EsimCode | None:
        found = self.query(EsimCode)
        return found.first() if found else None

    def action_toggle_code(self) -> None:
        """Show the activation code (and every way to install), or hide it again."""
        esim = self._esim()
        if esim is None:
            return
        if esim.revealed:
            self.hide_code()
            return
        display = self.fleet.code_display
        esim.reveal("full" if display.drawing == "full" else "half", display.timeout)
        self._hide_timer = screen_timer(self, display.timeout, self.hide_code)

    def hide_code(self) -> None:
        """Hide the activation code (the timeout, leaving the screen, F6)."""
        if self._hide_timer is not None:
            self._hide_timer.stop()
            self._hide_timer = None
        esim = self._esim()
        if esim is not None:
            esim.hide()

    def action_copy_code(self) -> None:
        """Copy the activation code to the operator's clipboard (OSC 52: some terminals
        ignore it, the help says so)."""
        code = self.confirmation.activation_code
        if shows_qr(self.confirmation) and code:
            self.app.copy_to_clipboard(code)
            self.app.notify(self.fleet.tr("esim.copied"), markup=False)

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
        if action in ("show_qr", "toggle_code", "copy_code"):
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
        self.fleet.state.new_order()
        self.fleet.go_to("dashboard")

    def action_switch_language(self) -> None:
        """Next language; the confirmation is redrawn rather than the review step."""
        app = self.fleet
        app.lang = LANGUAGES[(LANGUAGES.index(app.lang) + 1) % len(LANGUAGES)]
        app.tr = Translator(app.lang)
        app.switch_screen(ConfirmationScreen(self.confirmation))


def _pair(tr: Translator, label: str, value: str, name: str) -> ComposeResult:
    # One row per fact: the label, then the value (which wraps under itself if long).
    with Horizontal(classes="confirmation-pair"):
        yield Static(Content(tr("tui.label", label=label)), classes="confirmation-label")
        yield Static(Content(value), id=f"confirmation-{name}", classes="confirmation-value")
