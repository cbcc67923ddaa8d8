"""The one description of every class: its fields, their types and rules, and its kind.

A class's type hints are read once, into a `Shape`: each field's `Node` (what values it
holds, with the ``Annotated`` rules and references declared on it), its default and its
description from the class docstring. The construction checks, the readers and writers, the
cattrs converter, the JSON Schema generator, the Dossier's reference walk and the command
line all read shapes, never the hints themselves, so a field or a rule is declared once.
"""

from __future__ import annotations

import functools
import inspect
import re
import types
import typing
from collections.abc import Callable
from typing import Annotated, Any, Literal, TypeVar, Union

import attrs

from diplomod._rules import Rule

SCHEMA_VERSION = "1.1"
"""The version of the dossier document format, and of the schemas' ``$id``s."""

T = TypeVar("T")


@attrs.frozen(init=False)
class Ref:
    """Metadata on an id field: the kinds of record the id may name in a `Dossier`.

    ``Annotated[str, Ref("person")]``; a field that also takes state codes (an actor) names
    a record only when it is written as an id.
    """

    kinds: tuple[str, ...]

    def __init__(self, *kinds: str) -> None:
        self.__attrs_init__(kinds)


@attrs.frozen
class Node:
    """What one field (or one item of an array field) holds.

    ``kind`` is ``str``, ``int``, ``float``, ``bool``, ``literal``, ``array``, ``record``,
    ``date``, ``period``, ``when`` (a date or a period) or ``end`` (a period's end: a date
    or `~diplomod.dates.OPEN`).
    """

    kind: str
    hint: Any
    rules: tuple[Rule, ...] = ()
    refs: tuple[str, ...] = ()
    optional: bool = False
    item: Node | None = None  # the items of an array
    container: type | None = None  # tuple or frozenset, for an array
    cls: type | None = None  # the class of a record
    values: tuple[Any, ...] = ()  # the choices of a literal

    @property
    def base(self) -> type:
        """The Python type of a value, without ``None``."""
        return _BASES.get(self.kind) or self.container or self.cls or str


_BASES: dict[str, type] = {"str": str, "int": int, "float": float, "bool": bool}


@attrs.frozen
class Field:
    """One field of a class, as every part of diplomod sees it."""

    name: str
    node: Node
    default: Any  # attrs.NOTHING when the field is required
    description: str | None

    @property
    def required(self) -> bool:
        return self.default is attrs.NOTHING


@attrs.frozen
class Shape:
    """A class's fields in declaration order, its record kind, and its JSON envelope."""

    cls: type
    fields: tuple[Field, ...]
    summary: str
    kind: str | None  # the kind of record, for a class a Dossier holds by id
    tagged: bool  # whether its JSON carries ``"kind": kind``
    version: str | None  # the ``schema_version`` its JSON documents carry
    plain: bool  # every attribute is a field given to the constructor
    rules: bool  # the class has cross-field rules (a ``_rules`` method)

    @property
    def envelope(self) -> dict[str, str]:
        """The keys its JSON carries besides the fields, in the order they are written."""
        head = {} if self.version is None else {"schema_version": self.version}
        if self.tagged and self.kind is not None:
            head["kind"] = self.kind
        return head


_KIND_OF: dict[type, str] = {}
_TAGGED: list[type] = []


def record(kind: str, *, tagged: bool = False) -> Callable[[type[T]], type[T]]:
    """Register a class as the record *kind* (``"meeting"``); *tagged* JSON carries it."""

    def register(cls: type[T]) -> type[T]:
        _KIND_OF[cls] = kind
        if tagged:
            _TAGGED.append(cls)
        return cls

    return register


@functools.cache
def kinds() -> dict[str, type]:
    """Return every record class by its kind, in the order a `Dossier` holds them."""
    from diplomod.dossier import Dossier

    found: dict[str, type] = {}
    for field in shape(Dossier).fields:
        item = field.node.item
        if item is not None and item.cls in _KIND_OF:
            found[_KIND_OF[item.cls]] = item.cls
    return found


@functools.cache
def event_kinds() -> dict[str, type]:
    """Return the records whose JSON carries their kind (meetings, agreements, ...)."""
    return {kind: cls for kind, cls in kinds().items() if cls in _TAGGED}


def kind_of(cls: type) -> str | None:
    return _KIND_OF.get(cls)


def is_model(cls: Any) -> bool:
    """Whether *cls* is one of diplomod's attrs classes."""
    return isinstance(cls, type) and attrs.has(cls) and cls.__module__.startswith("diplomod.")


_SHAPES: dict[type, Shape] = {}


