"""``fleet-tui submit --json``: an eSIM confirmation carries every way to install as
separate fields, and the confirmation code apart from the activation code."""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path

import pytest

from fleet_tui.core.activation import ActivationCode
from tests.cli.conftest import Run, esim, write_json


@pytest.mark.slow
def test_submit_json_carries_the_install_fields(fleet: Run, tmp_path: Path) -> None:
    plain = esim("1150100048101")
    flagged = esim(
        "1150100048102",
        subscription={"type": "mobile", "plan": "business-flex"},
        options={"mode": "select", "codes": []},
        surf_extra_card=False,
    )
    path = write_json(tmp_path / "two.json", {"orders": [plain, flagged]})
    done = fleet("submit", path, "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    first, second = (o["confirmation"] for o in json.loads(done.stdout)["orders"])
    for confirmation in (first, second):
        code = ActivationCode.parse(confirmation["activation_code"])
        assert confirmation["smdp_address"] == code.smdp_address
        assert confirmation["matching_id"] == code.matching_id
        ios = urllib.parse.urlsplit(confirmation["ios_install_url"])
        assert (ios.scheme, ios.netloc, ios.path) == (
            "https",
            "esimsetup.apple.com",
            "/esim_qrcode_provisioning",
        )
        assert urllib.parse.parse_qs(ios.query)["carddata"] == [confirmation["activation_code"]]
        assert confirmation["windows_install_url"].startswith("lpa:1$")
    assert first["confirmation_code"] is None
    secret = second["confirmation_code"]
    assert secret and secret.isdigit()
    assert secret not in second["activation_code"]
    assert ActivationCode.parse(second["activation_code"]).confirmation_code_required
