"""The JSON Schemas diplomod ships, and how far they agree with the Python library.

The shipped files are generated from the classes; a test fails while they differ from what
the generator writes. Data the library writes is valid against them, and data they refuse
the library refuses too. The converse does not hold: some rules are beyond what a JSON
Schema can say, and only the Python library checks them.

Rules only the Python library checks
====================================

======================================  ==================================================
Rule                                    Broken here by (valid to the schema)
======================================  ==================================================
references between dossier records     an occasion naming a meeting the dossier lacks
date order across fields                a party ratifying before it signed
date order within a period              ``"2001-06-15/2000"``
uniqueness of ids                       an agreement given a meeting's id
meeting format rules                    a meeting both bilateral and multilateral
statement speakers among participants   a statement by a state that was not there
evidence quotes matching the text       a quote that is not the source's words there
records repeated with defaults          ``{"text": "X"}`` and ``{"text": "X",
                                        "language": null}`` in one array
======================================  ==================================================

`test_python_alone_checks_these_rules` keeps this table true: each row's example is valid
against the shipped schema and refused by `from_dict`.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

import diplomod
from conftest import (
    MEETING_ID,
    gas_pipeline_mou,
    khar,
    lavrov,
    neighbours_meeting,
    news_source,
    refusal,
    samarkand_dossier,
    samarkand_meeting,
    sco,
)
from diplomod import from_dict, json_schema, testing, to_dict, to_json
from diplomod._model import event_kinds
from diplomod._schema import dump, schema_files, top_level, write_schemas
from diplomod.serializers import SCHEMA_VERSION

SCHEMAS = files("diplomod") / "schemas"
REGENERATE = "python scripts/generate_schemas.py"


def shipped() -> dict[str, dict[str, Any]]:
    """The shipped schema files, parsed, by file name."""
    return {
        item.name: json.loads(item.read_text(encoding="utf-8"))
        for item in SCHEMAS.iterdir()
        if item.name.endswith(".json")
    }


SHIPPED = shipped()
REGISTRY: Registry[Any] = Registry().with_resources(
    (schema["$id"], DRAFT202012.create_resource(schema)) for schema in SHIPPED.values()
)


def validator(name: str) -> Draft202012Validator:
    """A validator for the shipped file *name*, resolving references among shipped files."""
    return Draft202012Validator(
        SHIPPED[name], registry=REGISTRY, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def schema_errors(name: str, data: Any) -> list[str]:
    return [f"{error.json_path}: {error.message}" for error in validator(name).iter_errors(data)]


def nodes(node: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """Every value in a JSON document with its JSON Pointer."""
    yield pointer, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from nodes(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from nodes(value, f"{pointer}/{i}")


def refs(schema: Any) -> list[str]:
    return [node["$ref"] for _, node in nodes(schema) if isinstance(node, dict) and "$ref" in node]


def resolve(name: str, ref: str) -> Any:
    """What *ref*, found in the shipped file *name*, points to."""
    return REGISTRY.resolver(base_uri=SHIPPED[name]["$id"]).lookup(ref).contents


# -- the committed files are the generated ones --------------------------------------------


def test_the_committed_schema_files_are_what_the_generator_writes(tmp_path: Path) -> None:
    generated = {path.name: path.read_bytes() for path in write_schemas(tmp_path)}
    assert set(generated) == set(schema_files())
    committed = {item.name: item.read_bytes() for item in SCHEMAS.iterdir() if item.is_file()}
    missing = sorted(generated.keys() - committed.keys())
    extra = sorted(committed.keys() - generated.keys())
    stale = sorted(
        name for name in generated.keys() & committed.keys() if generated[name] != committed[name]
    )
    if missing or extra or stale:
        pytest.fail(
            f"src/diplomod/schemas is out of date (missing: {missing}, extra: {extra}, "
            f"changed: {stale}); run `{REGENERATE}` and commit the result"
        )


def test_each_committed_file_is_the_dump_of_its_schema() -> None:
    for name, schema in schema_files().items():
        text = (SCHEMAS / name).read_bytes().decode("utf-8")
        assert text == dump(schema), f"{name} is out of date; run `{REGENERATE}`"
        assert text.endswith("}\n")


def test_the_regeneration_script_named_in_the_message_exists() -> None:
    script = Path(__file__).resolve().parent.parent / "scripts" / "generate_schemas.py"
    assert script.is_file()


# -- the shipped files are valid, named and self-consistent --------------------------------


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_each_shipped_file_is_a_valid_draft_2020_12_schema(name: str) -> None:
    schema = SHIPPED[name]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_each_shipped_file_has_its_versioned_id(name: str) -> None:
    assert SHIPPED[name]["$id"] == f"https://diplomod.org/schemas/1.1/{name}"
    nested = [pointer for pointer, node in nodes(SHIPPED[name]) if pointer.endswith("/$id")]
    assert nested == ["/$id"]


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_references_are_relative_and_resolve_among_the_shipped_files(name: str) -> None:
    for ref in refs(SHIPPED[name]):
        assert not ref.startswith(("http:", "https:")), ref
        target = resolve(name, ref)
        assert isinstance(target, dict), ref


def test_the_top_level_files_are_the_ones_shipped() -> None:
    assert set(top_level().values()) | {"common.json", "diplomod.json"} == set(SHIPPED)


# -- quality of the shipped schemas --------------------------------------------------------


def object_schemas() -> Iterator[tuple[str, dict[str, Any]]]:
    for name, schema in SHIPPED.items():
        for pointer, node in nodes(schema):
            if isinstance(node, dict) and node.get("type") == "object":
                yield f"{name}#{pointer}", node


def test_every_object_definition_is_closed_and_described() -> None:
    found = list(object_schemas())
    assert len(found) > 20
    faults = []
    for where, node in found:
        for key in ("title", "description"):
            if not isinstance(node.get(key), str) or not node[key].strip():
                faults.append(f"{where} has no {key}")
        if node.get("additionalProperties") is not False:
            faults.append(f"{where} does not set additionalProperties to false")
        for prop, spec in node.get("properties", {}).items():
            if not isinstance(spec.get("description"), str) or not spec["description"].strip():
                faults.append(f"{where}/properties/{prop} has no description")
        if not set(node.get("required", [])) <= set(node.get("properties", {})):
            faults.append(f"{where} requires a property it does not define")
    assert faults == []


def test_every_array_says_its_minimum_length() -> None:
    arrays = [
        (f"{name}#{pointer}", node)
        for name, schema in SHIPPED.items()
        for pointer, node in nodes(schema)
        if isinstance(node, dict) and node.get("type") == "array"
    ]
    assert arrays
    assert [where for where, node in arrays if "minItems" not in node] == []


@pytest.mark.parametrize("kind", ["meeting", "agreement"])
def test_meetings_and_agreements_require_their_kind(kind: str) -> None:
    schema = SHIPPED[f"{kind}.json"]
    assert schema["properties"]["kind"]["const"] == kind
    assert "kind" in schema["required"]
    assert next(iter(schema["properties"])) == "kind"


def test_each_kind_of_event_is_told_apart_by_a_required_const_kind() -> None:
    branches = SHIPPED["event.json"]["oneOf"]
    consts = []
    for branch in branches:
        target = resolve("event.json", branch["$ref"])
        assert "kind" in target["required"], branch
        consts.append(target["properties"]["kind"]["const"])
    assert len(set(consts)) == len(consts)
    assert set(consts) == set(event_kinds())
    assert {"meeting", "agreement"} <= set(consts)


def test_the_dossier_requires_its_schema_version() -> None:
    for schema in (SHIPPED["dossier.json"], SHIPPED["diplomod.json"]["$defs"]["Dossier"]):
        assert schema["properties"]["schema_version"]["const"] == "1.1" == SCHEMA_VERSION
        assert "schema_version" in schema["required"]
    assert SHIPPED["diplomod.json"]["$ref"] == "#/$defs/Dossier"


def csv_codes(codelist: str) -> list[str]:
    text = (files("diplomod") / "codelists" / f"{codelist}.csv").read_text(encoding="utf-8")
    return [row["code"] for row in csv.DictReader(io.StringIO(text))]


def codelist_definitions() -> dict[str, str]:
    """The definitions of common.json that enumerate a codelist, each with the codelist's
    name as its description gives it ("..., from the `stances` codelist.")."""
    found = {}
    for name, definition in SHIPPED["common.json"]["$defs"].items():
        match = re.search(r"from the `+(\w+)`+ codelist", definition.get("description", ""))
        if match and "enum" in definition:
            found[name] = match.group(1)
    return found


def test_the_codelist_definitions_are_all_found() -> None:
    assert {
        "StateCode": "states",
        "MeetingFormat": "meeting_formats",
        "ParticipantRole": "participant_roles",
        "OccasionRelation": "occasion_relations",
        "Stance": "stances",
        "EventStatus": "event_statuses",
        "InstrumentType": "instrument_types",
        "LifecycleAction": "lifecycle_actions",
        "MembershipStatus": "membership_statuses",
        "OrganizationKind": "organization_kinds",
    }.items() <= codelist_definitions().items()


@pytest.mark.parametrize(("definition", "codelist"), sorted(codelist_definitions().items()))
def test_codelist_enums_are_the_codes_of_the_csv_files(definition: str, codelist: str) -> None:
    enum = SHIPPED["common.json"]["$defs"][definition]["enum"]
    assert sorted(enum) == sorted(csv_codes(codelist))
    assert len(enum) == len(set(enum))
    assert SHIPPED["diplomod.json"]["$defs"][definition]["enum"] == enum


def test_codelist_descriptions_use_the_right_article() -> None:
    wrong = [
        f"{name}: {definition['description']}"
        for name, definition in SHIPPED["common.json"]["$defs"].items()
        if re.match(r"A [aeiouAEIOU]", definition.get("description", ""))
    ]
    assert wrong == []


def test_descriptions_carry_no_restructuredtext_markup() -> None:
    marked = [
        f"{name}#{pointer}: {node}"
        for name, schema in SHIPPED.items()
        for pointer, node in nodes(schema)
        if pointer.endswith("/description") and isinstance(node, str) and "``" in node
    ]
    assert marked == []


def test_built_in_cooperation_areas_are_the_codes_of_the_csv_file() -> None:
    arms = SHIPPED["common.json"]["$defs"]["CooperationAreaCode"]["anyOf"]
    enums = [arm["enum"] for arm in arms if "enum" in arm]
    assert len(enums) == 1
    assert sorted(enums[0]) == sorted(csv_codes("cooperation_areas"))


def test_state_codes_include_the_worked_examples_states_and_not_zzz() -> None:
    enum = SHIPPED["common.json"]["$defs"]["StateCode"]["enum"]
    assert {"PAK", "RUS", "UZB", "CHN"} <= set(enum)
    assert "ZZZ" not in enum


# -- json_schema() for one class -----------------------------------------------------------


def public_types() -> list[Any]:
    found: list[Any] = [diplomod.Event]
    for name in diplomod.__all__:
        value = getattr(diplomod, name)
        if isinstance(value, type) and attrs.has(value):
            found.append(value)
    return found


def type_id(cls: Any) -> str:
    return getattr(cls, "__name__", "Event")


@pytest.mark.parametrize("cls", [*top_level()], ids=type_id)
def test_json_schema_of_a_type_with_a_file_is_that_file(cls: Any) -> None:
    # One $id names one document: the shipped file, and nothing else.
    assert json_schema(cls) == SHIPPED[top_level()[cls]]


@pytest.mark.parametrize(
    "cls", [cls for cls in public_types() if cls not in top_level()], ids=type_id
)
def test_json_schema_of_another_class_is_self_contained(cls: Any) -> None:
    schema = json_schema(cls)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "$id" not in schema  # it claims no shipped file's $id
    defs = schema.get("$defs", {})
    for ref in refs(schema):
        assert ref.startswith("#/$defs/"), ref
        assert ref.removeprefix("#/$defs/") in defs, ref
    # Every definition is used, and none refers outside the schema.
    used = {ref.removeprefix("#/$defs/") for ref in refs(schema)}
    assert set(defs) <= used


def test_json_schema_returns_a_copy() -> None:
    schema = json_schema(diplomod.Meeting)
    schema["title"] = "changed"
    assert json_schema(diplomod.Meeting)["title"] == "Meeting"


@pytest.mark.parametrize("cls", public_types(), ids=type_id)
def test_json_schema_of_a_class_is_a_valid_schema(cls: Any) -> None:
    schema = json_schema(cls)
    Draft202012Validator.check_schema(schema)
    if cls in top_level():
        assert schema["$id"] == f"https://diplomod.org/schemas/1.1/{top_level()[cls]}"
    else:  # no file of its own to be named by; draft 2020-12 allows no fragment in an $id
        assert "#" not in schema.get("$id", "")


@pytest.mark.parametrize(
    ("build", "cls"),
    [
        (samarkand_meeting, diplomod.Meeting),
        (gas_pipeline_mou, diplomod.Agreement),
        (samarkand_meeting, diplomod.Event),
        (sco, diplomod.Organization),
        (khar, diplomod.Person),
        (news_source, diplomod.Source),
        (samarkand_dossier, diplomod.Dossier),
    ],
    ids=lambda value: getattr(value, "__name__", "Event"),
)
def test_json_schema_of_a_class_validates_its_records_alone(
    build: Callable[[], object], cls: Any
) -> None:
    alone = Draft202012Validator(json_schema(cls), registry=REGISTRY)
    data = to_dict(build())
    assert [error.message for error in alone.iter_errors(data)] == []
    assert list(alone.iter_errors({**data, "unknown": 1})) != []


@pytest.mark.parametrize("not_ours", [int, dict, str, list, None, "Meeting"])
def test_json_schema_refuses_what_is_not_a_diplomod_type(not_ours: Any) -> None:
    with pytest.raises(TypeError, match="no JSON Schema for"):
        json_schema(not_ours)


# -- the schemas and the library agree -----------------------------------------------------

AGREEING = [
    pytest.param(testing.meetings(), "meeting.json", id="meetings"),
    pytest.param(testing.agreements(), "agreement.json", id="agreements"),
    pytest.param(testing.organizations(), "organization.json", id="organizations"),
    pytest.param(testing.people(), "person.json", id="people"),
    pytest.param(testing.sources(), "source.json", id="sources"),
    pytest.param(testing.dossiers(), "dossier.json", id="dossiers"),
]


@pytest.mark.parametrize(("records", "name"), AGREEING)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_what_the_library_writes_is_valid_against_the_shipped_schema(
    records: st.SearchStrategy[Any], name: str, data: st.DataObject
) -> None:
    record = data.draw(records)
    written = json.loads(to_json(record))
    assert schema_errors(name, written) == []
    if name in ("meeting.json", "agreement.json"):
        assert schema_errors("event.json", written) == []
    if name == "dossier.json":
        assert schema_errors("diplomod.json", written) == []


EXAMPLES: dict[str, tuple[Callable[[], object], str]] = {
    "meeting": (samarkand_meeting, "meeting.json"),
    "hosted-meeting": (neighbours_meeting, "meeting.json"),
    "mou": (gas_pipeline_mou, "agreement.json"),
    "sco": (sco, "organization.json"),
    "khar": (khar, "person.json"),
    "lavrov": (lavrov, "person.json"),
    "source": (news_source, "source.json"),
    "dossier": (samarkand_dossier, "dossier.json"),
}


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_each_example_is_valid_against_its_schema(example: str) -> None:
    build, name = EXAMPLES[example]
    assert schema_errors(name, to_dict(build())) == []


DROP = object()
"""Stands for "remove the key" in a mutation."""

Steps = tuple[str | int, ...]

MUTATIONS: dict[str, list[tuple[str, Steps, Any]]] = {
    "meeting": [
        ("drop-required", ("participants",), DROP),
        ("drop-required", ("when",), DROP),
        ("unknown-key", ("colour",), "blue"),
        ("unknown-nested-key", ("participants", 0, "colour"), "blue"),
        ("string-to-number", ("id",), 5),
        ("string-to-number", ("participants", 0, "office"), 5),
        ("date-words", ("when",), "14 April 2023"),
        ("empty-min-items", ("formats",), []),
        ("empty-min-items", ("participants",), []),
        ("empty-min-items", ("statements", 0, "by"), []),
        ("unknown-code", ("formats",), ["bilateral", "summitt"]),
        ("unknown-code", ("statements", 0, "stance"), "stresed"),
        ("unknown-code", ("areas",), ["economy.trades"]),
        ("unknown-state", ("where", "country"), "ZZZ"),
        ("unknown-state", ("participants", 1, "represents"), "ZZZ"),
        ("wrong-kind", ("kind",), "agreement"),
    ],
    "hosted-meeting": [
        ("drop-required", ("formats",), DROP),
        ("unknown-code", ("participants", 0, "role"), "hostess"),
        ("unknown-state", ("participants", 3, "represents"), "ZZZ"),
        ("date-words", ("when",), "13 April 2023"),
    ],
    "mou": [
        ("drop-required", ("instrument",), DROP),
        ("drop-required", ("kind",), DROP),
        ("unknown-key", ("signed_at",), "Islamabad"),
        ("string-to-number", ("title",), 2021),
        ("date-words", ("concluded",), "14 April 2023"),
        ("date-words", ("events", 0, "date"), "in 2021"),
        ("empty-min-items", ("parties",), []),
        ("unknown-code", ("instrument",), "memorandum"),
        ("unknown-code", ("events", 1, "action"), "sign"),
        ("unknown-state", ("parties", 0), "ZZZ"),
        ("unknown-state", ("events", 0, "party"), "ZZZ"),
    ],
    "sco": [
        ("drop-required", ("name",), DROP),
        ("unknown-key", ("members",), []),
        ("string-to-number", ("acronym",), 5),
        ("date-words", ("founded",), "15 June 2001"),
        ("date-words", ("memberships", 0, "period"), "since 15 June 2001"),
        ("unknown-code", ("kind",), "club"),
        ("unknown-code", ("memberships", 6, "status"), "observing"),
        ("unknown-state", ("memberships", 0, "state"), "ZZZ"),
        ("unknown-state", ("headquarters", "country"), "ZZZ"),
    ],
    "khar": [
        ("drop-required", ("id",), DROP),
        ("unknown-key", ("born",), "1977"),
        ("string-to-number", ("name",), 5),
        ("date-words", ("offices", 0, "period"), "April 2022 to 2023"),
        ("unknown-state", ("offices", 0, "represents"), "ZZZ"),
    ],
    "source": [
        ("drop-required", ("publisher",), DROP),
        ("unknown-key", ("author",), "Staff"),
        ("string-to-number", ("text",), 5),
        ("date-words", ("published",), "14 April 2023"),
        ("unknown-state", ("dateline", "country"), "ZZZ"),
    ],
    "dossier": [
        ("drop-required", ("schema_version",), DROP),
        ("drop-required", ("meetings", 1, "when"), DROP),
        ("unknown-key", ("notes",), "none"),
        ("string-to-number", ("people", 0, "name"), 5),
        ("date-words", ("meetings", 1, "when"), "14 April 2023"),
        ("empty-min-items", ("agreements", 0, "parties"), []),
        ("unknown-code", ("meetings", 0, "formats"), ["multilateral", "hostd"]),
        ("unknown-state", ("people", 0, "offices", 0, "represents"), "ZZZ"),
    ],
}


def mutated(data: Any, path: Steps, value: Any) -> Any:
    """A deep copy of *data* with the value at *path* replaced by *value*, removed (`DROP`),
    or, at the index just past the end of an array, appended."""
    copied = copy.deepcopy(data)
    node = copied
    for step in path[:-1]:
        node = node[step]
    last = path[-1]
    if value is DROP:
        del node[last]
    elif isinstance(node, list) and last == len(node):
        node.append(value)
    else:
        node[last] = value
    return copied


def json_path(path: Steps) -> str:
    return "$" + "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in path)


MUTATION_CASES = [
    pytest.param(example, path, value, id=f"{example}-{label}-{json_path(path)}")
    for example, mutations in MUTATIONS.items()
    for label, path, value in mutations
]


@pytest.mark.parametrize(("example", "path", "value"), MUTATION_CASES)
def test_a_mutation_is_refused_by_both_the_schema_and_the_library(
    example: str, path: Steps, value: Any
) -> None:
    build, name = EXAMPLES[example]
    record = build()
    bad = mutated(to_dict(record), path, value)
    assert schema_errors(name, bad) != [], "the schema accepted it"
    problems = refusal(lambda: from_dict(bad, type(record)))
    where = json_path(path)
    # The library points at the change itself.
    assert any(p == where or p.startswith((where + ".", where + "[")) for p, _ in problems), (
        problems
    )


@pytest.mark.parametrize(
    ("example", "path"),
    [
        ("meeting", ("when",)),
        ("mou", ("concluded",)),
        ("sco", ("founded",)),
        ("source", ("published",)),
        ("dossier", ("meetings", 1, "when")),
    ],
)
def test_a_day_missing_from_the_calendar_is_refused_by_both(example: str, path: Steps) -> None:
    build, name = EXAMPLES[example]
    record = build()
    bad = mutated(to_dict(record), path, "2023-02-30")
    assert schema_errors(name, bad) != []
    problems = refusal(lambda: from_dict(bad, type(record)))
    assert ("February 2023 has 28 days, not 30") in [message for _, message in problems]


def python_parses(text: str) -> bool:
    try:
        diplomod.PartialDate.parse(text)
    except diplomod.ValidationError:
        return False
    return True


DATE_PATTERN = re.compile(SHIPPED["common.json"]["$defs"]["PartialDate"]["pattern"])
PERIOD_PATTERN = re.compile(SHIPPED["common.json"]["$defs"]["Period"]["pattern"])


@pytest.mark.parametrize("year", [1, 4, 100, 400, 1900, 2000, 2023, 2024, 2100, 9996, 9999])
def test_the_date_pattern_admits_exactly_the_days_of_the_calendar(year: int) -> None:
    for month in range(15):
        for day in range(33):
            for text in (f"{year:04d}-{month:02d}-{day:02d}", f"{year:04d}-{month:02d}"):
                for qualifier in ("", "?", "~", "%"):
                    value = text + qualifier
                    assert bool(DATE_PATTERN.search(value)) == python_parses(value), value


def test_the_date_pattern_knows_every_years_leap_day() -> None:
    for year in range(10000):
        for text in (f"{year:04d}", f"{year:04d}-02-29", f"{year:04d}-12-31~"):
            assert bool(DATE_PATTERN.search(text)) == python_parses(text), text


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("2023-04-13/2023-04-14", True),
        ("2017/..", True),
        ("2017/", True),
        ("/2017-06~", True),
        ("../2017~", True),
        ("2024-02-29/..", True),
        ("../..", False),
        ("/", False),
        ("../", False),
        ("/..", False),
        ("2017/...", False),
        (".../2017", False),
        ("./2017", False),
        ("2023-02-29/..", False),
        ("0000/2023", False),
        ("2023/2023/2023", False),
        ("2023-04/..\n", False),
        ("2023 /..", False),
    ],
)
def test_the_period_pattern_admits_real_dates_and_one_open_or_unknown_end_at_most(
    text: str, valid: bool
) -> None:
    assert bool(PERIOD_PATTERN.search(text)) == valid


def test_every_pattern_refuses_a_final_line_break_in_python_re_search() -> None:
    patterns = {
        node["pattern"]
        for schema in SHIPPED.values()
        for _, node in nodes(schema)
        if isinstance(node, dict) and isinstance(node.get("pattern"), str)
    }
    assert len(patterns) >= 8
    for pattern in patterns:
        # A document's text may end with a line break: its class holds one.
        allows_breaks = re.fullmatch(pattern, "\n") is not None
        assert pattern.endswith("$(?!\\n)") or allows_breaks, pattern


def test_codelist_backed_definitions_name_their_codelist_and_whether_it_is_open() -> None:
    marked = {
        name: (definition["codelist"], definition["openCodelist"])
        for name, definition in SHIPPED["common.json"]["$defs"].items()
        if "codelist" in definition
    }
    assert marked["StateCode"] == ("states.csv", False)
    assert marked["MeetingFormat"] == ("meeting_formats.csv", False)
    assert marked["CooperationAreaCode"] == ("cooperation_areas.csv", True)
    for name, codelist in codelist_definitions().items():
        assert marked[name] == (f"{codelist}.csv", False)
    csv_files = {path.name for path in (files("diplomod") / "codelists").iterdir()}
    assert {file for file, _ in marked.values()} <= csv_files


MEETING_EVIDENCE = "met Russian Foreign Minister Sergey Lavrov"


PYTHON_ONLY: list[Any] = [
    pytest.param(
        "dossier",
        ("meetings", 1, "occasion", "event"),
        "some-other-summit",
        "no meeting has the id 'some-other-summit'",
        id="references between dossier records",
    ),
    pytest.param(
        "mou",
        ("events", 2),
        {"action": "ratified", "party": "PAK", "date": "2020"},
        "PAK ratified on 2020, before it signed on 2021",
        id="date order across fields",
    ),
    pytest.param(
        "sco",
        ("memberships", 0, "period"),
        "2001-06-15/2000",
        "end: 2000 is before the start 2001-06-15",
        id="date order within a period",
    ),
    pytest.param(
        "dossier",
        ("agreements", 0, "id"),
        MEETING_ID,
        f"{MEETING_ID!r} is already the id of $.meetings[1]",
        id="uniqueness of ids",
    ),
    pytest.param(
        "meeting",
        ("formats",),
        ["bilateral", "multilateral"],
        "cannot be both bilateral and multilateral",
        id="meeting format rules",
    ),
    pytest.param(
        "meeting",
        ("statements", 0, "by"),
        ["PAK", "CHN"],
        "'CHN' does not take part in the meeting",
        id="statement speakers among participants",
    ),
    pytest.param(
        "dossier",
        ("meetings", 1, "evidence", 0, "quote"),
        MEETING_EVIDENCE.upper(),
        f"the source's text at 88:130 is {MEETING_EVIDENCE!r}, not the quote",
        id="evidence quotes matching the text",
    ),
    pytest.param(
        "lavrov",
        ("other_names",),
        [{"text": "Serguei Lavrov"}, {"text": "Serguei Lavrov", "language": None}],
        "lists Name(text='Serguei Lavrov', language=None) more than once",
        id="records repeated with defaults",
    ),
]


@pytest.mark.parametrize(("example", "path", "value", "message"), PYTHON_ONLY)
def test_python_alone_checks_these_rules(
    example: str, path: Steps, value: Any, message: str
) -> None:
    build, name = EXAMPLES[example]
    record = build()
    bad = mutated(to_dict(record), path, value)
    assert schema_errors(name, bad) == []
    problems = refusal(lambda: from_dict(bad, type(record)))
    assert message in [text for _, text in problems], problems
