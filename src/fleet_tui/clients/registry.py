"""Find clients by name among the ``fleet_tui.clients`` entry points.

Finding a client (:func:`find_client`) imports nothing heavy for the built-in ones, so
the wizard can draw its sign-in screen while the client's modules load.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

    from fleet_tui.clients.base import Client, ClientOptions

GROUP = "fleet_tui.clients"
DEFAULT_CLIENT = "demo"

#: ``needs_password`` of the built-in clients by name (a test keeps it in step with the
#: classes): known without reading the installed packages' metadata (which imports
#: ``email`` and ``zipfile``) nor importing the clients' order model and backends.
BUILT_IN_NEEDS_PASSWORD: dict[str, bool] = {"demo": True, "http": True}


class UnknownClient(LookupError):
    """No client of that name is installed."""


@dataclass(frozen=True)
class ClientSpec:
    """A client known by name, not built yet: what a sign-in screen needs to know."""

    #: The name used with ``--client`` (the entry point's name).
    name: str
    #: Whether the client signs in with a user name and password.
    needs_password: bool

    def build(self, options: ClientOptions | None = None) -> Client:
        """Import the client's class, check ``options.extra`` against the options it
        declares, and build the client from ``options``.

        Raises :class:`UnknownClient`, and
        :class:`~fleet_tui.clients.base.UnknownClientOption` or
        :class:`~fleet_tui.clients.base.ClientOptionRefused` (before the client is built).
        """
        from fleet_tui.clients.base import ClientOptions

        options = options or ClientOptions()
        cls = _client_class(self.name)
        cls.option_values(options.extra)  # a plugin's from_options may not check them
        return cls.from_options(options)


def available() -> dict[str, EntryPoint]:
    """Installed clients by name."""
    from importlib.metadata import entry_points

    return {ep.name: ep for ep in entry_points(group=GROUP)}


def _client_class(name: str) -> type[Client]:
    from fleet_tui.clients.base import Client

    found = available().get(name)
    if found is None:
        raise UnknownClient(name)
    cls = found.load()
    if not (isinstance(cls, type) and issubclass(cls, Client)):
        raise UnknownClient(name)
    return cls


def find_client(name: str) -> ClientSpec:
    """The client registered as ``name``. Nothing is imported for a built-in client
    (whether it is installed is checked by :meth:`ClientSpec.build`); a plugin's class
    is imported to read its ``needs_password``.

    Raises :class:`UnknownClient`.
    """
    known = BUILT_IN_NEEDS_PASSWORD.get(name)
    if known is not None:
        return ClientSpec(name, known)
    return ClientSpec(name, _client_class(name).needs_password)


def load_client(name: str, options: ClientOptions | None = None) -> Client:
    """Build the client registered as ``name``.

    Raises :class:`UnknownClient`.
    """
    return ClientSpec(name, True).build(options)
