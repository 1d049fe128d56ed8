"""The exit codes of every ``fleet-tui`` command (README: "Exit code").

A leaf module: the commands import their codes from here, never from ``cli.main``,
which imports the commands.
"""

from __future__ import annotations

EXIT_OK = 0
"""Done: every order valid (``validate``) or submitted (``submit``)."""

EXIT_INVALID = 1
"""Invalid input: a file, an order, an option or a field the backend refused."""

EXIT_BACKEND = 2
"""Backend failure: unknown client, sign-in refused, backend unavailable, conflict."""
