"""Order documents on disk (SPEC §7): how files become orders with their locations, and
how a broken file is reported. Values are not judged here (see the model's tests)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fleet_tui.core import document
from fleet_tui.core.document import DocumentError, Location, csv_columns, load_orders
from fleet_tui.core.i18n import LANGUAGES, has_key, t

ORDER: dict[str, Any] = {
    "number": {"request": "new", "desired_number": None},
    "customer_number": "5.16142",
    "sim": {"format": "physical", "sim_number": "1150100084757"},
    "subscription": {"type": "mobile", "plan": "shape-traveller"},
    "travel_data_control": 0,
}


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def error_of(path: Path) -> DocumentError:
    with pytest.raises(DocumentError) as caught:
        load_orders(path)
    return caught.value


# --- JSON -------------------------------------------------------------------------------


def test_json_single_order_is_one_order_at_its_first_line(tmp_path: Path) -> None:
    path = write(tmp_path, "one.json", "\n\n" + json.dumps(ORDER, indent=2))
    [only] = load_orders(path)
    assert only.index == 0
    assert only.location == Location("one.json", "line", 3)
    assert only.data == ORDER


def test_json_orders_list_gives_each_order_its_starting_line(tmp_path: Path) -> None:
    text = '{\n  "orders": [\n    {"a": 1},\n\n    {"b": [1,\n 2]}, {"c": "x"}\n  ]\n}\n'
    orders = load_orders(write(tmp_path, "many.json", text))
    assert [(o.index, o.location.number, o.data) for o in orders] == [
        (0, 3, {"a": 1}),
        (1, 5, {"b": [1, 2]}),
        (2, 6, {"c": "x"}),
    ]
    assert str(orders[1].location) == "many.json line 5"


def test_json_orders_given_twice_are_refused_at_the_second(tmp_path: Path) -> None:
    # json.loads would keep the last "orders" silently: which orders were meant?
    text = '{"orders": [{"old": 1}],\n "orders" :\n [\n {"new": "[1, {]}"}\n ]}'
    with pytest.raises(DocumentError) as refused:
        load_orders(write(tmp_path, "dup.json", text))
    assert (refused.value.code, refused.value.location.number) == ("duplicate_key", 2)


def test_json_top_level_array_is_a_list_of_orders(tmp_path: Path) -> None:
    orders = load_orders(write(tmp_path, "list.json", '[\n{"a": 1},\n{"a": 2}\n]'))
    assert [o.location.number for o in orders] == [2, 3]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.dictionaries(
            st.text(min_size=1, max_size=5),
            st.recursive(
                st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                lambda inner: (
                    st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=3), inner, max_size=3)
                ),
                max_leaves=6,
            ),
            max_size=4,
        ),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from([None, 0, 1, 3]),
)
def test_json_locations_point_at_each_order_and_data_is_unchanged(
    tmp_path_factory: pytest.TempPathFactory, orders: list[dict[str, Any]], indent: int | None
) -> None:
    folder = tmp_path_factory.mktemp("prop")
    text = json.dumps({"orders": orders}, indent=indent, ensure_ascii=False)
    loaded = load_orders(write(folder, "p.json", text))
    assert [o.data for o in loaded] == orders
    lines = text.split("\n")
    for item in loaded:
        # The order's line holds the opening brace of that order.
        assert "{" in lines[item.location.number - 1]
    assert [o.location.number for o in loaded] == sorted(o.location.number for o in loaded)


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('{\n  "number": {"request": "new",}\n}', 2, 31),
        ('{"orders": [\n{"a": 1}\n{"a": 2}]}', 3, 1),
        ("", 1, 1),
    ],
)
def test_malformed_json_names_line_and_column(
    tmp_path: Path, text: str, line: int, column: int
) -> None:
    error = error_of(write(tmp_path, "bad.json", text))
    assert error.code == "malformed_json"
    assert (error.params["line"], error.params["column"]) == (line, column)
    assert error.location == Location("bad.json", "line", line)
    assert f"line {line}, column {column}" in error.message("en")


def test_nan_and_absurd_nesting_are_malformed_not_crashes(tmp_path: Path) -> None:
    assert error_of(write(tmp_path, "nan.json", '{"travel_data_control": NaN}')).code == (
        "malformed_json"
    )
    deep = "[" * 100_000 + "]" * 100_000
    assert error_of(write(tmp_path, "deep.json", deep)).code == "malformed_json"


def test_orders_must_be_a_list_and_alone(tmp_path: Path) -> None:
    assert error_of(write(tmp_path, "a.json", '{"orders": {"a": 1}}')).code == "orders_not_list"
    error = error_of(write(tmp_path, "b.json", '{"orders": [], "extra": 1}'))
    assert (error.code, error.params) == ("unexpected_key", {"key": "extra"})
    assert error_of(write(tmp_path, "c.json", '{"orders": []}')).code == "empty"


# --- TOML -------------------------------------------------------------------------------


def test_toml_orders_are_numbered(tmp_path: Path) -> None:
    text = """
