"""How ``serve-web --uploads-dir`` tells each wizard it starts where the booth's scans
are: an environment variable, set for the wizard processes only (textual-serve starts
them with the server's environment plus its own)."""

from __future__ import annotations

from typing import Final

#: The folder of signed Invoice Split scans offered in the browser.
WEB_UPLOADS_ENV: Final = "FLEET_TUI_WEB_UPLOADS"
