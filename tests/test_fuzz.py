"""Fuzzing the readers: whatever text, bytes or JSON Lines come in, reading gives records or
raises `ValidationError`, and never any other exception.

Each fuzz test runs a few hundred examples by default. For a long run, set
``DIPLOMOD_FUZZ_EXAMPLES`` to the number of examples each test should run; the run then has
no deadline and keeps no example database::

    DIPLOMOD_FUZZ_EXAMPLES=100000 pytest tests/test_fuzz.py -k arbitrary_bytes
"""

from __future__ import annotations

import copy
import io
import json
import os
from collections.abc import Callable
from typing import Any

import attrs
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import diplomod
from conftest import gas_pipeline_mou, neighbours_meeting, samarkand_meeting
from diplomod import (
    Agreement,
    Dossier,
    Meeting,
    Place,
    ValidationError,
    codelist,
    from_json,
    read_jsonl,
    read_jsonl_results,
    testing,
    to_json,
)
from diplomod._codelists import names as codelist_names
from diplomod.examples import samarkand_2023, samarkand_2023_json

EVENT: Any = diplomod.Event
"""`Event` is a union, which the type checker does not take for a class; it is one here."""

TARGETS: list[Any] = [Dossier, EVENT, Meeting, Agreement, Place]

LONG_RUN = os.environ.get("DIPLOMOD_FUZZ_EXAMPLES")


def fuzz(default: int) -> settings:
    """Settings for a fuzz test: *default* examples, or as many as ``DIPLOMOD_FUZZ_EXAMPLES``
    says (then with no deadline and no example database)."""
    quiet = [HealthCheck.too_slow, HealthCheck.data_too_large]
    if LONG_RUN is None:
        return settings(max_examples=default, deadline=2000, suppress_health_check=quiet)
    return settings(
        max_examples=int(LONG_RUN), deadline=None, database=None, suppress_health_check=quiet
    )


def read_or_refuse(read: Callable[[], object]) -> object:
    """Return what *read* reads, or the `ValidationError` it raises; any other exception
    fails the test."""
    try:
        return read()
    except ValidationError as error:
        refused = error
    assert type(refused) is ValidationError
    assert refused.problems
    assert all(isinstance(path, str) and path.startswith("$") for path, _ in refused.problems)
    assert all(isinstance(message, str) and message for _, message in refused.problems)
    assert str(refused)
    return refused


def is_instance(record: object, cls: Any) -> bool:
    return isinstance(record, (Meeting, Agreement, diplomod.Activity) if cls is EVENT else cls)


def remade(record: Any) -> Any:
    """Make *record* again through its constructor, and each record inside it first, so that
    every rule is checked anew; a record that breaks one raises `ValidationError`."""
    if isinstance(record, tuple | frozenset):
        return type(record)(remade(item) for item in record)
    if not attrs.has(type(record)):
        return record
    changes = {
        field.alias: remade(getattr(record, field.name))
        for field in attrs.fields(type(record))
        if field.init
    }
    return attrs.evolve(record, **changes)


def check_read(data: str | bytes, cls: Any) -> None:
    """Read *data* as *cls*: refused, or a record that keeps every rule (made again through
    the constructors, it is equal) and writes and reads back equal."""
    result = read_or_refuse(lambda: from_json(data, cls))
    name = getattr(cls, "__name__", "Event")
    if isinstance(result, ValidationError):
        field = ".".join(result.problems[0][0].split("[")[0].split(".")[:2])
        event(f"{name}: refused at {field}")
    else:
        event(f"{name}: read")
        assert is_instance(result, cls)
        assert remade(result) == result
        assert from_json(to_json(result), cls) == result


# -- arbitrary JSON values -------------------------------------------------------------------------


def _field_names() -> list[str]:
    exported = [getattr(diplomod, name) for name in diplomod.__all__]
    classes = [obj for obj in exported if isinstance(obj, type) and attrs.has(obj)]
    found = {field.name for cls in classes for field in attrs.fields(cls) if field.init}
    return sorted(found | {"kind", "schema_version"})


FIELD_NAMES = _field_names()
CODES = sorted(
    {code for name in codelist_names() for code in codelist(name)}
    | {"1.0", "1.1", "2023", "2023-04", "2023-04-14", "2023-02-30", "2023-04-13/2023-04-14"}
    | {"2017/..", "2017/", "/2017", "../2017"}
    | {"hina-rabbani-khar", "sergey-lavrov", "tdi-2023-04-14-khar-lavrov", "sco", "en", "Q42"}
)


