"""The eSIM QR code is read back from what the terminal shows, not from the model.

The confirmation screen is composited at 80x24 exactly as it is sent to the terminal
(the compositor's strips: characters and their colours). The cells under the QR
widget are turned into pixels — each half block gives an upper and a lower module,
dark or light according to the colour actually drawn for that half — and the image is
decoded with ZXing. It must give back the activation code. The code is a secret: it
shows only after F6 (:func:`reveal`).
"""

from __future__ import annotations

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.pilot import Pilot

from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens.confirmation import ConfirmationScreen
from fleet_tui.tui.widgets.qr import QrCode
from tests.support.qr import decode_modules
from tests.support.screens import open_step
from tests.tui.card_helpers import card_draft, submit
from tests.tui.conftest import SIZE

#: Pixels per module in the rasterised image (ZXing likes a few).
SCALE = 6


def _is_dark(color: Color | None) -> bool:
    assert color is not None, "the QR code must set its colours explicitly"
    red, green, blue = color.get_truecolor()
    return (0.299 * red + 0.587 * green + 0.114 * blue) < 128


def _halves(char: str, style: Style) -> tuple[bool, bool]:
    """(upper dark, lower dark) of one cell as drawn: which colour covers which half."""
    fg, bg = _is_dark(style.color), _is_dark(style.bgcolor)
    if style.reverse:
        fg, bg = bg, fg
    return {
        "█": (fg, fg),
        "▀": (fg, bg),
        "▄": (bg, fg),
        " ": (bg, bg),
    }[char]


def rendered_modules(app: FleetApp, widget: QrCode) -> list[list[bool]]:
    """The QR widget's cells from the composited screen, as rows of dark modules."""
    region = widget.region
    assert region.width and region.height
    screen_width, screen_height = app.size
    assert region.right <= screen_width and region.bottom <= screen_height, (
        "the whole code must be on screen"
    )
    strips = app.screen._compositor.render_strips()
    modules: list[list[bool]] = []
    for y in range(region.y, region.bottom):
        cells: list[tuple[str, Style]] = []
        for segment in strips[y]:
            text, style = segment.text, segment.style or Style()
            cells.extend((char, style) for char in text)
        row = cells[region.x : region.right]
        assert len(row) == region.width, "the code must not be clipped horizontally"
        upper = [_halves(char, style)[0] for char, style in row]
        lower = [_halves(char, style)[1] for char, style in row]
        modules += [upper, lower]
    return modules


async def drawn(pilot: Pilot[None]) -> QrCode | None:
    """Wait for the screen's QR code to be encoded (thread workers) and drawn."""
    for _ in range(100):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        found = pilot.app.screen.query(QrCode)
        if found and found.first().rows:
            await pilot.pause()
            return found.first()
        measured = getattr(pilot.app.screen, "measured", True)  # the QR view measures first
        if not found and measured and not pilot.app.workers:
            return None
    raise AssertionError("the QR code was never drawn")


async def reveal(pilot: Pilot[None]) -> QrCode:
    """F6 on the confirmation, then wait for the QR code's encoding thread."""
    await pilot.press("f6")
    qr = await drawn(pilot)
    assert qr is not None
    return qr


def decode(modules: list[list[bool]]) -> list[str]:
    """Decode a module grid with ZXing, dark on light only (as a phone reads it)."""
    return decode_modules(modules, SCALE)


async def test_qr_on_screen_decodes_to_the_activation_code(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, "review", card_draft(sim="esim", send_qr=True))
        await submit(pilot)
        screen = app.screen
        assert isinstance(screen, ConfirmationScreen)
        code = screen.confirmation.activation_code
        assert code
        assert not screen.query(QrCode)  # hidden until asked for
        qr = await reveal(pilot)
        # At 80x24 the code is taller than what is left under the title: scroll to it.
        qr.scroll_visible(animate=False, top=True)
        await pilot.pause()
        modules = rendered_modules(app, qr)
        # Quiet zone: the outer 4 modules (2 cell rows) are light all around.
        for row in modules[:4] + modules[-4:]:
            assert not any(row)
        assert not any(any(row[:4]) or any(row[-4:]) for row in modules)
        assert decode(modules) == [code]


async def test_qr_is_black_on_white_whatever_the_theme(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, "review", card_draft(sim="esim", send_qr=True))
        await submit(pilot)
        qr = await reveal(pilot)
        qr.scroll_visible(animate=False, top=True)
        await pilot.pause()
        light_theme_modules = None
        for theme in ("textual-light", "textual-dark"):
            app.theme = theme
            await pilot.pause()
            modules = rendered_modules(app, qr)
            if light_theme_modules is None:
                light_theme_modules = modules
            assert modules == light_theme_modules
        strips = app.screen._compositor.render_strips()
        region = qr.region
        colours = {
            (segment.style.color, segment.style.bgcolor)
            for y in range(region.y, region.bottom)
            for segment in strips[y].crop(region.x, region.right)
            if isinstance(segment, Segment) and segment.style is not None
        }
        assert {(c.get_truecolor(), b.get_truecolor()) for c, b in colours if c and b} == {
            ((0, 0, 0), (255, 255, 255))
        }