[[orders]]
customer_number = "5.16142"
travel_data_control = 0
[orders.number]
request = "new"

[[orders]]
customer_number = "Acme [GmbH]"
"""
    orders = load_orders(write(tmp_path, "o.toml", text))
    assert [str(o.location) for o in orders] == ["o.toml order 1", "o.toml order 2"]
    assert orders[0].data == {
        "customer_number": "5.16142",
        "travel_data_control": 0,
        "number": {"request": "new"},
    }
    assert orders[1].data == {"customer_number": "Acme [GmbH]"}


def test_toml_single_order_and_malformed_toml(tmp_path: Path) -> None:
    [only] = load_orders(write(tmp_path, "s.toml", 'customer_number = "5.16142"\n'))
    assert only.data == {"customer_number": "5.16142"}
    error = error_of(write(tmp_path, "bad.toml", 'a = 1\nb = "unclosed\n'))
    assert error.code == "malformed_toml"
    assert error.params["line"] == 2
    assert error.location.number == 2


# --- CSV --------------------------------------------------------------------------------


def test_csv_columns_come_from_the_model() -> None:
    columns = csv_columns()
    assert {
        "number.request",
        "number.desired_number",
        "number.card_type",
        "number.vat_number",
        "sim.format",
        "sim.sim_number",
        "sim.esim_number",
        "sim.send_qr_to_fleet_manager",
        "options.codes",
        "options.from_number",
        "invoice_split.profile",
        "invoice_split.contract",
        "customer_number",
        "travel_data_control",
        "surf_extra_card",
    } <= columns
    assert "number" not in columns
    assert columns >= document.BOOLEAN_COLUMNS
    assert columns >= document.LIST_COLUMNS


def test_csv_rows_become_nested_orders(tmp_path: Path) -> None:
    text = (
        "number.request,customer_number,sim.format,sim.esim_number,"
        "sim.send_qr_to_fleet_manager,options.mode,options.codes,surf_extra_card,"
        "travel_data_control,invoice_split.profile,invoice_split.contract\n"
        "new,5.16142,esim,1150100048141,Yes,select, world-traveller ; mobile-security,0,50,,\n"
        "\n"
        'transfer,"Acme [GmbH], ""quoted""",physical,,maybe,select,,true,0,gold,/x.pdf\n'
    )
    first, second = load_orders(write(tmp_path, "o.csv", text))
    assert first.data == {
        "number": {"request": "new"},
        "customer_number": "5.16142",
        "sim": {"format": "esim", "esim_number": "1150100048141", "send_qr_to_fleet_manager": True},
        "options": {"mode": "select", "codes": ["world-traveller", "mobile-security"]},
        "surf_extra_card": False,
        "travel_data_control": "50",
    }
    assert "invoice_split" not in first.data  # both cells empty: no Invoice Split
    # Rows are numbered as a spreadsheet shows them (header = 1), blank rows included.
    assert (str(first.location), str(second.location)) == ("o.csv row 2", "o.csv row 4")
    assert second.data == {
        "number": {"request": "transfer"},
        "customer_number": 'Acme [GmbH], "quoted"',
        "sim": {"format": "physical", "send_qr_to_fleet_manager": "maybe"},
        "options": {"mode": "select"},
        "surf_extra_card": True,
        "travel_data_control": "0",
        "invoice_split": {"profile": "gold", "contract": "/x.pdf"},
    }


def test_csv_with_semicolons_as_a_belgian_spreadsheet_exports(tmp_path: Path) -> None:
    text = 'number.request;options.codes\r\nnew;"a;b"\r\n'
    [only] = load_orders(write(tmp_path, "be.csv", text))
    assert only.data == {"number": {"request": "new"}, "options": {"codes": ["a", "b"]}}


