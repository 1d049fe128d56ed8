"""Order documents on disk: JSON, TOML or CSV files holding one order or many (SPEC §7).

:func:`load_orders` reads a file and returns each order's raw data with where it starts,
so that a batch report can say ``orders.json line 12`` or ``orders.csv row 3``. Nothing
here judges the values: they go unchanged to :func:`fleet_tui.core.rules.validate_order`,
which normalises them and reports field errors. Problems with the file itself (not
UTF-8, malformed, too large, an unknown CSV column) raise :class:`DocumentError`.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import re
import tomllib
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from json.decoder import scanstring  # type: ignore[attr-defined]  # public, untyped
from pathlib import Path
from typing import Any, Final, Literal

from pydantic import BaseModel

from fleet_tui.core.i18n import Lang, has_key, t
from fleet_tui.core.order import Order

MAX_BYTES: Final = 20 * 1024 * 1024
#: CSV columns read as yes/no; every other cell is handed to the model as text.
BOOLEAN_COLUMNS: Final = frozenset({"sim.send_qr_to_fleet_manager", "surf_extra_card"})
#: CSV columns holding a list, items separated by ``;``.
LIST_COLUMNS: Final = frozenset({"options.codes"})
_TRUE: Final = frozenset({"true", "yes", "1"})
_FALSE: Final = frozenset({"false", "no", "0"})

Unit = Literal["file", "line", "row", "order"]


@dataclass(frozen=True)
class Location:
    """Where something is in a file: the file itself, a line (JSON), a row (CSV, counted
    as a spreadsheet does: the header is row 1) or the n-th order (TOML)."""

    file: str
    unit: Unit = "file"
    number: int = 0

    def text(self, lang: Lang) -> str:
        """``orders.json line 12`` in ``lang``."""
        return t(f"cli.location_{self.unit}", lang, file=self.file, number=self.number)

    def __str__(self) -> str:
        return self.text("en")


@dataclass(frozen=True)
class LocatedOrder:
    """One order's raw data (as parsed, not validated) and where it starts."""

    index: int
    location: Location
    data: object


