"""The fast path for reading valid data: one generated function per class.

Each function reads a JSON-ready dict, checks every field's type and rules inline, and builds
the object without running the checks a second time. It never reports a problem: at the
first one it gives up, and the strict cattrs converter reads the data again to report every
problem with its path. So the converter alone decides what is valid; this only makes the
common case, valid data, fast. Dates are parsed once per distinct text and shared, and codes
are replaced by the codelist's own string, so a large collection holds one copy of each.
"""

from __future__ import annotations

import functools
import math
import re
import types
import typing
from collections.abc import Callable
from typing import Annotated, Any, Literal, Union

import attrs

from diplomod import _codelists
from diplomod._rules import (
    AREA_NAMESPACE_PATTERN,
    ID_PATTERN,
    Actor,
    AreaCode,
    Code,
    FullText,
    MinItems,
    Pattern,
    Range,
    Rule,
    StateCode,
    Text,
    Unique,
)
from diplomod.dates import PartialDate, Period, When, parse_when

Reader = Callable[[Any, list[int]], Any]
"""Reads JSON-ready data, adding to the counter the number of keys of the objects read."""


class Reject(Exception):  # noqa: N818 - internal signal, never seen by users
    """Raised inside the fast path at the first problem; the strict reader takes over."""


def _reject() -> Any:
    raise Reject


@functools.lru_cache(maxsize=8192)
def _date(text: str) -> PartialDate:
    if type(text) is not str:
        raise Reject
    return PartialDate.parse(text)


@functools.lru_cache(maxsize=8192)
def _period(text: str) -> Period:
    if type(text) is not str:
        raise Reject
    return Period.parse(text)


@functools.lru_cache(maxsize=8192)
def _when(text: str) -> PartialDate | Period:
    if type(text) is not str:
        raise Reject
    return parse_when(text)


def _float(value: Any) -> float:
    """Accept an integer or a float subclass as a float; finiteness is the range's to check."""
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    raise Reject


def _interned(codes: typing.Mapping[str, Any]) -> Callable[[Any], str]:
    """Accept a code of *codes*, returning the codelist's own copy of the string."""
    canonical = {code: code for code in codes}
    return canonical.__getitem__  # a miss raises KeyError: the strict reader takes over


def _matching(regex: str) -> Callable[[str], str]:
    match = re.compile(regex.removeprefix("^").removesuffix("$")).fullmatch

    @functools.lru_cache(maxsize=4096)  # ids and tags recur across records
    def accept(value: str) -> str:
        if match(value) is None:
            raise Reject
        return value

    return accept


def _checked(rule: Rule) -> Callable[[Any], Any]:
    """Accept a value when *rule*'s own check passes (the readers test common text inline)."""
    check = rule.check

    def accept(value: Any) -> Any:
        if check(value) is not None:
            raise Reject
        return value

    return accept


def _code_or_match(codes: typing.Mapping[str, Any], regex: str) -> Callable[[str], str]:
    """Accept a code of *codes* (as the codelist's own string) or text matching *regex*."""
    canonical = {code: code for code in codes}
    match = re.compile(regex.removeprefix("^").removesuffix("$")).fullmatch

    def accept(value: str) -> str:
        found = canonical.get(value)
        if found is not None:
            return found
        if match(value):
            return value
        raise Reject

    return accept


def accept(rule: Rule) -> Callable[[Any], Any]:
    """Return a function that returns the value when *rule* holds, and raises otherwise."""
    if isinstance(rule, Code):
        return _interned(_codelists.load(rule.codelist))
    if isinstance(rule, StateCode):
        return _interned(_codelists.load("states"))
    if isinstance(rule, Pattern):
        return _matching(rule.regex)
    if isinstance(rule, Text | FullText):
        return _checked(rule)
    if isinstance(rule, Actor):
        return _code_or_match(_codelists.load("states"), ID_PATTERN)
    if isinstance(rule, AreaCode):
        return _code_or_match(_codelists.load("cooperation_areas"), AREA_NAMESPACE_PATTERN)
    if isinstance(rule, Range):
        low, high = rule.minimum, rule.maximum

        def within(value: float) -> float:
            if low <= value <= high:
                return value
            raise Reject

        return within
    raise TypeError(f"the fast path has no test for {rule!r}")  # pragma: no cover


