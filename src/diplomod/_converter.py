"""The cattrs converter that owns diplomod's serialization policy.

Reading is strict: an unknown key is an error, nothing is coerced (``5`` is not a string,
``"abc"`` is not a list), dates must be in their EDTF text form, and every problem in a
document is reported at once. Writing is deterministic: fields in declaration order, sets
sorted, defaults left out.

Every class gets two readers, both made from its `Shape`. The generated reader tests each
value with the rules' own inline tests and builds the object once; at the first problem it
raises `Reject`, and the detailed reader (cattrs' generated structuring with detailed
validation, each field's hook running the same rules) reads the data again and reports
every problem with its path. The writer is generated from the shape too, and is the
converter's unstructure hook, so every path writes the same thing.
"""

from __future__ import annotations

import difflib
import json
import keyword
import math
import typing
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import cattrs
from cattrs.errors import ClassValidationError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, override

from diplomod import _codelists
from diplomod._checks import Reject, explainer, fits_float, value_lines
from diplomod._codegen import Namespace, make
from diplomod._model import SCHEMA_VERSION, Node, event_kinds, is_model, record_node, shape
from diplomod.dates import PartialDate, Period, When, read_edtf, text_problems
from diplomod.errors import Problem, ValidationError, join

Reader = Callable[[Any, list[int]], Any]
"""Reads JSON-ready data, adding to the counter the number of keys of the objects read."""


