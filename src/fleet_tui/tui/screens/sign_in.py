"""Step 1 — sign in to the customer zone (username and password, or a token)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Button, Input, Static

from fleet_tui.tui.screens.base import StepScreen
from fleet_tui.tui.steps import StepState, blank_states
from fleet_tui.tui.widgets.field import Field
from fleet_tui.tui.widgets.inputs import text_input

if TYPE_CHECKING:
    # Loaded after the first frame (fleet_tui.tui.preload), not before.
    from fleet_tui.clients.base import Session
    from fleet_tui.core.rules import OrderContext

#: Long enough for any real login; the bound keeps a paste from flooding the field.
_CREDENTIAL_MAX = 128


class SignInScreen(StepScreen):
    """The operator's credentials, checked by the client in a worker.

    With a password client: user name and (masked) password; with a configured token
    (or a client that needs no password) a button signs in with it. On success the
    account and the catalogue are loaded into ``app.context`` and the dashboard opens.
    Errors are shown as text above the form, in the interface language.

    | Key | Action |
    |-----|--------|
    | Enter (in the password) | Sign in |
    """

    STEP = "sign_in"
    NAVIGATION = False

    busy: reactive[bool] = reactive(False, init=False, toggle_class="-busy")
    """Whether a sign-in is running (the form is disabled and says so)."""

    BUSY_TEXT_ID: ClassVar[str] = "sign-in-busy"

    def indicator_states(self) -> list[tuple[str, StepState]]:
        # Before any answer: drawn without the order model (still loading).
        return [(s.title_key, state) for s, state in blank_states(self.STEP)]

    def active_fields(self) -> tuple[str, ...]:
        return ()

    def set_answer(self, name: str, value: Any) -> None:
        """Credentials are not draft answers (and the draft may still be loading)."""

    def compose_body(self) -> ComposeResult:
        tr = self.tr
        client = self.fleet.preload
        username = self.fleet.state.sign_in_username
        yield Static("", id="sign-in-error", classes="form-error", markup=False)
        if client.needs_password:
            yield Field(
                "username",
                tr("tui.sign_in.username"),
                text_input("username", username, max_length=_CREDENTIAL_MAX),
                required=True,
            )
            yield Field(
                "password",
                tr("tui.sign_in.password"),
                text_input("password", password=True, max_length=_CREDENTIAL_MAX),
                required=True,
            )
            yield Button(
                Content(tr("tui.sign_in.submit")), id="sign-in", variant="primary", compact=True
            )
        if client.has_token or not client.needs_password:
            yield Button(
                Content(tr("tui.sign_in.with_token")),
                id="sign-in-token",
                variant="primary" if not client.needs_password else "default",
                compact=True,
            )
        if client.name == "demo":
            yield Static(Content(tr("tui.sign_in.demo_hint")), classes="note", id="demo-hint")
        yield Static(Content(tr("tui.sign_in.busy")), id=self.BUSY_TEXT_ID, classes="busy")

    def watch_busy(self, busy: bool) -> None:
        """Disable the form while signing in (the ``-busy`` class shows the busy line)."""
        for widget in self.query("#body Input, #body Button"):
            widget.disabled = busy

    # -- events -----------------------------------------------------------------------

    @on(Input.Changed, "#input-username")
    def _remember_username(self, event: Input.Changed) -> None:
        self.fleet.state.sign_in_username = event.value

    def input_submitted(self, control: Input) -> None:
        if control.name == "password":
            self.submit_password()
        else:
            self.focus_next()

    @on(Button.Pressed, "#sign-in")
    def _sign_in_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.submit_password()

    @on(Button.Pressed, "#sign-in-token")
    def _token_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.sign_in()

    def submit_password(self) -> None:
        """Check that both fields are filled, then sign in."""
        username = self.query_one("#input-username", Input).value
        password = self.query_one("#input-password", Input).value
        if not username.strip() or not password:
            self.show_error(self.tr("tui.sign_in.required"))
            target = "#input-username" if not username.strip() else "#input-password"
            self.query_one(target).focus()
            return
        self.sign_in(username.strip(), password)

    def show_error(self, message: str) -> None:
        """Show ``message`` above the form (plain text)."""
        self.query_one("#sign-in-error", Static).update(Content(message))

    # -- the worker and what it reports ------------------------------------------------

    class SignedIn(Message):
        """The sign-in succeeded: the session, with the account and catalogue."""

        def __init__(self, session: Session, context: OrderContext) -> None:
            super().__init__()
            self.session, self.context = session, context

    class Refused(Message):
        """The sign-in failed; ``reason_key`` is the text that says why."""

        def __init__(self, reason_key: str) -> None:
            super().__init__()
            self.reason_key = reason_key

    @work(exclusive=True, group="sign-in")
    async def sign_in(self, username: str | None = None, password: str = "") -> None:
        """Sign in with ``username`` and ``password`` (``None``: with the token) and load
        the account and the catalogue; reports :class:`SignedIn` or :class:`Refused`.

        Pressed before the client has finished loading, this waits for it.
        """
        self.busy = True
        self.show_error("")
        self.fleet.start_preload()
        try:
            loaded = await self.fleet.preload.wait()
        except Exception:  # the app exits and the wizard reports it
            self.busy = False
            return
        # The client's modules loaded in the background while this screen was shown
        # (fleet_tui.tui.preload): these imports cost nothing now.
        from pydantic import SecretStr

        from fleet_tui.clients.base import (
            BackendUnavailable,
            ClientError,
            Credentials,
            NotSignedIn,
        )

        client = loaded.client
        credentials = (
            Credentials(token=loaded.token)
            if username is None
            else Credentials(username=username, password=SecretStr(password))
        )
        try:
            session = await client.sign_in(credentials)
            context = await client.order_context()
        except NotSignedIn:
            by_token = credentials.token is not None and not credentials.username
            reason = "tui.sign_in.token_refused" if by_token else "tui.sign_in.refused"
        except BackendUnavailable:
            reason = "tui.sign_in.unavailable"
        except ClientError:
            reason = "tui.sign_in.failed"
        else:
            self.post_message(self.SignedIn(session, context))
            return
        self.post_message(self.Refused(reason))

    @on(SignedIn)
    def _signed_in(self, message: SignedIn) -> None:
        message.stop()
        self.busy = False
        self.fleet.state.signed_in(message.session, message.context)
        self.fleet.go_to("dashboard")

    @on(Refused)
    def _refused(self, message: Refused) -> None:
        message.stop()
        self.show_error(self.tr(message.reason_key))
        self._refocus()

    def _refocus(self) -> None:
        self.busy = False
        found = self.query("#input-password").results(Input)
        password = next(iter(found), None)
        if password is not None:
            password.value = ""
            password.focus()
