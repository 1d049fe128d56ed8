"""The pre-filled Invoice Split contract ("print the contract", SPEC §2 step 6).

Pure Python (no Textual): the contract's content (:func:`contract_content`) — the
company, the fleet manager, the profile, the customer number, the line (its number or
"new number"), the employee's name when the order knows it, and places to date and
sign — laid out as an A4 PDF (:mod:`fleet_tui.session.contract_pdf`) in the end
user's language when the order gives one, else the interface language. The operator
prints it, has it signed, scans it and attaches the scan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fleet_tui.core import paths
from fleet_tui.core.account import Account
from fleet_tui.core.catalogue import Catalogue
from fleet_tui.core.draft import OrderDraft
from fleet_tui.core.i18n import LANGUAGES, Lang, t
from fleet_tui.core.processing import BRUSSELS
from fleet_tui.core.rules import display_number

CONTRACTS_FOLDER = "contracts"


def contract_folder(client: object) -> Path:
    """Where contracts are written: ``contracts/`` in the demo backend's data folder when
    the client has one (``--data-dir`` keeps a demo self-contained), else in the user
    data folder."""
    backend = getattr(client, "backend", None)
    data_dir = getattr(backend, "data_dir", None)
    base = Path(data_dir) if isinstance(data_dir, str | Path) else paths.data_dir()
    return base / CONTRACTS_FOLDER


def contract_language(draft: OrderDraft, interface: Lang) -> Lang:
    """The end user's language when the order gives one (an eSIM's user language),
    else the interface language: the employee is the one who reads and signs."""
    user = draft.user_language if draft.sim_format == "esim" else None
    return next((lang for lang in LANGUAGES if lang == user), interface)


@dataclass(frozen=True)
class ContractContent:
    """What the contract says, in one language, ready to lay out."""

    lang: Lang
    title: str
    intro: str
    parties: list[tuple[str, str]]
    line_heading: str
    line: list[tuple[str, str]]
    #: Signature blocks' captions (the employee, the company), then date and place.
    signatures_heading: str
    signatures: list[str]
    date_line: str
    place_line: str
    prepared: str


def _one_line(value: str) -> str:
    # A value never spans lines: a typed newline cannot forge another row.
    return " ".join(value.split()) or "—"


def contract_content(
    draft: OrderDraft, account: Account, catalogue: Catalogue, lang: Lang, now: datetime
) -> ContractContent:
    """The contract for ``draft`` in ``lang``, dated ``now``."""

    def tr(key: str, **params: object) -> str:
        return t(f"tui_card.contract.{key}", lang, **params)

    profile = account.profile(draft.invoice_split_profile or "")
    plan = catalogue.plan(draft.plan or "")
    new_number = t("help.contract.new_number", lang)
    if draft.number_request == "transfer":
        phone = draft.phone_number
    elif draft.desired_number:
        phone = f"{display_number(draft.desired_number)} ({new_number.lower()})"
    else:
        phone = new_number
    sim = t(f"tui_card.sim.{draft.sim_format}", lang) if draft.sim_format else ""
    # The name of the person the line is for, when the order knows it (a transferred
    # private or prepaid card names its holder); otherwise a blank to fill in.
    known_name = draft.holder_name if draft.card_type != "professional_subscription" else None
    parties = [
        (tr("company"), account.company),
        (tr("holder"), f"{account.holder} <{account.holder_email}>"),
        (tr("profile"), profile.name if profile else draft.invoice_split_profile or ""),
    ]
    if profile is not None and profile.company_share_eur is not None:
        amount = t("tui_card.amount", lang, amount=profile.company_share_eur)
        parties.append((tr("company_share"), amount))
    parties.append((tr("customer_number"), draft.customer_number or ""))
    line = [
        (tr("phone"), phone),
        (tr("sim_format"), sim),
        (tr("plan"), plan.name if plan else draft.plan or ""),
    ]
    if draft.sim_format == "esim":
        line.append((tr("user_email"), draft.user_email))
    employee = t("help.contract.employee_name", lang)
    line.append((employee, (known_name or "").strip() or "_" * 32))
    return ContractContent(
        lang=lang,
        title=tr("title"),
        intro=tr("intro"),
        parties=[(label, _one_line(value)) for label, value in parties],
        line_heading=tr("line"),
        line=[(label, _one_line(value)) for label, value in line],
        signatures_heading=t("help.contract.signatures", lang),
        signatures=[tr("employee"), tr("for_company")],
        date_line=t("help.contract.date_line", lang),
        place_line=t("help.contract.place_line", lang),
        prepared=tr("prepared", date=now.astimezone(BRUSSELS).strftime("%d/%m/%Y %H:%M")),
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "contract"


def write_contract(
    folder: Path,
    draft: OrderDraft,
    account: Account,
    catalogue: Catalogue,
    lang: Lang,
    now: datetime | None = None,
) -> Path:
    """Write the contract for ``draft`` as a PDF into ``folder`` (created if needed) and
    return the file's absolute path. ``lang`` is the interface language; the contract
    is in the end user's when known (:func:`contract_language`). A new file each time:
    an earlier printout is never overwritten. Raises :class:`OSError` when the folder
    cannot be written."""
    from fleet_tui.session.contract_pdf import render_pdf  # fpdf2: only when printing

    moment = now or datetime.now(BRUSSELS)
    folder.mkdir(parents=True, exist_ok=True)
    stem = (
        f"invoice-split-{_slug(draft.invoice_split_profile or '')}-"
        f"{moment.astimezone(BRUSSELS):%Y%m%d-%H%M%S}"
    )
    content = contract_content(draft, account, catalogue, contract_language(draft, lang), moment)
    data = render_pdf(content, moment)
    for attempt in range(100):
        path = folder / (f"{stem}.pdf" if attempt == 0 else f"{stem}-{attempt}.pdf")
        try:
            with path.open("xb") as handle:
                handle.write(data)
        except FileExistsError:
            continue
        return path.absolute()
    raise FileExistsError(f"too many contracts named {stem} in {folder}")
