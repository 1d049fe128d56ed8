"""The confirmation summary (SPEC §2, step 7): what it lists for each kind of order."""

from __future__ import annotations

from typing import Any

import pytest

from fleet_tui.core.account import Account, CustomerNumber, InvoiceSplitProfile
from fleet_tui.core.catalogue import Catalogue, Operator, Option, Plan
from fleet_tui.core.i18n import LANGUAGES, Lang
from fleet_tui.core.order import parse_order
from fleet_tui.core.summary import summary_rows
from tests.support.orders import esim_sim, spec_order

CATALOGUE = Catalogue(
    operators=(
        Operator(code="orange", name="Orange", is_orange=True),
        Operator(code="proximus", name="Proximus"),
    ),
    plans=(
        Plan(code="shape-traveller", name="Shape Traveller", type="mobile", family="shape"),
        Plan(code="data-pro", name="Data [b]Pro[/b]", type="data", family="other"),
    ),
    options=(Option(code="world-traveller", name="World Traveller"),),
)
ACCOUNT = Account(
    company="Acme [GmbH]",
    holder="Patricia",
    holder_email="patricia@example.be",
    customer_numbers=(CustomerNumber(number="5.16142"),),
    invoice_split_profiles=(InvoiceSplitProfile(code="titanium", name="Titanium Executive 20€"),),
)


def document(**changes: Any) -> dict[str, Any]:
    # SPEC §7's order, but the QR code is not sent to the fleet manager.
    doc = spec_order(sim=esim_sim(send_qr=False))
    doc.update(changes)
    return doc


def rows(lang: Lang = "fr", account: Account | None = None, **changes: Any) -> dict[str, str]:
    return dict(summary_rows(parse_order(document(**changes)), CATALOGUE, lang, account))


def test_seed_confirmation_in_french() -> None:
    # The confirmation page of the seed, line by line.
    assert rows() == {
        "Numéro de client sous lequel le numéro sera activé": "5.16142",
        "Numéro de téléphone": "Attribué à l'activation",
        "Numéro eSIM": "1150100048141",
        "Adresse email de l'utilisateur": "jan.peeters@example.be",
        "Langue de l'utilisateur final": "FR",
        "QR code": "Je ne veux pas recevoir le QR code",
        "Type d'abonnement": "Mobile",
        "Plan tarifaire": "Shape Traveller",
        "Les options suivantes seront activées": "World Traveller",
        "Montant Travel Data Control": "0 €",
        "Surf Extra Card": "Non",
    }


def test_english_physical_sim_with_desired_number_and_split() -> None:
    got = rows(
        "en",
        ACCOUNT,
        number={"request": "new", "desired_number": "+32470998877"},
        sim={"format": "physical", "sim_number": "1150 1000 8475 7"},
        travel_data_control=50,
        surf_extra_card=True,
        invoice_split={"profile": "titanium", "contract": "upload:abcdef123456"},
    )
    assert got["Phone number"] == "0470 99 88 77"
    assert got["SIM card number"] == "1150100084757"
    assert "eSIM number" not in got and "User's email address" not in got
    assert got["Travel Data Control amount"] == "50 €"
    assert got["Surf Extra Card"] == "Yes"
    assert got["Invoice Split profile"] == "Titanium Executive 20€"


def test_invoice_split_without_account_shows_the_code() -> None:
    split = {"profile": "titanium", "contract": "upload:abcdef123456"}
    assert rows("en", invoice_split=split)["Invoice Split profile"] == "titanium"
    assert "Invoice Split profile" not in rows("en")


def test_transfer_shows_operator_and_card_type() -> None:
    number = {
        "request": "transfer",
        "current_operator": "proximus",
        "card_type": "private_subscription",
        "phone_number": "0032 470 12 34 56",
        "current_customer_number": "C-1",
    }
    got = rows("nl", number=number)
    assert got["Telefoonnummer"] == "0470 12 34 56"
    assert got["Huidige operator"] == "Proximus"
    assert got["Type kaart"] == "Privéabonnement"
    unknown = rows("en", number={**number, "current_operator": "vikings"})
    assert unknown["Current operator"] == "vikings"


def test_options_copied_or_none() -> None:
    copied = rows("en", options={"mode": "copy", "from_number": "+32470112233"})
    assert copied["Options to be activated"] == "Copied from 0470 11 22 33"
    assert rows("en", options={"mode": "select", "codes": []})["Options to be activated"] == "None"
    unknown = rows("en", options={"mode": "select", "codes": ["world-traveller", "roam-x"]})
    assert unknown["Options to be activated"] == "World Traveller, roam-x"


def test_values_are_plain_text() -> None:
    got = rows("en", subscription={"type": "data", "plan": "data-pro"})
    assert got["Rate plan"] == "Data [b]Pro[/b]"
    assert got["Subscription type"] == "Mobile data"
    assert rows("en", subscription={"type": "data", "plan": "gone"})["Rate plan"] == "gone"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_label_and_value_is_translated(lang: Lang) -> None:
    order = parse_order(
        document(
            number={
                "request": "transfer",
                "current_operator": "orange",
                "card_type": "prepaid",
                "phone_number": "0470 12 34 56",
                "sim_card_number": "1150100084757",
            },
            invoice_split={"profile": "titanium", "contract": "upload:abcdef123456"},
        )
    )
    pairs = summary_rows(order, CATALOGUE, lang, ACCOUNT)
    assert len({label for label, _ in pairs}) == len(pairs) == 15
    assert not [
        text for pair in pairs for text in pair if text.startswith(("summary.", "porting."))
    ]