def _from_1_0(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1.0 wrote a period's start that is not known as ``..``, which EDTF and 1.1
    read as open, with no earlier bound; 1.1 writes it empty, so ``../2010`` becomes
    ``/2010`` in every field that holds a period, found from the dossier's description.
    Its areas' PLOVER contexts are those of the current manual (`_current_context`). A 1.0
    cooperation area gave one CAMEO code, ``cameo``, for cooperating in the field; 1.1 splits
    it into three and keeps that one as ``cameo_activity``."""
    from diplomod.dossier import Dossier

    migrated = {**_unknown_starts(record_node(Dossier), data), "schema_version": "1.1"}
    if type(migrated.get("areas")) is list:
        migrated["areas"] = [_cameo_activity(_current_context(area)) for area in migrated["areas"]]
    return migrated


def _current_context(area: Any) -> Any:
    """Version 1.0 named PLOVER 0.8's contexts; 1.1 names the current manual's, so a
    user-defined area's ``plover_context`` that the manual replaced becomes the context
    the ``plover_contexts`` codelist's ``replaces`` column names for it."""
    if type(area) is not dict:
        return area
    current = {
        row["replaces"]: code
        for code, row in _codelists.load("plover_contexts").items()
        if row["replaces"]
    }
    old = area.get("plover_context")
    if type(old) is str and old in current:
        return {**area, "plover_context": current[old]}
    return area


def _cameo_activity(area: Any) -> Any:
    """Return a 1.0 cooperation area with its ``cameo`` key renamed ``cameo_activity``, in
    its place; anything else as it is, for the reader to report."""
    if type(area) is not dict or "cameo" not in area or "cameo_activity" in area:
        return area
    return {"cameo_activity" if key == "cameo" else key: value for key, value in area.items()}


def _unknown_starts(node: Node, value: Any) -> Any:
    """Return *value*, of *node*, with each period's ``..`` start made empty; what is not
    as described is left as it is, for the reader to report."""
    if node.kind in ("period", "when"):
        return value[2:] if type(value) is str and value.startswith("../") else value
    if node.kind == "array" and type(value) is list:
        assert node.item is not None
        return [_unknown_starts(node.item, item) for item in value]
    if node.kind == "record" and type(value) is dict:
        fields = {field.name: field.node for field in shape(node.base).fields}
        return {
            key: _unknown_starts(fields[key], item) if key in fields else item
            for key, item in value.items()
        }
    return value


MIGRATIONS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {"1.0": _from_1_0}
"""Steps from an older ``schema_version`` to the next, each a function on the raw dict that
returns the dict in the next version (with its ``schema_version`` updated)."""


def reads() -> tuple[str, ...]:
    """Return the dossier versions this release reads: the current one and each it migrates."""
    return (SCHEMA_VERSION, *MIGRATIONS)


def _event() -> Any:
    from diplomod.dossier import Event

    return Event


# -- the generated readers -----------------------------------------------------------------

_READERS: dict[Any, Reader] = {}
_MISSING = object()


def fast_reader(cls: Any) -> Reader:
    """Return the generated reader of *cls*: a diplomod class, `Event` or ``list[X]``."""
    try:
        return _READERS[cls]
    except KeyError:
        pass
    if cls in (PartialDate, Period):
        text = read_edtf("date" if cls is PartialDate else "period")
        built: Reader = lambda value, _: text(value)  # noqa: E731
    elif cls == _event():
        built = _event_reader()
    elif typing.get_origin(cls) is list:
        item = fast_reader(typing.get_args(cls)[0])

        def read_list(value: Any, keys: list[int]) -> list[Any]:
            if type(value) is not list:
                raise Reject
            return [item(x, keys) for x in value]

        built = read_list
    elif is_model(cls):
        built = _class_reader(cls)
    else:
        raise TypeError(f"diplomod reads no {cls!r}")
    return _READERS.setdefault(cls, built)


def _event_reader() -> Reader:
    by_kind = {kind: fast_reader(cls) for kind, cls in event_kinds().items()}

    def read_event(value: Any, keys: list[int]) -> Any:
        if type(value) is not dict:
            raise Reject
        kind = value.get("kind")
        read = by_kind.get(kind) if type(kind) is str else None
        if read is None:
            raise Reject
        return read(value, keys)

    return read_event


def _class_reader(cls: type) -> Reader:
    described = shape(cls)
    ns = Namespace(_Reject=Reject, _new=object.__new__, _set=object.__setattr__, _cls=cls)
    ns.names["_missing"] = _MISSING
    fail = "raise _Reject"
    required = sum(f.required for f in described.fields)
    lines = ["def read(o, c):", f"  if type(o) is not dict: {fail}"]
    for key, value in described.envelope.items():
        lines.append(f"  if o.get({key!r}) != {value!r}: {fail}")
        required += 1
    lines.append(f"  n = {required}")
    for i, field in enumerate(described.fields):
        var = f"f{i}"
        lines.append(f"  {var} = o.get({field.name!r}, _missing)")
        if field.required:
            lines.append(f"  if {var} is _missing: {fail}")
            lines += value_lines(field.node, var, ns, "  ", fail, json=True)
        else:
            lines += [
                f"  if {var} is _missing:",
                f"    {var} = {ns.name(field.default, 'default')}",
                "  else:",
                "    n += 1",
                *value_lines(field.node, var, ns, "    ", fail, json=True),
            ]
    lines += [f"  if len(o) != n: {fail}", "  c[0] += n"]  # else an unknown key
    if described.plain:
        lines.append("  obj = _new(_cls)")
        lines += [f"  _set(obj, {f.name!r}, f{i})" for i, f in enumerate(described.fields)]
        if described.rules:
            lines.append(f"  if obj._rules(): {fail}")
    else:
        arguments = ", ".join(f"{f.name}=f{i}" for i, f in enumerate(described.fields))
        lines.append(f"  obj = _cls({arguments})")
    lines.append("  return obj")
    return make(lines, ns, "read", f"reader {cls.__qualname__}")


# -- the generated writers -----------------------------------------------------------------

Writer = Callable[[Any], Any]
_WRITERS: dict[type, Writer] = {}


def writer(cls: type) -> Writer:
    """Return the function that writes a *cls* as JSON-ready data."""
    try:
        return _WRITERS[cls]
    except KeyError:
        pass
    built: Writer = str if cls in (PartialDate, Period) else _class_writer(cls)
    return _WRITERS.setdefault(cls, built)


class ExponentFloat(float):
    """A float whose shortest text has an exponent (``1e-05``).

    Fast JSON writers spell such numbers their own way (``0.00001``); marking them lets them
    write such numbers exactly as the standard library does.
    """

    __slots__ = ()


def unstructure_float(value: float) -> float:
    """Write a float field as a float, marking those written with an exponent.

    ``-0.0`` is written as ``0.0``: the two are equal, and equal records write the same bytes.
    """
    number = float(value) + 0.0  # IEEE 754: -0.0 + 0.0 is 0.0
    return ExponentFloat(number) if "e" in repr(number) else number


def _write_expression(node: Node, var: str, ns: Namespace) -> str:
    if node.kind == "array":
        assert node.item is not None
        item = _write_expression(node.item, "x", ns)
        if node.container is frozenset:
            if node.item.kind not in ("str", "int", "literal"):
                raise TypeError(f"diplomod writes no set of {node.item.hint!r}")
            return f"sorted({var})"
        return f"list({var})" if item == "x" else f"[{item} for x in {var}]"
    if node.kind == "record":
        return f"{ns.name(writer(node.base), 'write')}({var})"
    if node.kind in ("date", "period", "when"):
        return f"str({var})"
    if node.kind == "float":
        return f"{ns.name(unstructure_float, 'float')}({var})"
    return var


def _class_writer(cls: type) -> Writer:
    described = shape(cls)
    ns = Namespace()
    lines = ["def write(o):", f"  d = {described.envelope!r}"]
    for field in described.fields:
        node = attrs.evolve(field.node, optional=False)
        expression = _write_expression(node, "v", ns)
        if field.required:
            lines += [f"  v = o.{field.name}"]
            if field.node.optional:
                expression = f"None if v is None else {expression}"
            lines.append(f"  d[{field.name!r}] = {expression}")
            continue
        if field.default is None:
            test = "v is not None"
        elif field.default in ((), frozenset()):
            test = "v"
        else:
            test = f"v != {ns.name(field.default, 'default')}"
            if field.node.optional:
                expression = f"None if v is None else {expression}"
        lines += [f"  v = o.{field.name}", f"  if {test}:", f"    d[{field.name!r}] = {expression}"]
    lines.append("  return d")
    return make(lines, ns, "write", f"writer {cls.__qualname__}")


# -- the detailed reader -------------------------------------------------------------------


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
    # JSON has one kind of number: one whose fraction is zero (88.0) is an integer, as
    # JSON Schema counts it; it is read, and written back, as 88.
    if type(value) is int:
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise _fail("an integer", value)


def _structure_float(value: Any, _: Any) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):  # float subclasses too
        raise _fail("a number", value)
    if isinstance(value, int) and not fits_float(value):
        raise ValidationError([("$", "is too large a number")])
    if not math.isfinite(value):
        raise ValidationError([("$", f"must be a finite number, not {value!r}")])
    return float(value)