def shape(cls: type) -> Shape:
    """Return the description of a diplomod class, computed once."""
    try:
        return _SHAPES[cls]
    except KeyError:
        return _SHAPES.setdefault(cls, _shape(cls))


def _shape(cls: type) -> Shape:
    hints = typing.get_type_hints(cls, include_extras=True)
    summary, described = _docstring(cls)
    fields = tuple(
        Field(f.name, node_of(hints[f.name]), f.default, described.get(f.name))
        for f in attrs.fields(cls)
        if f.init
    )
    return Shape(
        cls=cls,
        fields=fields,
        summary=summary,
        kind=_KIND_OF.get(cls),
        tagged=cls in _TAGGED,
        version=getattr(cls, "schema_version", None),
        plain=all(f.init for f in attrs.fields(cls)),
        rules=hasattr(cls, "_rules"),
    )


def node_of(hint: Any) -> Node:
    """Return the `Node` of a type hint, its ``Annotated`` rules and references included."""
    from diplomod.dates import Open, PartialDate, Period  # the dates are described here too

    origin = typing.get_origin(hint)
    if origin is Annotated:
        inner = node_of(hint.__origin__)
        rules = tuple(m for m in hint.__metadata__ if isinstance(m, Rule))
        refs = tuple(k for m in hint.__metadata__ if isinstance(m, Ref) for k in m.kinds)
        return attrs.evolve(inner, hint=hint, rules=inner.rules + rules, refs=inner.refs + refs)
    if origin in (Union, types.UnionType):
        arms = [arm for arm in typing.get_args(hint) if arm is not type(None)]
        optional = len(arms) != len(typing.get_args(hint))
        if set(arms) == {PartialDate, Period}:
            return Node("when", hint, optional=optional)
        if set(arms) == {PartialDate, Open}:
            return Node("end", hint, optional=optional)
        if len(arms) != 1 or not optional:
            raise TypeError(f"diplomod describes no union {hint!r}")
        return attrs.evolve(node_of(arms[0]), hint=hint, optional=True)
    if origin in (tuple, frozenset):
        args = typing.get_args(hint)
        if origin is tuple and (len(args) != 2 or args[1] is not Ellipsis):
            raise TypeError(f"only tuple[X, ...] fields are described, not {hint!r}")
        item = node_of(args[0])
        if item.kind == "array" or item.optional:
            raise TypeError(f"diplomod describes no array of {args[0]!r}")
        return Node("array", hint, item=item, container=origin)
    if origin is Literal:
        return Node("literal", hint, values=typing.get_args(hint))
    if hint is PartialDate:
        return Node("date", hint)
    if hint is Period:
        return Node("period", hint)
    for kind, base in _BASES.items():
        if hint is base:
            return Node(kind, hint)
    if isinstance(hint, type) and attrs.has(hint):
        return Node("record", hint, cls=hint)
    raise TypeError(f"diplomod describes no field of type {hint!r}")


def _docstring(cls: type) -> tuple[str, dict[str, str]]:
    """Return a class's summary and its ``Attributes:`` descriptions from its docstring."""
    doc = inspect.cleandoc(cls.__doc__ or "").replace("``", "`").replace("`None`", "null")
    summary = doc.split("\n\n", 1)[0].replace("\n", " ").strip()
    fields: dict[str, str] = {}
    section = re.search(r"^Attributes:\n((?:[ ]+.*\n?|\n)*)", doc, re.MULTILINE)
    name = None
    for line in section.group(1).splitlines() if section else ():
        match = re.match(r"^    (\w+): (.*)$", line)
        if match:
            name = match.group(1)
            fields[name] = match.group(2).strip()
        elif name and line.startswith("        "):
            fields[name] += " " + line.strip()
    return summary, fields


def record_node(cls: type) -> Node:
    """Return the node of a field that holds a *cls*."""
    return Node("record", cls, cls=cls)


def walk(node: Node, value: Any, path: str) -> typing.Iterator[tuple[Node, Any, str]]:
    """Yield every value in *value* (of *node*) with its node and path, records' fields too.

    Arrays yield their items, records their fields, recursively; ``None`` yields nothing.
    """
    if value is None:
        return
    if node.kind == "array":
        assert node.item is not None
        items = sorted(value) if node.container is frozenset else value
        for i, item in enumerate(items):
            yield from walk(node.item, item, f"{path}[{i}]")
        return
    yield node, value, path
    if node.kind == "record":
        for field in shape(type(value)).fields:
            yield from walk(field.node, getattr(value, field.name), f"{path}.{field.name}")
