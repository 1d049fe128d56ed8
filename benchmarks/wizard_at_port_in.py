"""Benchmark launcher: the wizard, signed in to a fresh demo store, opened at the port-in
step of a prepaid transfer — so that a pty can type straight into a validated field."""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from textual import events

from fleet_tui.clients.base import ClientOptions, Credentials, Session
from fleet_tui.clients.demo import DemoClient
from fleet_tui.core.draft import OrderDraft
from fleet_tui.core.rules import OrderContext
from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.steps import step


class PortInApp(FleetApp):
    """FleetApp that starts at step 4 instead of the sign-in."""

    def on_mount(self, event: events.Mount) -> None:  # type: ignore[override]
        event.prevent_default()
        self.current_step = "port_in"
        self.push_screen(step("port_in").build())


async def _signed_in(client: DemoClient) -> tuple[Session, OrderContext]:
    session = await client.sign_in(Credentials(username="patricia", password="demo"))
    return session, await client.order_context()


def main() -> None:
    data_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
    client = DemoClient.from_options(ClientOptions(data_dir=data_dir))
    assert isinstance(client, DemoClient)
    session, context = asyncio.run(_signed_in(client))
    draft = OrderDraft(number_request="transfer", current_operator="proximus", card_type="prepaid")
    app = PortInApp(client, lang="en", draft=draft)
    app.state.signed_in(session, context)
    app.run()


if __name__ == "__main__":
    main()