def _structure_bool(value: Any, _: Any) -> bool:
    if type(value) is not bool:
        raise _fail("true or false", value)
    return value


def _text_hook(kind: str, what: str) -> Callable[[Any, Any], Any]:
    """Read a date or period from its text; its problems are the text's, at the text's path."""
    parse = read_edtf(kind)

    def structure(value: Any, _: Any) -> Any:
        if type(value) is not str:
            raise _fail(what, value)
        try:
            return parse(value)
        except ValidationError as error:
            raise ValidationError(text_problems(error)) from None

    return structure


def _or_none(hook: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    def structure_optional(value: Any, hint: Any) -> Any:
        return None if value is None else hook(value, hint)

    return structure_optional


_TEXT_HOOKS = {
    PartialDate: _text_hook("date", "a date as text such as '2023-04-14'"),
    Period: _text_hook("period", "a period as text"),
    When: _text_hook("when", "a date or period as text"),
}


def _detailed_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    _strict_primitives(converter)
    for cls, hook in _TEXT_HOOKS.items():
        converter.register_structure_hook(cls, hook)
    converter.register_structure_hook_factory(
        lambda t: t == When | None, lambda _: _or_none(_TEXT_HOOKS[When])
    )
    converter.register_structure_hook(_event(), _structure_event)

    def is_tuple(t: Any) -> bool:
        return typing.get_origin(t) is tuple

    def is_frozenset(t: Any) -> bool:
        return typing.get_origin(t) is frozenset

    def is_list(t: Any) -> bool:
        return typing.get_origin(t) is list

    converter.register_structure_hook_factory(is_tuple, lambda t: _sequence_hook(converter, t))
    converter.register_structure_hook_factory(is_frozenset, lambda t: _set_hook(converter, t))
    converter.register_structure_hook_factory(is_list, lambda t: _list_hook(converter, t))
    converter.register_structure_hook_factory(
        lambda t: is_model(t) and t not in (PartialDate, Period),
        lambda cls: _class_hook(converter, cls),
    )
    return converter


def _strict_primitives(converter: cattrs.Converter) -> None:
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(bool, _structure_bool)


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
            except (ValidationError, cattrs.BaseValidationError) as error:
                problems.extend(problems_of(error, f"$[{i}]"))
        if problems:
            raise ValidationError(problems)
        return tuple(items)

    return structure_sequence


def _list_hook(converter: cattrs.Converter, hint: Any) -> Callable[[Any, Any], Any]:
    structure_items = _sequence_hook(converter, tuple[typing.get_args(hint)[0], ...])  # type: ignore[misc]
    return lambda value, _: list(structure_items(value, None))


def _set_hook(converter: cattrs.Converter, hint: Any) -> Callable[[Any, Any], Any]:
    structure_items = _sequence_hook(converter, tuple[typing.get_args(hint)[0], ...])  # type: ignore[misc]

    def structure_set(value: Any, _: Any) -> frozenset[Any]:
        return _unique_set(value, structure_items(value, None))

    return structure_set


def _unique_set(value: list[Any], items: tuple[Any, ...]) -> frozenset[Any]:
    """The items as a set; an item given twice is an error, at its place in the document."""
    result = frozenset(items)
    if len(result) != len(items):
        seen: set[Any] = set()
        for i, item in enumerate(items):
            if item in seen:
                raise ValidationError([(f"$[{i}]", f"repeats {value[i]!r}")])
            seen.add(item)
    return result


def _field_hook(converter: cattrs.Converter, node: Node) -> Callable[[Any, Any], Any]:
    """Read one field's value strictly, then check its rules, as the class's check would.

    A set is read and checked as an array first, so that paths count its items in the
    order the document gives them.
    """
    as_set = node.kind == "array" and node.container is frozenset
    if as_set:
        assert node.item is not None
        node = attrs.evolve(node, container=tuple, hint=tuple[node.item.hint, ...])  # type: ignore[name-defined]
    hint = node.hint
    structure = converter.get_structure_hook(hint)
    explain = explainer(node)

    def structure_field(value: Any, _: Any = None) -> Any:
        result = structure(value, hint)
        problems: list[Problem] = []
        explain(result, "$", problems)
        if problems:
            raise ValidationError(problems)
        return _unique_set(value, result) if as_set and result is not None else result

    return structure_field


def _class_hook(converter: cattrs.Converter, cls: type) -> Callable[[Any, Any], Any]:
    described = shape(cls)
    overrides = {
        f.name: override(struct_hook=_field_hook(converter, f.node)) for f in described.fields
    }
    structure_fields: Callable[[Any, Any], Any] = make_dict_structure_fn(
        cls,
        converter,
        _cattrs_forbid_extra_keys=False,
        **overrides,  # type: ignore[arg-type]
    )
    names = [f.name for f in described.fields]
    order = {name: i for i, name in enumerate(names)}

    def structure_object(value: Any, _: Any) -> Any:
        if described.version is not None:
            value = _upgrade(value)
        if type(value) is not dict:
            raise _fail("an object", value)
        if described.tagged:
            value = _untagged(value, described.kind or "")
        if not all(isinstance(key, str) for key in value):
            bad = next(key for key in value if not isinstance(key, str))
            raise ValidationError([("$", f"keys must be text, not {json_type(bad)}")])
        unknown = value.keys() - names
        # Unknown keys are reported with, not instead of, the problems of the known ones.
        problems = [
            (key_path("$", key), "unknown key" + _codelists.suggest(key, names))
            for key in sorted(unknown)
        ]
        known = {k: v for k, v in value.items() if k not in unknown} if unknown else value
        try:
            result = structure_fields(known, cls)
        except ValidationError as error:
            problems[:0] = error.problems
        except cattrs.BaseValidationError as error:
            found = sorted(problems_of(error), key=lambda p: order.get(_field_of(p[0]), -1))
            problems[:0] = found
        if problems:
            raise ValidationError(problems)
        return result

    return structure_object


def _field_of(path: str) -> str:
    return path[2:].split(".")[0].split("[")[0]


def _upgrade(data: Any) -> Any:
    """Check a document's ``schema_version`` and migrate it, step by step, to the current one."""
    if type(data) is not dict:
        return data  # the structuring reports the wrong type
    version = data.get("schema_version")
    if version is None:
        raise ValidationError(
            [("$.schema_version", f"is required; this release reads {', '.join(reads())}")]
        )
    if not isinstance(version, str):
        raise ValidationError(
            [("$.schema_version", f"expected a version as text, such as {SCHEMA_VERSION!r}")]
        )
    while isinstance(version, str) and version in MIGRATIONS:
        data = MIGRATIONS[version](data)
        version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise ValidationError(
            [
                (
                    "$.schema_version",
                    f"{version!r} is not a version this "
                    f"release reads ({', '.join(reads())}); a newer diplomod may",
                )
            ]
        )
    return {key: value for key, value in data.items() if key != "schema_version"}


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


def _structure_event(value: Any, _: Any) -> Any:
    if type(value) is not dict:
        raise _fail("an object", value)
    kinds = event_kinds()
    kind = value.get("kind")
    cls = kinds.get(kind) if isinstance(kind, str) else None
    if cls is None:
        names = list(kinds)
        known = ", ".join(repr(k) for k in names[:-1]) + f" or {names[-1]!r}"
        found = (
            "missing"
            if "kind" not in value
            else repr(kind)
            if isinstance(kind, str)
            else json_type(kind)
        )
        hint = _codelists.suggest(kind, kinds) if isinstance(kind, str) else ""
        raise ValidationError([("$.kind", f"must be {known}, not {found}{hint}")])
    return _DETAILED.get_structure_hook(cls)(value, cls)


def key_path(path: str, key: str) -> str:
    """Return the JSON path of *key* in the object at *path*; a very long key cut short."""
    if len(key) > 100:
        key = key[:60] + "..."
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


_DETAILED = _detailed_converter()


# -- reading and writing through any converter ---------------------------------------------


def reading_hook(cls: Any) -> Callable[[Any, Any], Any]:
    """Return the hook that reads a *cls*: the generated reader, and at its first problem
    the detailed reader, which raises a `ValidationError` with every problem."""
    fast = fast_reader(cls)
    detailed = _DETAILED.get_structure_hook(cls)

    def structure(value: Any, _: Any = None) -> Any:
        try:
            return fast(value, [0])
        except (Reject, ValidationError):
            pass
        try:
            with _codelists.suggestions_limited():
                return detailed(value, cls)
        except cattrs.BaseValidationError as error:
            raise ValidationError(problems_of(error)) from None

    return structure


def configure_converter(converter: cattrs.Converter) -> cattrs.Converter:
    """Make *converter* read and write diplomod's records as diplomod does, and return it.

    An application whose own attrs classes hold diplomod records reads and writes them
    through its own converter: the records strictly, every problem of one reported as a
    `ValidationError` (which cattrs' detailed validation nests under the field holding
    it), and in the same JSON form as `diplomod.to_dict` writes. The application's own
    classes keep the policy the converter already has.
    """
    converter.register_structure_hook_factory(is_model, reading_hook)
    converter.register_unstructure_hook_factory(is_model, writer)
    converter.register_structure_hook(When, reading_hook(When))
    converter.register_unstructure_hook(When, str)
    event = _event()
    converter.register_structure_hook(event, reading_hook(event))
    return converter


def _when_reader() -> Reader:
    read = read_edtf("when")
    return lambda value, _: read(value)


_READERS[When] = _when_reader()


def _public_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    _strict_primitives(converter)
    configure_converter(converter)
    converter.register_structure_hook_factory(_is_list, reading_hook)
    return converter


def _is_list(hint: Any) -> bool:
    return typing.get_origin(hint) is list


converter = _public_converter()
"""The converter `diplomod.to_dict` and `diplomod.from_dict` use."""
