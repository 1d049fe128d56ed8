"""What the screens, dialogs and the resilience hooks see of the wizard application.

:class:`fleet_tui.tui.app.FleetApp` builds the screens (through the step registry) and
owns the resilience hooks; they in turn read the draft and call the navigation. If they
imported ``FleetApp`` for its type, app, screens, steps and resilience would form an
import cycle (even a type-only one makes every one of them load, and change, with the
others). So they know the application only as :class:`Wizard`, declared here below all
of them; ``FleetApp`` implements it, and the import-linter contract in
``pyproject.toml`` keeps the screens from importing the app again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.screen import Screen

if TYPE_CHECKING:
    from pathlib import Path

    from pydantic import SecretStr

    from fleet_tui.clients.base import Client
    from fleet_tui.core.draft import OrderDraft
    from fleet_tui.core.i18n import Lang, Translator
    from fleet_tui.core.rules import OrderContext
    from fleet_tui.session.code_display import CodeDisplay
    from fleet_tui.session.replay import ReplayOptions
    from fleet_tui.session.wizard_state import WizardState
    from fleet_tui.tui.hooks import WizardHooks
    from fleet_tui.tui.preload import Preload
    from fleet_tui.tui.steps import StepId


class Wizard(App[None]):
    """The wizard application as its screens know it: the order, where it is, the
    client and the navigation. Implemented by :class:`fleet_tui.tui.app.FleetApp`."""

    #: The client, or what builds it after the first frame.
    preload: Preload
    lang: Lang
    tr: Translator
    ascii_only: bool
    #: Who is signed in, the order being entered, what waits for its screens; changed
    #: through its transitions only (see :mod:`fleet_tui.session.wizard_state`).
    state: WizardState
    resilience: WizardHooks | None
    current_step: StepId
    #: How an eSIM activation code is shown (timeout, QR drawing).
    code_display: CodeDisplay
    #: In a browser (``serve-web --uploads-dir``): the booth's folder of signed scans.
    web_uploads: Path | None
    #: The options the wizard was started with: saved answers go under its data
    #: folder and are replayed with them.
    replay: ReplayOptions | None

    @property
    def client(self) -> Client:
        """The client (waits for it if it is still loading)."""
        raise NotImplementedError

    @property
    def token(self) -> SecretStr | None:
        """A ready token (``FLEET_TUI_TOKEN``)."""
        raise NotImplementedError

    @property
    def draft(self) -> OrderDraft:
        """The order being entered (the state's)."""
        return self.state.draft

    @draft.setter
    def draft(self, draft: OrderDraft) -> None:
        self.state.draft = draft

    @property
    def context(self) -> OrderContext | None:
        """Account and catalogue of the signed-in operator (the state's)."""
        return self.state.context

    def start_preload(self) -> None:
        """Load the client and the order model in a thread (once)."""
        raise NotImplementedError

    def show_screen(self, screen: Screen[Any]) -> None:
        """Replace the current screen by ``screen`` (not a step: the confirmation)."""
        raise NotImplementedError

    def go_to(self, step_id: StepId) -> None:
        """Show step ``step_id``."""
        raise NotImplementedError

    def edit_from_review(self, step_id: StepId) -> None:
        """Open ``step_id`` from the review (its Continue walks back to the review)."""
        raise NotImplementedError

    def go_next(self, current: StepId) -> None:
        """Continue after ``current``."""
        raise NotImplementedError

    def go_back(self, current: StepId) -> None:
        """Back from ``current``."""
        raise NotImplementedError

    def draft_changed(self) -> None:
        """Called after every change to the draft."""
        raise NotImplementedError

    def new_order(self) -> None:
        """Start again with an empty draft."""
        raise NotImplementedError
