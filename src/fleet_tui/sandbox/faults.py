"""Opt-in fault injection: the sandbox misbehaves like a bad network or a sick backend.

With :class:`Faults` given to :func:`fleet_tui.sandbox.app.create_app` (or
``FLEET_TUI_SANDBOX_FAULTS=0.2`` in the environment of ``fleet-tui sandbox``), that share of
``/v1/`` requests meets one fault, picked at random:

- ``drop``: the connection is closed in the middle of the answer;
- ``unavailable``: a 503 answer;
- ``stall``: the answer comes ``stall_seconds`` late (past the client's read timeout).

Each happens either *before* the request is handled (nothing was done) or *after* (the
order was stored, only the answer is lost), so a client's retries meet both cases for
real. The request body is always read in full first, so a stalled request is still
handled after its client gave up, as a slow server would.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fleet_tui.sandbox.raw_answer import send_json

FaultKind = Literal["drop", "unavailable", "stall"]
FaultMoment = Literal["before", "after"]
KINDS: tuple[FaultKind, ...] = ("drop", "unavailable", "stall")
MOMENTS: tuple[FaultMoment, ...] = ("before", "after")

ENV_RATE = "FLEET_TUI_SANDBOX_FAULTS"
ENV_SEED = "FLEET_TUI_SANDBOX_FAULT_SEED"
ENV_STALL = "FLEET_TUI_SANDBOX_STALL_SECONDS"


@dataclass(frozen=True)
class Faults:
    """How often to misbehave (0–1), the random seed, and how long a stall lasts."""

    rate: float
    seed: int | None = None
    stall_seconds: float = 3.0
    kinds: tuple[FaultKind, ...] = KINDS

    def __post_init__(self) -> None:
        if not 0.0 <= self.rate <= 1.0:
            raise ValueError("the fault rate must be between 0 and 1")
        if self.stall_seconds < 0:
            raise ValueError("the stall must not be negative")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Faults | None:
        """Faults from ``FLEET_TUI_SANDBOX_FAULTS`` (and ``_FAULT_SEED``,
        ``_STALL_SECONDS``); ``None`` when unset or 0."""
        raw = environ.get(ENV_RATE, "").strip()
        if not raw:
            return None
        rate = float(raw)
        if rate == 0:
            return None
        seed = environ.get(ENV_SEED)
        stall = environ.get(ENV_STALL)
        return cls(
            rate=rate,
            seed=int(seed) if seed else None,
            stall_seconds=float(stall) if stall else 3.0,
        )


class FaultInjector:
    """ASGI middleware that applies :class:`Faults` to ``/v1/`` requests."""

    def __init__(self, app: ASGIApp, faults: Faults) -> None:
        self.app = app
        self.faults = faults
        self._rng = random.Random(faults.seed)
        #: How many faults of each kind and moment were injected (for tests and logs).
        self.injected: dict[str, int] = {}

    def _pick(self) -> tuple[FaultKind, FaultMoment] | None:
        if self._rng.random() >= self.faults.rate:
            return None
        return self._rng.choice(self.faults.kinds), self._rng.choice(MOMENTS)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope["type"] != "http" or not path.startswith("/v1/") or path.endswith(".json"):
            await self.app(scope, receive, send)
            return
        fault = self._pick()
        if fault is None:
            await self.app(scope, receive, send)
            return
        kind, moment = fault
        name = f"{kind}-{moment}"
        self.injected[name] = self.injected.get(name, 0) + 1
        replay = await _buffered_request(receive)
        if moment == "before":
            if kind == "drop":
                await _drop(send, 200)
                return
            if kind == "unavailable":
                await _unavailable(send)
                return
            await asyncio.sleep(self.faults.stall_seconds)
            await self.app(scope, replay, send)
            return
        answer: list[Message] = []

        async def keep(message: Message) -> None:
            answer.append(message)

        await self.app(scope, replay, keep)
        if kind == "drop":
            status = next((m["status"] for m in answer if m["type"] == "http.response.start"), 200)
            await _drop(send, int(status))
        elif kind == "unavailable":
            await _unavailable(send)
        else:
            await asyncio.sleep(self.faults.stall_seconds)
            for message in answer:
                await send(message)


async def _buffered_request(receive: Receive) -> Receive:
    """Read the whole request body now; return a ``receive`` that replays it."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    pending: list[Message] = [{"type": "http.request", "body": b"".join(chunks)}]

    async def replay() -> Message:
        if pending:
            return pending.pop()
        # After the body, a handler only ever waits for the client to go away.
        return await receive()

    return replay


async def _drop(send: Send, status: int) -> None:
    # Promise a body, send a byte of it, and return: the server then closes the
    # connection, and the client meets a truncated answer (a RemoteProtocolError).
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", b"64")],
        }
    )
    await send({"type": "http.response.body", "body": b"{", "more_body": True})


async def _unavailable(send: Send) -> None:
    body: dict[str, Any] = {
        "errors": [{"field": "", "code": "unavailable", "params": {}, "message": ""}]
    }
    await send_json(send, 503, json.dumps(body).encode())
