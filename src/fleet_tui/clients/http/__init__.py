"""The HTTP client (``--client http``): see :mod:`fleet_tui.clients.http.client`."""

from fleet_tui.clients.http.client import DEFAULT_API_URL, HttpClient
from fleet_tui.clients.http.retry import RetryPolicy

__all__ = ["DEFAULT_API_URL", "HttpClient", "RetryPolicy"]
