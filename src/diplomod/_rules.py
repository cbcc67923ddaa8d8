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
import zoneinfo
from collections.abc import Callable, Collection
from typing import Any

import attrs

from diplomod import _codelists
from diplomod.errors import quoted

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

# -- character classes that mean the same in Python `re` and in ECMA 262 (with the u flag) --
#
# The classes list what they admit, never what they exclude: a negated class such as
# ``[^\u0000-\u001f]`` would admit lone surrogates, which ECMA 262 and Python strings can
# hold, and a class naming the surrogates cannot be written for engines built on Unicode
# scalar values. They use no ``\s`` either, whose members differ between engines.

CodePoints = tuple[tuple[int, int], ...]
"""Inclusive ranges of code points, in order and not touching."""

_ALL: CodePoints = ((0x0000, 0xD7FF), (0xE000, 0x10FFFF))  # every Unicode scalar value
_CONTROLS: CodePoints = ((0x00, 0x1F), (0x7F, 0x9F))  # C0, DEL and C1
_BREAKS: CodePoints = ((0x09, 0x0A), (0x0D, 0x0D))  # tab, line feed, carriage return
SPACES: CodePoints = (
    (0x09, 0x0D),
    (0x1C, 0x20),
    (0x85, 0x85),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x2028, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
    (0xFEFF, 0xFEFF),
)
"""What `str.strip` removes, and the byte order mark: what text must not start or end with."""


def _minus(ranges: CodePoints, *removed: CodePoints) -> CodePoints:
    """The code points of *ranges* that none of *removed* holds."""
    result = list(ranges)
    for start, end in (span for spans in removed for span in spans):
        kept: list[tuple[int, int]] = []
        for low, high in result:
            if high < start or low > end:
                kept.append((low, high))
                continue
            if low < start:
                kept.append((low, start - 1))
            if high > end:
                kept.append((end + 1, high))
        result = kept
    return tuple(result)


def _union(*parts: CodePoints) -> CodePoints:
    merged: list[tuple[int, int]] = []
    for low, high in sorted(span for spans in parts for span in spans):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return tuple(merged)


def _char(code: int) -> str:
    # Escapes for the Basic Multilingual Plane; above it, the character itself, since
    # Python and ECMA 262 escape those differently.
    return f"\\u{code:04x}" if code <= 0xFFFF else chr(code)


def char_class(ranges: CodePoints) -> str:
    """Write *ranges* as a character class that Python and ECMA 262 (u flag) read alike."""
    return (
        "["
        + "".join(
            _char(low) if low == high else f"{_char(low)}-{_char(high)}" for low, high in ranges
        )
        + "]"
    )


VISIBLE: CodePoints = _minus(_ALL, _CONTROLS, SPACES)
"""What text may start and end with: no control character, no space, no surrogate."""

_INNER_SPACES: CodePoints = _minus(SPACES, _CONTROLS)
_INNER_BREAKS: CodePoints = _union(_INNER_SPACES, _BREAKS)


def end_anchored(regex: str) -> str:
    """Anchor *regex* at both ends so that every engine matches the whole value and only it.

    ``$`` alone would let Python's ``re.search``, which JSON Schema validators in Python use,
    accept a final line break; ``(?!\\n)`` refuses it there and changes nothing in ECMA 262.
    """
    body = regex.removeprefix("^").removesuffix("$")
    if _top_level_choice(body):
        body = f"(?:{body})"
    return f"^{body}$(?!\\n)"


def _top_level_choice(regex: str) -> bool:
    """Whether *regex* has a ``|`` outside every group and class."""
    depth, in_class, escaped = 0, False, False
    for ch in regex:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch in "()":
            depth += 1 if ch == "(" else -1
        elif ch == "|" and depth == 0:
            return True
    return False


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
        # Visible characters, with runs of spaces (and line breaks) between them: each
        # character decides which part it belongs to, so matching never backtracks far.
        spaces = char_class(_INNER_BREAKS if self.multiline else _INNER_SPACES)
        visible = char_class(VISIBLE)
        pattern = end_anchored(f"{visible}(?:{spaces}*{visible})*")
        return {"type": "string", "minLength": 1, "pattern": pattern}

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
        # The class holds the line feed, so ``$`` needs no guard against a final one, and
        # engines that run look-aheads step by step need not run them over a whole document.
        return {"type": "string", "minLength": 1, "pattern": f"^{char_class(_ALL)}*$"}


@attrs.frozen
class Pattern(Rule):
    """A string matching a regular expression (written so that ECMA 262 reads it alike)."""

    regex: str
    meaning: str  # what a matching value is, for the message: "a Wikidata id such as 'Q42'"

    def check(self, value: str) -> str | None:
        if _compiled(self.regex).fullmatch(value):
            return None
        return f"{quoted(value)} is not {self.meaning}"

    def inline(self, var: str, ns: Namespace) -> str:
        return f"{ns.name(_compiled(self.regex).fullmatch, 'match')}({var}) is not None"

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": end_anchored(self.regex)}


_CACHE: dict[str, re.Pattern[str]] = {}


def _compiled(regex: str) -> re.Pattern[str]:
    """The regex, for `re.fullmatch`: its anchors, if written, are dropped."""
    try:
        return _CACHE[regex]
    except KeyError:
        return _CACHE.setdefault(regex, re.compile(regex.removeprefix("^").removesuffix("$")))


