"""The session layer: what every front end shares between the core and the screens.

Settings (the config file, ``FLEET_TUI_*`` variables, options), drafts of orders in
progress, kiosk sessions, answers files, the Invoice Split contract to print, and the
submission of a draft through a client; the wizard's session state
(:mod:`fleet_tui.session.wizard_state`). No Textual, no Rich: the TUI, the CLI and the
servers build on it.
"""
