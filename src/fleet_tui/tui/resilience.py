"""What keeps an order alive, and a kiosk clean, while the wizard runs (issue 5).

:class:`Resilience` is handed to :class:`fleet_tui.tui.app.FleetApp`, which calls it
from a few hooks:

- every change to the draft and every step change → :meth:`Resilience.changed`: the
  draft and the step it is at go to the :class:`~fleet_tui.session.drafts.DebouncedSaver`;
  an empty draft removes the saved one instead;
- the dashboard, once after sign-in → the "resume the order in progress?" dialog;
- the confirmation → :meth:`Resilience.submitted` removes the draft;
- SIGHUP (the SSH connection dropped) and SIGTERM → flush the saver, then exit
  cleanly (the terminal is restored by Textual's normal shutdown); a terminal that
  hangs up without a SIGHUP is noticed within :data:`TERMINAL_CHECK_S` and handled alike;
- kiosk mode: quit, the command palette and screenshots refused, an idle timer and a
  reset key that wipe the order and go back to the sign-in with a notice, the file
  picker confined to the kiosk's uploads folder.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import select
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Final, get_args

from textual.screen import ModalScreen

from fleet_tui.core.draft import OrderDraft
from fleet_tui.session.drafts import DebouncedSaver, DraftStore, SavedDraft
from fleet_tui.session.kiosk import IDLE_TIMEOUT_S, IdleTimer, KioskSession
from fleet_tui.tui.steps import StepId, step

if TYPE_CHECKING:
    from fleet_tui.tui.host import Wizard

#: Steps an order can be resumed at (the sign-in and the dashboard hold no answers).
ORDER_STEPS: Final[tuple[StepId, ...]] = tuple(
    s for s in get_args(StepId) if s not in ("sign_in", "dashboard")
)
#: Actions a kiosk user must not reach: leaving the program, or its system tools.
KIOSK_REFUSED: Final = frozenset(
    {"quit", "help_quit", "command_palette", "screenshot", "suspend_process"}
)
#: After SIGHUP the terminal is gone and restoring it may block: once the draft is on
#: disk, the normal shutdown gets this long before the process leaves without it (a
#: daemon timer, so a run that ends in time is not held up by it).
HANG_UP_GRACE_S: Final = 5.0
_EMPTY: Final = OrderDraft()
_HANDLED_SIGNALS: Final = (signal.SIGHUP, signal.SIGTERM)
#: Seconds between two looks at the terminal for a hang-up that came without SIGHUP.
TERMINAL_CHECK_S: Final = 1.0


class Resilience:
    """Drafts, signals and kiosk rules for one run of the wizard.

    ``store`` is where the draft is kept (``None``: drafts are off); the saved draft,
    if any, is read here, before the app starts. ``kiosk`` turns kiosk mode on, with
    ``idle_timeout`` seconds before an idle wipe. ``drafts_off`` only decides whether
    the "drafts are off" notice is shown.
    """

    def __init__(
        self,
        *,
        store: DraftStore | None = None,
        kiosk: KioskSession | None = None,
        idle_timeout: float = IDLE_TIMEOUT_S,
        drafts_off: bool = False,
        delay: float = 0.5,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self.kiosk = kiosk
        self.drafts_off = drafts_off
        self.idle = IdleTimer(idle_timeout, clock) if kiosk is not None else None
        self.saver = DebouncedSaver(store, delay, self._save_failed) if store else None
        #: The draft found at start, until it is resumed, discarded or submitted.
        self.saved: SavedDraft | None = store.load() if store is not None else None
        self._app: Wizard | None = None
        self._offer_pending = self.saved is not None
        self._on_disk = self.saved is not None
        self._order_step: StepId = _order_step(self.saved.step) if self.saved else "number"
        self._loop: asyncio.AbstractEventLoop | None = None
        self._failure_shown = False
        self._leave: threading.Timer | None = None
        self._terminal_lost = False

    # -- life cycle ---------------------------------------------------------------------

    def attach(self, app: Wizard) -> None:
        """Start: load the saved draft into ``app``, install the signal handlers and the
        idle timer, and say what the operator should know (drafts off, a bad draft)."""
        self._app = app
        if self.saved is not None and app.draft == _EMPTY:
            # The dashboard then offers to resume it too, if the dialog is put off.
            app.draft = self.saved.draft
        elif self.saved is not None:
            # Attached late (drafts load after the first frame) to an order already
            # begun: that order wins and will replace the saved one.
            self.saved = None
            self._offer_pending = False
        self._install_signals()
        if self.kiosk is not None:
            app.refresh_bindings()  # the key bar now offers F12 (see allows)
        if self.idle is not None:
            app.set_interval(min(1.0, self.idle.timeout / 4), self._check_idle)
        terminal = _terminal_fd(app)
        if terminal is not None:
            app.set_interval(TERMINAL_CHECK_S, lambda: self._check_terminal(terminal))
        # After the first screen is up: a notice raised before it has nowhere to show.
        if self.store is not None and self.store.set_aside is not None:
            notice = app.tr("drafts.set_aside", path=str(self.store.set_aside))
            app.call_after_refresh(self._notify, notice, "warning")
        if self.drafts_off and self.kiosk is None:
            app.call_after_refresh(self._notify, app.tr("drafts.disabled"), "warning")
        if app.current_step == "dashboard":  # signed in before the drafts were loaded
            self.step_shown(app)

    def detach(self) -> None:
        """Stop: remove the signal handlers, write what is pending, stop the saver."""
        if self._loop is not None:
            for signum in _HANDLED_SIGNALS:
                with contextlib.suppress(ValueError, RuntimeError, NotImplementedError):
                    self._loop.remove_signal_handler(signum)
            self._loop = None
        if self.saver is not None:
            self.saver.close()
        self._app = None

    # -- drafts -------------------------------------------------------------------------

    def changed(self, app: Wizard) -> None:
        """The draft or the step changed: save both soon (an empty draft: remove it)."""
        if app.current_step in ORDER_STEPS:
            self._order_step = app.current_step
        if self.saver is None:
            return
        if app.draft == _EMPTY:
            if self._on_disk:
                self.saver.discard()
                self._on_disk = False
            return
        self.saver.changed(app.draft, self._order_step)
        self._on_disk = True

    def save_now(self, app: Wizard) -> None:
        """Save the draft at once, not in ``delay`` seconds (before a submission: the
        idempotency key it now holds must survive a crash during the submission)."""
        self.changed(app)
        if self.saver is not None:
            self.saver.flush()

    def step_shown(self, app: Wizard) -> None:
        """A step screen was shown: save, and on the first dashboard offer to resume."""
        self.changed(app)
        if app.current_step == "dashboard" and self._offer_pending:
            self._offer_pending = False
            # From the app's own queue: the dialog's answer goes back to whoever asked
            # for it (Textual's active message pump), and the screen whose handler
            # switched to the dashboard (the sign-in's) is gone by then.
            app.call_later(self._offer_resume)

    def submitted(self) -> None:
        """The order was accepted: its draft must not be offered again."""
        self.saved = None
        self._offer_pending = False
        if self.saver is not None:
            self.saver.discard()
        self._on_disk = False

    def resume_step(self, draft: OrderDraft) -> StepId:
        """Where to resume ``draft``: the step it was saved at, if it still applies."""
        candidate = self._order_step
        return candidate if step(candidate).applies(draft) else "number"

    def _offer_resume(self) -> None:
        from fleet_tui.tui.screens.resume import ResumeDialog

        app = self._app
        if app is None or self.saved is None or app.draft == _EMPTY:
            return
        at = step(self.resume_step(app.draft))
        app.push_screen(ResumeDialog(self.saved, app.tr(at.title_key), app.tr), self._answered)

    def _answered(self, resume: bool | None) -> None:
        app = self._app
        if app is None or resume is None:  # put off: the dashboard's button resumes it
            return
        self.saved = None
        if resume:
            app.go_to(self.resume_step(app.draft))
            return
        app.state.new_order()
        app.go_to("dashboard")  # redrawn: "add a card" instead of "resume"

    def _save_failed(self, error: OSError) -> None:
        # From the saver's thread; said once until a save succeeds again.
        app = self._app
        if app is None or self._failure_shown:
            return
        self._failure_shown = True
        reason = error.strerror or str(error)
        with contextlib.suppress(RuntimeError):
            app.call_from_thread(self._notify, app.tr("drafts.save_failed", reason=reason), "error")

    # -- signals ------------------------------------------------------------------------

    def _install_signals(self) -> None:
        try:
            loop = asyncio.get_running_loop()
            for signum in _HANDLED_SIGNALS:
                loop.add_signal_handler(signum, self._hang_up, signum)
        except (RuntimeError, ValueError, NotImplementedError):
            return  # not the main thread, or no signals here: nothing to install
        self._loop = loop

    def _check_terminal(self, fd: int) -> None:
        # A terminal can go without a SIGHUP (it was not the controlling terminal, or the
        # signal was lost): Textual's input thread then spins on end-of-file, and the
        # draft would wait for a kill. Treat it as the hang-up it is.
        if not self._terminal_lost and terminal_gone(fd):
            self._terminal_lost = True
            self._hang_up(signal.SIGHUP)

    def _hang_up(self, signum: int) -> None:
        """SIGHUP or SIGTERM: the draft first, then a clean exit."""
        if self.saver is not None:
            self.saver.flush()
        if signum == signal.SIGHUP and self._leave is None:
            self._leave = threading.Timer(HANG_UP_GRACE_S, os._exit, (128 + signum,))
            self._leave.daemon = True
            self._leave.start()
        if self._app is not None:
            self._app.exit(return_code=128 + signum)

    # -- kiosk --------------------------------------------------------------------------

    def keeps_drafts(self) -> bool:
        """Whether the order in progress is saved as a draft (quitting keeps it)."""
        return self.saver is not None

    @property
    def upload_root(self) -> Path | None:
        """The only folder the file picker may show (kiosk mode), else ``None``."""
        return self.kiosk.uploads_dir if self.kiosk is not None else None

    def answers_folder(self) -> Path | None:
        """Where exported answers go in kiosk mode (inside its folder), else ``None``."""
        return self.kiosk.root / "answers" if self.kiosk is not None else None

    def contracts_folder(self) -> Path | None:
        """Where the contract to print goes in kiosk mode (inside its folder, wiped
        with it), else ``None``."""
        return self.kiosk.root / "contracts" if self.kiosk is not None else None

    def allows(self, action: str) -> bool:
        """Whether ``action`` may run: kiosk mode refuses quitting and system tools,
        and only kiosk mode has the reset key."""
        if self.kiosk is None:
            return action != "kiosk_reset"
        return action not in KIOSK_REFUSED

    def touch(self) -> None:
        """A key or mouse event: the kiosk is in use."""
        if self.idle is not None:
            self.idle.touch()

    def _check_idle(self) -> None:
        app = self._app
        if app is None or self.idle is None or not self.idle.expired():
            return
        self.idle.touch()
        if _in_use(app):
            self.wipe(app, "drafts.kiosk_wiped", seconds=round(self.idle.timeout))

    def wipe(self, app: Wizard, message_key: str, **params: object) -> None:
        """Forget the order and the signed-in account, close any dialog, go back to the
        sign-in and say why (``message_key`` with ``params``)."""
        while isinstance(app.screen, ModalScreen) and len(app.screen_stack) > 1:
            app.pop_screen()
        app.state.sign_out()
        self.saved = None
        self._offer_pending = False
        if self.saver is not None:
            self.saver.discard()
        self._on_disk = False
        if self.kiosk is not None:
            self.kiosk.clear_drafts()
        app.go_to("sign_in")
        self._notify(app.tr(message_key, **params), "information")

    def _notify(self, message: str, severity: str) -> None:
        if self._app is not None:
            self._app.notify(message, severity=severity, markup=False, timeout=10)  # type: ignore[arg-type]


def _order_step(name: str) -> StepId:
    return next((s for s in ORDER_STEPS if s == name), "number")


def terminal_gone(fd: int) -> bool:
    """Whether the terminal on ``fd`` has hung up (its other end closed), asked without
    reading anything from it."""
    poller = select.poll()
    poller.register(fd, select.POLLIN)  # hang-up and invalid are reported regardless
    return any(events & (select.POLLHUP | select.POLLNVAL) for _fd, events in poller.poll(0))


def _terminal_fd(app: Wizard) -> int | None:
    """The terminal the app reads its keys from, or ``None`` (headless, piped)."""
    stdin = sys.__stdin__
    if app.is_headless or stdin is None or not hasattr(select, "poll"):
        return None
    try:
        return stdin.fileno() if stdin.isatty() else None
    except (OSError, ValueError):
        return None


def _in_use(app: Wizard) -> bool:
    """Whether there is anything to wipe (an idle kiosk at the sign-in is left alone)."""
    return app.current_step != "sign_in" or app.state.in_use or isinstance(app.screen, ModalScreen)
