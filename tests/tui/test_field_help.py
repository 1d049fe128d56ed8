"""The source portal's explanations (its ⓘ texts): in three languages, worded as the
seed in French, shown under their field only while it has the focus, inside 80x24;
F1 on a field explains it, F1 elsewhere lists the keys."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Static

from fleet_tui.core.draft import OrderDraft
from fleet_tui.core.i18n import LANGUAGES, Lang, has_key, t
from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens.help import HelpScreen
from fleet_tui.tui.steps import StepId
from fleet_tui.tui.widgets.field import Field
from tests.support.screens import fleet, open_step
from tests.tui.card_helpers import at_new_card, card_draft, go_on, tick
from tests.tui.conftest import SIZE, choose, screen_text, transfer

#: Each explained field and words of the seed's French it must carry.
SEED_WORDS: dict[str, str] = {
    "customer_number": "il ne peut pas être sélectionné car il est utilisé pour la facturation",
    "sim_format": "vérifiez d'abord si l'appareil utilisé est compatible avec une eSIM",
    "esim_compatible": "compatible avec une eSIM",
    "send_qr_to_fleet_manager": "envoyé dans le mail de confirmation",
    "desired_number": "Seulement si vous avez des numéros réservés",
    "subscription_type": "ne peut être utilisé que pour surfer sur internet",
    "options_mode": "ou, plus rapide, indiquez si vous souhaitez copier les options",
    "travel_data_control": "maîtriser les coûts hors forfait à l'étranger",
    "surf_extra_card": "avec une tablette ou un ordinateur portable",
    "invoice_split": "faites signer le contrat Invoice Split par l'employé",
}
#: The fields of step 5 that have one (an eSIM order on a Shape Traveller plan).
NEW_CARD = [n for n in SEED_WORDS if n != "invoice_split"]


@pytest.mark.parametrize("name", sorted(SEED_WORDS))
def test_every_explanation_is_in_three_languages_and_the_french_is_the_seeds(
    name: str,
) -> None:
    key = f"help.field.{name}"
    texts = {lang: t(key, lang) for lang in LANGUAGES}
    assert all(has_key(key, lang) for lang in LANGUAGES)
    assert len(set(texts.values())) == 3  # really translated, not copied
    assert SEED_WORDS[name] in texts["fr"]


def _explanation(field: Field) -> Static:
    return field.query_one(".field--explain", Static)


def _on_screen(widget: Widget) -> bool:
    region = widget.region
    width, height = SIZE
    return (
        region.width > 0
        and region.x >= 0
        and region.right <= width
        and region.y >= 0
        and (region.bottom <= height)
    )


async def _show_each(pilot: Pilot[None], names: list[str], lang: Lang) -> None:
    """Focus each field in turn: its explanation shows, fits 80x24, the others hide."""
    app = fleet(pilot)
    for name in names:
        field = app.screen.query_one(f"#field-{name}", Field)
        field.control.focus()
        # The field scrolls into view once its explanation is laid out (after a refresh).
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        explanation = _explanation(field)
        assert explanation.display, name
        assert _on_screen(field.control), name  # the help never pushes the field away
        assert explanation.region.right <= SIZE[0], name
        first_words = " ".join(t(f"help.field.{name}", lang).split()[:2])
        assert first_words in screen_text(app), (name, first_words)
        others = [f for f in app.screen.query(Field) if f is not field and f.explanation]
        assert not any(_explanation(f).display for f in others), name


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_each_explanation_shows_under_its_focused_field_only(
    make_app: Callable[..., FleetApp], lang: Lang
) -> None:
    app = make_app(lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        esim = OrderDraft(
            number_request="new",
            sim_format="esim",
            subscription_type="mobile",
            plan="shape-traveller",
        )
        await at_new_card(pilot, esim)
        await _show_each(pilot, NEW_CARD, lang)
        await open_step(pilot, "invoice_split", card_draft(customer="5.16143"))
        await tick(pilot, "input-invoice_split")
        await _show_each(pilot, ["invoice_split"], lang)
        text = screen_text(app)
        assert t("help.split.enable_box", lang) in text
        for n in (1, 2, 3):
            assert t(f"help.split.step{n}", lang) in text


async def test_seed_order_qr_no_then_yes_and_options_copy_then_select(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_new_card(pilot)
        await choose(pilot, "input-sim_format", "esim")
        screen = app.screen
        qr = [b.name for b in screen.query("#input-send_qr_to_fleet_manager RadioButton")]
        options = [b.name for b in screen.query("#input-options_mode RadioButton")]
        assert qr == ["no", "yes"]
        assert options == ["copy", "select"]
        # The title (scrolled away once the focus is on a field further down).
        titles = [str(title.content) for title in screen.query(".screen-title").results(Static)]
        assert any("Ajouter un numéro mobile à ma flotte" in title for title in titles)
        screen.query_one("#input-send_qr_to_fleet_manager").focus()
        await pilot.pause()
        shown = screen_text(app).replace("\u00a0", " ").replace("\u202f", " ")
        assert "Souhaitez-vous également recevoir le QR code ?" in shown


async def test_port_in_step_has_the_portals_heading_and_breadcrumb(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, "number", OrderDraft())
        assert "Ajouter un numéro mobile à ma flotte" in screen_text(app)
        await transfer(pilot, "proximus", "professional_subscription")
        await go_on(pilot, "PortInScreen")
        text = screen_text(app)
        assert "Transférer un numéro > Abonnement professionnel" in text
        assert "Information sur la carte dont vous souhaitez transférer le numéro" in text


async def test_f1_on_a_field_explains_it_and_elsewhere_lists_the_keys(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_new_card(pilot)
        app.screen.query_one("#input-travel_data_control").focus()
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        topic = str(app.screen.query_one("#help-topic", Static).content)
        assert "maîtriser les coûts hors forfait à l'étranger" in topic
        assert app.screen.query("#help-keys")
        await pilot.press("escape")
        await pilot.pause()
        app.screen.query_one("#continue").focus()  # a button: no field to explain
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert not app.screen.query("#help-topic")
        assert app.screen.query("#help-keys")


async def test_the_portal_title_uses_no_unicode_sign_in_ascii_mode(
    make_app: Callable[..., FleetApp],
) -> None:
    app = make_app(ascii_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, "number", OrderDraft())
        title = str(app.screen.query_one(".screen-title", Static).content)
        assert title == "Ajouter un numéro mobile à ma flotte | Numéro d'appel"


#: A step with fields below the fold at 80x24, on a draft that shows them all, and the
#: fields that must be reached by Tab (at least these, first the first).
TABBED: dict[str, tuple[StepId, OrderDraft, tuple[str, ...]]] = {
    "new card": (
        "new_card",
        card_draft(sim="esim", customer="5.16143"),
        ("customer_number", "sim_format", "esim_compatible", "send_qr_to_fleet_manager"),
    ),
    "number": (
        "number",
        OrderDraft(number_request="transfer", current_operator="proximus"),
        ("number_request", "current_operator", "card_type"),
    ),
    "port-in": (
        "port_in",
        OrderDraft(
            number_request="transfer",
            current_operator="proximus",
            card_type="professional_subscription",
            porting_choice="date",
        ),
        ("phone_number", "porting_choice", "porting_date"),
    ),
}


@pytest.mark.parametrize("size", [(80, 24), (100, 32)])
@pytest.mark.parametrize("case", sorted(TABBED))
async def test_each_field_tabbed_to_shows_whole_with_its_label(
    make_app: Callable[..., FleetApp], size: tuple[int, int], case: str
) -> None:
    # Textual scrolls a focused widget to the centre a moment after the focus; inside
    # a field one cell wider than the scrolling body its "keep the top left in view"
    # check failed on the horizontal axis and the body was scrolled until the control
    # was at the top: the label above it went out of sight (step 5's first field, the
    # customer number list, lost "Billing customer number" every time the step opened).
    # And a panel that Textual's Vertical made as high as the space left (and clipped)
    # hid the transfer's third card type at 80x24, where no scrolling reached it.
    step_id, draft, expected = TABBED[case]
    app = make_app(lang="en")
    async with app.run_test(size=size) as pilot:
        await open_step(pilot, step_id, draft)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        body = app.screen.query_one("#body")
        seen: list[str] = []
        for _ in range(30):
            if set(expected) <= set(seen):
                break
            focused = app.focused
            assert focused is not None
            field = next((n for n in focused.ancestors if isinstance(n, Field)), None)
            if field is not None and field.name not in seen:
                seen.append(str(field.name))
                text = screen_text(app).replace("\u00a0", " ")
                assert field.label_text.rstrip(" *") in text, (field.name, text)
                if field.outer_size.height <= body.size.height:
                    assert field.region.bottom <= body.region.bottom, (field.name, text)
            await pilot.press("tab")
            await pilot.pause()
        assert seen[0] == expected[0], seen
        assert set(expected) <= set(seen), seen
