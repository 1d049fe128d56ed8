"""Field rules: one function per kind of value a person types, each returning the
normalised value or raising :class:`RuleViolation` with a translation code.

These are plain functions so that they can be tested against their oracle libraries
and reused; :mod:`fleet_tui.core.order` wraps them as pydantic types.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any, Final

import phonenumbers

# Bounds that keep a 1 MB paste from reaching the slower parsers.
PHONE_MAX: Final = 32
NAME_MAX: Final = 100
CUSTOMER_NUMBER_MAX: Final = 40
EMAIL_MAX: Final = 254
CODE_MAX: Final = 64
UPLOAD_MAX_BYTES: Final = 10 * 1024 * 1024

_SPACES = re.compile(r"[\s]+")
#: Unicode's Bidi_Control characters: the Arabic letter mark, LRM and RLM, the embeddings
#: and overrides, the isolates.
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


class RuleViolation(ValueError):
    """A value broke a rule; ``code`` is the suffix of its ``error.*`` translation key."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def _text(value: object, limit: int) -> str:
    if not isinstance(value, str):
        raise RuleViolation("text_expected")
    if len(value) > limit * 4:  # reject early, before any normalisation
        raise RuleViolation("text_too_long", limit=limit)
    return value


def clean_text(value: object, limit: int = NAME_MAX) -> str:
    """Printable text, trimmed, at most ``limit`` characters; control characters refused.

    Refused: C0/C1 controls (including ESC, so a pasted ANSI sequence never reaches a
    terminal), line and paragraph separators, and bidirectional overrides (which can
    make a name display differently from what it is).
    """
    text = _text(value, limit).strip()
    for ch in text:
        if ch in _BIDI_CONTROLS or unicodedata.category(ch) in {"Cc", "Zl", "Zp", "Cs"}:
            raise RuleViolation("control_characters")
    if not text:
        raise RuleViolation("required")
    if len(text) > limit:
        raise RuleViolation("text_too_long", limit=limit)
    return text


_PHONE_CHARS = re.compile(r"^\+?[0-9 ./()\-]+$")
#: A Belgian landline's national significant number: a zone (1–3 or 5–9, or Liège's 4
#: when not followed by a mobile's 5–9) and 7 more digits. Not the 8-digit non-
#: geographic numbers (070, 077, 078 shared cost, 0800 free, 090x premium rate); 080
#: itself is a zone (Stavelot–Malmedy).
_LANDLINE = re.compile(r"(?!4[5-9]|70|7[78]|800|90)[1-9]\d{7}")


def be_mobile_number(value: object) -> str:
    """A Belgian mobile number in any usual spelling → E.164 (``+32470123456``).

    Only digits and the usual separators are accepted: phonenumbers would otherwise
    silently drop trailing text or an extension (``0470 12 34 56 ext 12``).
    """
    text = clean_text(value, PHONE_MAX)
    if not _PHONE_CHARS.match(text):
        raise RuleViolation("phone_invalid")
    try:
        parsed = phonenumbers.parse(text, "BE")
    except phonenumbers.NumberParseException as exc:
        raise RuleViolation("phone_invalid") from exc
    if parsed.country_code != 32:
        raise RuleViolation("phone_invalid")
    if _LANDLINE.fullmatch(str(parsed.national_number)):
        # Said as such: "not a valid number" sends the operator looking for a typo.
        raise RuleViolation("phone_landline")
    if not phonenumbers.is_valid_number(parsed):
        raise RuleViolation("phone_invalid")
    kind = phonenumbers.number_type(parsed)
    if kind not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        raise RuleViolation("phone_not_mobile")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def national_format(e164: str) -> str:
    """``+32470123456`` → ``0470 12 34 56``; anything unparsable is returned as is."""
    try:
        parsed = phonenumbers.parse(e164, "BE")
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)


def be_vat_number(value: object) -> str:
    """A Belgian VAT / enterprise number → ``BE`` + 10 digits (``BE0456810810``)."""
    # stdnum's common module loads pydoc and friends (~2 MiB): only when a VAT number
    # is actually checked (a new-number order has none).
    from stdnum.be import vat as be_vat
    from stdnum.exceptions import InvalidChecksum, ValidationError

    text = clean_text(value, 32)
    try:
        compact: str = be_vat.validate(text)
    except InvalidChecksum as exc:
        raise RuleViolation("vat_checksum") from exc
    except ValidationError as exc:
        raise RuleViolation("vat_invalid") from exc
    return "BE" + compact


def format_vat(compact: str) -> str:
    """``BE0456810810`` → ``BE 0456.810.810``."""
    digits = compact[2:] if compact.upper().startswith("BE") else compact
    if len(digits) != 10:
        return compact
    return f"BE {digits[:4]}.{digits[4:7]}.{digits[7:]}"