def test_csv_multiline_cell_keeps_row_numbering(tmp_path: Path) -> None:
    text = 'number.request,customer_number\nnew,"line1\nline2"\nnew,5.1\n'
    orders = load_orders(write(tmp_path, "m.csv", text))
    assert [o.location.number for o in orders] == [2, 3]
    assert orders[0].data == {"number": {"request": "new"}, "customer_number": "line1\nline2"}


@pytest.mark.parametrize(
    ("text", "code", "params"),
    [
        ("number.request,nope\nnew,1\n", "csv_unknown_column", {"column": "nope"}),
        ("number\nnew\n", "csv_unknown_column", {"column": "number"}),
        (
            "surf_extra_card,surf_extra_card\n1,0\n",
            "csv_duplicate_column",
            {"column": "surf_extra_card"},
        ),
        ("number.request\n", "empty", {}),
    ],
)
def test_csv_header_problems(
    tmp_path: Path, text: str, code: str, params: dict[str, object]
) -> None:
    error = error_of(write(tmp_path, "h.csv", text))
    assert (error.code, error.params) == (code, params)


def test_csv_row_with_too_many_cells_names_the_row(tmp_path: Path) -> None:
    error = error_of(write(tmp_path, "x.csv", "number.request\nnew\nnew,extra\n"))
    assert (error.code, str(error.location)) == ("csv_extra_cells", "x.csv row 3")


def test_csv_unclosed_quote_is_malformed(tmp_path: Path) -> None:
    error = error_of(write(tmp_path, "q.csv", 'number.request\n"new\n'))
    assert error.code == "malformed_csv"


# --- the file itself --------------------------------------------------------------------


def test_non_utf8_names_the_byte_offset_and_line(tmp_path: Path) -> None:
    content = b"number.request,customer_number\nnew,Caf" + b"\xe9\n"
    error = error_of(write(tmp_path, "latin1.csv", content))
    assert error.code == "not_utf8"
    assert error.params == {"offset": len(content) - 2}
    assert error.location == Location("latin1.csv", "line", 2)
    assert str(len(content) - 2) in error.message("fr")


def test_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    [only] = load_orders(write(tmp_path, "bom.csv", b"\xef\xbb\xbfnumber.request\nnew\n"))
    assert only.data == {"number": {"request": "new"}}


def test_missing_directory_and_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert error_of(tmp_path / "nowhere.json").code == "missing"
    assert error_of(tmp_path).code == "not_a_file"
    monkeypatch.setattr(document, "MAX_BYTES", 10)
    error = error_of(write(tmp_path, "big.json", '{"orders": [{}, {}, {}]}'))
    assert error.code == "too_large"


@pytest.mark.parametrize(
    ("name", "text", "data"),
    [
        ("a.txt", '  {"x": 1}', [{"x": 1}]),
        ("b", '[{"x": 1}]', [{"x": 1}]),
        ("c.order", "[[orders]]\nx = 1\n[[orders]]\nx = 2\n", [{"x": 1}, {"x": 2}]),
        ("d.dat", "# comment\nx = 1\n", [{"x": 1}]),
        (
            "e.export",
            "number.request,customer_number\nnew,5.1\n",
            [{"number": {"request": "new"}, "customer_number": "5.1"}],
        ),
    ],
)
def test_unknown_suffix_is_sniffed(
    tmp_path: Path, name: str, text: str, data: list[dict[str, Any]]
) -> None:
    assert [o.data for o in load_orders(write(tmp_path, name, text))] == data


def test_every_document_error_and_location_reads_in_every_language() -> None:
    codes = {
        "missing", "not_a_file", "unreadable", "too_large", "not_utf8", "empty",
        "malformed_json", "malformed_toml", "malformed_csv", "unexpected_key",
        "orders_not_list", "csv_unknown_column", "csv_duplicate_column", "csv_extra_cells",
    }  # fmt: skip
    for lang in LANGUAGES:
        for code in codes:
            assert has_key(f"cli.document_{code}", lang), (lang, code)
        for unit in ("file", "line", "row", "order"):
            text = Location("f.csv", unit, 7).text(lang)
            assert text.startswith("f.csv")
            assert unit == "file" or "7" in text
    assert t("cli.document_unexpected_key", "fr", key="k").endswith('{"orders": [...]}.')
