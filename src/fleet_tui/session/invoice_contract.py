"""The pre-filled Invoice Split contract ("print the contract", SPEC §2 step 6).

Pure Python (no Textual): a Markdown text in the interface language naming the company,
the fleet manager, the profile, the customer number and the new line, with places to
sign — written to a folder whose path the screen then shows. The operator prints it,
has it signed, scans it and attaches the scan.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from fleet_tui.core import paths
from fleet_tui.core.account import Account
from fleet_tui.core.catalog import Catalogue
from fleet_tui.core.draft import OrderDraft
from fleet_tui.core.i18n import Lang, t
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


def _line(label: str, value: str) -> str:
    # One Markdown list item; a value never spans lines, so it cannot start a heading.
    return f"- **{label}**: {' '.join(value.split()) or '—'}"


def contract_text(
    draft: OrderDraft, account: Account, catalogue: Catalogue, lang: Lang, now: datetime
) -> str:
    """The contract for ``draft`` as Markdown, in ``lang``, dated ``now``."""

    def tr(key: str, **params: object) -> str:
        return t(f"tui_card.contract.{key}", lang, **params)

    profile = account.profile(draft.invoice_split_profile or "")
    plan = catalogue.plan(draft.plan or "")
    if draft.number_request == "transfer":
        phone = draft.phone_number
    elif draft.desired_number:
        phone = display_number(draft.desired_number)
    else:
        phone = t("summary.assigned_at_activation", lang)
    sim = t(f"tui_card.sim.{draft.sim_format}", lang) if draft.sim_format else ""
    share = profile.company_share_eur if profile else None
    lines = [
        f"# {tr('title')}",
        "",
        tr("intro"),
        "",
        _line(tr("company"), account.company),
        _line(tr("holder"), f"{account.holder} <{account.holder_email}>"),
        _line(tr("profile"), profile.name if profile else draft.invoice_split_profile or ""),
    ]
    if share is not None:
        lines.append(_line(tr("company_share"), t("tui_card.amount", lang, amount=share)))
    lines += [
        _line(tr("customer_number"), draft.customer_number or ""),
        "",
        f"## {tr('line')}",
        "",
        _line(tr("phone"), phone),
        _line(tr("sim_format"), sim),
        _line(tr("plan"), plan.name if plan else draft.plan or ""),
    ]
    if draft.sim_format == "esim":
        lines.append(_line(tr("user_email"), draft.user_email))
    lines += [
        "",
        f"{tr('employee')}: ______________________________",
        "",
        f"{tr('for_company')}: ______________________________",
        "",
        f"{tr('date')}: ____ / ____ / ________",
        "",
        tr("prepared", date=now.astimezone(BRUSSELS).strftime("%d/%m/%Y %H:%M")),
        "",
    ]
    return "\n".join(lines)


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
    """Write the contract for ``draft`` into ``folder`` (created if needed) and return
    the file's absolute path. A new file each time: an earlier printout is never
    overwritten. Raises :class:`OSError` when the folder cannot be written."""
    moment = now or datetime.now(BRUSSELS)
    folder.mkdir(parents=True, exist_ok=True)
    stem = (
        f"invoice-split-{_slug(draft.invoice_split_profile or '')}-"
        f"{moment.astimezone(BRUSSELS):%Y%m%d-%H%M%S}"
    )
    text = contract_text(draft, account, catalogue, lang, moment)
    for attempt in range(100):
        path = folder / (f"{stem}.md" if attempt == 0 else f"{stem}-{attempt}.md")
        try:
            with path.open("x", encoding="utf-8") as handle:
                handle.write(text)
        except FileExistsError:
            continue
        return path.absolute()
    raise FileExistsError(f"too many contracts named {stem} in {folder}")
