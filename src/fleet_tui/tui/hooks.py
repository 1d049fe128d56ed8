"""What the wizard calls on the hooks that keep an order alive (drafts, signals, kiosk).

A protocol with no imports from the wizard, so that the preload (which carries the
hooks built in its thread) and :class:`fleet_tui.tui.host.Wizard` (which holds them) can
name it without importing :mod:`fleet_tui.tui.resilience`, which implements it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol


class WizardHooks(Protocol):
    """What the wizard and its screens call on the resilience hooks
    (:class:`fleet_tui.tui.resilience.Resilience`). ``app`` is the :class:`Wizard`; it is
    typed ``Any`` here: this protocol sits below the preload, which carries it, and below
    :mod:`fleet_tui.tui.host`, which names it."""

    @property
    def upload_root(self) -> Path | None:
        """The only folder the file picker may open (kiosk mode), if any."""
        ...

    def attach(self, app: Any) -> None:
        """Start with ``app``."""

    def detach(self) -> None:
        """Stop."""

    def touch(self) -> None:
        """The operator pressed a key or moved the mouse."""

    def changed(self, app: Any) -> None:
        """The draft changed."""

    def step_shown(self, app: Any) -> None:
        """A step was shown."""

    def submitted(self) -> None:
        """The order was accepted."""

    def answers_folder(self) -> Path | None:
        """Where Ctrl+S saves the answers, if anywhere."""

    def allows(self, action: str) -> bool:
        """Whether ``action`` may run (kiosk mode refuses some)."""

    def wipe(self, app: Any, message_key: str, **params: object) -> None:
        """Forget the order and start over, saying why."""
