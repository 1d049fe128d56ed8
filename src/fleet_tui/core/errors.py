"""Field errors: a path into the order document, a code, and parameters.

The message is not stored: it is produced in the reader's language when shown, so one
error travels unchanged from the model to the TUI, the batch report and the HTTP API.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from fleet_tui.core.i18n import Lang, has_key, t

#: Where a field sits in the order document: ``("sim", "esim_number")``, ``("orders", 2)``.
#: (Named apart from :class:`pathlib.Path`, which the modules using it import too.)
FieldPath = tuple[str | int, ...]

# Pydantic's own error types, folded into the few codes a person needs to read.
_PYDANTIC_CODES: Mapping[str, str] = {
    "missing": "required",
    "extra_forbidden": "not_expected",
    "union_tag_invalid": "choice_invalid",
    "union_tag_not_found": "required",
    "literal_error": "choice_invalid",
    "enum": "choice_invalid",
    "string_type": "text_expected",
    "string_too_long": "text_too_long",
    "too_long": "too_many",
    "bool_type": "yes_no_expected",
    "bool_parsing": "yes_no_expected",
    "int_type": "whole_number_expected",
    "int_parsing": "whole_number_expected",
    "int_from_float": "whole_number_expected",
    "greater_than_equal": "too_small",
    "less_than_equal": "too_large",
    "list_type": "list_expected",
    "model_type": "object_expected",
    "model_attributes_type": "object_expected",
    "dict_type": "object_expected",
    "set_type": "list_expected",
}


def dotted(path: FieldPath) -> str:
    """``("number", "phone_number")`` → ``"number.phone_number"``; list indices as ``[0]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


def parse_dotted(text: str) -> FieldPath:
    """The inverse of :func:`dotted`."""
    parts: list[str | int] = []
    for chunk in text.split("."):
        name, *indices = chunk.split("[")
        if name:
            parts.append(name)
        parts.extend(int(i.rstrip("]")) for i in indices)
    return tuple(parts)


@dataclass(frozen=True)
class FieldError:
    """One problem with one field of an order."""

    path: FieldPath
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def field(self) -> str:
        """The dotted field path, as used in the order document and the HTTP API."""
        return dotted(self.path)

    def message(self, lang: Lang) -> str:
        """The message in ``lang``."""
        key = f"error.{self.code}"
        if not has_key(key, "en"):
            key = "error.invalid"
        return t(key, lang, **self.params)

    def as_json(self, lang: Lang | None = None) -> dict[str, Any]:
        """A JSON-ready dict; with ``lang``, the message too."""
        out: dict[str, Any] = {"field": self.field, "code": self.code}
        if self.params:
            out["params"] = {k: _jsonable(v) for k, v in self.params.items()}
        if lang is not None:
            out["message"] = self.message(lang)
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FieldError:
        """Rebuild an error sent as :meth:`as_json` (for example by the HTTP backend)."""
        return cls(
            parse_dotted(str(data.get("field", ""))),
            str(data.get("code", "invalid")),
            dict(data.get("params") or {}),
        )


def _jsonable(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


class OrderInvalid(ValueError):
    """An order document broke one or more rules."""

    def __init__(self, errors: Iterable[FieldError]) -> None:
        self.errors: list[FieldError] = list(errors)
        super().__init__("; ".join(f"{e.field}: {e.code}" for e in self.errors))

    def messages(self, lang: Lang) -> list[str]:
        """``field: message`` lines in ``lang``."""
        return [f"{e.field}: {e.message(lang)}" for e in self.errors]


def rule_error(code: str, **params: Any) -> PydanticCustomError:
    """An error raised inside a field validator; ``code`` is the translation key suffix."""
    # The English template only serves pydantic's own repr; readers get t("error.<code>").
    return PydanticCustomError(code, t(f"error.{code}", "en", **params), params)


def from_validation_error(exc: ValidationError, prefix: FieldPath = ()) -> list[FieldError]:
    """Convert pydantic's errors into :class:`FieldError` with readable codes."""
    out: list[FieldError] = []
    seen: set[tuple[FieldPath, str]] = set()
    for err in exc.errors(include_url=False, include_input=False):
        loc = tuple(_clean_loc(err["loc"]))
        kind = err["type"]
        ctx = dict(err.get("ctx") or {})
        if kind in {"union_tag_not_found", "union_tag_invalid"} and "discriminator" in ctx:
            # The tag field itself is missing or wrong: name it, so the error lands on it.
            loc = (*loc, str(ctx["discriminator"]).strip("'\""))
        code = _PYDANTIC_CODES.get(kind, kind)
        if kind in {"string_too_long", "too_long"}:
            ctx = {"limit": ctx.get("max_length", "")}
        elif kind in {"greater_than_equal", "less_than_equal"}:
            ctx = {"limit": ctx.get("ge", ctx.get("le", ""))}
        elif kind in {"literal_error", "union_tag_invalid", "enum"}:
            ctx = {"expected": ctx.get("expected_tags", ctx.get("expected", ""))}
        elif kind == "value_error" or (
            code not in _PYDANTIC_CODES.values() and not has_key(f"error.{code}", "en")
        ):
            code, ctx = "invalid", {}
        key = (prefix + loc, code)
        if key in seen:
            continue
        seen.add(key)
        out.append(FieldError(prefix + loc, code, ctx))
    return out


def _clean_loc(loc: Iterable[str | int]) -> Iterable[str | int]:
    # Discriminated unions add the tag to the location ("number", "transfer", "prepaid",
    # "phone_number"); the document has no such level, so drop it.
    for part in loc:
        if isinstance(part, str) and part in _UNION_TAGS:
            continue
        yield part


_UNION_TAGS = frozenset(
    {
        "new",
        "transfer",
        "prepaid",
        "private_subscription",
        "professional_subscription",
        "physical",
        "esim",
        "copy",
        "select",
    }
)
