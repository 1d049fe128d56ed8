"""Find clients by name among the ``fleet_tui.clients`` entry points."""

from __future__ import annotations

from importlib.metadata import EntryPoint, entry_points

from fleet_tui.clients.base import Client, ClientOptions

GROUP = "fleet_tui.clients"
DEFAULT_CLIENT = "demo"


class UnknownClient(LookupError):
    """No client of that name is installed."""


def available() -> dict[str, EntryPoint]:
    """Installed clients by name."""
    return {ep.name: ep for ep in entry_points(group=GROUP)}


def load_client(name: str, options: ClientOptions | None = None) -> Client:
    """Build the client registered as ``name``."""
    found = available().get(name)
    if found is None:
        raise UnknownClient(name)
    cls = found.load()
    if not (isinstance(cls, type) and issubclass(cls, Client)):
        raise UnknownClient(name)
    return cls.from_options(options or ClientOptions())
