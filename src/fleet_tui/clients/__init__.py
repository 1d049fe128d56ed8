"""Clients: where orders go. One async interface (:mod:`fleet_tui.clients.base`), found by
name among the ``fleet_tui.clients`` entry points (:mod:`fleet_tui.clients.registry`).
Imports neither Textual nor Rich."""