URL_PATTERN = (
    f"^https?://{char_class(_minus(VISIBLE, ((0x23, 0x23), (0x2F, 0x2F), (0x3F, 0x3F))))}"
    f"{char_class(VISIBLE)}*$"
)
"""An http or https URL: a host, then any visible characters (no space, no control)."""


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
                return f"lists {quoted(item)} more than once"
            seen.add(item)
        return None

    def inline(self, var: str, ns: Namespace) -> str:
        return f"len(set({var})) == len({var})"

    def json_schema(self) -> dict[str, Any]:
        return {"uniqueItems": True}


def codelist_keywords(codelist: str, *, open: bool) -> dict[str, Any]:
    """Name the codelist a field's codes come from, as OCDS schemas do: ``codelist`` is its
    CSV file, ``openCodelist`` whether codes outside it are allowed (namespaced areas)."""
    return {"codelist": f"{codelist}.csv", "openCodelist": open}


@attrs.frozen
class Code(Rule):
    """A code from the closed codelist ``codelist`` (a CSV file in ``diplomod/codelists``)."""

    codelist: str
    noun: str  # what a code names, for the message: "participant role"

    def check(self, value: str) -> str | None:
        codes = _codelists.load(self.codelist)
        if value in codes:
            return None
        return f"unknown {self.noun} {quoted(value)}" + _codelists.suggest(value, codes)

    def inline(self, var: str, ns: Namespace) -> str:
        return f"{var} in {ns.name(_codelists.load(self.codelist), 'codes')}"

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "string",
            "enum": list(_codelists.load(self.codelist)),
            **codelist_keywords(self.codelist, open=False),
        }

    def schema_name(self) -> str:
        return self.noun.title().replace(" ", "")


ZONE_PATTERN = r"^[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*$"
"""The shape of an IANA time zone name, such as ``Asia/Karachi`` (the zone is looked up on top)."""


@attrs.frozen
class TimeZone(Rule):
    """An IANA time zone name that the time zone database knows, such as ``Asia/Karachi``.

    Schemas check the name's shape only: which zones exist is the database's business.
    """

    def check(self, value: str) -> str | None:
        if _compiled(ZONE_PATTERN).fullmatch(value) and known_zone(value):
            return None
        return (
            f"{quoted(value)} is not a time zone the IANA database names, such as "
            "'Asia/Karachi' or 'America/New_York'"
        )

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": end_anchored(ZONE_PATTERN)}


@functools.lru_cache(maxsize=1024)
def known_zone(name: str) -> bool:
    """Whether the time zone database holds the zone *name* (not a machine's own
    ``localtime`` or ``posixrules``, which mean different zones on different machines)."""
    if name in ("localtime", "posixrules"):
        return False
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False  # not a key at all (ValueError), or a folder of zones (OSError)
    return True


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
            return f"unknown state code {quoted(value)}; did you mean {named!r}?"
        return f"unknown state code {quoted(value)}" + _codelists.suggest(value.upper(), states)

    def inline(self, var: str, ns: Namespace) -> str:
        return f"{var} in {ns.name(_codelists.load('states'), 'states')}"

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "string",
            "enum": list(_codelists.load("states")),
            **codelist_keywords("states", open=False),
        }

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
            lower = value.lower()  # meant as a state, or as an organization's acronym
            if _acronym(value) and _compiled(ID_PATTERN).fullmatch(lower):
                return f"{message} (an organization is named by its record id, such as {lower!r})"
            return message
        return (
            f"{quoted(value)} is neither a state code such as 'PAK' nor a record id such as 'sco'"
        )

    def inline(self, var: str, ns: Namespace) -> str:
        state = StateCode().inline(var, ns)
        return f"({state} or {Pattern(ID_PATTERN, '').inline(var, ns)})"

    def json_schema(self, ref: Callable[[Rule], dict[str, Any]] | None = None) -> dict[str, Any]:
        state = StateCode()
        states = state.json_schema() if ref is None else ref(state)
        return {"anyOf": [states, Pattern(ID_PATTERN, "").json_schema()]}

    def schema_name(self) -> str:
        return "ActorRef"


def _acronym(value: str) -> bool:
    """Whether an unknown code may be an organization's acronym (``EU``, ``NATO``) rather
    than a mistyped state code or a name: capitals, not three of them, nor a state code and
    one more."""
    states = _codelists.load("states")
    return (
        value.isalpha()
        and value.isupper()
        and len(value) != 3
        and not any(value[:i] + value[i + 1 :] in states for i in range(len(value)))
    )


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
                f"{quoted(value)} is not an extension code such as 'acme:fisheries.quotas' "
                "(a lower-case namespace, a colon, then dotted lower-case segments)"
            )
        return f"unknown cooperation area {quoted(value)}" + _codelists.suggest(value, builtin)

    def inline(self, var: str, ns: Namespace) -> str:
        builtin = ns.name(_codelists.load("cooperation_areas"), "areas")
        namespaced = Pattern(AREA_NAMESPACE_PATTERN, "").inline(var, ns)
        return f"({var} in {builtin} or ({namespaced}))"

    def json_schema(self) -> dict[str, Any]:
        return {
            **codelist_keywords("cooperation_areas", open=True),
            "anyOf": [
                {"type": "string", "enum": list(_codelists.load("cooperation_areas"))},
                {"type": "string", "pattern": end_anchored(AREA_NAMESPACE_PATTERN)},
            ],
        }

    def schema_name(self) -> str:
        return "CooperationAreaCode"
