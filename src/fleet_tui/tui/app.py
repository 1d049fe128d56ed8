"""The wizard application: its session state, the step registry, the client, the language."""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import RenderableType
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import ModalScreen, Screen

from fleet_tui.core.i18n import LANGUAGES, Lang, Translator
from fleet_tui.session.code_display import CodeDisplay
from fleet_tui.session.wizard_state import WizardState
from fleet_tui.tui.browser_keys import BROWSER_KEYMAP
from fleet_tui.tui.host import Wizard
from fleet_tui.tui.key_gate import (
    FOCUS_WAIT_S,
    KeyGate,
    KeyOrder,
    Operated,
    event_clock,
    laid_out,
    taken_in,
)
from fleet_tui.tui.no_break import keep_no_break_spaces
from fleet_tui.tui.preload import Preload
from fleet_tui.tui.steps import (
    StepId,
    changed_step,
    next_step,
    previous_step,
    questions,
    step,
)
from fleet_tui.tui.stylesheets import style_paths
from fleet_tui.tui.themes import THEME_NAMES, THEMES, ThemeName, next_theme, textual_theme
from fleet_tui.tui.widgets.too_small import fit_screens, key_allowed

if TYPE_CHECKING:
    # Loaded after the first frame (fleet_tui.tui.preload), not before.
    from pydantic import SecretStr

    from fleet_tui.clients.base import Client
    from fleet_tui.core.draft import OrderDraft
    from fleet_tui.session.replay import ReplayOptions
    from fleet_tui.tui.resilience import Resilience

#: The steps of an order proper: quitting there asks first.
_ORDER_STEPS: tuple[StepId, ...] = ("number", "port_in", "new_card", "invoice_split", "review")


