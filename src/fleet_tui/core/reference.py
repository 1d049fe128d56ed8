"""Order references such as ``OBE-2206291535-UYGU`` (SPEC §2, step 7).

``OBE-`` + the submission time ``YYMMDDHHMM`` in Europe/Brussels + ``-`` + four random
uppercase letters. Uniqueness per backend is the backend's job (draw again on a clash);
the random part only makes clashes rare (26⁴ = 456,976 per minute).
"""

from __future__ import annotations

import random
import re
import secrets
import string
from datetime import datetime
from typing import Final

from fleet_tui.core.processing import BRUSSELS

PREFIX: Final = "OBE-"
REFERENCE_RE: Final = re.compile(r"OBE-[0-9]{10}-[A-Z]{4}")


def new_reference(at: datetime, rng: random.Random | secrets.SystemRandom | None = None) -> str:
    """A reference for an order submitted at ``at`` (timezone-aware).

    ``rng`` makes the letters reproducible in tests; by default they come from
    :mod:`secrets`, so references cannot be guessed from one another.
    """
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("at must be timezone-aware")
    stamp = at.astimezone(BRUSSELS).strftime("%y%m%d%H%M")
    choose = rng.choice if rng is not None else secrets.choice
    letters = "".join(choose(string.ascii_uppercase) for _ in range(4))
    return f"{PREFIX}{stamp}-{letters}"


def is_reference(text: str) -> bool:
    """Whether ``text`` is exactly a reference in this format."""
    return REFERENCE_RE.fullmatch(text) is not None
