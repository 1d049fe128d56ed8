"""The eSIM part of the demo backend's emails: every way to install, and the
confirmation code's own message.

An end user may read the email on the very phone being set up, where a QR code cannot be
scanned: the message also gives the SM-DP+ address and the matching ID (each on its own
line, to type), the iOS 17.5+ one-tap link and the Windows 11 ``lpa:`` link, each said
for which device. The confirmation code, when there is one, is never in these lines nor
in the QR code (SGP.22): it has a message of its own.
"""

from __future__ import annotations

from fleet_tui.core.activation import InstallDetails
from fleet_tui.core.i18n import Lang, t


def install_lines(activation_code: str, lang: Lang, *, has_confirmation_code: bool) -> list[str]:
    """The install instructions for ``activation_code`` in ``lang`` (QR attached)."""
    details = InstallDetails.maybe(activation_code)
    lines = [t("esim.mail.ways_heading", lang), t("esim.mail.qr", lang)]
    if details is not None:
        # A backend's code that does not parse still goes out whole (the QR and the
        # full-code line); no link or split fields are made from it.
        lines += [
            t("esim.mail.manual", lang),
            t("esim.mail.smdp", lang, address=details.smdp_address),
            t("esim.mail.matching_id", lang, matching_id=details.matching_id),
            t("esim.mail.ios", lang),
            t("esim.mail.link", lang, url=details.ios_install_url),
            t("esim.mail.windows", lang),
            t("esim.mail.link", lang, url=details.windows_install_url),
        ]
    if has_confirmation_code:
        lines.append(t("esim.mail.confirmation_separate", lang))
    lines.append(t("esim.mail.single_use", lang))
    return lines


def confirmation_code_lines(code: str, company: str, lang: Lang) -> list[str]:
    """The body of the confirmation code's own message (no QR, no activation code)."""
    return [
        t("email.end_user_greeting", lang),
        "",
        t("esim.mail.confirmation_intro", lang, company=company),
        "",
        t("esim.mail.confirmation_code", lang, code=code),
        "",
        t("esim.mail.confirmation_apart", lang),
        "",
        t("email.signature", lang),
        "",
        t("email.demo_notice", lang),
    ]
