"""JSON Schema (draft 2020-12) generation from the same declarations the classes check.

Every field's type hint and its ``Annotated`` rules become the property's schema; the
class docstring's ``Attributes:`` section gives each property its description. Classes and
named rules (codelists, text kinds) become shared definitions. A type the generator does
not know is an error, never skipped.
"""

from __future__ import annotations

import copy
import functools
import inspect
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from diplomod._checks import with_article
from diplomod._model import SCHEMA_VERSION, Node, event_kinds, is_model, kinds, shape
from diplomod._rules import Actor, Code, Rule, end_anchored
from diplomod.dates import PARTIAL_DATE_PATTERN, PERIOD_PATTERN, PartialDate, Period
from diplomod.dossier import Dossier, Event

DRAFT = "https://json-schema.org/draft/2020-12/schema"
BASE_URL = "https://diplomod.org/schemas"


def _file_name(cls: type) -> str:
    """``CooperationArea`` is described in ``cooperation-area.json``."""
    return "".join(f"-{c.lower()}" if c.isupper() else c for c in cls.__name__)[1:] + ".json"


@functools.cache
def top_level() -> dict[Any, str]:
    """The types with a schema file of their own: a dossier, an event, and every type a
    dossier holds; the others are defined in ``common.json``."""
    held = [f.node.item.base for f in shape(Dossier).fields if f.node.item is not None]
    return {Dossier: "dossier.json", Event: "event.json"} | {
        cls: _file_name(cls) for cls in [*event_kinds().values(), *kinds().values(), *held]
    }


COMMON = "common.json"
BUNDLE = "diplomod.json"

Make = Callable[["Ref"], dict[str, Any]]
"""Builds a definition, given how to refer to others."""

Ref = Callable[[str, Make], dict[str, Any]]
"""Returns the ``{"$ref": ...}`` for a named definition, noting how to build it."""

_DATES: dict[type, dict[str, Any]] = {
    PartialDate: {
        "title": "PartialDate",
        "description": "A date in EDTF: 2021, 2023-04 or 2023-04-14, optionally followed by "
        "? (uncertain), ~ (approximate) or % (both). The day must exist in the calendar. A day "
        "may carry a time of day with its seconds and a UTC offset (2023-04-14T10:30:00+05:00), "
        "and an IANA time zone in brackets as RFC 9557 writes it "
        "(2023-04-15T08:00:00[Asia/Shanghai], 2023-04-15[Asia/Shanghai]); the time must exist "
        "in the zone and the offset be the zone's.",
        "type": "string",
        "pattern": end_anchored(PARTIAL_DATE_PATTERN),
    },
    Period: {
        "title": "Period",
        "description": "An EDTF interval, start/end. Either end may be .. (open: no earlier "
        "start, or not over) or empty (not known), but one end is a date; the end is not "
        "before the start.",
        "type": "string",
        "pattern": end_anchored(PERIOD_PATTERN),
    },
}


def _class_ref(cls: type, ref: Ref) -> dict[str, Any]:
    return ref(cls.__name__, lambda inner: definition(cls, inner))


