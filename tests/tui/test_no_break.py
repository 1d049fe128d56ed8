"""A French sentence wrapped by Textual never starts a line with ``:`` or ``?``: the
no-break space before them holds (Textual's own chunking broke there)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.content import Content

from fleet_tui.core.i18n import t
from fleet_tui.tui.app import FleetApp

from .conftest import screen_text


# From 17 columns: narrower, "agrandissez-la ?" (16) is longer than a line and folded.
@pytest.mark.parametrize("width", range(17, 60))
def test_wrapping_keeps_the_sign_with_its_word(
    make_app: Callable[..., FleetApp], width: int
) -> None:
    make_app()  # the app installs the rule
    text = "Fenêtre trop petite\u00a0: agrandissez-la\u202f? Voulez-vous la reprendre\u202f?"
    lines = [line.plain for line in Content(text).wrap(width)]
    assert all(not line.lstrip().startswith((":", "?")) for line in lines), lines
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


async def test_the_too_small_notice_keeps_its_colon_on_its_line(
    make_app: Callable[..., FleetApp],
) -> None:
    app = make_app(lang="fr")
    async with app.run_test(size=(40, 20)) as pilot:  # below 80x24: the notice shows
        await pilot.pause()
        notice = t("tui.too_small", "fr", width=80, height=24)
        assert "\u00a0:" in notice
        rows = [row.strip() for row in screen_text(app).splitlines()]
        assert not any(row.startswith(":") for row in rows), rows
