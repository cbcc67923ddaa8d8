"""Checking an attrs object's fields against their type hints and ``Annotated`` rules.

Each class's hints are compiled once into small check functions; ``check`` runs them on
every new object (from ``__attrs_post_init__``, so ``attrs.evolve`` re-runs them too), then
the class's own cross-field rules, and raises one ``ValidationError`` with every problem.
"""

from __future__ import annotations

import math
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from typing import Annotated, Any, Literal, Union, cast

import attrs

from diplomod._rules import Rule
from diplomod.errors import Problem, ValidationError

Check = Callable[[Any, str, list[Problem]], None]
"""Appends to the list the problems of a value found at a path."""


def check(obj: Any, rules: Callable[[], Iterable[Problem]] | None = None) -> None:
    """Raise `ValidationError` unless *obj*'s fields and then its cross-field *rules* hold."""
    problems: list[Problem] = []
    for name, field_check in _compiled(type(obj)):
        field_check(getattr(obj, name), "$." + name, problems)
    if not problems and rules is not None:
        problems.extend(rules())
    if problems:
        raise ValidationError(problems)


_CLASS_CHECKS: dict[type, tuple[tuple[str, Check], ...]] = {}


def _compiled(cls: type) -> tuple[tuple[str, Check], ...]:
    try:
        return _CLASS_CHECKS[cls]
    except KeyError:
        hints = typing.get_type_hints(cls, include_extras=True)
        checks = tuple((f.name, compile_hint(hints[f.name])) for f in attrs.fields(cls) if f.init)
        return _CLASS_CHECKS.setdefault(cls, checks)


_PLAIN = (str, int, float, bool)
_PLAIN_CHECKS: dict[type, dict[str, tuple[Check, bool]]] = {}


def plain_field_checks(cls: type) -> dict[str, tuple[Check, bool]]:
    """Return the checks of *cls*'s fields that hold plain JSON values (text, numbers, and
    arrays of them), each with whether it holds an array.

    Reading a document uses them to report a field's rules even when another field is
    broken and the object cannot be made. An array is checked as a tuple, so that paths
    count its items in the order the document gives them.
    """
    try:
        return _PLAIN_CHECKS[cls]
    except KeyError:
        pass
    hints = typing.get_type_hints(cls, include_extras=True)
    plain: dict[str, tuple[Check, bool]] = {}
    for field in attrs.fields(cls):
        hint = hints[field.name]
        if field.init and _is_plain(hint):
            array = _is_array(hint)
            plain[field.name] = (compile_hint(_as_tuple(hint) if array else hint), array)
    return _PLAIN_CHECKS.setdefault(cls, plain)


def _strip(hint: Any) -> Any:
    while typing.get_origin(hint) is Annotated:
        hint = hint.__origin__
    return hint


def _is_array(hint: Any) -> bool:
    return typing.get_origin(_strip(hint)) in (tuple, frozenset)


def _is_plain(hint: Any) -> bool:
    hint = _strip(hint)
    origin = typing.get_origin(hint)
    if origin in (tuple, frozenset):
        item = typing.get_args(hint)[0]
        return _is_plain(item) and not _is_array(item)
    if origin in (Union, types.UnionType):
        return all(_is_plain(arm) for arm in typing.get_args(hint) if arm is not type(None))
    return hint in _PLAIN or origin is Literal


def _as_tuple(hint: Any) -> Any:
    """Turn ``frozenset[X]`` (within its ``Annotated`` rules) into ``tuple[X, ...]``."""
    if typing.get_origin(hint) is Annotated:
        return Annotated[(_as_tuple(hint.__origin__), *hint.__metadata__)]
    if typing.get_origin(hint) is frozenset:
        return tuple[typing.get_args(hint)[0], ...]  # type: ignore[misc]
    return hint


def type_name(hint: Any) -> str:
    """Name *hint* the way a message to a user should: ``a string``, ``a tuple``."""
    if hint is type(None):
        return "null"
    if typing.get_origin(hint) is Annotated:
        return type_name(hint.__origin__)
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        return " or ".join(type_name(arm) for arm in typing.get_args(hint))
    return _ARTICLES.get(origin or hint) or with_article(getattr(origin or hint, "__name__", hint))