class DocumentError(Exception):
    """The file cannot be read as an order document. ``code`` is the suffix of a
    ``cli.document_*`` translation key; ``params`` fill it in."""

    def __init__(
        self, location: Location, code: str, params: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(f"{location}: {code}")
        self.location = location
        self.code = code
        self.params: dict[str, Any] = dict(params or {})

    def message(self, lang: Lang) -> str:
        """The problem, in ``lang`` (without the location). A ``reason`` given as a
        code (``reason_code``) is translated: a parser's English text never shows."""
        params = dict(self.params)
        code = params.pop("reason_code", None)
        if code is not None:
            key = f"hardened.reason_{code}"
            params["reason"] = t(key if has_key(key, "en") else "hardened.reason_syntax", lang)
        return t(f"cli.document_{self.code}", lang, **params)


def load_orders(path: Path) -> list[LocatedOrder]:
    """Every order in the file at ``path``, in file order.

    The format follows the suffix (``.json``, ``.toml``, ``.csv``); any other suffix is
    sniffed from the content. Raises :class:`DocumentError`.
    """
    name = path.name
    text = _read_text(path, name)
    suffix = path.suffix.lower()
    if suffix == ".json":
        orders = _json_orders(text, name)
    elif suffix == ".toml":
        orders = _toml_orders(text, name)
    elif suffix == ".csv":
        orders = _csv_orders(text, name)
    else:
        orders = _sniffed_orders(text, name)
    if not orders:
        raise DocumentError(Location(name), "empty")
    return orders


# --- reading ---------------------------------------------------------------------------


def _read_text(path: Path, name: str) -> str:
    where = Location(name)
    if not path.exists():
        raise DocumentError(where, "missing")
    if not path.is_file():
        raise DocumentError(where, "not_a_file")
    try:
        with path.open("rb") as handle:
            # Read one byte past the cap rather than trust stat(): pipes have no size.
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        code = {errno.EACCES: "denied", errno.EPERM: "denied", errno.EIO: "io"}.get(
            exc.errno or 0, "os"
        )
        raise DocumentError(where, "unreadable", {"reason_code": code}) from None
    if len(raw) > MAX_BYTES:
        raise DocumentError(where, "too_large", {"limit_mb": MAX_BYTES // (1024 * 1024)})
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DocumentError(
            Location(name, "line", line), "not_utf8", {"offset": exc.start}
        ) from None


def _sniffed_orders(text: str, name: str) -> list[LocatedOrder]:
    head = text.lstrip()
    if head.startswith("{"):
        return _json_orders(text, name)
    if head.startswith("["):
        # "[" opens a JSON array or a TOML table header.
        try:
            return _json_orders(text, name)
        except DocumentError as json_error:
            try:
                return _toml_orders(text, name)
            except DocumentError:
                raise json_error from None
    first = next((ln for ln in head.splitlines() if ln.strip() and not ln.startswith("#")), "")
    if "=" in first and "," not in first.split("=", 1)[0]:
        return _toml_orders(text, name)
    return _csv_orders(text, name)


# --- JSON ------------------------------------------------------------------------------

_SPACE = re.compile(r"[ \t\n\r]*")
# The json module's messages, by the code of their translation (hardened.reason_*).
_JSON_REASONS: Final = {
    "Expecting value": "expecting_value",
    "Expecting ',' delimiter": "expecting_comma",
    "Expecting ':' delimiter": "expecting_colon",
    "Expecting property name enclosed in double quotes": "expecting_name",
    "Unterminated string starting at": "unterminated_string",
    "Invalid control character at": "control_character",
    "Invalid \\escape": "bad_escape",
    "Invalid \\uXXXX escape": "bad_escape",
    "Extra data": "extra_data",
}
# A \uD800–\uDFFF escape not part of a high-low pair decodes to a lone surrogate:
# not a character, it cannot be encoded, printed or stored.
_LONE_SURROGATE = re.compile(
    r"(?<!\\)(?:\\\\)*\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})(?<!\\)(?:\\\\)*\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


class DuplicateKey(ValueError):
    """A JSON object gives ``key`` twice (raised by :func:`no_duplicate_keys`)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``json.loads``'s ``object_pairs_hook`` that refuses a key given twice."""
    # json.loads keeps the last of two equal keys without a word: an order that says
    # "plan" twice would be submitted with one of them, unseen. Refuse it instead.
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise DuplicateKey(key)
        out[key] = value
    return out


_DECODER = json.JSONDecoder(
    parse_constant=lambda word: _reject_constant(word), object_pairs_hook=no_duplicate_keys
)
# Only to find where a duplicate key is: without the hook.
_PLAIN = json.JSONDecoder(parse_constant=lambda word: _reject_constant(word))


def _reject_constant(word: str) -> object:
    # NaN and Infinity are not JSON; Python's decoder accepts them unless told otherwise.
    raise ValueError(f"{word} is not allowed in JSON")


class _Lines:
    """Line numbers of offsets into a text, for offsets visited in increasing order."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._offset = 0
        self._line = 1

    def at(self, offset: int) -> int:
        self._line += self._text.count("\n", self._offset, offset)
        self._offset = offset
        return self._line


def _json_orders(text: str, name: str) -> list[LocatedOrder]:
    surrogate = _LONE_SURROGATE.search(text)
    if surrogate is not None:
        line = text.count("\n", 0, surrogate.start()) + 1
        raise DocumentError(
            Location(name, "line", line), "lone_surrogate", {"escape": surrogate.group()[-6:]}
        )
    try:
        top = _DECODER.decode(text)
    except DuplicateKey as exc:
        line = _duplicate_line(text)
        where = Location(name, "line", line) if line else Location(name)
        raise DocumentError(where, "duplicate_key", {"key": exc.key, "line": line or "?"}) from None
    except json.JSONDecodeError as exc:
        raise DocumentError(
            Location(name, "line", exc.lineno),
            "malformed_json",
            {
                "line": exc.lineno,
                "column": exc.colno,
                "reason_code": _JSON_REASONS.get(exc.msg, "syntax"),
            },
        ) from None
    except (ValueError, RecursionError) as exc:
        # Over-long integers, NaN, absurd nesting: malformed for our purpose.
        code = "too_deep" if isinstance(exc, RecursionError) else "number"
        raise DocumentError(
            Location(name), "malformed_json", {"line": "?", "column": "?", "reason_code": code}
        ) from None
    start = _SPACE.match(text).end()  # type: ignore[union-attr]  # always matches
    lines = _Lines(text)
    if isinstance(top, list):
        return list(_json_array(text, start, name, lines))
    if isinstance(top, dict) and "orders" in top:
        extra = sorted(k for k in top if k != "orders")
        if extra:
            raise DocumentError(Location(name), "unexpected_key", {"key": extra[0]})
        if not isinstance(top["orders"], list):
            raise DocumentError(Location(name), "orders_not_list")
        return list(_json_array(text, _orders_value_start(text, start), name, lines))
    return [LocatedOrder(0, Location(name, "line", lines.at(start)), top)]


def _duplicate_line(text: str) -> int:
    """The line of the first key given twice in one object of the valid JSON ``text``
    (0 if nested too deep to walk)."""
    try:
        offset = _first_duplicate(text, _SPACE.match(text).end())[0]  # type: ignore[union-attr]
    except RecursionError:
        return 0
    return 0 if offset is None else text.count("\n", 0, offset) + 1


def _first_duplicate(text: str, pos: int) -> tuple[int | None, int]:
    """Walk the JSON value at ``pos``: the offset of the first repeated key (or
    ``None``) and the offset past the value."""
    opening = text[pos]
    if opening not in "{[":
        return None, _PLAIN.raw_decode(text, pos)[1]
    closing = "}" if opening == "{" else "]"
    seen: set[str] = set()
    pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
    while text[pos] != closing:
        if opening == "{":
            key, after = scanstring(text, pos + 1)
            if key in seen:
                return pos, after
            seen.add(key)
            pos = _SPACE.match(text, after).end()  # type: ignore[union-attr]
            pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]  # past ':'
        found, pos = _first_duplicate(text, pos)
        if found is not None:
            return found, pos
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        if text[pos] == ",":
            pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
    return None, pos + 1


def _orders_value_start(text: str, start: int) -> int:
    """Offset of the value of the top-level key ``orders`` (the last one, as in
    :func:`json.loads`) in a text already known to be a valid JSON object."""
    found = -1
    pos = _SPACE.match(text, start + 1).end()  # type: ignore[union-attr]
    while text[pos] != "}":
        key, pos = _DECODER.raw_decode(text, pos)
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]  # past ':'
        if key == "orders":
            found = pos
        _value, pos = _DECODER.raw_decode(text, pos)
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        if text[pos] == ",":
            pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
    return found


def _json_array(text: str, start: int, name: str, lines: _Lines) -> Iterator[LocatedOrder]:
    """Each element of the valid JSON array starting at ``start``, with its line."""
    pos = _SPACE.match(text, start + 1).end()  # type: ignore[union-attr]
    index = 0
    while text[pos] != "]":
        value, end = _DECODER.raw_decode(text, pos)
        yield LocatedOrder(index, Location(name, "line", lines.at(pos)), value)
        index += 1
        pos = _SPACE.match(text, end).end()  # type: ignore[union-attr]
        if text[pos] == ",":
            pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]


# --- TOML ------------------------------------------------------------------------------

_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def _toml_orders(text: str, name: str) -> list[LocatedOrder]:
    try:
        top = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_POSITION.search(str(exc))
        line, column = (int(found[1]), int(found[2])) if found else (0, 0)
        # tomllib's reasons are English and many: the line and column say where.
        where = Location(name, "line", line) if line else Location(name)
        raise DocumentError(
            where, "malformed_toml", {"line": line, "column": column, "reason_code": "syntax"}
        ) from None
    except RecursionError:
        raise DocumentError(
            Location(name),
            "malformed_toml",
            {"line": "?", "column": "?", "reason_code": "too_deep"},
        ) from None
    if "orders" not in top:
        return [LocatedOrder(0, Location(name, "order", 1), top)]
    extra = sorted(k for k in top if k != "orders")
    if extra:
        raise DocumentError(Location(name), "unexpected_key", {"key": extra[0]})
    orders = top["orders"]
    if not isinstance(orders, list):
        raise DocumentError(Location(name), "orders_not_list")
    return [LocatedOrder(i, Location(name, "order", i + 1), d) for i, d in enumerate(orders)]


# --- CSV -------------------------------------------------------------------------------


def _is_model(kind: object) -> typing.TypeGuard[type[BaseModel]]:
    return isinstance(kind, type) and issubclass(kind, BaseModel)


def _models_in(annotation: object) -> Iterator[type[BaseModel]]:
    """The pydantic models reachable through ``Annotated``, unions and ``Optional``."""
    if _is_model(annotation):
        yield annotation
        return
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _models_in(typing.get_args(annotation)[0])
    elif origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            yield from _models_in(arg)


@cache
def csv_columns() -> frozenset[str]:
    """Every CSV column name: the dotted paths of the order document's fields, taken
    from the model so that they can never drift from it."""
    columns: set[str] = set()
    for name, info in Order.model_fields.items():
        models = list(_models_in(info.annotation))
        if not models:
            columns.add(name)
        for model in models:
            columns.update(f"{name}.{sub}" for sub in model.model_fields)
    return frozenset(columns)


def _csv_orders(text: str, name: str) -> list[LocatedOrder]:
    delimiter = _csv_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
        if header is None:
            return []
        columns = _csv_header(header, name)
        orders: list[LocatedOrder] = []
        # Rows are counted as a spreadsheet shows them: the header is row 1.
        for row_number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            where = Location(name, "row", row_number)
            if len(cells) > len(columns):
                raise DocumentError(where, "csv_extra_cells", {"count": len(cells)})
            orders.append(LocatedOrder(len(orders), where, _csv_order(columns, cells)))
    except csv.Error as exc:
        line = reader.line_num
        raise DocumentError(
            Location(name, "line", line), "malformed_csv", {"reason_code": _csv_reason(exc)}
        ) from None
    return orders


def _csv_reason(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return "csv_field_too_large"
    if "new-line character" in text or "unexpected end of data" in text:
        return "csv_unclosed_quote"
    return "csv_quote" if "expected after" in text else "syntax"


def _csv_delimiter(text: str) -> str:
    # Spreadsheets set to a Belgian locale export with ";" (or tabs); ";" inside
    # options.codes is then quoted by the spreadsheet itself.
    first = text.split("\n", 1)[0]
    if "," in first:
        return ","
    if "\t" in first:
        return "\t"
    return ";" if ";" in first else ","


def _csv_header(header: list[str], name: str) -> list[str]:
    where = Location(name, "row", 1)
    columns = [cell.strip() for cell in header]
    known = csv_columns()
    seen: set[str] = set()
    for column in columns:
        if column not in known:
            raise DocumentError(where, "csv_unknown_column", {"column": column})
        if column in seen:
            raise DocumentError(where, "csv_duplicate_column", {"column": column})
        seen.add(column)
    return columns


def _csv_order(columns: list[str], cells: list[str]) -> dict[str, Any]:
    order: dict[str, Any] = {}
    for column, cell in zip(columns, cells, strict=False):
        if cell == "":
            continue  # an empty cell is an absent field
        value: object = cell
        if column in BOOLEAN_COLUMNS:
            value = _csv_bool(cell)
        elif column in LIST_COLUMNS:
            value = [item.strip() for item in cell.split(";") if item.strip()]
        group, _, sub = column.partition(".")
        if sub:
            part = order.setdefault(group, {})
            part[sub] = value
        else:
            order[group] = value
    # Both invoice_split cells empty leave the group absent: the model reads it as null.
    return order


def _csv_bool(cell: str) -> object:
    word = cell.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    return cell  # the model says "yes or no expected"
