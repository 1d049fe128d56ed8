"""Confirmation emails of the demo backend: real RFC 5322 messages in an outbox folder.

Nothing is sent. Each message is written to ``<outbox>/<reference>-<n>.eml`` (``1``: the
fleet manager, ``2``: the eSIM's end user, ``3``: the end user's confirmation code, when
the backend issued one — never in the QR code's message) through a temporary file and a rename, so a
reader never sees half a message. Bodies are plain text: what the operator typed goes
in as typed, with nothing to escape or interpret.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address, BaseHeader, HeaderRegistry
from email.message import EmailMessage
from email.policy import SMTP, SMTPUTF8
from email.utils import make_msgid
from functools import lru_cache
from pathlib import Path
from typing import Any

from fleet_tui.clients.demo.esim_mail import confirmation_code_lines, install_lines
from fleet_tui.core.account import Account
from fleet_tui.core.catalogue import Catalogue
from fleet_tui.core.fields import upload_kind
from fleet_tui.core.i18n import Lang, t
from fleet_tui.core.moments import format_moment
from fleet_tui.core.order import ESim, NewNumber, Order
from fleet_tui.core.paths import private_folder
from fleet_tui.core.processing import BRUSSELS
from fleet_tui.core.rules import display_number
from fleet_tui.core.summary import summary_rows

#: The largest signed Invoice Split scan attached to the fleet manager's email. Mail
#: systems commonly refuse messages over 10 MB (many company relays; Gmail takes 25),
#: and base64 makes an attachment a third larger: 5 MiB of scan is about 6.7 MiB on
#: the wire, under 10 MB with the text. A larger scan (uploads may be up to 10 MiB) is
#: named in the email, not attached.
ATTACH_MAX_BYTES = 5 * 1024 * 1024
#: A file to attach: its name and content.
_Attachment = tuple[str, bytes]
_MIME = {"pdf": ("application", "pdf"), "jpeg": ("image", "jpeg"), "png": ("image", "png")}

DOMAIN = "fleet-tui-demo.invalid"
SENDER = Address("fleet-tui demo", "no-reply", DOMAIN)
QR_FILENAME = "esim-qr-code.png"

#: Port-in fields worth repeating to the fleet manager, in the order of the form.
_PORT_IN_FIELDS = (
    "holder_name",
    "company_name",
    "vat_number",
    "contact_name",
    "current_customer_number",
    "sim_card_number",
)


_MAX_LINE_OCTETS = 998


class _HeaderClasses(HeaderRegistry):
    """A header registry that builds each header class once: the standard one builds
    a new class with ``type()`` at every look-up, a sixth of an email's cost."""

    def __init__(self) -> None:
        super().__init__()
        self._built: dict[str, type[BaseHeader]] = {}

    def __getitem__(self, name: str) -> type[BaseHeader]:
        key = name.lower()
        built = self._built.get(key)
        if built is None:
            built = self._built[key] = super().__getitem__(name)
        return built


_ASCII = SMTP.clone(header_factory=_HeaderClasses())
_UTF8 = SMTPUTF8.clone(header_factory=_HeaderClasses())


@lru_cache(maxsize=256)
def _header(name: str, value: str) -> Any:
    # Parsing a header is most of the cost of an email (about 0.1 ms each); a parsed
    # header is immutable, and the sender, the fleet manager and the languages repeat.
    return _ASCII.header_factory(name, value)


def _address(name: str, email: str) -> Address:
    # Not Address(addr_spec=…): that refuses a non-ASCII local part, which
    # email-validator accepts (RFC 6531) and SMTPUTF8 can carry.
    local, _, domain = email.rpartition("@")
    return Address(name, username=local, domain=domain)


@lru_cache(maxsize=4)
def _qr_png(activation_code: str) -> bytes:
    # Drawing a QR code is the slowest step of an eSIM order; both emails of an order
    # (end user and, when asked, fleet manager) carry the same image.
    from fleet_tui.core.qr import qr_png  # imports qrcode and PyPNG: only for eSIM orders

    return qr_png(activation_code)


@dataclass(frozen=True)
class Confirmed:
    """What the emails tell: the order and what the backend answered."""

    reference: str
    order: Order
    submitted_at: datetime
    expected_activation: datetime
    activation_code: str | None
    confirmation_code: str | None = None


def _install_lines(confirmed: Confirmed, lang: Lang) -> list[str]:
    assert confirmed.activation_code is not None
    return install_lines(
        confirmed.activation_code,
        lang,
        has_confirmation_code=confirmed.confirmation_code is not None,
    )


