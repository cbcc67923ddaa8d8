"""Checking a new object's fields against their description, and generating the tests.

Each class's check is generated once from its `Shape`, as source that a traceback shows:
a line or two a field, each rule's own ``inline`` test. ``check`` runs it from every
``__attrs_post_init__`` (so ``attrs.evolve`` re-runs it too), and only when a test fails
does the slower walk run that finds every problem and says what is wrong with each, in
the rule's own words (`explain`). The readers in ``_converter`` generate their tests with
`value_lines`, from the same nodes and rules.

Constructors are friendly where nothing is lost: an array field takes any iterable of
valid items (not a string), a float field an integer, and a date field a
`datetime.date`, a `datetime.datetime` (its time of day kept) or EDTF text (a period's end
``..`` too). Reading JSON stays strict; that is the readers' business.
"""

from __future__ import annotations

import datetime
import math
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from diplomod._codegen import Namespace, make
from diplomod._codelists import suggestions_limited
from diplomod._model import Node, shape
from diplomod.errors import Problem, ValidationError

Check = Callable[[Any, str, list[Problem]], None]
"""Appends to the list the problems of a value found at a path."""


def check(obj: Any) -> None:
    """Raise `ValidationError` unless *obj*'s fields and then its cross-field rules hold."""
    try:
        compiled = _CHECKS[type(obj)]
    except KeyError:
        compiled = _CHECKS.setdefault(type(obj), _compile(type(obj)))
    compiled(obj)


_CHECKS: dict[type, Callable[[Any], None]] = {}


def explain(obj: Any) -> None:
    """Find every problem of *obj*'s fields, then its cross-field rules, and raise them."""
    problems: list[Problem] = []
    with suggestions_limited():
        for field in shape(type(obj)).fields:
            explainer(field.node)(getattr(obj, field.name), "$." + field.name, problems)
    if not problems and shape(type(obj)).rules:
        problems.extend(obj._rules())
    if problems:
        raise ValidationError(problems)


# -- the generated check -------------------------------------------------------------------


def _compile(cls: type) -> Callable[[Any], None]:
    ns = Namespace(_explain=explain, _set=object.__setattr__, _ValidationError=ValidationError)
    lines = ["def check(self):"]
    for field in shape(cls).fields:  # first every conversion, so that problems see them all
        convert = _conversion(field.node, field.name, ns)
        if convert:
            lines += [f"  v = self.{field.name}", *convert]
    for field in shape(cls).fields:
        lines.append(f"  v = self.{field.name}")
        lines += value_lines(field.node, "v", ns, "  ", "return _explain(self)", json=False)
    if shape(cls).rules:
        lines += ["  problems = self._rules()", "  if problems: raise _ValidationError(problems)"]
    return make(lines, ns, "check", f"check {cls.__qualname__}")


def _conversion(node: Node, name: str, ns: Namespace) -> list[str]:
    """Lines that turn a friendly value into the field's own type, where one is given."""
    convert = _CONVERSIONS.get(node.kind if node.kind != "array" else node.container)
    if convert is None:
        return []
    exact = " and ".join(f"type(v) is not {ns.name(base, 'type')}" for base in _exact(node))
    guard = f"v is not None and {exact}" if node.optional else exact
    return [
        f"  if {guard}:",
        f"    v = {ns.name(convert, 'to')}(v)",
        f"    _set(self, {name!r}, v)",
    ]


def _exact(node: Node) -> tuple[type, ...]:
    from diplomod.dates import Open, PartialDate, Period

    if node.kind == "when":
        return (PartialDate, Period)
    if node.kind == "end":
        return (PartialDate, Open)
    if node.kind == "date":
        return (PartialDate,)
    if node.kind == "period":
        return (Period,)
    return (node.base,)


def value_lines(
    node: Node, var: str, ns: Namespace, indent: str, fail: str, *, json: bool
) -> list[str]:
    """Return lines that test the value in *var* against *node* and run *fail* if it fails.

    With *json*, the value is as JSON gives it, and the lines also turn it into the
    field's type in place: arrays into tuples or sets, records and dates into objects.
    """
    if node.optional:
        inner = attrs.evolve(node, optional=False)
        return [
            f"{indent}if {var} is not None:",
            *value_lines(inner, var, ns, indent + "  ", fail, json=json),
        ]
    rules = [rule.inline(var, ns) for rule in node.rules]
    lines: list[str] = []
    if json and _is_text(node):
        rules.insert(0, _type_test(node, var, ns))
        return [
            f"{indent}if not ({' and '.join(rules)}): {fail}",
            f"{indent}{var} = {ns.name(sys.intern, 'intern')}({var})",
        ]
    if node.kind == "array":
        lines += _array_lines(node, var, ns, indent, fail, json=json)
    elif json and node.kind == "record":
        lines.append(f"{indent}{var} = {ns.name(_reader(node.cls), 'read')}({var}, c)")
    elif json and node.kind in ("date", "period", "when"):
        lines.append(f"{indent}{var} = {ns.name(_text_reader(node.kind), node.kind)}({var})")
    elif json and node.kind == "int":
        lines.append(
            f"{indent}if type({var}) is not int: {var} = {ns.name(_json_int, 'int')}({var})"
        )
    elif json and node.kind == "float":
        lines.append(
            f"{indent}if type({var}) is not float: {var} = {ns.name(_json_float, 'float')}({var})"
        )
        rules.insert(0, f"{ns.name(math.isfinite, 'finite')}({var})")
    else:
        rules.insert(0, _type_test(node, var, ns))
    if rules:
        lines.append(f"{indent}if not ({' and '.join(rules)}): {fail}")
    return lines