class RawNumber:
    """A number to write as is into JSON text: one too long, too large or too small for
    `json.dumps` to write from a Python number, or a constant it would not write."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"RawNumber({self.text[:20]!r}{'...' if len(self.text) > 20 else ''})"


RAW_NUMBERS = st.one_of(
    st.integers(4301, 6000).map(lambda n: RawNumber("9" * n)),
    st.sampled_from(["1e999", "-1e999", "1e-999", "-0", "0.0", "-0.0", "1E400"]).map(RawNumber),
    st.sampled_from(["NaN", "Infinity", "-Infinity"]).map(RawNumber),
)

ODD_TEXT = [
    "",
    " ",
    " \t\n",
    "\ud800",
    "x\udc00y",
    "\udfff\ud800",
    "a\x00b",
    "\x1b[2J",
    "\x85",
    "\ufeff",
    "\ufeffPAK",
    "\u2028",
    " PAK",
    "PAK\n",
    "pak",
    "14/04/2023",
    "2023-4-14",
    "2023-04-14T00:00",
    "2023-13-01",
    "0000",
    "2023-04-14/2023-04-13",
    "../..",
    "x:y",
    "acme:Fish",
    "http://example.com/x",
]
"""Text at the edges of the rules: white space, control characters, lone surrogates, dates
in the wrong form, codes in the wrong case."""

TEXT = st.one_of(
    st.sampled_from(CODES),
    st.sampled_from(ODD_TEXT),
    st.text(max_size=8),
    st.text(
        st.one_of(
            st.characters(max_codepoint=0x7F),
            st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),  # lone surrogates
        ),
        max_size=6,
    ),
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(300, 4300).map(lambda n: int("7" * n)),  # the longest Python reads is 4300
    st.floats(),  # nan, inf and -inf included
    TEXT,
    RAW_NUMBERS,
)
KEYS = st.one_of(st.sampled_from(FIELD_NAMES), TEXT)


def json_values(max_leaves: int) -> st.SearchStrategy[Any]:
    return st.recursive(
        SCALARS,
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.dictionaries(KEYS, children, max_size=4),
        ),
        max_leaves=max_leaves,
    )


JSON_VALUES = json_values(10)
SMALL_VALUES = json_values(3)


RECORD_FIELDS = st.dictionaries(st.sampled_from(FIELD_NAMES), SMALL_VALUES, max_size=6)
TAGS = st.fixed_dictionaries(
    {},
    optional={
        "kind": st.sampled_from(["meeting", "agreement", "activity"]),
        "schema_version": st.just("1.1"),
    },
)


@st.composite
def records(draw: st.DrawFn) -> Any:
    """A JSON value; three times in four an object with a record's keys, maybe tagged."""
    value = draw(JSON_VALUES)
    if not draw(st.integers(0, 3)):
        return value
    base = value if isinstance(value, dict) else {}
    return {**base, **draw(RECORD_FIELDS), **draw(TAGS)}


def dumps(value: Any, *, ascii_only: bool) -> str:
    """Write *value* with `json.dumps` (NaN and Infinity allowed), `RawNumber`s as they are."""
    raw: list[str] = []

    def placeholder(number: Any) -> str:
        assert isinstance(number, RawNumber)
        raw.append(number.text)
        return f"@@{len(raw) - 1}@@"

    text = json.dumps(value, allow_nan=True, ensure_ascii=ascii_only, default=placeholder)
    for i, number in enumerate(raw):
        text = text.replace(f'"@@{i}@@"', number, 1)
    return text


@fuzz(400)
@given(records())
def test_arbitrary_json_values_are_read_or_refused(value: Any) -> None:
    ascii_text = dumps(value, ascii_only=True)
    unicode_text = dumps(value, ascii_only=False)
    for cls in TARGETS:
        check_read(ascii_text, cls)
        check_read(ascii_text.encode("ascii"), cls)
        check_read(unicode_text, cls)  # may hold lone surrogates, which text can
        check_read(unicode_text.encode("utf-8", "surrogatepass"), cls)


# -- arbitrary bytes -------------------------------------------------------------------------------


