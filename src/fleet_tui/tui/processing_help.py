"""The seed's processing-time table as text for the help dialog, with the row and the
cell that apply to the order marked in words and signs (not by colour alone)."""

from __future__ import annotations

from fleet_tui.core.i18n import Translator
from fleet_tui.core.processing import RuleCode
from fleet_tui.core.processing_table import TABLE


def processing_table_text(
    tr: Translator, applies: RuleCode | None, *, ascii_only: bool = False
) -> str:
    """The table, one activation type per paragraph, its cells indented under it.

    ``applies`` is the rule of the order (``None`` while the order is incomplete: then
    a line says the row will be marked once it is)."""
    mark = ">" if ascii_only else "▶"
    lines = [tr("help.processing.intro"), ""]
    for row in TABLE:
        marked_row = any(cell.rule == applies for cell in row.cells)
        prefix = f"{mark} " if marked_row else "  "
        lines.append(prefix + tr(f"help.processing.row.{row.code}"))
        for cell in row.cells:
            text = tr(
                "help.processing.cell",
                column=tr(f"help.processing.{cell.column}"),
                duration=tr(f"help.processing.{cell.duration}"),
            )
            if cell.rule == applies:
                # The words on a line of their own: they never wrap under the mark.
                lines += [f"   {mark} {text}", f"     ({tr('help.processing.applies')})"]
            else:
                lines.append(f"     {text}")
    if applies is None:
        lines += ["", tr("help.processing.unknown")]
    return "\n".join(lines)