def with_article(noun: str) -> str:
    """Return *noun* after "a" or "an", as its first letter asks."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


_ARTICLES: dict[Any, str] = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "a boolean",
    tuple: "a tuple",
    frozenset: "a frozenset",
}


def _got(value: Any) -> str:
    return f"got {type(value).__name__} {_short(value)}"


def _short(value: Any) -> str:
    if isinstance(value, int) and value.bit_length() > 64:
        return "too long to show"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def compile_hint(hint: Any) -> Check:
    """Return a check function for values of type *hint*."""
    origin = typing.get_origin(hint)
    if origin is Annotated:
        return _annotated(hint.__origin__, [r for r in hint.__metadata__ if isinstance(r, Rule)])
    if origin in (Union, types.UnionType):
        return _union(typing.get_args(hint))
    if origin is tuple:
        item, ellipsis = typing.get_args(hint)
        if ellipsis is not Ellipsis:
            raise TypeError(f"only tuple[X, ...] fields are supported, not {hint}")
        return _collection(tuple, compile_hint(item), ordered=True)
    if origin is Literal:
        return _literal(typing.get_args(hint))
    if origin is frozenset:
        return _collection(frozenset, compile_hint(typing.get_args(hint)[0]), ordered=False)
    if hint is bool:
        return _instance(bool, "a boolean")
    if hint is int:
        return _integer
    if hint is float:
        return _number
    if isinstance(hint, type):
        return _instance(hint, type_name(hint))
    raise TypeError(f"diplomod cannot check fields of type {hint!r}")


def _annotated(base: Any, rules: list[Rule]) -> Check:
    base_check = compile_hint(base)

    def check_annotated(value: Any, path: str, problems: list[Problem]) -> None:
        before = len(problems)
        base_check(value, path, problems)
        if len(problems) != before:
            return
        for rule in rules:
            message = rule.check(value)
            if message is not None:
                problems.append((path, message))
                return

    return check_annotated


def _union(arms: tuple[Any, ...]) -> Check:
    nullable = type(None) in arms
    real = [arm for arm in arms if arm is not type(None)]
    expected = " or ".join([type_name(arm) for arm in real] + (["null"] if nullable else []))
    checks = [(_base_type(arm), compile_hint(arm)) for arm in real]

    def check_union(value: Any, path: str, problems: list[Problem]) -> None:
        if value is None and nullable:
            return
        for base, arm_check in checks:
            if isinstance(value, base) and not (isinstance(value, bool) and base is not bool):
                arm_check(value, path, problems)
                return
        problems.append((path, f"expected {expected}, {_got(value)}"))

    return check_union


def _base_type(hint: Any) -> type:
    while typing.get_origin(hint) is Annotated:
        hint = hint.__origin__
    base = typing.get_origin(hint) or hint
    if base is float:
        return (int, float)  # type: ignore[return-value]
    if not isinstance(base, type):
        raise TypeError(f"diplomod cannot check union members of type {hint!r}")
    return base


def _collection(kind: type, item_check: Check, *, ordered: bool) -> Check:
    expected = type_name(kind)

    def check_collection(value: Any, path: str, problems: list[Problem]) -> None:
        if type(value) is not kind:
            problems.append((path, f"expected {expected}, {_got(value)}"))
            return
        items: Iterable[Any] = (
            cast(Iterable[Any], value)
            if ordered
            else _in_written_order(cast(frozenset[Any], value))
        )
        for i, item in enumerate(items):
            item_check(item, f"{path}[{i}]", problems)

    return check_collection


def _in_written_order(items: frozenset[Any]) -> Iterator[Any]:
    """Yield a set's items in the order they are written out: sorted when they can be."""
    try:
        yield from sorted(items)
    except TypeError:
        yield from sorted(items, key=repr)


def _literal(allowed: tuple[Any, ...]) -> Check:
    def check_literal(value: Any, path: str, problems: list[Problem]) -> None:
        if value not in allowed or type(value) is not type(allowed[0]):
            choices = ", ".join(repr(a) for a in allowed)
            problems.append((path, f"expected one of {choices}, {_got(value)}"))

    return check_literal


def _instance(kind: type, expected: str) -> Check:
    def check_instance(value: Any, path: str, problems: list[Problem]) -> None:
        if not isinstance(value, kind):
            problems.append((path, f"expected {expected}, {_got(value)}"))

    return check_instance


def _integer(value: Any, path: str, problems: list[Problem]) -> None:
    if type(value) is not int:
        problems.append((path, f"expected an integer, {_got(value)}"))


def _number(value: Any, path: str, problems: list[Problem]) -> None:
    if not isinstance(value, int | float) or isinstance(value, bool):  # float subclasses too
        problems.append((path, f"expected a number, {_got(value)}"))
    elif not math.isfinite(value):
        problems.append((path, f"must be a finite number, not {value!r}"))