_READERS: dict[Any, Reader] = {}


def reader(cls: Any) -> Reader:
    """Return the fast reader of *cls* (a diplomod class or the `Event` union)."""
    try:
        return _READERS[cls]
    except KeyError:
        pass
    if typing.get_origin(cls) in (Union, types.UnionType):
        built = _union_reader(cls)
    elif typing.get_origin(cls) is list:  # a JSON array of records, such as list[Event]
        src = _Source()
        lines = ["def read_list(v, c):", *_convert(cls, "v", src, "  "), "  return v"]
        built = _compile(lines, src, "read_list")
    else:
        built = _class_reader(cls)
    return _READERS.setdefault(cls, built)


def _union_reader(union: Any) -> Reader:
    from diplomod._converter import KINDS

    by_kind = {kind: reader(cls) for kind, cls in KINDS.items() if cls in typing.get_args(union)}

    def read_event(data: Any, keys: list[int]) -> Any:
        if type(data) is not dict:
            raise Reject
        return by_kind[data["kind"]](data, keys)

    return read_event


class _Source:
    """The lines of one generated function and the names they use."""

    def __init__(self) -> None:
        self.names: dict[str, Any] = {"Reject": Reject, "_reject": _reject}
        self.counter = 0

    def name(self, value: Any, prefix: str = "n") -> str:
        self.counter += 1
        key = f"_{prefix}{self.counter}"
        self.names[key] = value
        return key


def _convert(hint: Any, var: str, src: _Source, indent: str) -> list[str]:
    """Return lines that check, and convert in place, the JSON value in *var*."""
    origin = typing.get_origin(hint)
    if origin is Annotated:
        lines = _convert(hint.__origin__, var, src, indent)
        for rule in hint.__metadata__:
            if isinstance(rule, MinItems):
                lines.append(f"{indent}if len({var}) < {rule.count}: raise Reject")
            elif isinstance(rule, Unique):
                lines.append(f"{indent}if len(set({var})) != len({var}): raise Reject")
            elif isinstance(rule, Text):  # most text passes the inline test
                fallback = src.name(accept(rule), "text")
                lines.append(
                    f"{indent}if not ({var} and {var}.isprintable() and {var}.strip() == {var}):"
                    f" {var} = {fallback}({var})"
                )
            elif isinstance(rule, Actor):  # most actors are states
                states = src.name({code: code for code in _codelists.load("states")}, "states")
                fallback = src.name(accept(rule), "actor")
                lines.append(f"{indent}{var} = {states}.get({var}) or {fallback}({var})")
            elif isinstance(rule, Rule):
                lines.append(f"{indent}{var} = {src.name(accept(rule), 'accept')}({var})")
        return lines
    if hint is When:
        return [f"{indent}{var} = {src.name(_when, 'when')}({var})"]
    if origin in (Union, types.UnionType):
        arms = [arm for arm in typing.get_args(hint) if arm is not type(None)]
        if len(arms) == len(typing.get_args(hint)):
            raise TypeError(f"the fast path reads no union {hint!r}")  # pragma: no cover
        inner = When if set(arms) == {PartialDate, Period} else arms[0]
        if len(arms) != 1 and inner is not When:
            raise TypeError(f"the fast path reads no union {hint!r}")  # pragma: no cover
        return [f"{indent}if {var} is not None:", *_convert(inner, var, src, indent + "  ")]
    if origin in (tuple, frozenset, list):
        item = typing.get_args(hint)[0]
        expression = _item_expression(item, src)
        if expression is None:
            expression = f"{src.name(_item_reader(item), 'item')}(x, c)"
        lines = [
            f"{indent}if type({var}) is not list: raise Reject",
            f"{indent}{var} = {'' if origin is list else 'tuple'}([{expression} for x in {var}])",
        ]
        if origin is frozenset:
            lines += [
                f"{indent}_s = frozenset({var})",
                f"{indent}if len(_s) != len({var}): raise Reject",
                f"{indent}{var} = _s",
            ]
        return lines
    if origin is Literal:
        allowed = src.name({value: value for value in typing.get_args(hint)}, "literal")
        return [f"{indent}{var} = {allowed}[{var}] if type({var}) is str else _reject()"]
    if hint in (str, int, bool):  # exactly the type: a bool is no int here
        return [f"{indent}if type({var}) is not {hint.__name__}: raise Reject"]
    if hint is float:
        return [f"{indent}if type({var}) is not float: {var} = {src.name(_float, 'float')}({var})"]
    if hint is PartialDate:
        return [f"{indent}{var} = {src.name(_date, 'date')}({var})"]
    if hint is Period:
        return [f"{indent}{var} = {src.name(_period, 'period')}({var})"]
    if isinstance(hint, type) and attrs.has(hint):
        return [f"{indent}{var} = {src.name(reader(hint), 'read')}({var}, c)"]
    raise TypeError(f"the fast path reads no {hint!r}")  # pragma: no cover


