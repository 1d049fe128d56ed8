"""fleet-tui: add a mobile line to an Orange Belgium business fleet from the terminal."""

__version__ = "0.1.0"