def check_json_lines(data: bytes, cls: Any, max_line_bytes: int) -> None:
    """Read *data* as JSON Lines both ways: every result a record or a numbered refusal."""
    results = list(read_jsonl_results(io.BytesIO(data), cls, max_line_bytes=max_line_bytes))
    lines = [n for n, result in enumerate(results) if isinstance(result, ValidationError)]
    for result in results:
        if isinstance(result, ValidationError):
            assert type(result) is ValidationError
            assert result.line is not None
            assert 1 <= result.line <= len(data.splitlines()) + 1  # LF, CRLF or a lone CR
        else:
            assert is_instance(result, cls)
    read = read_or_refuse(
        lambda: list(read_jsonl(io.BytesIO(data), cls, max_line_bytes=max_line_bytes))
    )
    if lines:
        assert isinstance(read, ValidationError)
        first = results[lines[0]]
        assert isinstance(first, ValidationError)
        assert read.line == first.line
    else:
        assert read == results


@fuzz(1000)
@given(
    st.binary(max_size=300),
    st.sampled_from(TARGETS),
    st.sampled_from([16 * 1024 * 1024, 64, 8]),
)
def test_arbitrary_bytes_are_read_or_refused(data: bytes, cls: Any, max_line_bytes: int) -> None:
    check_read(data, cls)
    check_read(data.decode("utf-8", "surrogateescape"), cls)  # invalid bytes as surrogates
    check_read(data.decode("latin-1"), cls)
    check_json_lines(data, cls, max_line_bytes)


# -- mutations of the worked example ---------------------------------------------------------------

EXAMPLE_TEXT = samarkand_2023_json()
SAMARKAND = samarkand_2023()

JsonPath = tuple[Any, ...]


def containers(value: Any, path: JsonPath = ()) -> list[JsonPath]:
    """The paths to every object and array in a JSON value, the value itself first."""
    found: list[JsonPath] = []
    if isinstance(value, dict | list):
        found.append(path)
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            found.extend(containers(item, (*path, key)))
    return found


EXAMPLE_CONTAINERS = containers(json.loads(EXAMPLE_TEXT))


def at(value: Any, path: JsonPath) -> Any:
    for step in path:
        value = value[step]
    return value


def other_type(value: Any) -> Any:
    """The same content as a value of another JSON type."""
    if isinstance(value, RawNumber):
        return value.text
    if isinstance(value, bool) or value is None:
        return int(bool(value))
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return [value] if len(value) % 2 else len(value)
    if isinstance(value, list):
        return {str(i): item for i, item in enumerate(value)}
    return list(value.values())


MUTATIONS = ["delete", "replace", "duplicate", "retype", "rename"]


def mutate(draw: st.DrawFn, document: Any) -> None:
    """Change one thing in *document*, in place."""
    try:
        target = at(document, EXAMPLE_CONTAINERS[draw(st.integers(0, len(EXAMPLE_CONTAINERS) - 1))])
    except (LookupError, TypeError):
        return  # an earlier change took it away
    if not isinstance(target, dict | list) or not target:
        return
    keys = list(target) if isinstance(target, dict) else list(range(len(target)))
    key = keys[draw(st.integers(0, len(keys) - 1))]
    mutation = draw(st.sampled_from(MUTATIONS))
    if mutation == "delete":
        del target[key]
    elif mutation == "replace":
        target[key] = draw(SMALL_VALUES)
    elif mutation == "duplicate":
        if isinstance(target, list):
            target.insert(key, copy.deepcopy(target[key]))
        else:
            target[f"{key}{draw(st.sampled_from(['_', 's', '2']))}"] = target[key]
    elif mutation == "retype":
        target[key] = other_type(target[key])
    elif isinstance(target, dict):
        target[draw(KEYS)] = target.pop(key)


@st.composite
def mutated_examples(draw: st.DrawFn) -> bytes:
    """The worked example's JSON with a few values changed, then maybe its bytes damaged."""
    document = json.loads(EXAMPLE_TEXT)
    for _ in range(draw(st.integers(0, 4))):
        mutate(draw, document)
    text = dumps(document, ascii_only=draw(st.booleans()))
    data = bytearray(text.encode("utf-8", "surrogatepass"))
    for _ in range(draw(st.integers(0, 3))):
        damage = draw(st.sampled_from(["truncate", "flip", "insert", "drop"]))
        where = draw(st.integers(0, len(data)))
        if damage == "truncate":
            del data[where:]
        elif damage == "flip" and where < len(data):
            data[where] ^= draw(st.integers(1, 255))
        elif damage == "insert":
            data[where:where] = draw(st.binary(min_size=1, max_size=8))
        else:
            del data[where : where + draw(st.integers(1, 64))]
    return bytes(data)


