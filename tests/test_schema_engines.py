"""The shipped schemas give the same verdicts in every engine, and the library's verdicts.

Three validators read the shipped files: Python's ``jsonschema`` (which matches patterns
with ``re.search``), ``jsonschema-rs`` (Rust regular expressions) and Ajv in strict mode
with its formats (ECMA 262 regular expressions with the u flag), run through node. Each
must accept the worked example and generated valid records, and refuse every damaged copy
the library refuses, except the rules ``docs/howto/schemas.md`` lists as Python-only.

Ajv needs node and the packages of ``tests/ajv`` (``npm ci --prefix tests/ajv``); without
them its tests are skipped with that reason.
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from hypothesis import Phase, given, seed, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from diplomod import ValidationError, from_dict, testing, to_dict, to_json
from diplomod.examples import samarkand_2023_json
from test_schema import EXAMPLES, MUTATIONS, PYTHON_ONLY, Steps, json_path, mutated

SCHEMAS = Path(str(files("diplomod") / "schemas"))
AJV = Path(__file__).resolve().parent / "ajv"

Case = tuple[str, Any]
"""A document and the shipped file (``meeting.json``) to validate it against."""

Engine = Callable[[list[Case]], list[bool]]
"""Validates cases in one go and says, for each, whether it is valid."""


@functools.cache
def shipped() -> dict[str, dict[str, Any]]:
    return {
        path.name: json.loads(path.read_text(encoding="utf-8")) for path in SCHEMAS.glob("*.json")
    }


def python_jsonschema(cases: list[Case]) -> list[bool]:
    registry: Registry[Any] = Registry().with_resources(
        (schema["$id"], DRAFT202012.create_resource(schema)) for schema in shipped().values()
    )
    verdicts = []
    for name, data in cases:
        validator = Draft202012Validator(
            shipped()[name], registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
        )
        verdicts.append(validator.is_valid(data))
    return verdicts


def rust_jsonschema(cases: list[Case]) -> list[bool]:
    registry = jsonschema_rs.Registry([(schema["$id"], schema) for schema in shipped().values()])
    validators = {
        name: jsonschema_rs.validator_for(schema, registry=registry, validate_formats=True)
        for name, schema in shipped().items()
    }
    verdicts = []
    for name, data in cases:
        try:
            verdicts.append(validators[name].is_valid(data))
        except UnicodeEncodeError:  # a lone surrogate: no Rust string, no JSON text can hold it
            verdicts.append(False)
    return verdicts


def ajv(cases: list[Case], tmp: Path | None = None) -> list[bool]:
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    if not (AJV / "node_modules" / "ajv").is_dir():
        pytest.skip("Ajv is not installed; run `npm ci --prefix tests/ajv`")
    documents = [{"schema": name, "data": data} for name, data in cases]
    # Escaped, so that a lone surrogate reaches JavaScript as one.
    text = json.dumps(documents, ensure_ascii=True)
    result = subprocess.run(
        ["node", str(AJV / "validate.mjs"), str(SCHEMAS), "/dev/stdin"],
        input=text,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    errors: list[list[str]] = json.loads(result.stdout)
    assert len(errors) == len(cases)
    return [not found for found in errors]


ENGINES = [
    pytest.param(python_jsonschema, id="jsonschema"),
    pytest.param(rust_jsonschema, id="jsonschema-rs"),
    pytest.param(ajv, id="ajv"),
]


def refused_by_diplomod(example: str, data: Any) -> bool:
    """Whether the library refuses *data* as a record of the kind *example* is."""
    cls = type(EXAMPLES[example][0]())
    try:
        from_dict(data, cls)
    except ValidationError:
        return True
    return False


# -- what every engine accepts ---------------------------------------------------------------


def generated_records(count: int) -> list[Case]:
    """Valid records of every kind, drawn with a fixed seed, as the library writes them."""
    strategies = [
        (testing.meetings(), "meeting.json"),
        (testing.agreements(), "agreement.json"),
        (testing.organizations(), "organization.json"),
        (testing.people(), "person.json"),
        (testing.sources(), "source.json"),
        (testing.dossiers(), "dossier.json"),
    ]
    cases: list[Case] = []

    @seed(20230414)
    @settings(
        max_examples=count, database=None, deadline=None, phases=[Phase.generate], derandomize=True
    )
    @given(st.data())
    def draw(data: st.DataObject) -> None:
        strategy, name = data.draw(st.sampled_from(strategies))
        record = data.draw(strategy)
        cases.append((name, json.loads(to_json(record))))
        if name in ("meeting.json", "agreement.json"):
            cases.append(("event.json", cases[-1][1]))

    draw()
    return cases


@functools.cache
def valid_cases() -> list[Case]:
    return [("dossier.json", json.loads(samarkand_2023_json())), *generated_records(200)]


@pytest.mark.parametrize("engine", ENGINES)
def test_every_engine_accepts_the_example_and_generated_records(engine: Engine) -> None:
    cases = valid_cases()
    refused = [case for case, valid in zip(cases, engine(cases), strict=True) if not valid]
    assert refused == []


# -- what every engine refuses ---------------------------------------------------------------


def damaged(example: str, path: Steps, value: Any) -> Case:
    build, name = EXAMPLES[example]
    return name, mutated(to_dict(build()), path, value)


NEW_DAMAGE: list[tuple[str, str, Steps, Any]] = [
    # Lone surrogates and control characters, which no UTF-8 JSON can carry or show.
    ("surrogate-in-url", "source", ("url",), "https://example.org/\ud800"),
    ("null-in-url", "source", ("url",), "https://example.org/\x00"),
    ("escape-in-url", "source", ("url",), "https://example.org/\x1b[31m"),
    ("space-in-url", "source", ("url",), "https://example.org/a b"),
    ("surrogate-in-label", "khar", ("name",), "Hina \udc00Khar"),
    ("surrogate-in-prose", "meeting", ("topics", 0), "trade\ud83c"),
    ("surrogate-in-document", "source", ("text",), "The text \ud800 as published."),
    # A final line break, which `$` lets through in Python's re.search.
    ("break-after-id", "meeting", ("id",), "meeting-2023-04-14\n"),
    ("break-after-date", "meeting", ("when",), "2023-04-14\n"),
    ("break-after-period", "khar", ("offices", 0, "period"), "2022-04/..\n"),
    ("break-after-tag", "source", ("language",), "en\n"),
    ("break-after-url", "source", ("url",), "https://example.org/\n"),
    ("break-after-label", "khar", ("name",), "Hina Rabbani Khar\n"),
    ("break-after-area", "meeting", ("areas",), ["acme:fisheries\n"]),
    ("break-after-wikidata", "lavrov", ("wikidata",), "Q42\n"),
    # Days the calendar does not have, and year 0.
    ("month-13", "meeting", ("when",), "2023-13"),
    ("april-31", "meeting", ("when",), "2023-04-31"),
    ("february-30", "meeting", ("when",), "2023-02-30"),
    ("february-29-common-year", "meeting", ("when",), "2023-02-29"),
    ("february-29-1900", "meeting", ("when",), "1900-02-29"),
    ("year-0", "meeting", ("when",), "0000"),
    ("year-0-in-period", "khar", ("offices", 0, "period"), "0000/2023"),
    ("day-0", "mou", ("concluded",), "2021-01-00"),
    ("open-at-both-ends", "khar", ("offices", 0, "period"), "../.."),
    ("unknown-at-both-ends", "khar", ("offices", 0, "period"), "/"),
    ("open-start-unknown-end", "khar", ("offices", 0, "period"), "../"),
    ("unknown-start-open-end", "sco", ("memberships", 0, "period"), "/.."),
    ("three-dots", "sco", ("memberships", 0, "period"), "2001/..."),
    ("month-13-in-period", "sco", ("memberships", 0, "period"), "2001-13/.."),
]

DAMAGE: dict[str, tuple[str, Steps, Any]] = {
    **{
        f"{example}-{label}-{json_path(path)}": (example, path, value)
        for example, mutations in MUTATIONS.items()
        for label, path, value in mutations
    },
    **{
        f"{label}-{json_path(path)}": (example, path, value)
        for label, example, path, value in NEW_DAMAGE
    },
}


@functools.cache
def verdicts(engine: Engine) -> dict[str, bool]:
    """Each engine's verdict on every damaged copy, found in one run."""
    labels = list(DAMAGE)
    cases = [damaged(*DAMAGE[label]) for label in labels]
    return dict(zip(labels, engine(cases), strict=True))


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("label", list(DAMAGE))
def test_every_engine_refuses_what_the_library_refuses(engine: Engine, label: str) -> None:
    example, path, value = DAMAGE[label]
    assert refused_by_diplomod(example, damaged(example, path, value)[1])
    assert not verdicts(engine)[label], "the schema accepted it"