def definition(cls: type, ref: Ref) -> dict[str, Any]:
    """Return the schema of a diplomod class, referring to other definitions through *ref*."""
    if cls in _DATES:
        return dict(_DATES[cls])
    if not is_model(cls):
        raise TypeError(f"no JSON Schema for {cls!r}: not a diplomod class")
    described = shape(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    if described.tagged:
        properties["kind"] = {"description": "What the record is.", "const": described.kind}
        required.append("kind")
    if described.version is not None:
        properties["schema_version"] = {
            "description": "The version of the dossier format.",
            "const": described.version,
        }
        required.append("schema_version")
    for field in described.fields:
        if field.description is None:
            raise TypeError(f"{cls.__name__}.{field.name} has no description in the docstring")
        prop = {"description": field.description, **schema_of(field.node, ref)}
        if field.required:
            required.append(field.name)
        elif isinstance(field.default, str | bool | int | float):
            prop["default"] = field.default
        properties[field.name] = prop
    return {
        "title": cls.__name__,
        "description": described.summary,
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _rule_schema(rule: Rule, ref: Ref) -> dict[str, Any]:
    def inline(inner: Ref) -> dict[str, Any]:
        if isinstance(rule, Actor):
            return rule.json_schema(lambda other: _rule_schema(other, inner))
        return rule.json_schema()

    name = rule.schema_name()
    if name is None:
        return inline(ref)
    summary = inspect.cleandoc(type(rule).__doc__ or "").split("\n\n")[0].replace("\n", " ")
    summary = summary.replace("``", "`")
    if isinstance(rule, Code):
        noun = with_article(rule.noun)
        summary = f"{noun[0].upper()}{noun[1:]}, from the `{rule.codelist}` codelist."
    return ref(name, lambda inner: {"title": name, "description": summary, **inline(inner)})


_SIMPLE = {"str": "string", "bool": "boolean", "int": "integer", "float": "number"}


def schema_of(node: Node, ref: Ref) -> dict[str, Any]:
    """Return the schema of the values a field (or an array's item) of *node* holds."""
    if node.optional:
        inner = schema_of(_required(node), ref)
        arms = inner["anyOf"] if list(inner) == ["anyOf"] else [inner]
        return {"anyOf": [*arms, {"type": "null"}]}
    schema: dict[str, Any]
    if node.kind == "when":
        schema = {"anyOf": [_class_ref(PartialDate, ref), _class_ref(Period, ref)]}
    elif node.kind == "array":
        assert node.item is not None
        schema = {"type": "array", "items": schema_of(node.item, ref)}
        if node.container is frozenset:
            schema["uniqueItems"] = True
        schema["minItems"] = 0
    elif node.kind == "literal":
        schema = {"enum": list(node.values)}
    elif node.kind in _SIMPLE:
        schema = {"type": _SIMPLE[node.kind]}
    else:  # a record or a date
        schema = _class_ref(node.base if node.kind == "record" else _DATE_TYPES[node.kind], ref)
    for rule in node.rules:
        part = _rule_schema(rule, ref)
        schema = part if "$ref" in part else {**schema, **part}
    return schema


_DATE_TYPES: dict[str, type] = {"date": PartialDate, "period": Period}


def _required(node: Node) -> Node:
    return attrs.evolve(node, optional=False)


def _event_schema(ref: Ref) -> dict[str, Any]:
    return {"oneOf": [_class_ref(cls, ref) for cls in event_kinds().values()]}


def _root(cls: Any, ref: Ref) -> dict[str, Any]:
    if cls is Event:
        return {
            "title": "Event",
            "description": "A meeting, an agreement or an activity, told apart by its kind.",
            **_event_schema(ref),
        }
    return definition(cls, ref)


def _build(
    make: Make, target: Callable[[str], str]
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Make]]:
    """Build a schema with *make*, then every definition it refers to, and theirs in turn.

    Returns the schema, the definitions by name, and how to build each of them.
    """
    pending: dict[str, Make] = {}

    def ref(name: str, build: Make) -> dict[str, Any]:
        pending.setdefault(name, build)
        return {"$ref": target(name)}

    root = make(ref)
    defs: dict[str, Any] = {}
    while len(defs) < len(pending):
        for name, build in list(pending.items()):
            if name not in defs:
                defs[name] = build(ref)
    return root, dict(sorted(defs.items())), pending


def _local(name: str) -> str:
    return f"#/$defs/{name}"


def _url(name: str) -> str:
    return f"{BASE_URL}/{SCHEMA_VERSION}/{name}"


def json_schema(cls: Any) -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a diplomod class or `Event`.

    For a type with a schema file of its own (`Dossier`, `Event`, the records), this is
    that file's document, ``$id`` and all, whose ``$ref``s name ``common.json`` beside it.
    For the others it is a self-contained document with no ``$id``, its definitions in
    ``$defs``:

    >>> from diplomod import Meeting, Place
    >>> json_schema(Meeting)["$id"]
    'https://diplomod.org/schemas/1.1/meeting.json'
    >>> schema = json_schema(Place)
    >>> schema["required"], schema["properties"]["coordinates"]["anyOf"][0]
    (['name', 'country'], {'$ref': '#/$defs/Coordinates'})
    """
    if cls in top_level():
        return copy.deepcopy(_files()[top_level()[cls]])
    root, defs, _ = _build(lambda ref: _root(cls, ref), _local)
    defs.pop(getattr(cls, "__name__", ""), None)
    schema: dict[str, Any] = {"$schema": DRAFT, **root}
    if defs:
        schema["$defs"] = defs
    return schema


def schema_files() -> dict[str, dict[str, Any]]:
    """Return the schema files to ship, by name: one per top-level type, ``common.json`` with
    the definitions they share, and ``diplomod.json`` bundling everything."""
    return copy.deepcopy(_files())


@functools.cache
def _files() -> dict[str, dict[str, Any]]:
    by_name = {getattr(cls, "__name__", "Event"): file for cls, file in top_level().items()}

    def target(name: str) -> str:
        return by_name.get(name) or f"{COMMON}#/$defs/{name}"

    def common_target(name: str) -> str:
        return target(name).removeprefix(COMMON)

    files: dict[str, dict[str, Any]] = {}
    shared: dict[str, Make] = {}
    for cls, file in top_level().items():
        root, _, makers = _build(functools.partial(_root, cls), target)
        files[file] = {"$schema": DRAFT, "$id": _url(file), **root}
        shared.update((name, make) for name, make in makers.items() if name not in by_name)
    common = {name: _build(shared[name], common_target)[0] for name in sorted(shared)}
    files[COMMON] = {
        "$schema": DRAFT,
        "$id": _url(COMMON),
        "title": "diplomod common definitions",
        "description": "The definitions the record schemas share.",
        "$defs": common,
    }
    root, defs, _ = _build(lambda ref: _root(Dossier, ref), _local)
    defs["Dossier"] = root
    defs["Event"] = _build(lambda ref: _root(Event, ref), _local)[0]
    files[BUNDLE] = {
        "$schema": DRAFT,
        "$id": _url(BUNDLE),
        "title": "diplomod",
        "description": "Every diplomod definition in one file; the root is a Dossier.",
        "$ref": "#/$defs/Dossier",
        "$defs": dict(sorted(defs.items())),
    }
    return files


def write_schemas(directory: str | os.PathLike[str]) -> list[Path]:
    """Write the schema files into *directory* and return their paths."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schema_files().items():
        path = folder / name
        path.write_text(dump(schema), encoding="utf-8", newline="\n")
        written.append(path)
    return written


def dump(schema: dict[str, Any]) -> str:
    """Return a schema as the text of its file: indented, UTF-8, ending with a new line."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
