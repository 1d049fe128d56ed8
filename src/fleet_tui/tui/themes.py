"""The three themes (``--theme default|light|high-contrast``) as Textual themes.

Colours are chosen to stay legible when a 16-colour terminal (``TERM=linux``) maps
them to its palette: on such a terminal the default theme becomes an ANSI theme that
uses the terminal's own colours. ``NO_COLOR`` is honoured by Textual itself (every
colour is filtered to monochrome); states never rely on colour alone anyway.
"""

from __future__ import annotations

from typing import Literal

from textual.theme import Theme

ThemeName = Literal["default", "light", "high-contrast"]
THEME_NAMES: tuple[ThemeName, ...] = ("default", "light", "high-contrast")

_ORANGE = "#FF7900"

THEMES: dict[str, Theme] = {
    "fleet-default": Theme(
        name="fleet-default",
        primary=_ORANGE,
        secondary="#4BB4E6",
        accent=_ORANGE,
        warning="#FFCC00",
        error="#FF5555",
        success="#50BE87",
        foreground="#EEEEEE",
        background="#141414",
        surface="#1E1E1E",
        panel="#2A2A2A",
        dark=True,
    ),
    "fleet-light": Theme(
        name="fleet-light",
        primary="#B35400",
        secondary="#085EBD",
        accent="#B35400",
        warning="#8A5A00",
        error="#B00020",
        success="#1B7A3D",
        foreground="#111111",
        background="#FAFAFA",
        surface="#F0F0F0",
        panel="#E2E2E2",
        dark=False,
    ),
    "fleet-high-contrast": Theme(
        name="fleet-high-contrast",
        primary="#FFFF00",
        secondary="#00FFFF",
        accent="#FFFF00",
        warning="#FFFF00",
        error="#FF0000",
        success="#00FF00",
        foreground="#FFFFFF",
        background="#000000",
        surface="#000000",
        panel="#000000",
        boost="#000000",
        dark=True,
        luminosity_spread=0.0,
        text_alpha=1.0,
        variables={
            "text-muted": "#FFFFFF",
            "border-blurred": "#FFFFFF",
            "footer-key-foreground": "#FFFF00",
            "footer-description-foreground": "#FFFFFF",
            "block-cursor-background": "#FFFF00",
            "block-cursor-foreground": "#000000",
            "input-cursor-background": "#FFFFFF",
            "input-cursor-foreground": "#000000",
        },
    ),
    # Used instead of fleet-default on terminals with 16 colours or fewer.
    "fleet-ansi": Theme(
        name="fleet-ansi",
        ansi=True,
        primary="ansi_yellow",
        secondary="ansi_cyan",
        accent="ansi_yellow",
        warning="ansi_yellow",
        error="ansi_bright_red",
        success="ansi_green",
        foreground="ansi_default",
        background="ansi_default",
        surface="ansi_default",
        panel="ansi_default",
        boost="ansi_default",
        dark=True,
        variables={
            "ansi-background": "ansi_black",
            "ansi-foreground": "ansi_white",
            "text-muted": "ansi_white",
            "border-blurred": "ansi_white",
            "block-cursor-foreground": "ansi_black",
            "block-cursor-background": "ansi_white",
            "input-cursor-background": "ansi_white",
            "input-cursor-foreground": "ansi_black",
            "input-cursor-text-style": "none",
            "footer-key-foreground": "ansi_yellow",
        },
    ),
}


def textual_theme(name: str, color_system: str | None) -> str:
    """The registered theme for ``--theme name`` on a terminal with ``color_system``
    (Rich's names: ``truecolor``, ``256``, ``standard``, ``windows``)."""
    if name == "light":
        return "fleet-light"
    if name == "high-contrast":
        return "fleet-high-contrast"
    if color_system in ("standard", "windows"):
        return "fleet-ansi"
    return "fleet-default"


def next_theme(name: ThemeName) -> ThemeName:
    """The theme after ``name`` (F3 cycles through them)."""
    return THEME_NAMES[(THEME_NAMES.index(name) + 1) % len(THEME_NAMES)]