def _array_lines(
    node: Node, var: str, ns: Namespace, indent: str, fail: str, *, json: bool
) -> list[str]:
    item = node.item
    assert item is not None
    container = ns.name(node.container, "type")
    x = f"x{len(indent)}"
    if not json:
        return [
            f"{indent}if type({var}) is not {container}: {fail}",
            f"{indent}for {x} in {var}:",
            *value_lines(item, x, ns, indent + "  ", fail, json=False),
        ]
    lines = [f"{indent}if type({var}) is not list: {fail}"]
    if item.kind == "record":
        read = ns.name(_reader(item.cls), "read")
        lines.append(f"{indent}{var} = {container}([{read}({x}, c) for {x} in {var}])")
    else:
        lines += [
            f"{indent}for {x} in {var}:",
            *value_lines(item, x, ns, indent + "  ", fail, json=not _is_text(item)),
        ]
        items = f"map({ns.name(sys.intern, 'intern')}, {var})" if _is_text(item) else var
        lines.append(f"{indent}{var} = {container}({items})")
    if node.container is frozenset:  # an item given twice is an error, not one item
        lines[-1:-1] = [f"{indent}n_{x} = len({var})"]
        lines.append(f"{indent}if len({var}) != n_{x}: {fail}")
        if _is_text(item):
            lines.append(f"{indent}{var} = {ns.name(_shared, 'shared')}({var})")
    return lines


_SETS: dict[frozenset[str], frozenset[str]] = {}


def _shared(items: frozenset[str]) -> frozenset[str]:
    """Return an equal set read before, if one is kept: sets of codes recur across records.

    At most 4,096 sets of up to 8 short strings are kept, so the cache stays small whatever
    is read; when full, it starts again.
    """
    found = _SETS.get(items)
    if found is not None:
        return found
    if len(items) <= 8 and all(len(item) <= 40 for item in items):
        if len(_SETS) >= 4096:
            _SETS.clear()
        _SETS[items] = items
    return items


def _is_text(node: Node) -> bool:
    """Whether a JSON reader interns the node's values: equal text read shares one string."""
    return not node.optional and (
        node.kind == "str" or (node.kind == "literal" and type(node.values[0]) is str)
    )


def _type_test(node: Node, var: str, ns: Namespace) -> str:
    if node.kind == "literal":
        choices = ns.name(frozenset(node.values), "choices")
        return f"type({var}) is {ns.name(type(node.values[0]), 'type')} and {var} in {choices}"
    tests = [f"type({var}) is {ns.name(base, 'type')}" for base in _exact(node)]
    if node.kind == "float":
        tests = [f"{tests[0]} and {ns.name(math.isfinite, 'finite')}({var})"]
    return tests[0] if len(tests) == 1 else f"({' or '.join(tests)})"


def _reader(cls: Any) -> Callable[..., Any]:
    from diplomod._converter import fast_reader

    return fast_reader(cls)


def _text_reader(kind: str) -> Callable[[Any], Any]:
    from diplomod.dates import read_edtf

    return read_edtf(kind)


class Reject(Exception):  # noqa: N818 - an internal signal, never seen by users
    """Raised by a generated reader at the first problem: the detailed reader takes over."""


def fits_float(number: int) -> bool:
    """Whether an integer is small enough to be a float (one of 310 digits is not)."""
    return -(2**1023) < number < 2**1023


def _json_float(value: Any) -> float:
    """Read a JSON number as a float: an integer too, unless too large for one."""
    if isinstance(value, float) or (type(value) is int and fits_float(value)):
        return float(value)  # float subclasses too, such as what `to_dict` writes
    raise Reject


def _json_int(value: Any) -> int:
    """Read a JSON number with no fraction as an integer (``88.0`` too, as JSON Schema does)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise Reject


# -- friendly constructors -----------------------------------------------------------------


class Unread:
    """A value a constructor could not turn into the field's type, and why."""

    __slots__ = ("error",)

    def __init__(self, error: ValidationError) -> None:
        self.error = error

    def __repr__(self) -> str:
        return f"<unreadable: {self.error}>"


def _iterable(value: Any) -> bool:
    return isinstance(value, Iterable) and not isinstance(value, str | bytes | Mapping)


def _to_tuple(value: Any) -> Any:
    return tuple(value) if _iterable(value) else value


def _to_frozenset(value: Any) -> Any:
    if not _iterable(value):
        return value
    items = tuple(value)
    try:
        return frozenset(items)
    except TypeError:  # an unhashable item: reported as the item it is
        return items


def _to_float(value: Any) -> Any:
    return float(value) if type(value) is int and fits_float(value) else value


