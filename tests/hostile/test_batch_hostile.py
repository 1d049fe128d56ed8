"""Hostile order files through ``fleet-tui validate`` and ``submit``, in process: escape
sequences are printed escaped, lone surrogates and duplicate keys are refused with
their line, parser messages are in the interface language, nothing is stored."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from fleet_tui.cli.main import main
from tests.support.orders import spec_order

# What must never reach the terminal raw: ESC, BEL, CSI (C1), RLO, a lone surrogate.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
OSC_TITLE = "\x1b]0;PWNED\x07"


@pytest.fixture(autouse=True)
def _no_user_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLEET_TUI_CONFIG", str(tmp_path / "none.toml"))
    for name in ("FLEET_TUI_LANG", "FLEET_TUI_CLIENT", "FLEET_TUI_TOKEN", "FLEET_TUI_API_URL"):
        monkeypatch.delenv(name, raising=False)


def _run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    code = main([*args[:1], "--data-dir", str(data), "--lang", "fr", *args[1:]])
    out, err = capsys.readouterr()
    return code, out, err


def _stored(data: Path) -> int:
    if not (data / "demo.sqlite3").exists():
        return 0
    with sqlite3.connect(data / "demo.sqlite3") as db:
        return int(db.execute("SELECT count(*) FROM orders").fetchone()[0])


def test_escape_sequences_in_keys_and_values_are_printed_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    order = spec_order(customer_number=OSC_TITLE)
    order["\u202e\x1b[2J"] = 1
    order["sim"]["esim_number"] = "\x9b31m"
    path = tmp_path / "evil.json"
    path.write_text(json.dumps(order), encoding="utf-8")  # escapes as \u001b: valid JSON
    code, out, err = _run(capsys, tmp_path / "data", "validate", str(path))
    assert code == 1
    assert not RAW.search(out + err), repr(out + err)
    assert "\\u202e\\x1b[2J\u00a0: " in out  # the unexpected key, readable
    assert "Ce champ n'est pas attendu ici." in out


def test_escape_sequences_in_json_output_stay_escaped_and_decode_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    order = spec_order()
    order["\u202e\x1b[2J\x9b"] = 1
    path = tmp_path / "evil.json"
    path.write_text(json.dumps(order), encoding="utf-8")
    code, out, _ = _run(capsys, tmp_path / "data", "validate", str(path), "--json")
    assert code == 1
    assert not RAW.search(out)
    fields = [e["field"] for e in json.loads(out)["orders"][0]["errors"]]
    assert "\u202e\x1b[2J\x9b" in fields  # still the same value, once decoded


def test_an_escape_sequence_in_a_csv_column_name_is_printed_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "evil.csv"
    path.write_text(f"customer_number,{OSC_TITLE}col\n1,2\n", encoding="utf-8")
    code, out, err = _run(capsys, tmp_path / "data", "validate", str(path))
    assert code == 1
    assert not RAW.search(out + err)
    assert out == "evil.csv rangée 1\u00a0: Colonne « \\x1b]0;PWNED\\x07col » inconnue.\n"


@pytest.mark.parametrize(
    "text",
    ['{"\\ud800": 1}', '[{"a": "ok"},\n {"b": "\\udc00"}]', '{"x": "\\ud83d"}'],
    ids=["key", "low_in_second_order", "high_at_end"],
)
def test_a_lone_surrogate_is_refused_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    path = tmp_path / "half.json"
    path.write_text(text, encoding="utf-8")
    data = tmp_path / "data"
    code, out, err = _run(capsys, data, "submit", str(path))
    assert code == 1
    line = text.count("\n", 0, text.index("\\ud")) + 1
    assert out.startswith(f"half.json ligne {line}\u00a0: La séquence \\u")
    assert "moitié de caractère" in out
    assert not RAW.search(out + err)
    assert _stored(data) == 0


def test_a_paired_surrogate_escape_is_a_character(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    order = spec_order()
    path = tmp_path / "emoji.json"
    text = json.dumps(order)[:-1] + ', "note": "\\ud83d\\ude00"}'
    path.write_text(text, encoding="utf-8")
    code, out, _ = _run(capsys, tmp_path / "data", "validate", str(path))
    assert code == 1  # "note" is not a field: refused as such, not as a half character
    assert "moitié" not in out and "note\u00a0: Ce champ n'est pas attendu ici." in out


def test_a_key_given_twice_is_refused_with_the_line_of_the_second(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = json.dumps(spec_order(), indent=1)
    twice = first.replace('"customer_number": "5.16142",', '"customer_number": "5.16142",\n')
    twice = twice.replace('\n "sim":', '\n "customer_number": "9.99999",\n "sim":', 1)
    document = "[\n" + json.dumps(spec_order()) + ",\n" + twice + "\n]"
    path = tmp_path / "twice.json"
    path.write_text(document, encoding="utf-8")
    second = document.index('"customer_number": "9.99999"')
    line = document.count("\n", 0, second) + 1
    data = tmp_path / "data"
    code, out, _ = _run(capsys, data, "submit", str(path))
    assert code == 1
    assert out == (
        f"twice.json ligne {line}\u00a0: La clé « customer_number » est donnée deux fois "
        f"dans un même objet (ligne {line})\u00a0: n'en gardez qu'une.\n"
        "Rien n'a été envoyé\u00a0: corrigez les erreurs ci-dessus et relancez la commande.\n"
    )
    assert _stored(data) == 0


def test_a_parser_message_is_in_the_interface_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"customer_number" "5.16142"}', encoding="utf-8")
    code, out, _ = _run(capsys, tmp_path / "data", "validate", str(path))
    assert code == 1
    assert out == (
        "broken.json ligne 1\u00a0: JSON mal formé à la ligne 1, colonne 20\u00a0: "
        "un deux-points est attendu.\n"
    )