@fuzz(300)
@given(mutated_examples())
def test_mutations_of_the_worked_example_are_read_or_refused(data: bytes) -> None:
    check_read(data, Dossier)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    check_read(text, Dossier)


def test_the_unmutated_example_reads_as_the_worked_example() -> None:
    assert from_json(EXAMPLE_TEXT, Dossier) == SAMARKAND


# -- JSON Lines of good and bad lines --------------------------------------------------------------

EVENT_LINES = [
    to_json(event).encode("utf-8")
    for event in (
        *SAMARKAND.events(),
        samarkand_meeting(),
        neighbours_meeting(),
        gas_pipeline_mou(),
    )
]
GENERATED = testing.activities().map(lambda event: to_json(event).encode("utf-8"))
POOL = st.sampled_from(EVENT_LINES)
GOOD_LINES = st.one_of(POOL, POOL, POOL, GENERATED)  # generating a record takes long
BAD_LINES = st.one_of(
    st.binary(max_size=100),
    SMALL_VALUES.map(lambda value: dumps(value, ascii_only=False).encode("utf-8", "surrogatepass")),
    st.tuples(st.sampled_from(EVENT_LINES), st.integers(1, 400)).map(lambda t: t[0][: t[1]]),
    st.sampled_from(["", " ", "\t", "\x0b", "\ufeff{}", "[" * 5000]).map(str.encode),
).map(lambda line: line.replace(b"\n", b" ").replace(b"\r", b" "))  # a CR ends a line too


Line = tuple[bytes, bool, bytes]
"""A line of JSON Lines: its text, whether it is a good record, and its end."""


@st.composite
def json_lines(draw: st.DrawFn) -> list[Line]:
    """The lines of a JSON Lines file, good and bad, ending in LF or CRLF (the last maybe
    in nothing)."""
    kinds = st.one_of(GOOD_LINES.map(lambda b: (b, True)), BAD_LINES.map(lambda b: (b, False)))
    drawn = draw(st.lists(st.tuples(kinds, st.sampled_from([b"\n", b"\r\n"])), max_size=8))
    lines: list[Line] = [(text, good, end) for (text, good), end in drawn]
    if draw(st.booleans()) and lines:
        lines[-1] = (*lines[-1][:2], b"")
    return lines


@fuzz(200)
@given(json_lines(), st.sampled_from([16 * 1024 * 1024, 2048, 100]))
def test_json_lines_of_good_and_bad_lines_yield_records_and_refusals(
    lines: list[Line], max_line_bytes: int
) -> None:
    data = b"".join(text + end for text, _, end in lines)
    results = list(read_jsonl_results(io.BytesIO(data), EVENT, max_line_bytes=max_line_bytes))
    expected = []
    for number, (text, good, end) in enumerate(lines, start=1):
        # A line is too long when it has more bytes than the limit, its end not counted.
        too_long = len(text) > max_line_bytes
        if too_long or (text + end).strip(b" \t\r\n"):  # lines of JSON white space are skipped
            expected.append((number, text, good, too_long))
    assert len(results) == len(expected)
    for result, (number, text, good, too_long) in zip(results, expected, strict=True):
        if too_long or not good:
            event("line refused" if isinstance(result, ValidationError) else "bad line read")
        if isinstance(result, ValidationError):
            assert type(result) is ValidationError
            assert result.line == number
            assert too_long or not good
        else:
            assert not too_long
            assert remade(result) == result
            assert result == from_json(text, EVENT)
            if good:
                assert to_json(result).encode("utf-8") == text

    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return
    as_text = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline="\n")
    from_text = list(read_jsonl_results(as_text, EVENT, max_line_bytes=max_line_bytes))
    assert [type(r) for r in from_text] == [type(r) for r in results]
    assert [r for r in from_text if not isinstance(r, ValidationError)] == [
        r for r in results if not isinstance(r, ValidationError)
    ]
