"""Field rules, each declared once and read by validation, the converter and the schema.

A rule is attached to a type with ``typing.Annotated``, e.g. ``Annotated[str, Text()]``.
``check`` returns ``None`` for a good value (already known to be of the base type) or a
message saying what is wrong; ``inline`` returns the same test as a Python expression for
the generated checks and readers; ``json_schema`` returns the same constraint as a JSON
Schema fragment for vendoring projects.
"""

from __future__ import annotations

import functools
import math
import re
import typing
from collections.abc import Callable, Collection
from typing import Any

import attrs

from diplomod import _codelists

if typing.TYPE_CHECKING:
    from diplomod._codegen import Namespace


class Rule:
    """Base of all field rules."""

    __slots__ = ()

    def check(self, value: Any) -> str | None:  # pragma: no cover - overridden
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:  # pragma: no cover - overridden
        raise NotImplementedError

    def inline(self, var: str, ns: Namespace) -> str:
        """Return an expression that is true when the value in *var* holds to the rule.

        The value is already of the base type. By default the expression calls `check`; a
        rule whose test is cheap in Python writes it out.
        """
        return f"{ns.name(self.check, 'check')}({var}) is None"

    def schema_name(self) -> str | None:
        """The name of a shared schema definition for this rule, or ``None`` to inline it."""
        return None


_SURROGATES = "\ud800-\udfff"
_SINGLE_LINE_BAD = re.compile(f"[\x00-\x1f\x7f-\x9f{_SURROGATES}]")
_MULTI_LINE_BAD = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_SURROGATES}]")
_LONE_SURROGATE = re.compile(f"[{_SURROGATES}]")


def _without_breaks(value: str) -> str:
    return value.replace("\n", "").replace("\r", "").replace("\t", "")


def _bad_character(value: str, bad: re.Pattern[str]) -> str | None:
    found = bad.search(value)
    if found is None:
        return None
    ch = found.group()
    if "\ud800" <= ch <= "\udfff":
        return f"must not contain the lone surrogate {ch!r}"
    return f"must not contain the control character {ch!r}"


@attrs.frozen
class Text(Rule):
    """Human text: not empty, not starting or ending with white space, no control characters.

    ``multiline`` admits line breaks and tabs inside the text, as quotes need.
    """

    multiline: bool = False

    def check(self, value: str) -> str | None:
        if not value:
            return "must not be empty"
        if value != value.strip() or value[0] == "\ufeff" or value[-1] == "\ufeff":
            return "must not start or end with white space"
        if value.isprintable():  # no control character, no surrogate
            return None
        if self.multiline and _without_breaks(value).isprintable():
            return None
        return _bad_character(value, _MULTI_LINE_BAD if self.multiline else _SINGLE_LINE_BAD)

    def inline(self, var: str, ns: Namespace) -> str:
        # Most text is printable and trimmed; the rest is decided by `check`.
        common = f"{var} and {var}.isprintable() and {var}.strip() == {var}"
        return f"(({common}) or {super().inline(var, ns)})"

    def json_schema(self) -> dict[str, Any]:
        inner = (
            r"[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]"
            if self.multiline
            else (r"[^\u0000-\u001f\u007f-\u009f]")
        )
        edge = r"[^\s\u0000-\u001f\u007f-\u009f\ufeff]"
        return {"type": "string", "minLength": 1, "pattern": f"^{edge}(?:{inner}*{edge})?$"}

    def schema_name(self) -> str:
        return "Prose" if self.multiline else "Label"


@attrs.frozen
class FullText(Rule):
    """A document's text, kept exactly as published: anything but an empty string."""

    def check(self, value: str) -> str | None:
        if not value:
            return "must not be empty"
        if value.isascii():
            return None
        return _bad_character(value, _LONE_SURROGATE)

    def inline(self, var: str, ns: Namespace) -> str:
        return f"({var} and ({var}.isascii() or {super().inline(var, ns)}))"

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "minLength": 1}


@attrs.frozen
class Pattern(Rule):
    """A string matching a regular expression (written so that ECMA 262 reads it alike)."""

    regex: str
    meaning: str  # what a matching value is, for the message: "a Wikidata id such as 'Q42'"

    def check(self, value: str) -> str | None:
        if _compiled(self.regex).fullmatch(value):
            return None
        return f"{value!r} is not {self.meaning}"

    def inline(self, var: str, ns: Namespace) -> str:
        return f"{ns.name(_compiled(self.regex).fullmatch, 'match')}({var}) is not None"

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": self.regex}


_CACHE: dict[str, re.Pattern[str]] = {}


def _compiled(regex: str) -> re.Pattern[str]:
    try:
        return _CACHE[regex]
    except KeyError:
        return _CACHE.setdefault(regex, re.compile(regex.removeprefix("^").removesuffix("$")))


@attrs.frozen
class Range(Rule):
    """A number within ``[minimum, maximum]``; floats must also be finite."""

    minimum: float
    maximum: float

    def check(self, value: float) -> str | None:
        if isinstance(value, float) and not math.isfinite(value):
            return f"must be a finite number, not {value!r}"
        if self.minimum <= value <= self.maximum:
            return None
        return (
            f"{_plain(value)} is outside the range [{_plain(self.minimum)}, {_plain(self.maximum)}]"
        )

    def inline(self, var: str, ns: Namespace) -> str:
        return f"{self.minimum!r} <= {var} <= {self.maximum!r}"  # False for NaN

    def json_schema(self) -> dict[str, Any]:
        return {"minimum": self.minimum, "maximum": self.maximum}