def _item_expression(hint: Any, src: _Source) -> str | None:
    """Return one expression that reads the item ``x`` of a list of codes, or ``None``.

    Looking a code up raises for anything that is not one of its strings, so no type test
    is needed.
    """
    if typing.get_origin(hint) is not Annotated or hint.__origin__ is not str:
        return None
    rules = [rule for rule in hint.__metadata__ if isinstance(rule, Rule)]
    if len(rules) != 1:
        return None
    (rule,) = rules
    if isinstance(rule, Code | StateCode):
        return f"{src.name(accept(rule), 'code')}(x)"
    if isinstance(rule, AreaCode):
        builtin = src.name({code: code for code in _codelists.load("cooperation_areas")}, "a")
        return f"({builtin}.get(x) or {src.name(accept(rule), 'area')}(x))"
    return None


def _item_reader(hint: Any) -> Reader:
    src = _Source()
    lines = ["def read_item(v, c):", *_convert(hint, "v", src, "  "), "  return v"]
    return _compile(lines, src, "read_item")


def _class_reader(cls: type) -> Reader:
    from diplomod._converter import KINDS

    kind = next((k for k, c in KINDS.items() if c is cls), None)
    hints = typing.get_type_hints(cls, include_extras=True)
    fields = [f for f in attrs.fields(cls) if f.init]
    plain = all(f.init for f in attrs.fields(cls))  # else the constructor sets the rest
    src = _Source()
    src.names.update({"_cls": cls, "_new": object.__new__, "_set": object.__setattr__})
    src.names["_missing"] = missing = object()
    required = sum(1 for f in fields if f.default is attrs.NOTHING) + (kind is not None)
    lines = ["def read(o, c):", "  if type(o) is not dict: raise Reject", f"  n = {required}"]
    if kind is not None:
        lines.append(f"  if o.get('kind') != {kind!r}: raise Reject")
    for i, field in enumerate(fields):
        var = f"f{i}"
        if field.default is attrs.NOTHING:
            lines.append(f"  {var} = o[{field.name!r}]")
            lines += _convert(hints[field.name], var, src, "  ")
        else:
            default = src.name(field.default, "default")
            lines += [
                f"  {var} = o.get({field.name!r}, _missing)",
                f"  if {var} is _missing:",
                f"    {var} = {default}",
                "  else:",
                "    n += 1",
                *_convert(hints[field.name], var, src, "    "),
            ]
    lines += ["  if len(o) != n: raise Reject", "  c[0] += n"]  # an unknown key
    if plain:
        lines.append("  obj = _new(_cls)")
        lines += [f"  _set(obj, {f.name!r}, f{i})" for i, f in enumerate(fields)]
        if hasattr(cls, "_rules"):
            lines.append("  if obj._rules(): raise Reject")
    else:
        arguments = ", ".join(f"{f.name}=f{i}" for i, f in enumerate(fields))
        lines.append(f"  obj = _cls({arguments})")
    lines.append("  return obj")
    del missing
    return _compile(lines, src, "read")


def _compile(lines: list[str], src: _Source, name: str) -> Callable[..., Any]:
    """Make the function *name* from *lines*, generated from type hints, never from data."""
    namespace = dict(src.names)
    exec("\n".join(lines), namespace)
    function: Callable[..., Any] = namespace[name]
    return function


_loads: Callable[[bytes], Any]
try:
    from orjson import loads as _loads
except ImportError:  # pragma: no cover - depends on the environment
    from json import loads as _loads