class FleetApp(Wizard):
    """Add a mobile line to the fleet in seven steps.

    | Key | Action |
    |-----|--------|
    | F1 | Help: the keys of the current screen |
    | F2 | Next interface language (fr → nl → en) |
    | F3 | Next theme (default → light → high contrast) |
    | Ctrl+O | Jump mode: a letter on every field, typing it focuses the field |
    | Ctrl+Q | Quit (refused in kiosk mode; mid-order it asks first) |
    | F12 | Kiosk mode only: wipe the order and start over |
    """

    CSS_PATH: ClassVar[list[str | PurePath]] = list(style_paths())
    TITLE = "fleet-tui"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help", id="help"),
        Binding("f2", "switch_language", "Language", id="language"),
        Binding("f3", "switch_theme", "Theme", id="theme"),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        Binding("ctrl+o", "jump", "Jump", id="jump"),
        # Kiosk mode's reset key (text: ``drafts.binding.kiosk-reset``): declared here
        # for every run, offered only where the resilience hooks allow it (a kiosk), see
        # check_action. Nowhere else can F12 wipe an order.
        Binding("f12", "kiosk_reset", "Start over", id="kiosk-reset", priority=True),
    ]

    def __init__(
        self,
        client: Client | Preload,
        *,
        lang: Lang = "fr",
        ascii_only: bool = False,
        draft: OrderDraft | None = None,
        theme: str = "default",
        token: SecretStr | None = None,
        resilience: Resilience | None = None,
        code_display: CodeDisplay | None = None,
    ) -> None:
        #: Sends each key where the keys before it left the focus (see key_gate); first,
        #: as Textual posts messages from its own constructor.
        self.key_order = KeyOrder()
        super().__init__()
        #: How an eSIM activation code is shown (timeout, QR drawing); see the module.
        self.code_display = code_display or CodeDisplay()
        keep_no_break_spaces()  # French "Fenêtre trop petite :" never wraps its colon
        #: The client, or what builds it after the first frame.
        self.preload = client if isinstance(client, Preload) else Preload.ready(client, token)
        self.lang: Lang = lang
        self.tr = Translator(lang)
        self.ascii_only = ascii_only
        if ascii_only:  # no Unicode signs reach the terminal (see tui/ascii_mode.py)
            from fleet_tui.tui.ascii_mode import install

            self.driver_class = install(self.driver_class)
        #: Who is signed in, the order being entered, what waits for its screens.
        self.state = WizardState(draft)
        #: Drafts, signals and kiosk rules (see :mod:`fleet_tui.tui.resilience`).
        self.resilience = resilience
        #: The options the wizard was started with (set by ``cli/wizard.py``): answers
        #: are saved under its data folder and replayed with them.
        self.replay: ReplayOptions | None = None
        #: serve-web --uploads-dir: the booth's folder of scans (None: a desk's job).
        self.web_uploads: Path | None = None
        self.current_step: StepId = "sign_in"
        self.theme_name: ThemeName = theme if theme in THEME_NAMES else "default"
        for registered in THEMES.values():
            self.register_theme(registered)
        self.theme = textual_theme(self.theme_name, self.console.color_system)
        #: Drops input that arrives for a screen not yet drawn (see key_gate).
        self.key_gate = KeyGate()

    @property
    def client(self) -> Client:
        """The client (waits for it if it is still loading)."""
        return self.preload.result().client

    @property
    def token(self) -> SecretStr | None:
        """A ready token (``FLEET_TUI_TOKEN``): the sign-in screen offers to use it."""
        return self.preload.result().token

    def on_ready(self) -> None:
        # The client and the order model load once the first frame is on the screen
        # (Textual sends Ready then): earlier, the loading thread, holding the GIL,
        # would hold up that frame.
        self.start_preload()

    def on_mount(self) -> None:
        if self.is_web:  # textual-serve's driver: the browser keeps some of our keys
            self.update_keymap(BROWSER_KEYMAP)
        self.key_gate.attach(self)
        # Every screen, whatever its kind, shows the too-small notice below 80x24.
        self.screen_change_signal.subscribe(self, lambda _: self._fit(*self.size), immediate=True)
        self.push_screen(step("sign_in").build())
        if self.resilience is not None:
            self.resilience.attach(self)
        self.run_worker(self._attach_loaded(), group="preload")

    def start_preload(self) -> None:
        """Load the client and the order model in a thread (once; the sign-in screen
        calls this after its first frame); if that fails, the app exits and the
        wizard reports why."""
        self.preload.start(lambda _: self.call_from_thread(self.exit))

    async def _attach_loaded(self) -> None:
        # Drafts built by the preload (the wizard's; the kiosk's are attached at once).
        try:
            loaded = await self.preload.wait()
        except Exception:  # the app exits, the wizard reports it
            return
        if self.resilience is None and loaded.resilience is not None:
            self.resilience = loaded.resilience
            self.resilience.attach(self)

    def on_unmount(self) -> None:
        if self.resilience is not None:
            self.resilience.detach()

    def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        # Textual writes every frame here: the first one of a new screen opens the gate,
        # for the keys read from the moment the frame was handed to the terminal. Read
        # after the write, a hold-up of the app just then (a loaded machine) counted the
        # keys typed by an operator already looking at the screen as typed before it.
        handed_over = event_clock()
        super()._display(screen, renderable)
        if renderable is not None and not self._batch_count:
            self.key_gate.frame_written(screen, handed_over)

    async def on_event(self, event: events.Event) -> None:
        # Read now: sending a key on to the focused widget marks it as forwarded.
        if isinstance(event, Operated) and event.is_forwarded:
            try:
                await self._on_input(event)
            finally:
                # Its binding has run, or it was dropped: the next key may go (a key
                # left "in flight" would hold every key after it).
                self.key_order.handled(event)
        else:
            await self._on_input(event)

    async def _on_input(self, event: events.Event) -> None:
        # A paste is no InputEvent for Textual, but the operator's all the same.
        if self.resilience is not None and isinstance(event, (events.InputEvent, events.Paste)):
            self.resilience.touch()
        if isinstance(event, Operated):
            if not await self._admitted(event):
                self.key_order.forget(event)  # the keys read after it go on
                return
            if not self.key_order.ready(self, event):
                return  # behind a key read before it (see KeyOrder)
        await super().on_event(event)

    async def _admitted(self, event: Operated) -> bool:
        """Whether ``event`` acts on the current screen, once that screen has taken in
        the keys before it; ``False``: dropped."""
        if not self.key_gate.admits(event):
            return False  # typed for the screen before: never replayed on this one
        if isinstance(event, events.Key) and not key_allowed(self, event.key):
            return False  # the form is hidden behind the too-small notice
        # Typed ahead: acts after what the keys before it did. Also when a key comes back
        # from the focused widget: the app runs its binding then.
        screen = self.screen
        await taken_in(screen)
        # False if a worker changed the screen meanwhile: typed for the one before.
        return self.key_gate.still_on(screen)

    def post_message(self, message: Message) -> bool:
        self.key_order.posted(message)
        return super().post_message(message)

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        fit_screens(self, self.tr, width, height)

    # Textual's are plain methods; its bindings await an action that is a coroutine.
    async def action_focus_next(self) -> None:  # type: ignore[override]
        """Tab: the next control on screen, once the screen is laid out."""
        await self._focus_moved(forward=True)

    async def action_focus_previous(self) -> None:  # type: ignore[override]
        """Shift+Tab: the previous control on screen, once the screen is laid out."""
        await self._focus_moved(forward=False)

    async def _focus_moved(self, *, forward: bool) -> None:
        # Textual orders the focus by position on screen, and a field shown by the
        # answer before (the SIM number, once "physical SIM" is chosen) has no position
        # until the next layout: it sorted first, and a Tab handled before that layout
        # went past it. The keys typed after the Tab wait meanwhile (this runs in the
        # app's queue); the wait is one frame at most.
        screen = self.screen
        await laid_out(screen, FOCUS_WAIT_S)
        if screen is self.screen:  # not a screen switched to meanwhile
            if forward:
                screen.focus_next()
            else:
                screen.focus_previous()

    # -- navigation -------------------------------------------------------------------

    def show_screen(self, screen: Screen[Any]) -> None:
        """Replace the current screen by ``screen`` (not a step: the confirmation)."""
        # A screen's message loop is a task started in the context of whatever switched
        # to it, and Textual's "active message pump" there (the screen or widget whose
        # handler or key binding called this) stays referenced by the new loop for its
        # whole life: the review stayed in memory behind the confirmation, each step
        # behind the next. Switched in the app's own context, nothing is left behind.
        # (Textual offers no public way to do this; App._context is what its own
        # message loop uses.)
        with self._context():
            self.switch_screen(screen)

    def go_to(self, step_id: StepId) -> None:
        """Show step ``step_id`` (a fresh screen rendered from the draft)."""
        from fleet_tui.tui.screens.base import StepScreen

        if isinstance(self.screen, StepScreen):
            self.screen.leave()  # before the switch: later notices (a kiosk wipe's) stay
        self.current_step = step_id
        self.show_screen(step(step_id).build())
        if self.resilience is not None:
            self.resilience.step_shown(self)

    def edit_from_review(self, step_id: StepId) -> None:
        """Open ``step_id`` from the review; its Continue comes back to the review,
        through every later step whose questions the edit changes."""
        self.state.edit_from_review(questions(self.draft))
        self.go_to(step_id)

    def go_next(self, current: StepId) -> None:
        """Continue after ``current``: the next step that applies, or — when the
        operator came from the review — the next step whose questions the edit changed
        (a switch to a transfer asks for port-in details), else the review."""
        before = self.state.review_questions
        if before is not None and current not in ("sign_in", "dashboard"):
            changed = changed_step(current, before, self.draft)
            if changed is not None:
                self.go_to(changed.id)
                return
            self.state.back_to_review()
            self.go_to("review")
            return
        target = next_step(current, self.draft)
        if target is not None:
            self.go_to(target.id)

    def go_back(self, current: StepId) -> None:
        """Back from ``current`` to the previous step that applies."""
        target = previous_step(current, self.draft)
        if target is not None and target.id != "sign_in":
            self.go_to(target.id)

    def draft_changed(self) -> None:
        """Called after every change to the draft (drafts are saved from here)."""
        if self.resilience is not None:
            self.resilience.changed(self)

    def new_order(self) -> None:
        """Start again with an empty draft, at the number step."""
        self.state.new_order()
        self.go_to("number")

    # -- language and theme -----------------------------------------------------------

    def set_language(self, lang: Lang) -> None:
        """Switch the interface language; the current screen is rebuilt from the draft,
        with the errors it was showing, now in ``lang``."""
        self.lang = lang
        self.tr = Translator(lang)
        self.clear_notifications()  # a toast would stay in the old language
        from fleet_tui.tui.screens.base import StepScreen

        if isinstance(self.screen, StepScreen):
            self.state.carry_errors(self.screen.shown_errors)
        self.go_to(self.current_step)

    def action_switch_language(self) -> None:
        """Next language in fr → nl → en."""
        index = LANGUAGES.index(self.lang)
        self.set_language(LANGUAGES[(index + 1) % len(LANGUAGES)])

    def action_switch_theme(self) -> None:
        """Next theme in default → light → high contrast."""
        self.theme_name = next_theme(self.theme_name)
        self.theme = textual_theme(self.theme_name, self.console.color_system)

    def action_help(self) -> None:
        """Show the keys of the current screen."""
        from fleet_tui.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def order_in_progress(self) -> bool:
        """Whether an order step (number to review) is on screen, dialogs aside."""
        from fleet_tui.tui.screens.base import StepScreen

        shown = [s for s in self.screen_stack if not isinstance(s, ModalScreen)]
        base = shown[-1] if shown else None
        return isinstance(base, StepScreen) and base.STEP in _ORDER_STEPS

    async def action_quit(self) -> None:
        """Quit; in the middle of an order, ask first and say whether it is kept
        (Ctrl+Q again, or Quit, confirms)."""
        from fleet_tui.tui.screens.quit import QuitScreen

        if isinstance(self.screen, QuitScreen) or not self.order_in_progress():
            self.exit()
            return
        kept = self.resilience is not None and self.resilience.keeps_drafts()
        self.push_screen(QuitScreen(draft_kept=kept), self._quit_answered)

    def _quit_answered(self, quit_now: bool | None) -> None:
        if quit_now:
            self.exit()

    def action_jump(self) -> None:
        """Label every field of the screen; the typed label focuses it."""
        from fleet_tui.tui.jump import open_jump

        open_jump(self)

    def action_kiosk_reset(self) -> None:
        """Kiosk mode: wipe the order and go back to the start."""
        if self.resilience is not None:
            self.resilience.wipe(self, "drafts.kiosk_reset")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A dialog on top (help, file picker) would be replaced by the rebuilt screen.
        dialog_open = isinstance(self.screen, ModalScreen)
        if self.resilience is None:
            if action == "kiosk_reset":  # no kiosk without the hooks
                return False
        elif not self.resilience.allows(action):
            return False
        return not (action in ("switch_language", "help", "jump") and dialog_open)