def _digits(value: object, limit: int) -> str:
    text = _SPACES.sub("", _text(value, limit))
    if not text:
        raise RuleViolation("required")
    if not text.isascii() or not text.isdigit():
        raise RuleViolation("digits_only")
    return text


def sim_13_digits(value: object) -> str:
    """The 13 digits printed on a SIM card or given for an eSIM (no checksum: they are a
    prefix of the ICCID, and its Luhn digit covers the whole ICCID)."""
    digits = _digits(value, 13)
    if len(digits) != 13:
        raise RuleViolation("sim_13_digits", count=len(digits))
    return digits


def current_sim_card_number(value: object) -> str:
    """The SIM card number of the card being ported (prepaid): 13–20 digits; a full
    ICCID (19–20 digits starting with 89) must pass its Luhn check digit."""
    digits = _digits(value, 20)
    if not 13 <= len(digits) <= 20:
        raise RuleViolation("sim_card_length", count=len(digits))
    if len(digits) >= 19 and digits.startswith("89"):
        from stdnum import luhn  # see be_vat_number

        if not luhn.is_valid(digits):
            raise RuleViolation("iccid_checksum")
    return digits


def email_address(value: object) -> str:
    """An email address, syntax only (no DNS look-up), normalised."""
    from email_validator import EmailNotValidError, validate_email  # slow import, rarely needed

    text = clean_text(value, EMAIL_MAX)
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError as exc:
        raise RuleViolation("email_invalid") from exc
    normalized: str = result.normalized
    return normalized


_CUSTOMER_NUMBER = re.compile(r"^\d{1,3}\.\d{3,8}$")


def customer_number(value: object) -> str:
    """An Orange Belgium customer number such as ``5.16142`` (trailing dot tolerated,
    as the web portal prints ``5.16142.``)."""
    text = clean_text(value, CUSTOMER_NUMBER_MAX).rstrip(".")
    if not _CUSTOMER_NUMBER.match(text):
        raise RuleViolation("customer_number_invalid")
    return text


def donor_customer_number(value: object) -> str:
    """The customer number at the current operator: free printable text, bounded."""
    return clean_text(value, CUSTOMER_NUMBER_MAX)


_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def catalogue_code(value: object) -> str:
    """A code from the catalogue or the account (plan, option, operator, profile)."""
    text = clean_text(value, CODE_MAX).lower()
    if not _CODE.match(text):
        raise RuleViolation("code_invalid")
    return text


_DATE_FORMS: Final = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
    re.compile(r"^(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})$"),
    re.compile(r"^(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})$"),
)


def calendar_date(value: object) -> date:
    """A date as people type it: ``2027-01-15`` (ISO), ``15/01/2027`` or ``15.01.2027``
    (day first, as in Belgium); a TOML date is taken as is. Only a calendar date: a
    time part, a two-digit year or 31/02 are refused (``porting_date_invalid``)."""
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    text = clean_text(value, 16)
    for form in _DATE_FORMS:
        match = form.match(text)
        if match:
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                break
    raise RuleViolation("porting_date_invalid")


_UPLOAD_ID = re.compile(r"^upload:[A-Za-z0-9-]{8,64}$")
_MAGIC: Final = ((b"%PDF-", "pdf"), (b"\xff\xd8\xff", "jpeg"), (b"\x89PNG\r\n\x1a\n", "png"))


def upload_kind(head: bytes) -> str | None:
    """``pdf``, ``jpeg`` or ``png`` judged by the first bytes, else ``None``."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return None


def contract_reference(value: object) -> str:
    """The signed Invoice Split contract: a local file (checked here: exists, regular,
    readable, PDF/JPEG/PNG by content, at most 10 MB) or an ``upload:<id>`` returned by
    a backend's upload endpoint. A local path is returned absolute."""
    text = clean_text(value, 4096)
    if _UPLOAD_ID.match(text):
        return text
    path = Path(os.path.expanduser(text))
    check_upload(path)
    return str(path.absolute())


def check_upload(path: Path) -> str:
    """Check a file to upload; return its kind (``pdf``, ``jpeg``, ``png``)."""
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        if path.is_symlink():
            raise RuleViolation("upload_dangling_link") from exc
        raise RuleViolation("upload_missing") from exc
    except PermissionError as exc:
        raise RuleViolation("upload_unreadable") from exc
    except OSError as exc:
        raise RuleViolation("upload_missing") from exc
    if stat.S_ISDIR(info.st_mode):
        raise RuleViolation("upload_directory")
    if not stat.S_ISREG(info.st_mode):
        raise RuleViolation("upload_not_regular")
    if info.st_size > UPLOAD_MAX_BYTES:
        raise RuleViolation("upload_too_large", limit_mb=UPLOAD_MAX_BYTES // (1024 * 1024))
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        raise RuleViolation("upload_unreadable") from exc
    kind = upload_kind(head)
    if kind is None:
        raise RuleViolation("upload_type")
    return kind