def _date_converter(kind: str) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        from diplomod.dates import PartialDate, read_edtf

        if isinstance(value, datetime.datetime) and kind != "period":
            try:
                return PartialDate.from_datetime(value)
            except ValidationError as error:
                return Unread(error)
        if isinstance(value, datetime.date) and kind != "period":
            return PartialDate.from_date(value)
        if isinstance(value, str):
            try:
                return read_edtf(kind)(value)
            except ValidationError as error:
                return Unread(error)
        return value

    return convert


def _end_converter() -> Callable[[Any], Any]:
    """A period's end takes ``".."`` for `OPEN`, and a date as a date field does."""
    date = _date_converter("date")

    def convert(value: Any) -> Any:
        from diplomod.dates import OPEN

        return OPEN if type(value) is str and value == ".." else date(value)

    return convert


_CONVERSIONS: dict[Any, Callable[[Any], Any]] = {
    tuple: _to_tuple,
    frozenset: _to_frozenset,
    "float": _to_float,
    "date": _date_converter("date"),
    "period": _date_converter("period"),
    "when": _date_converter("when"),
    "end": _end_converter(),
}


# -- the explaining walk -------------------------------------------------------------------


_EXPLAINERS: dict[Node, Check] = {}


def explainer(node: Node) -> Check:
    """Return the function that finds and words every problem of a value of *node*."""
    try:
        return _EXPLAINERS[node]
    except KeyError:
        return _EXPLAINERS.setdefault(node, _explainer(node))


def _explainer(node: Node) -> Check:
    from diplomod.dates import text_problems

    base = _base_explainer(node)
    rules = node.rules

    def explain_value(value: Any, path: str, problems: list[Problem]) -> None:
        if value is None and node.optional:
            return
        if isinstance(value, Unread):
            problems.extend(ValidationError(text_problems(value.error)).under(path).problems)
            return
        before = len(problems)
        base(value, path, problems)
        if len(problems) != before:
            return
        for rule in rules:
            message = rule.check(value)
            if message is not None:
                problems.append((path, message))
                return

    return explain_value


def _base_explainer(node: Node) -> Check:
    expected = type_name(node)
    if node.kind == "array":
        assert node.item is not None
        item = explainer(node.item)
        container = node.container

        def explain_array(value: Any, path: str, problems: list[Problem]) -> None:
            if type(value) is not container:
                problems.append((path, f"expected {expected}, {_got(value)}"))
                return
            given: Any = value
            items: Iterable[Any] = given if container is tuple else in_written_order(given)
            for i, x in enumerate(items):
                item(x, f"{path}[{i}]", problems)

        return explain_array
    if node.kind == "literal":
        allowed = node.values

        def explain_literal(value: Any, path: str, problems: list[Problem]) -> None:
            if value not in allowed or type(value) is not type(allowed[0]):
                problems.append((path, f"expected {expected}, {_got(value)}"))

        return explain_literal
    if node.kind in ("int", "bool"):
        exact = node.base

        def explain_exact(value: Any, path: str, problems: list[Problem]) -> None:
            if type(value) is not exact:
                problems.append((path, f"expected {expected}, {_got(value)}"))

        return explain_exact
    if node.kind == "float":

        def explain_number(value: Any, path: str, problems: list[Problem]) -> None:
            if not isinstance(value, float):  # integers were made floats, where they fit
                problems.append((path, f"expected {expected}, {_got(value)}"))
            elif not math.isfinite(value):
                problems.append((path, f"must be a finite number, not {value!r}"))

        return explain_number
    kinds = _exact(node)

    def explain_instance(value: Any, path: str, problems: list[Problem]) -> None:
        if not isinstance(value, kinds):
            problems.append((path, f"expected {expected}, {_got(value)}"))

    return explain_instance


def in_written_order(items: frozenset[Any]) -> list[Any]:
    """Return a set's items in the order they are written out: sorted when they can be."""
    try:
        return sorted(items)
    except TypeError:
        return sorted(items, key=repr)


def type_name(node: Node) -> str:
    """Name what *node* holds the way a message to a user should: ``a string``, ``a tuple``."""
    if node.kind == "literal":
        return "one of " + ", ".join(repr(v) for v in node.values)
    if node.kind == "end":
        return "a PartialDate, OPEN or null" if node.optional else "a PartialDate or OPEN"
    names = {
        "str": "a string",
        "int": "an integer",
        "float": "a number",
        "bool": "a boolean",
        "date": "a PartialDate",
        "period": "a Period",
        "when": "a PartialDate or a Period",
    }
    if node.kind == "array":
        name = f"a {node.base.__name__}"
    elif node.kind == "record":
        name = with_article(node.base.__name__)
    else:
        name = names[node.kind]
    return f"{name} or null" if node.optional else name


def with_article(noun: str) -> str:
    """Return *noun* after "a" or "an", as its first letter asks."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def _got(value: Any) -> str:
    return f"got {type(value).__name__} {_short(value)}"


def _short(value: Any) -> str:
    if isinstance(value, int) and value.bit_length() > 64:
        return "too long to show"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
