"""The confirmation's eSIM block: hidden until a deliberate key, then every way to
install — the QR code, the SM-DP+ address and the matching ID each on its own line, the
full code, the iOS and Windows links — and, apart from the QR code, the confirmation
code when the backend issued one.

The activation code is single-use and whoever installs it first takes the line: while
hidden, none of it is in the widget tree at all (not merely invisible), and
:meth:`EsimCode.hide` removes it again.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from fleet_tui.core.activation import InstallDetails
from fleet_tui.core.i18n import Translator
from fleet_tui.core.qr import Drawing
from fleet_tui.tui.widgets.qr import QrCode


class EsimCode(Vertical):
    """The eSIM block of the confirmation; ``revealed`` says whether the code shows."""

    DEFAULT_CSS = """
    EsimCode {
        height: auto;
    }
    EsimCode #confirmation-qr {
        height: auto;
        max-height: 100%;
    }
    """

    def __init__(
        self,
        activation_code: str,
        confirmation_code: str | None,
        tr: Translator,
        *,
        key: str,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.activation_code = activation_code
        self.confirmation_code = confirmation_code
        self.tr = tr
        self.key = key
        self.revealed = False

    def compose(self) -> ComposeResult:
        yield self._notice()

    def _notice(self) -> Static:
        return Static(Content(self.tr("esim.hidden", key=self.key)), id="esim-hidden")

    def reveal(self, drawing: Drawing, timeout: float) -> None:
        """Show the code and every way to install it."""
        if self.revealed:
            return
        self.revealed = True
        self.remove_children()
        self.mount_all(list(self._shown(drawing, timeout)))
        # Bring it into view: the body may be scrolled elsewhere (e.g. to a saved note).
        self.call_after_refresh(self.scroll_visible, top=True, animate=False)

    def hide(self) -> None:
        """Remove the code from the screen (and from the widget tree)."""
        if not self.revealed:
            return
        self.revealed = False
        self.remove_children()
        self.mount(self._notice())

    def _shown(self, drawing: Drawing, timeout: float) -> list[Widget]:
        tr = self.tr
        code = self.activation_code
        shown: list[Widget] = [
            Static(Content(tr("tui_card.confirm.qr_title")), classes="screen-title"),
            Static(Content(tr("esim.shown_for", seconds=round(timeout))), id="esim-shown-for"),
            VerticalScroll(QrCode(code, drawing=drawing, id="qr"), id="confirmation-qr"),
            _pair(tr, tr("tui_card.confirm.activation_code"), code, "activation-code"),
        ]
        details = InstallDetails.maybe(code)
        if details is not None:
            shown += [
                Static(Content(tr("esim.manual_heading")), classes="screen-title"),
                _pair(tr, tr("esim.smdp"), details.smdp_address, "smdp-address"),
                _pair(tr, tr("esim.matching_id"), details.matching_id, "matching-id"),
                _pair(tr, tr("esim.ios"), details.ios_install_url, "ios-link"),
                _pair(tr, tr("esim.windows"), details.windows_install_url, "windows-link"),
            ]
        if self.confirmation_code:
            # Apart from the QR code (SGP.22): its own heading, after everything else.
            shown += [
                Static(Content(tr("esim.confirmation_code")), classes="screen-title"),
                Static(Content(self.confirmation_code), id="confirmation-code"),
            ]
        return shown


def _pair(tr: Translator, label: str, value: str, name: str) -> Horizontal:
    # One row per fact: the label, then the value (which wraps under itself if long).
    return Horizontal(
        Static(Content(tr("tui.label", label=label)), classes="confirmation-label"),
        Static(Content(value), id=f"confirmation-{name}", classes="confirmation-value"),
        classes="confirmation-pair",
    )