def _plain(number: float) -> str:
    """Write a bound as people read it: ``2147483647``, not ``2.14748e+09``."""
    if isinstance(number, int):
        return str(number) if number.bit_length() <= 64 else "a number too long to show"
    return str(int(number)) if number.is_integer() and abs(number) < 1e16 else repr(number)


@attrs.frozen
class MinItems(Rule):
    """A collection of at least ``count`` items."""

    count: int

    def check(self, value: Collection[Any]) -> str | None:
        if len(value) >= self.count:
            return None
        return f"needs at least {self.count} item{'s' if self.count != 1 else ''}, got {len(value)}"

    def inline(self, var: str, ns: Namespace) -> str:
        return f"len({var}) >= {self.count}"

    def json_schema(self) -> dict[str, Any]:
        return {"minItems": self.count}


@attrs.frozen
class Unique(Rule):
    """A tuple whose items are all different."""

    def check(self, value: tuple[Any, ...]) -> str | None:
        seen: set[Any] = set()
        for item in value:
            if item in seen:
                return f"lists {item!r} more than once"
            seen.add(item)
        return None

    def inline(self, var: str, ns: Namespace) -> str:
        return f"len(set({var})) == len({var})"

    def json_schema(self) -> dict[str, Any]:
        return {"uniqueItems": True}


@attrs.frozen
class Code(Rule):
    """A code from the closed codelist ``codelist`` (a CSV file in ``diplomod/codelists``)."""

    codelist: str
    noun: str  # what a code names, for the message: "participant role"

    def check(self, value: str) -> str | None:
        codes = _codelists.load(self.codelist)
        if value in codes:
            return None
        return f"unknown {self.noun} {value!r}" + _codelists.suggest(value, codes)

    def inline(self, var: str, ns: Namespace) -> str:
        return f"{var} in {ns.name(_codelists.load(self.codelist), 'codes')}"

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": list(_codelists.load(self.codelist))}

    def schema_name(self) -> str:
        return self.noun.title().replace(" ", "")


ID_PATTERN = r"^[a-z0-9]+(?:[._-][a-z0-9]+)*$"


@attrs.frozen
class StateCode(Rule):
    """An ISO 3166-1 alpha-3 code from the ``states`` codelist (plus the few listed others)."""

    def check(self, value: str) -> str | None:
        states = _codelists.load("states")
        if value in states:
            return None
        key = value.casefold()
        names = _state_names()
        named = names.get(key) or next(
            (code for name, code in names.items() if len(key) >= 4 and name.startswith(key)), None
        )
        if named is not None:
            return f"unknown state code {value!r}; did you mean {named!r}?"
        return f"unknown state code {value!r}" + _codelists.suggest(value.upper(), states)

    def inline(self, var: str, ns: Namespace) -> str:
        return f"{var} in {ns.name(_codelists.load('states'), 'states')}"

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": list(_codelists.load("states"))}

    def schema_name(self) -> str:
        return "StateCode"


@functools.cache
def _state_names() -> dict[str, str]:
    """Map each state's names, case-folded, to its code, to suggest a code for a name."""
    names: dict[str, str] = {}
    for code, row in _codelists.load("states").items():
        if row["status"] != "withdrawn":
            names.setdefault(row["name"].casefold(), code)
            names.setdefault(row["common_name"].casefold(), code)
    return names


@attrs.frozen
class Actor(Rule):
    """A state (by its code, all capitals) or an organization (by its record id, lower case)."""

    def check(self, value: str) -> str | None:
        if _compiled(ID_PATTERN).fullmatch(value):
            return None
        message = StateCode().check(value)
        if message is None:
            return None
        looks_like_code = value.isupper() and value.isalpha() and len(value) <= 4
        if looks_like_code or (value != value.lower() and "did you mean" in message):
            return message  # meant as a state
        return f"{value!r} is neither a state code such as 'PAK' nor a record id such as 'sco'"

    def inline(self, var: str, ns: Namespace) -> str:
        state = StateCode().inline(var, ns)
        return f"({state} or {Pattern(ID_PATTERN, '').inline(var, ns)})"

    def json_schema(self, ref: Callable[[Rule], dict[str, Any]] | None = None) -> dict[str, Any]:
        state = StateCode()
        states = state.json_schema() if ref is None else ref(state)
        return {"anyOf": [states, Pattern(ID_PATTERN, "").json_schema()]}

    def schema_name(self) -> str:
        return "ActorRef"


AREA_SEGMENT = r"[a-z][a-z0-9_]*"
AREA_NAMESPACE_PATTERN = rf"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*:{AREA_SEGMENT}(?:\.{AREA_SEGMENT})*$"


@attrs.frozen
class AreaCode(Rule):
    """A cooperation area: a built-in code, or ``namespace:code`` from an extension codelist."""

    def check(self, value: str) -> str | None:
        builtin = _codelists.load("cooperation_areas")
        if value in builtin:
            return None
        if ":" in value:
            if _compiled(AREA_NAMESPACE_PATTERN).fullmatch(value):
                return None
            return (
                f"{value!r} is not an extension code such as 'acme:fisheries.quotas' "
                "(a lower-case namespace, a colon, then dotted lower-case segments)"
            )
        return f"unknown cooperation area {value!r}" + _codelists.suggest(value, builtin)

    def inline(self, var: str, ns: Namespace) -> str:
        builtin = ns.name(_codelists.load("cooperation_areas"), "areas")
        namespaced = Pattern(AREA_NAMESPACE_PATTERN, "").inline(var, ns)
        return f"({var} in {builtin} or ({namespaced}))"

    def json_schema(self) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "string", "enum": list(_codelists.load("cooperation_areas"))},
                {"type": "string", "pattern": AREA_NAMESPACE_PATTERN},
            ]
        }

    def schema_name(self) -> str:
        return "CooperationAreaCode"
