"""eSIM emails: every way to install, in the end user's language, and the confirmation
code in a message of its own — never in a QR code, never beside one."""

from __future__ import annotations

import urllib.parse
from pathlib import Path
from typing import Any

import pytest

from fleet_tui.clients.demo import DemoBackend
from fleet_tui.core.activation import ActivationCode
from fleet_tui.core.i18n import Lang, t
from tests.clients import orders
from tests.clients.test_demo_outbox import NOW, _body, _emails, _qr_codes


@pytest.fixture
def backend(tmp_path: Path) -> DemoBackend:
    return DemoBackend(tmp_path)


def _with_confirmation_code(language: str, send_qr: bool) -> dict[str, Any]:
    # Business Flex: the demo catalogue's plan that asks for a confirmation code.
    document = orders.esim_new(language, send_qr=send_qr)
    document.update(
        subscription={"type": "mobile", "plan": "business-flex"},
        options={"mode": "select", "codes": []},
        surf_extra_card=False,
    )
    return document


def _install_lines_present(body: str, code: str, lang: Any) -> None:
    parsed = ActivationCode.parse(code)
    lines = body.splitlines()
    # Manual entry: the address and the matching ID, each alone on its line.
    assert t("esim.mail.smdp", lang, address=parsed.smdp_address) in lines
    assert t("esim.mail.matching_id", lang, matching_id=parsed.matching_id) in lines
    ios = "https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=" + urllib.parse.quote(
        code, safe=""
    )
    assert f"  {ios}" in lines
    assert f"  lpa:{code[4:]}" in lines
    # Each way says which device it is for.
    for key in ("esim.mail.qr", "esim.mail.manual", "esim.mail.ios", "esim.mail.windows"):
        assert t(key, lang) in lines
    assert "iOS 17.5" in body and "Windows 11" in body and "Android" in body


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_the_end_users_email_gives_every_way_to_install_in_their_language(
    backend: DemoBackend, language: Lang
) -> None:
    confirmation = backend.submit(orders.esim_new(language), "k1", now=NOW)
    code = confirmation.activation_code
    assert code is not None and confirmation.confirmation_code is None
    manager, user = _emails(backend, confirmation)
    assert user["Content-Language"] == language
    _install_lines_present(_body(user), code, language)
    assert _qr_codes(user) == [code]
    assert t("esim.mail.confirmation_separate", language) not in _body(user)
    assert code not in _body(manager)  # the fleet manager did not ask for the QR code


def test_the_fleet_manager_who_asked_gets_them_too(backend: DemoBackend) -> None:
    confirmation = backend.submit(orders.esim_new("nl", send_qr=True), "k1", now=NOW)
    code = confirmation.activation_code
    assert code is not None
    manager, _user = _emails(backend, confirmation)
    lang = backend.account().language
    _install_lines_present(_body(manager), code, lang)
    assert _qr_codes(manager) == [code]


@pytest.mark.parametrize("send_qr", [True, False])
def test_the_confirmation_code_travels_apart_from_the_qr_code(
    backend: DemoBackend, send_qr: bool
) -> None:
    confirmation = backend.submit(_with_confirmation_code("en", send_qr), "k1", now=NOW)
    code, secret = confirmation.activation_code, confirmation.confirmation_code
    assert code is not None and secret is not None and secret.isdigit()
    # SGP.22: the activation code only says a confirmation code is required.
    assert ActivationCode.parse(code).confirmation_code_required
    assert secret not in code
    messages = _emails(backend, confirmation)
    assert len(messages) == 3
    manager, user, own = messages
    for with_qr in (manager, user):
        assert secret not in with_qr.as_string()
        assert all(secret not in text for text in _qr_codes(with_qr))
    assert t("esim.mail.confirmation_separate", "en") in _body(user)
    # Its own message: to the end user, in their language, no attachment, no QR code.
    assert own["To"].addresses[0].addr_spec == "jan.peeters@example.be"
    assert own["Subject"] == t("esim.mail.confirmation_subject", "en")
    assert t("esim.mail.confirmation_code", "en", code=secret) in _body(own).splitlines()
    assert list(own.iter_attachments()) == []
    assert code not in own.as_string()
    # The same confirmation is replayed for the same key, code included.
    again = backend.submit(_with_confirmation_code("en", send_qr), "k1", now=NOW)
    assert again.replayed and again == confirmation.model_copy(update={"replayed": True})


def test_plans_without_the_flag_get_no_confirmation_code(backend: DemoBackend) -> None:
    confirmation = backend.submit(orders.esim_new("fr"), "k1", now=NOW)
    assert confirmation.confirmation_code is None
    assert confirmation.activation_code is not None
    assert not ActivationCode.parse(confirmation.activation_code).confirmation_code_required
    assert len(_emails(backend, confirmation)) == 2