_KEY_END = b'":'
_SPACED_KEY_END = re.compile(rb'"[ \t\n\r]+:')


def read_json(text: str | bytes, cls: Any, version: str | None = None) -> Any:
    """Read a JSON document of *cls*, or raise `Reject` where the strict reader must look.

    Parsers keep the last of a key given twice, so the keys read are counted and compared
    with the ``":`` in the text. Every key written without white space before its colon
    ends in one, and other ``":`` (a string that starts with a colon, an escaped quote)
    only add to the count; so when no key is written with space before its colon, equal
    counts mean no key is given twice. Anything else goes to the strict reader, which
    refuses a repeated key. A *version* is the ``schema_version`` the document must carry.
    """
    raw = text.encode("utf-8") if isinstance(text, str) else text
    if type(raw) is not bytes or raw.startswith(b"\xef\xbb\xbf"):
        raise Reject
    data = _loads(raw)
    keys = [0]
    if version is not None:  # a versioned document: only the current version is read here
        if type(data) is not dict or data.get("schema_version") != version:
            raise Reject
        data = {key: value for key, value in data.items() if key != "schema_version"}
        keys[0] += 1
    result = reader(cls)(data, keys)
    if raw.count(_KEY_END) != keys[0]:
        raise Reject
    spaced = b'" ' in raw or b'"\n' in raw or b'"\t' in raw or b'"\r' in raw
    if spaced and _SPACED_KEY_END.search(raw):
        raise Reject
    return result


Writer = Callable[[Any], Any]

_WRITERS: dict[type, Writer] = {}


def writer(cls: type) -> Writer:
    """Return the fast writer of *cls*: the same dict the converter writes, built directly."""
    try:
        return _WRITERS[cls]
    except KeyError:
        return _WRITERS.setdefault(cls, _class_writer(cls))


def _write_expression(hint: Any, var: str, src: _Source) -> str:
    """Return an expression that writes the value in *var* as JSON-ready data."""
    from diplomod._converter import unstructure_float

    while typing.get_origin(hint) is Annotated:
        hint = hint.__origin__
    origin = typing.get_origin(hint)
    if hint is When or hint in (PartialDate, Period):
        return f"str({var})"
    if origin in (Union, types.UnionType):
        arms = [arm for arm in typing.get_args(hint) if arm is not type(None)]
        inner = When if set(arms) == {PartialDate, Period} else arms[0]
        return f"(None if {var} is None else {_write_expression(inner, var, src)})"
    if origin in (tuple, frozenset):
        item = typing.get_args(hint)[0]
        while typing.get_origin(item) is Annotated:
            item = item.__origin__
        if item is str:
            return f"list({var})" if origin is tuple else f"sorted({var})"
        each = f"[{_write_expression(item, 'x', src)} for x in {var}]"
        return each if origin is tuple else f"sorted({each})"
    if hint is float:
        return f"{src.name(unstructure_float, 'float')}({var})"
    if hint in (str, int, bool) or origin is Literal:
        return var
    if isinstance(hint, type) and attrs.has(hint):
        return f"{src.name(writer(hint), 'write')}({var})"
    raise TypeError(f"the fast path writes no {hint!r}")  # pragma: no cover


def _class_writer(cls: type) -> Writer:
    from diplomod._converter import KINDS

    kind = next((k for k, c in KINDS.items() if c is cls), None)
    hints = typing.get_type_hints(cls, include_extras=True)
    src = _Source()
    lines = ["def write(obj):", "  d = {}" if kind is None else f"  d = {{'kind': {kind!r}}}"]
    for field in attrs.fields(cls):
        if not field.init:
            continue
        value = f"obj.{field.name}"
        expression = _write_expression(hints[field.name], "v", src)
        if field.default is attrs.NOTHING:
            lines += [f"  v = {value}", f"  d[{field.name!r}] = {expression}"]
            continue
        if field.default is None:
            test = "v is not None"
        elif field.default in ((), frozenset()):
            test = "v"
        else:
            test = f"v != {src.name(field.default, 'default')}"
        lines += [f"  v = {value}", f"  if {test}:", f"    d[{field.name!r}] = {expression}"]
    lines.append("  return d")
    return _compile(lines, src, "write")