def _when(confirmed: Confirmed, lang: Lang) -> str:
    return t(
        "email.expected_activation", lang, when=format_moment(confirmed.expected_activation, lang)
    )


class Outbox:
    """Writes the confirmation emails of one account's orders into ``folder``."""

    def __init__(
        self,
        folder: Path,
        account: Account,
        catalogue: Catalogue,
        uploads: Path | None = None,
    ) -> None:
        self.folder = Path(folder)
        self._account = account
        self._catalogue = catalogue
        #: Where ``upload:<sha256>`` contract references are stored (the sandbox's).
        self._uploads = uploads

    def write(self, confirmed: Confirmed) -> list[Path]:
        """Write every email ``confirmed`` calls for; return their paths."""
        messages = [self.fleet_manager_email(confirmed)]
        sim = confirmed.order.sim
        if isinstance(sim, ESim) and confirmed.activation_code is not None:
            messages.append(self.end_user_email(confirmed, sim))
            if confirmed.confirmation_code is not None:
                messages.append(self.confirmation_code_email(confirmed, sim))
        private_folder(self.folder, ours=True)
        return [
            self._save(message, f"{confirmed.reference}-{n}.eml")
            for n, message in enumerate(messages, start=1)
        ]

    # --- the two messages ------------------------------------------------------------

    def fleet_manager_email(self, confirmed: Confirmed) -> EmailMessage:
        """The confirmation to the fleet manager, in the account's language."""
        account = self._account
        lang: Lang = account.language
        order = confirmed.order
        lines = [
            t("email.greeting", lang, name=account.holder),
            "",
            t("email.fleet_manager_intro", lang, company=account.company),
            "",
            t("email.reference", lang, reference=confirmed.reference),
            _when(confirmed, lang),
            "",
            t("email.summary_heading", lang),
        ]
        lines += [
            t("email.row", lang, label=label, value=value)
            for label, value in summary_rows(order, self._catalogue, lang, account)
        ]
        port_in = self._port_in_rows(order, lang)
        if port_in:
            lines += ["", t("email.port_in_heading", lang), *port_in]
        sim = order.sim
        with_qr = (
            isinstance(sim, ESim)
            and sim.send_qr_to_fleet_manager
            and confirmed.activation_code is not None
        )
        if with_qr:
            assert confirmed.activation_code is not None
            lines += ["", t("email.qr_attached", lang)]
            lines.append(t("email.activation_code", lang, code=confirmed.activation_code))
            lines += ["", *_install_lines(confirmed, lang)]
            if confirmed.confirmation_code is not None:
                lines.append(t("esim.mail.confirmation_to_user", lang))
        contract, contract_line = self._contract(order, lang)
        if contract_line:
            lines += ["", contract_line]
        lines += ["", t("email.signature", lang), "", t("email.demo_notice", lang)]
        return self._message(
            to=_address(account.holder, account.holder_email),
            subject=t("email.fleet_manager_subject", lang, reference=confirmed.reference),
            lang=lang,
            confirmed=confirmed,
            body=lines,
            with_qr=with_qr,
            contract=contract,
        )

    def end_user_email(self, confirmed: Confirmed, sim: ESim) -> EmailMessage:
        """The eSIM email to the end user, in the end user's language, QR attached."""
        lang: Lang = sim.user_language
        order = confirmed.order
        lines = [
            t("email.end_user_greeting", lang),
            "",
            t("email.end_user_intro", lang, company=self._account.company),
        ]
        if order.phone_number is not None:
            number = display_number(order.phone_number)
            lines.append(t("email.end_user_number", lang, number=number))
        lines += [
            _when(confirmed, lang),
            "",
            t("email.end_user_instructions", lang),
            "",
            t("email.activation_code", lang, code=confirmed.activation_code),
            "",
            *_install_lines(confirmed, lang),
            "",
            t("email.end_user_questions", lang, holder=self._account.holder),
            "",
            t("email.signature", lang),
            "",
            t("email.demo_notice", lang),
        ]
        return self._message(
            to=_address("", sim.user_email),
            subject=t("email.end_user_subject", lang),
            lang=lang,
            confirmed=confirmed,
            body=lines,
            with_qr=True,
        )

    def confirmation_code_email(self, confirmed: Confirmed, sim: ESim) -> EmailMessage:
        """The confirmation code alone, to the end user, in the end user's language: no
        QR code and no activation code in it (SGP.22: they travel apart)."""
        assert confirmed.confirmation_code is not None
        lang: Lang = sim.user_language
        return self._message(
            to=_address("", sim.user_email),
            subject=t("esim.mail.confirmation_subject", lang),
            lang=lang,
            confirmed=confirmed,
            body=confirmation_code_lines(confirmed.confirmation_code, self._account.company, lang),
            with_qr=False,
        )

    # --- parts -----------------------------------------------------------------------

    def _contract_file(self, reference: str) -> Path | None:
        # A local path (the demo client keeps the operator's file), or a sandbox upload.
        if reference.startswith("upload:"):
            if self._uploads is None:
                return None
            digest = reference.removeprefix("upload:")
            return next(iter(sorted(self._uploads.glob(f"{digest}.*"))), None)
        return Path(reference)

    def _contract(self, order: Order, lang: Lang) -> tuple[_Attachment | None, str | None]:
        """The signed scan to attach (``None`` when too large or unreadable) and the
        line naming it in the email."""
        split = order.invoice_split
        if split is None:
            return None, None
        path = self._contract_file(split.contract)
        name = path.name if path is not None else split.contract
        try:
            size = path.stat().st_size if path is not None else None
        except OSError:
            size = None
        if path is None or size is None:
            return None, t("help.email.contract_named", lang, name=name)
        if size > ATTACH_MAX_BYTES:
            line = t(
                "help.email.contract_not_attached",
                lang,
                name=name,
                size=f"{size / 1024 / 1024:.1f}",
                limit=ATTACH_MAX_BYTES // (1024 * 1024),
            )
            return None, line
        try:
            data = path.read_bytes()
        except OSError:
            return None, t("help.email.contract_named", lang, name=name)
        return (name, data), t("help.email.contract_attached", lang, name=name)

    def _port_in_rows(self, order: Order, lang: Lang) -> list[str]:
        number = order.number
        if isinstance(number, NewNumber):
            return []
        rows = []
        for name in _PORT_IN_FIELDS:
            value = getattr(number, name, None)
            if value:
                label = t(f"email.port_in_{name}", lang)
                rows.append(t("email.row", lang, label=label, value=value))
        return rows

    def _message(
        self,
        *,
        to: Address,
        subject: str,
        lang: Lang,
        confirmed: Confirmed,
        body: list[str],
        with_qr: bool,
        contract: _Attachment | None = None,
    ) -> EmailMessage:
        # An internationalised address (e.g. a non-ASCII domain) needs SMTPUTF8.
        policy = _ASCII if to.addr_spec.isascii() else _UTF8
        message = EmailMessage(policy=policy)
        message["From"] = _header("From", str(SENDER))
        message["To"] = _header("To", str(to))
        message["Subject"] = _header("Subject", subject)
        message["Date"] = confirmed.submitted_at.astimezone(BRUSSELS)  # a datetime: no parsing
        message["Message-ID"] = make_msgid(idstring=confirmed.reference, domain=DOMAIN)
        text = "\n".join(body) + "\n"
        # 8bit keeps the .eml readable; RFC 5322 allows lines of up to 998 octets.
        readable = max(len(line.encode()) for line in body) <= _MAX_LINE_OCTETS
        message.set_content(text, cte="8bit" if readable else None)
        if with_qr:
            self._attach_qr(message, confirmed)
        if contract is not None:
            _attach_file(message, contract)
        # Last: set_content and add_attachment move Content-* headers to the body part.
        message["Content-Language"] = _header("Content-Language", lang)
        return message

    def _attach_qr(self, message: EmailMessage, confirmed: Confirmed) -> None:
        assert confirmed.activation_code is not None
        message.add_attachment(
            _qr_png(confirmed.activation_code),
            maintype="image",
            subtype="png",
            filename=QR_FILENAME,
        )

    def _save(self, message: EmailMessage, name: str) -> Path:
        path = self.folder / name
        temporary = self.folder / f".{name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
        # No fsync: a lost email after a machine crash is acceptable for a demo outbox,
        # and syncing would cost more than the whole submission.
        data = message.as_bytes()
        # 0600 from creation: the end user's email carries the eSIM activation code.
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
        with os.fdopen(os.open(temporary, flags, 0o600), "wb") as out:
            out.write(data)
        os.replace(temporary, path)
        return path


def _attach_file(message: EmailMessage, attachment: _Attachment) -> None:
    """Attach the signed scan, typed by its content (the core checked it on submit)."""
    name, data = attachment
    maintype, subtype = _MIME.get(upload_kind(data[:16]) or "", ("application", "octet-stream"))
    message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
