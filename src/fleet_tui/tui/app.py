"""The wizard application: one draft, the step registry, the client, the language."""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import ClassVar

from pydantic import SecretStr
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen

from fleet_tui.clients.base import Client, Session
from fleet_tui.core.draft import OrderDraft
from fleet_tui.core.errors import FieldError
from fleet_tui.core.i18n import LANGUAGES, Lang, Translator
from fleet_tui.core.rules import OrderContext
from fleet_tui.tui.bindings import translate_bindings
from fleet_tui.tui.steps import StepId, next_step, previous_step, step
from fleet_tui.tui.themes import THEME_NAMES, THEMES, ThemeName, next_theme, textual_theme

STYLES = Path(__file__).resolve().parent.parent / "styles"


class FleetApp(App[None]):
    """Add a mobile line to the fleet in seven steps.

    | Key | Action |
    |-----|--------|
    | F1 | Help: the keys of the current screen |
    | F2 | Next interface language (fr → nl → en) |
    | F3 | Next theme (default → light → high contrast) |
    | Ctrl+Q | Quit |
    """

    CSS_PATH: ClassVar[list[str | PurePath]] = [str(STYLES / "app.tcss"), str(STYLES / "card.tcss")]
    TITLE = "fleet-tui"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help", id="help"),
        Binding("f2", "switch_language", "Language", id="language"),
        Binding("f3", "switch_theme", "Theme", id="theme", show=False),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
    ]

    def __init__(
        self,
        client: Client,
        *,
        lang: Lang = "fr",
        ascii_only: bool = False,
        draft: OrderDraft | None = None,
        theme: str = "default",
        token: SecretStr | None = None,
    ) -> None:
        super().__init__()
        self.client = client
        self.lang: Lang = lang
        self.tr = Translator(lang)
        self.ascii_only = ascii_only
        self.draft = draft or OrderDraft()
        #: A ready token (``FLEET_TUI_TOKEN``): the sign-in screen offers to use it.
        self.token = token
        self.session: Session | None = None
        self.context: OrderContext | None = None
        #: Errors the backend returned, by draft answer, waiting for their screen.
        self.pending_errors: dict[str, FieldError] = {}
        #: Set when the operator jumped from the review to edit a step.
        self.editing_from_review = False
        self.current_step: StepId = "sign_in"
        #: Answers whose error was showing when the screen was rebuilt (language switch):
        #: the new screen shows them again, in the new language.
        self.carried_errors: set[str] = set()
        #: The user name typed on the sign-in screen (kept across a language switch).
        self.sign_in_username = ""
        self.theme_name: ThemeName = theme if theme in THEME_NAMES else "default"
        for registered in THEMES.values():
            self.register_theme(registered)
        self.theme = textual_theme(self.theme_name, self.console.color_system)

    def on_mount(self) -> None:
        translate_bindings(self, self.tr)
        self.push_screen(step("sign_in").build())

    # -- navigation -------------------------------------------------------------------

    def go_to(self, step_id: StepId) -> None:
        """Show step ``step_id`` (a fresh screen rendered from the draft)."""
        self.current_step = step_id
        self.switch_screen(step(step_id).build())

    def go_next(self, current: StepId) -> None:
        """Continue after ``current``: the next step that applies, or back to the review
        when the operator came from it."""
        if self.editing_from_review and current not in ("sign_in", "dashboard"):
            self.editing_from_review = False
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

    def new_order(self) -> None:
        """Start again with an empty draft, at the number step."""
        self.draft = OrderDraft()
        self.pending_errors.clear()
        self.editing_from_review = False
        self.go_to("number")

    # -- language and theme -----------------------------------------------------------

    def set_language(self, lang: Lang) -> None:
        """Switch the interface language; the current screen is rebuilt from the draft,
        with the errors it was showing, now in ``lang``."""
        self.lang = lang
        self.tr = Translator(lang)
        translate_bindings(self, self.tr)
        from fleet_tui.tui.screens.base import StepScreen

        if isinstance(self.screen, StepScreen):
            self.carried_errors = set(self.screen.shown_errors)
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A dialog on top (help, file picker) would be replaced by the rebuilt screen.
        dialog_open = isinstance(self.screen, ModalScreen)
        return not (action in ("switch_language", "help") and dialog_open)
