"""The validated settings model (pydantic); see :mod:`fleet_tui.session.config` for where the
values come from. Kept apart so that reading the raw values never imports pydantic."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr


class Settings(BaseModel):
    """Everything fleet-tui can be configured with."""

    model_config = ConfigDict(extra="ignore")

    client: str = "demo"
    lang: Literal["fr", "nl", "en"] = "fr"
    data_dir: Path | None = None
    api_url: str | None = None
    token: SecretStr | None = None
    verify_tls: bool = True
    theme: str = "default"
    #: Seconds an eSIM activation code stays shown on the confirmation (then hidden).
    esim_code_timeout: float = Field(default=120.0, gt=0, allow_inf_nan=False)
    #: The QR code's drawing: the largest that fits, half blocks, or full blocks.
    qr_drawing: Literal["auto", "half", "full"] = "auto"
