"""JSON Schema (draft 2020-12) generation from the same declarations the classes check.

Every field's type hint and its ``Annotated`` rules become the property's schema; the
class docstring's ``Attributes:`` section gives each property its description. Classes and
named rules (codelists, text kinds) become shared definitions. A type the generator does
not know is an error, never skipped.
"""

from __future__ import annotations

import functools
import inspect
import json
import os
import re
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal, Union

import attrs

from diplomod._checks import with_article
from diplomod._converter import KINDS
from diplomod._rules import Actor, Code, Rule
from diplomod.activities import Activity
from diplomod.agreements import Agreement
from diplomod.areas import CooperationArea
from diplomod.dates import PARTIAL_DATE_PATTERN, PERIOD_PATTERN, PartialDate, Period, When
from diplomod.dossier import Dossier, Event
from diplomod.evidence import Source
from diplomod.meetings import Meeting
from diplomod.organizations import Organization
from diplomod.people import Person

DRAFT = "https://json-schema.org/draft/2020-12/schema"
BASE_URL = "https://diplomod.org/schemas"
SCHEMA_VERSION = "1.0"

TOP_LEVEL: dict[Any, str] = {
    Dossier: "dossier.json",
    Event: "event.json",
    Meeting: "meeting.json",
    Agreement: "agreement.json",
    Activity: "activity.json",
    Organization: "organization.json",
    Person: "person.json",
    Source: "source.json",
    CooperationArea: "cooperation-area.json",
}
"""The types with a schema file of their own; the others are defined in ``common.json``."""

COMMON = "common.json"
BUNDLE = "diplomod.json"

_KIND_OF = {cls: kind for kind, cls in KINDS.items()}

Make = Callable[["Ref"], dict[str, Any]]
"""Builds a definition, given how to refer to others."""

Ref = Callable[[str, Make], dict[str, Any]]
"""Returns the ``{"$ref": ...}`` for a named definition, noting how to build it."""

_DATES: dict[type, dict[str, Any]] = {
    PartialDate: {
        "title": "PartialDate",
        "description": "A date in EDTF: 2021, 2023-04 or 2023-04-14, optionally followed by "
        "? (uncertain), ~ (approximate) or % (both). The day must exist in the calendar.",
        "type": "string",
        "pattern": PARTIAL_DATE_PATTERN,
    },
    Period: {
        "title": "Period",
        "description": "An EDTF interval, start/end, either of which may be .. (open); "
        "the end is not before the start.",
        "type": "string",
        "pattern": PERIOD_PATTERN,
    },
}


def describe(cls: type) -> tuple[str, dict[str, str]]:
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


def _class_ref(cls: type, ref: Ref) -> dict[str, Any]:
    return ref(cls.__name__, lambda inner: definition(cls, inner))


def definition(cls: type, ref: Ref) -> dict[str, Any]:
    """Return the schema of a diplomod class, referring to other definitions through *ref*."""
    if cls in _DATES:
        return dict(_DATES[cls])
    if not attrs.has(cls):
        raise TypeError(f"no JSON Schema for {cls!r}: not a diplomod class")
    summary, descriptions = describe(cls)
    hints = typing.get_type_hints(cls, include_extras=True)
    properties: dict[str, Any] = {}
    required: list[str] = []
    if cls in _KIND_OF:
        properties["kind"] = {"description": "What the record is.", "const": _KIND_OF[cls]}
        required.append("kind")
    if cls is Dossier:
        properties["schema_version"] = {
            "description": "The version of the dossier format.",
            "const": SCHEMA_VERSION,
        }
        required.append("schema_version")
    for field in attrs.fields(cls):
        if not field.init:
            continue
        if field.name not in descriptions:
            raise TypeError(f"{cls.__name__}.{field.name} has no description in the docstring")
        prop = {"description": descriptions[field.name], **schema_of(hints[field.name], ref)}
        if field.default is attrs.NOTHING:
            required.append(field.name)
        elif isinstance(field.default, str | bool | int | float):
            prop["default"] = field.default
        properties[field.name] = prop
    return {
        "title": cls.__name__,
        "description": summary,
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


def schema_of(hint: Any, ref: Ref) -> dict[str, Any]:
    """Return the schema of values of type *hint*."""
    origin = typing.get_origin(hint)
    if origin is Annotated:
        schema = schema_of(hint.__origin__, ref)
        for rule in hint.__metadata__:
            if isinstance(rule, Rule):
                part = _rule_schema(rule, ref)
                schema = part if "$ref" in part else {**schema, **part}
        return schema
    if hint is When:
        return {"anyOf": [_class_ref(PartialDate, ref), _class_ref(Period, ref)]}
    if hint is Event:
        return {"oneOf": [_class_ref(cls, ref) for cls in KINDS.values()]}
    if origin in (Union, types.UnionType):
        arms = typing.get_args(hint)
        schemas = [schema_of(arm, ref) for arm in arms if arm is not type(None)]
        if type(None) in arms:
            schemas.append({"type": "null"})
        return {"anyOf": schemas}
    if origin is tuple:
        return {"type": "array", "items": schema_of(typing.get_args(hint)[0], ref), "minItems": 0}
    if origin is frozenset:
        item = schema_of(typing.get_args(hint)[0], ref)
        return {"type": "array", "items": item, "uniqueItems": True, "minItems": 0}
    if origin is Literal:
        return {"enum": list(typing.get_args(hint))}
    simple = {str: "string", bool: "boolean", int: "integer", float: "number"}
    if hint in simple:
        return {"type": simple[hint]}
    if isinstance(hint, type) and attrs.has(hint):
        return _class_ref(hint, ref)
    raise TypeError(f"no JSON Schema for the type {hint!r}")


def _root(cls: Any, ref: Ref) -> dict[str, Any]:
    if cls is Event:
        return {
            "title": "Event",
            "description": "A meeting, an agreement or an activity, told apart by its kind.",
            **schema_of(Event, ref),
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
    """Return a self-contained JSON Schema (draft 2020-12) for a diplomod class or `Event`.

    >>> from diplomod import Place
    >>> schema = json_schema(Place)
    >>> schema["required"], schema["properties"]["coordinates"]["anyOf"][0]
    (['name', 'country'], {'$ref': '#/$defs/Coordinates'})
    """
    root, defs, _ = _build(lambda ref: _root(cls, ref), _local)
    defs.pop(getattr(cls, "__name__", ""), None)
    schema: dict[str, Any] = {"$schema": DRAFT}
    if cls in TOP_LEVEL:  # the others have no file of their own to be named by
        schema["$id"] = _url(TOP_LEVEL[cls])
    schema.update(root)
    if defs:
        schema["$defs"] = defs
    return schema


def schema_files() -> dict[str, dict[str, Any]]:
    """Return the schema files to ship, by name: one per top-level type, ``common.json`` with
    the definitions they share, and ``diplomod.json`` bundling everything."""
    by_name = {getattr(cls, "__name__", "Event"): file for cls, file in TOP_LEVEL.items()}

    def target(name: str) -> str:
        return by_name.get(name) or f"{COMMON}#/$defs/{name}"

    def common_target(name: str) -> str:
        return target(name).removeprefix(COMMON)

    files: dict[str, dict[str, Any]] = {}
    shared: dict[str, Make] = {}
    for cls, file in TOP_LEVEL.items():
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
