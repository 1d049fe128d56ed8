"""The Invoice Split contract laid out as a one-page A4 PDF, with fpdf2.

fpdf2's built-in fonts are Latin-1 only and have no €, which every profile name
carries ("Titanium Executive 20€"), so the text is set in a subset of DejaVu Sans
shipped in ``fonts/`` (accents, €, typographic quotes; ~120 kB for both weights, and
only the glyphs used are embedded). A character outside that subset cannot be drawn:
it is replaced by "?" rather than vanishing silently.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from importlib import resources
from pathlib import Path

from fleet_tui.session.invoice_contract import ContractContent

FONT = "DejaVuSans"
_FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
#: Printable width of an A4 page with 20 mm margins, in mm.
_WIDTH = 170.0


def _font_path(style: str) -> Path:
    return Path(str(resources.files(__package__).joinpath("fonts", _FONT_FILES[style])))


@cache
def _drawable() -> frozenset[int]:
    """The code points the shipped font can draw (both weights share one subset)."""
    from fpdf import FPDF
    from fpdf.fonts import TTFFont

    probe = FPDF()
    probe.add_font(FONT, "", str(_font_path("")))
    font = probe.fonts[FONT.lower()]
    return frozenset(font.cmap) if isinstance(font, TTFFont) else frozenset(range(32, 256))


def drawable(text: str) -> str:
    """``text`` with every character the font cannot draw replaced by "?"."""
    known = _drawable()
    return "".join(c if ord(c) in known or c in "\n" else "?" for c in text)


def render_pdf(content: ContractContent, created: datetime) -> bytes:
    """The contract as PDF bytes (A4, one page for any content the order can hold)."""
    from fpdf import FPDF

    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(auto=True, margin=20)
    for style in _FONT_FILES:
        pdf.add_font(FONT, style, str(_font_path(style)))
    pdf.set_title(drawable(content.title))
    pdf.set_lang(content.lang)
    pdf.set_creator("fleet-tui")
    pdf.set_creation_date(created)
    pdf.add_page()

    def text(line: str, size: float = 10.5, style: str = "", height: float = 5.5) -> None:
        pdf.set_font(FONT, style, size)
        pdf.multi_cell(_WIDTH, height, drawable(line), new_x="LMARGIN", new_y="NEXT")

    def rows(pairs: list[tuple[str, str]]) -> None:
        for label, value in pairs:
            pdf.set_font(FONT, "B", 10.5)
            pdf.cell(60, 7, drawable(label))
            pdf.set_font(FONT, "", 10.5)
            pdf.multi_cell(_WIDTH - 60, 7, drawable(value), new_x="LMARGIN", new_y="NEXT")

    text(content.title, 18, "B", 9)
    pdf.ln(3)
    text(content.intro)
    pdf.ln(4)
    rows(content.parties)
    pdf.ln(4)
    text(content.line_heading, 13, "B", 7)
    rows(content.line)
    pdf.ln(6)
    text(content.signatures_heading, 13, "B", 7)
    pdf.ln(2)
    # Two boxes side by side: the employee, the company; each with a name line.
    box_width, box_height, gap = (_WIDTH - 10) / 2, 38.0, 10.0
    top = pdf.get_y()
    for n, caption in enumerate(content.signatures):
        x = pdf.l_margin + n * (box_width + gap)
        pdf.rect(x, top, box_width, box_height)
        pdf.set_xy(x + 2, top + 2)
        pdf.set_font(FONT, "", 9.5)
        pdf.multi_cell(box_width - 4, 5, drawable(caption))
    pdf.set_xy(pdf.l_margin, top + box_height + 8)
    pdf.set_font(FONT, "", 10.5)
    pdf.cell(_WIDTH / 2, 7, drawable(content.date_line))
    pdf.cell(_WIDTH / 2, 7, drawable(content.place_line))
    pdf.ln(16)
    text(content.prepared, 9, "", 5)
    return bytes(pdf.output())
