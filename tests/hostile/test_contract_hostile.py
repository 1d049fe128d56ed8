"""The contract is usable by tools nobody here wrote: the shipped OpenAPI document is
valid OpenAPI 3.1 (openapi-spec-validator), and schemathesis, fuzzing the real sandbox
from it, finds no 5xx, no undocumented status, no answer that breaks its schema."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from openapi_spec_validator import validate
from pydantic import SecretStr

from fleet_tui.sandbox.server import ServerThread, build_app

TOKEN = "schemathesis-fixed-token-0123456789"


def test_the_shipped_document_is_valid_openapi_3_1() -> None:
    text = resources.files("fleet_tui.sandbox").joinpath("openapi.json").read_text("utf-8")
    validate(json.loads(text))  # raises on the first error


@pytest.mark.slow
def test_schemathesis_finds_nothing_against_the_real_sandbox(tmp_path: Path) -> None:
    app = build_app(tmp_path / "sandbox", fixed_token=SecretStr(TOKEN))
    st = Path(sys.executable).with_name("schemathesis")
    with ServerThread(app) as server:
        result = subprocess.run(
            [
                str(st),
                "run",
                f"{server.url}/v1/openapi.json",
                "--header",
                f"Authorization: Bearer {TOKEN}",
                "--checks",
                "all",
                # Schema-valid orders may still break the account's rules (a plan of
                # another type, an unknown customer number): JSON Schema cannot say
                # which plans this account offers, so 422 on such an order is right.
                "--exclude-checks",
                "positive_data_acceptance",
                "--max-examples",
                "5",
                "--seed",
                "1",
                "--workers",
                "1",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=tmp_path,
            env={**os.environ, "NO_COLOR": "1"},
        )
    tail = (result.stdout + result.stderr)[-4000:]
    assert result.returncode == 0, tail
    assert "No issues found" in result.stdout or " passed" in result.stdout, tail
