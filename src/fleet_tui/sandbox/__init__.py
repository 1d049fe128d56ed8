"""The HTTP sandbox: the REST contract (``openapi.json``) served from the demo backend's
logic and SQLite store, on Starlette and uvicorn (the ``sandbox`` extra).

Nothing outside this package imports it, so the core and the clients never need
Starlette or uvicorn. Start it with ``fleet-tui sandbox`` or
:func:`fleet_tui.sandbox.server.serve`; tests use :class:`~fleet_tui.sandbox.server.ServerThread`.
"""
