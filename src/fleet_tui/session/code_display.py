"""How the wizard shows an eSIM activation code: for how long, and which QR drawing.

The activation code is single-use and whoever installs it first takes the line, so the
confirmation shows it only on request and hides it again after ``timeout`` seconds
(setting ``esim_code_timeout``, ``FLEET_TUI_ESIM_CODE_TIMEOUT``, ``--code-timeout``).
``drawing`` (``qr_drawing``, ``FLEET_TUI_QR_DRAWING``, ``--qr-drawing``) picks the QR
code's drawing: ``auto`` (the largest that fits), ``half`` or ``full`` blocks.

Read from the raw settings without pydantic: the wizard needs it before the model loads.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal, cast

DrawingChoice = Literal["auto", "half", "full"]
DRAWING_CHOICES: Final[tuple[DrawingChoice, ...]] = ("auto", "half", "full")
DEFAULT_TIMEOUT_S: Final = 120.0


@dataclass(frozen=True)
class CodeDisplay:
    """Seconds the code stays shown, and the preferred QR drawing."""

    timeout: float = DEFAULT_TIMEOUT_S
    drawing: DrawingChoice = "auto"

    def __post_init__(self) -> None:
        if not (math.isfinite(self.timeout) and self.timeout > 0):
            raise ValueError("esim_code_timeout must be a positive number of seconds")
        if self.drawing not in DRAWING_CHOICES:
            raise ValueError(f"qr_drawing must be one of {', '.join(DRAWING_CHOICES)}")

    @classmethod
    def from_raw(cls, raw: Mapping[str, Any]) -> CodeDisplay:
        """From merged raw settings (strings from the environment, numbers from TOML).

        Raises :class:`ValueError`."""
        timeout = raw.get("esim_code_timeout", DEFAULT_TIMEOUT_S)
        if isinstance(timeout, bool) or not isinstance(timeout, int | float | str):
            raise ValueError("esim_code_timeout must be a number of seconds")
        drawing = str(raw.get("qr_drawing", "auto")).strip().lower()
        return cls(float(timeout), cast(DrawingChoice, drawing))
