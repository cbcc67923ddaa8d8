"""The one cattrs converter that owns diplomod's serialization policy.

Reading is strict: an unknown key is an error, nothing is coerced (``5`` is not a string,
``"abc"`` is not a list), dates must be in their canonical text form, and every problem in
a document is reported at once. Writing is deterministic: fields in declaration order, sets
sorted, defaults left out.
"""

from __future__ import annotations

import difflib
import json
import keyword
import math
import typing
from collections.abc import Callable, Iterator
from typing import Annotated, Any

import attrs
import cattrs
from cattrs.errors import ClassValidationError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from diplomod import _codelists
from diplomod._checks import compile_hint, plain_field_checks
from diplomod.activities import Activity
from diplomod.agreements import Agreement
from diplomod.dates import PartialDate, Period, When, parse_when
from diplomod.dossier import Event
from diplomod.errors import Problem, ValidationError, join
from diplomod.meetings import Meeting

KINDS: dict[str, type] = {"meeting": Meeting, "agreement": Agreement, "activity": Activity}
"""The ``kind`` tag each event record carries, so mixed collections can be read back."""

_KIND_OF = {cls: kind for kind, cls in KINDS.items()}


def json_type(value: Any) -> str:
    """Name the JSON type of *value* for a message: ``object``, ``array``, ``string``, ..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean {'true' if value else 'false'}"
    if isinstance(value, int) and value.bit_length() > 64:
        return "number too long to show"
    if isinstance(value, int | float):
        text = repr(value)
        return f"number {text if len(text) <= 20 else text[:17] + '...'}"
    if isinstance(value, str):
        return f"string {value[:30]!r}" if len(value) <= 30 else f"string {value[:27]!r}..."
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    return type(value).__name__


def _fail(expected: str, value: Any) -> ValidationError:
    return ValidationError([("$", f"expected {expected}, got {json_type(value)}")])


def _structure_str(value: Any, _: Any) -> str:
    if type(value) is not str:
        raise _fail("a string", value)
    return value


def _structure_int(value: Any, _: Any) -> int:
    if type(value) is not int:
        raise _fail("an integer", value)
    return value


def _structure_float(value: Any, _: Any) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):  # float subclasses too
        raise _fail("a number", value)
    if not math.isfinite(value):
        raise ValidationError([("$", f"must be a finite number, not {value!r}")])
    return float(value)


def _structure_bool(value: Any, _: Any) -> bool:
    if type(value) is not bool:
        raise _fail("true or false", value)
    return value


class ExponentFloat(float):
    """A float whose shortest text has an exponent (``1e-05``).

    Fast JSON writers spell such numbers their own way (``0.00001``); marking them lets the
    fast path write them exactly as the standard library does.
    """

    __slots__ = ()


def unstructure_float(value: float) -> float:
    """Write a float field as a float, marking those written with an exponent."""
    number = float(value)
    return ExponentFloat(number) if "e" in repr(number) else number


def _text_hook(parse: Callable[[str], Any], what: str) -> Callable[[Any, Any], Any]:
    """Read a value from its text form; its problems are the text's, at the text's path."""

    def structure(value: Any, _: Any) -> Any:
        if type(value) is not str:
            raise _fail(what, value)
        try:
            return parse(value)
        except ValidationError as error:
            raise ValidationError(
                ("$", _inner(path) + message) for path, message in error.problems
            ) from None

    return structure


def _inner(path: str) -> str:
    """Say which end of a period a problem is at: ``$.start.day`` gives ``"start: "``."""
    part = path.removeprefix("$.").split(".")[0]
    return f"{part}: " if part in ("start", "end") else ""


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(
        forbid_extra_keys=True, detailed_validation=True, omit_if_default=True
    )
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_unstructure_hook(float, unstructure_float)
    date_text = "a date as text such as '2023-04-14'"
    converter.register_structure_hook(PartialDate, _text_hook(PartialDate.parse, date_text))
    converter.register_structure_hook(Period, _text_hook(Period.parse, "a period as text"))
    when = _text_hook(parse_when, "a date or period as text")
    converter.register_structure_hook(When, when)

    def is_optional_when(t: Any) -> bool:
        return bool(t == When | None)

    converter.register_structure_hook_factory(is_optional_when, lambda _: _or_none(when))
    for cls in (PartialDate, Period):
        converter.register_unstructure_hook(cls, str)
    converter.register_unstructure_hook(When, str)
    converter.register_structure_hook(Event, _structure_event)

    def is_tuple(t: Any) -> bool:
        return typing.get_origin(t) is tuple

    def is_frozenset(t: Any) -> bool:
        return typing.get_origin(t) is frozenset

    def is_list(t: Any) -> bool:
        return typing.get_origin(t) is list

    converter.register_structure_hook_factory(is_tuple, lambda t: _sequence_hook(converter, t))
    converter.register_structure_hook_factory(is_frozenset, lambda t: _set_hook(converter, t))
    converter.register_structure_hook_factory(is_list, lambda t: _list_hook(converter, t))
    converter.register_unstructure_hook_factory(is_tuple, lambda t: _list_writer(converter, t))
    converter.register_unstructure_hook_factory(
        is_frozenset, lambda t: _list_writer(converter, t, ordered=False)
    )
    converter.register_structure_hook_factory(attrs.has, lambda cls: _class_hook(converter, cls))
    converter.register_unstructure_hook_factory(
        attrs.has, lambda cls: _class_unstructure_hook(converter, cls)
    )
    return converter


def _or_none(hook: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    def structure_optional(value: Any, hint: Any) -> Any:
        return None if value is None else hook(value, hint)

    return structure_optional


def _sequence_hook(converter: cattrs.Converter, hint: Any) -> Callable[[Any, Any], Any]:
    item_type = typing.get_args(hint)[0]
    structure_item = converter.get_structure_hook(item_type)

    def structure_sequence(value: Any, _: Any) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _fail("an array", value)
        items: list[Any] = []
        problems: list[Problem] = []
        for i, item in enumerate(value):
            try:
                items.append(structure_item(item, item_type))
            except Exception as error:
                problems.extend(problems_of(error, f"$[{i}]"))
        if problems:
            raise ValidationError(problems)
        return tuple(items)

    return structure_sequence


def _list_hook(converter: cattrs.Converter, hint: Any) -> Callable[[Any, Any], Any]:
    structure_items = _sequence_hook(converter, tuple[typing.get_args(hint)[0], ...])  # type: ignore[misc]
    return lambda value, _: list(structure_items(value, None))


def _set_hook(converter: cattrs.Converter, hint: Any) -> Callable[[Any, Any], Any]:
    item_type = typing.get_args(hint)[0]
    structure_items = _sequence_hook(converter, tuple[item_type, ...])  # type: ignore[valid-type]
    check_item = compile_hint(item_type)

    def structure_set(value: Any, _: Any) -> frozenset[Any]:
        items = structure_items(value, None)
        # Checked here, in the document's order: once in a set, the order is lost.
        problems: list[Problem] = []
        for i, item in enumerate(items):
            check_item(item, f"$[{i}]", problems)
        if problems:
            raise ValidationError(problems)
        result = frozenset(items)
        if len(result) != len(items):
            seen: set[Any] = set()
            for i, item in enumerate(items):
                if item in seen:
                    raise ValidationError([(f"$[{i}]", f"repeats {value[i]!r}")])
                seen.add(item)
        return result

    return structure_set


def _class_hook(converter: cattrs.Converter, cls: type) -> Callable[[Any, Any], Any]:
    structure_fields: Callable[[Any, Any], Any] = make_dict_structure_fn(cls, converter)
    kind = _KIND_OF.get(cls)
    names = [f.name for f in attrs.fields(cls) if f.init]

    def structure_object(value: Any, _: Any) -> Any:
        if type(value) is not dict:
            raise _fail("an object", value)
        if kind is not None:
            value = _untagged(value, kind)
        if not all(isinstance(key, str) for key in value):
            bad = next(key for key in value if not isinstance(key, str))
            raise ValidationError([("$", f"keys must be text, not {json_type(bad)}")])
        unknown = value.keys() - names
        if not unknown:
            try:
                return structure_fields(value, cls)
            except cattrs.BaseValidationError as error:
                raise ValidationError(_all_problems(cls, value, error)) from None
        # Unknown keys are reported with, not instead of, the problems of the known ones.
        problems = [
            (key_path("$", key), "unknown key" + _codelists.suggest(key, names))
            for key in sorted(unknown)
        ]
        known = {k: v for k, v in value.items() if k not in unknown}
        try:
            structure_fields(known, cls)
        except ValidationError as error:
            problems[:0] = error.problems
        except cattrs.BaseValidationError as error:
            problems[:0] = _all_problems(cls, known, error)
        raise ValidationError(problems)

    return structure_object


def _all_problems(cls: type, value: dict[str, Any], error: BaseException) -> list[Problem]:
    """The problems cattrs found, with those of the plain fields it did not get to check.

    When one field cannot be read the object is never made, so its other fields' rules
    (codes, patterns, ranges) would go unreported; they are checked here on the raw values.
    """
    problems = list(problems_of(error))
    failed = {path.split(".")[1].split("[")[0] for path, _ in problems if path.startswith("$.")}
    order = {f.name: i for i, f in enumerate(attrs.fields(cls))}
    for name, (field_check, array) in plain_field_checks(cls).items():
        if name in failed or name not in value:
            continue
        raw = value[name]
        if array:
            if type(raw) is not list:
                continue
            raw = tuple(raw)
        field_check(raw, "$." + name, problems)
    return sorted(problems, key=lambda p: order.get(p[0][2:].split(".")[0].split("[")[0], -1))


def _untagged(value: dict[str, Any], kind: str) -> dict[str, Any]:
    """Return *value* without its ``kind`` tag, which must say *kind*."""
    if "kind" not in value:
        keys = [k for k in value if isinstance(k, str)]
        close = difflib.get_close_matches("kind", keys, 1, cutoff=0.75)
        hint = f"; is {close[0]!r} a misspelling of it?" if close else ""
        raise ValidationError([("$.kind", f"is required and must be {kind!r}{hint}")])
    if value["kind"] != kind:
        raise ValidationError([("$.kind", f"must be {kind!r}, not {value['kind']!r}")])
    return {key: item for key, item in value.items() if key != "kind"}


def _list_writer(
    converter: cattrs.Converter, hint: Any, *, ordered: bool = True
) -> Callable[[Any], list[Any]]:
    """Write a tuple as a list, and a frozenset as a sorted list, item hook found once."""
    item = typing.get_args(hint)[0]
    while typing.get_origin(item) is Annotated:
        item = item.__origin__
    if item is str:
        return list if ordered else sorted
    write = converter.get_unstructure_hook(item)
    if ordered:
        return lambda items: [write(x) for x in items]
    return lambda items: sorted([write(x) for x in items])


def _class_unstructure_hook(converter: cattrs.Converter, cls: type) -> Callable[[Any], Any]:
    unstructure_fields: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(
        cls, converter, _cattrs_omit_if_default=True
    )
    kind = _KIND_OF.get(cls)
    if kind is None:
        return unstructure_fields

    def unstructure_tagged(obj: Any) -> dict[str, Any]:
        return {"kind": kind, **unstructure_fields(obj)}

    return unstructure_tagged


def _structure_event(value: Any, _: Any) -> Event:
    if type(value) is not dict:
        raise _fail("an object", value)
    kind = value.get("kind")
    cls = KINDS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        known = ", ".join(repr(k) for k in list(KINDS)[:-1]) + f" or {list(KINDS)[-1]!r}"
        found = (
            "missing"
            if "kind" not in value
            else repr(kind)
            if cls is None and isinstance(kind, str)
            else json_type(kind)
        )
        hint = _codelists.suggest(kind, KINDS) if isinstance(kind, str) else ""
        raise ValidationError([("$.kind", f"must be {known}, not {found}{hint}")])
    event: Event = converter.structure(value, cls)
    return event


def key_path(path: str, key: str) -> str:
    """Return the JSON path of *key* in the object at *path*."""
    if key.isidentifier() and key.isascii() and not keyword.iskeyword(key):
        return f"{path}.{key}"
    # JSON's escapes keep the path on one line and writable as UTF-8 whatever the key holds.
    escaped = json.dumps(key)[1:-1].replace('\\"', '"').replace("'", "\\'")
    return f"{path}['{escaped}']"


def problems_of(error: BaseException, path: str = "$") -> Iterator[Problem]:
    """Turn a structuring failure (a tree of cattrs errors and ours) into path/message pairs."""
    if isinstance(error, ValidationError):
        for inner, message in error.problems:
            yield join(path, inner), message
    elif isinstance(error, ClassValidationError):
        with_notes, others = error.group_exceptions()
        for sub, note in with_notes:
            yield from problems_of(sub, key_path(path, note.name))
        for sub in others:
            yield from problems_of(sub, path)
    elif isinstance(error, IterableValidationError):
        indexed, rest = error.group_exceptions()
        for item, index_note in indexed:
            yield from problems_of(item, f"{path}[{index_note.index}]")
        for item in rest:
            yield from problems_of(item, path)
    elif isinstance(error, KeyError):
        yield path, "is required"
    elif isinstance(error, RecursionError):
        yield path, "is nested too deeply"
    else:
        yield path, f"could not be read: {error}"


converter = _make_converter()
