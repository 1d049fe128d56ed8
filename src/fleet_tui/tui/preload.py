"""What the wizard loads right after its first frame: the client (its order model,
backend and pydantic) and the order draft's rules, in a thread, while the operator
already types on the sign-in screen. No Textual here.

Anything that needs the client waits for it (:meth:`Preload.wait` in a worker,
:meth:`Preload.result` elsewhere) rather than failing.
"""

from __future__ import annotations

import asyncio
import importlib
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import SecretStr

    from fleet_tui.clients.base import Client
    from fleet_tui.tui.hooks import WizardHooks

#: Imported in the thread as well, so that the first step after the sign-in is quick.
WARM_MODULES = ("fleet_tui.core.draft", "fleet_tui.core.rules")


@dataclass(frozen=True)
class Loaded:
    """The result of a :class:`Preload`."""

    client: Client
    #: A ready token (``FLEET_TUI_TOKEN``), if any.
    token: SecretStr | None = None
    #: Drafts (see :mod:`fleet_tui.tui.resilience`), attached once loaded.
    resilience: WizardHooks | None = None


class Preload:
    """A client being built in a background thread.

    ``name``, ``needs_password`` and ``has_token`` are known at once (the sign-in screen
    is drawn from them); the rest comes from ``load``, run once by :meth:`start`.
    """

    def __init__(
        self,
        *,
        name: str,
        needs_password: bool,
        has_token: bool,
        load: Callable[[], Loaded],
    ) -> None:
        self.name = name
        self.needs_password = needs_password
        self.has_token = has_token
        self._load = load
        self._future: Future[Loaded] = Future()
        self._lock = threading.Lock()
        self._started = False

    @classmethod
    def ready(cls, client: Client, token: SecretStr | None = None) -> Preload:
        """A preload that is already done (tests, and callers that built the client)."""
        done = cls(
            name=client.name,
            needs_password=client.needs_password,
            has_token=token is not None,
            load=lambda: Loaded(client, token),
        )
        done._started = True
        done._future.set_result(Loaded(client, token))
        return done

    def start(self, on_error: Callable[[BaseException], None] | None = None) -> None:
        """Start loading in a daemon thread (once); ``on_error`` is called from that
        thread if loading fails."""
        with self._lock:
            if self._started:
                return
            self._started = True
        # Running: a waiter that is cancelled (a restarted worker) cannot cancel it.
        self._future.set_running_or_notify_cancel()
        if on_error is not None:
            self._future.add_done_callback(
                lambda future: on_error(error) if (error := future.exception()) else None
            )
        threading.Thread(target=self._run, name="fleet-tui-preload", daemon=True).start()

    def _run(self) -> None:
        try:
            for module in WARM_MODULES:
                importlib.import_module(module)
            self._future.set_result(self._load())
        except BaseException as exc:  # handed to whoever waits
            self._future.set_exception(exc)

    @property
    def done(self) -> bool:
        """Whether loading has finished (successfully or not)."""
        return self._future.done()

    @property
    def error(self) -> BaseException | None:
        """Why loading failed, once it has finished; ``None`` if it succeeded or runs."""
        return self._future.exception() if self._future.done() else None

    def result(self) -> Loaded:
        """The loaded client, waiting for it if needed (starts loading if not yet)."""
        self.start()
        return self._future.result()

    async def wait(self) -> Loaded:
        """The loaded client, awaited without blocking the event loop (once
        :meth:`start` has been called)."""
        return await asyncio.wrap_future(self._future)
