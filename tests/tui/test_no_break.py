"""A French sentence wrapped by Textual never starts a line with ``:`` or ``?``: the
no-break space before them holds (Textual's own chunking broke there)."""

from __future__ import annotations

import re
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


async def test_french_labels_take_a_no_break_space_before_their_colon(app: FleetApp) -> None:
    # The review's "label: value" rows were put together in code with an English colon.
    from tests.tui.test_review_safety import open_review

    async with app.run_test(size=(100, 50)) as pilot:
        await open_review(pilot)
        text = screen_text(app)
        assert "Numéro\u00a0: " in text, text
        assert not re.search(r"\w: ", text), text