# -- what every engine accepts, and the library too ------------------------------------------

GOOD = [
    ("leap-day-2024", "meeting", ("when",), "2024-02-29"),
    ("leap-day-2000", "meeting", ("when",), "2000-02-29"),
    ("leap-day-in-period", "khar", ("offices", 0, "period"), "2020-02-29/2024-02-29"),
    ("qualified-month", "meeting", ("when",), "2023-04~"),
    ("qualified-day", "meeting", ("when",), "2023-04-14%"),
    ("open-start", "khar", ("offices", 0, "period"), "../2023-12-31?"),
    ("unknown-start", "khar", ("offices", 0, "period"), "/2023-12-31?"),
    ("unknown-end", "khar", ("offices", 0, "period"), "2022-04/"),
    ("unknown-end-of-a-meeting", "meeting", ("when",), "2023-04-13/"),
    ("year-1", "mou", ("concluded",), "0001"),
    ("year-9999", "mou", ("events", 0, "date"), "9999-12-31"),
    ("document-ending-with-a-break", "source", ("text",), "As published.\n"),
    ("astral-characters", "khar", ("name",), "Hina Rabbani Khar 🇵🇰"),
    ("url-with-query", "source", ("url",), "https://example.org/a?b=c#d"),
    ("built-in-area", "meeting", ("areas",), ["economy.trade"]),
]


@pytest.mark.parametrize("engine", ENGINES)
def test_every_engine_accepts_what_the_library_accepts(engine: Engine) -> None:
    cases = [damaged(example, path, value) for _, example, path, value in GOOD]
    for (_, data), (label, example, *_) in zip(cases, GOOD, strict=True):
        assert not refused_by_diplomod(example, data), label
    assert dict(zip([g[0] for g in GOOD], engine(cases), strict=True)) == {g[0]: True for g in GOOD}


@pytest.mark.parametrize("engine", ENGINES)
def test_every_engine_accepts_what_only_the_library_refuses(engine: Engine) -> None:
    # The rules listed as Python-only in docs/howto/schemas.md, and no others.
    cases = [damaged(*param.values[:3]) for param in PYTHON_ONLY]
    labels = [param.id for param in PYTHON_ONLY]
    assert dict(zip(labels, engine(cases), strict=True)) == dict.fromkeys(labels, True)
