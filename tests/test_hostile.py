"""Hostile input: whatever a document holds, reading it either gives records or raises
`ValidationError` -- never another exception -- and the error says where and what.

The small inputs are files in ``tests/hostile``; the large ones (nesting 100,000 levels
deep, a 100 MB line of JSON Lines) are made here, on the fly. Each file's expected
problems are listed below as ``(path, part of the message)`` pairs, per type it is read as.
"""

from __future__ import annotations

import copy
import functools
import gc
import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import tracemalloc
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplomod import (
    Coordinates,
    Dossier,
    Event,
    Evidence,
    Meeting,
    PartialDate,
    Place,
    ValidationError,
    from_dict,
    from_json,
    load_jsonl,
    read_date,
    read_jsonl,
    read_jsonl_results,
    to_dict,
    to_json,
)
from diplomod._codelists import SUGGESTIONS_PER_DOCUMENT
from diplomod.errors import Problem
from diplomod.examples import samarkand_2023, samarkand_2023_json

HOSTILE = Path(__file__).parent / "hostile"

TARGETS: dict[str, Any] = {"Meeting": Meeting, "Event": Event, "Dossier": Dossier}
"""The types a hostile document is read as, by name."""

EVENT: Any = Event
"""`Event` is a union, which the type checker does not take for a class; it is one here."""

Expected = tuple[tuple[str, str], ...]
"""Each problem a document must be refused with: its exact path and part of its message."""


@dataclass(frozen=True)
class Case:
    file: str
    expected: dict[str, Expected]


def every(file: str, *problems: tuple[str, str]) -> Case:
    """A document refused alike whatever it is read as."""
    return Case(file, dict.fromkeys(TARGETS, problems))


def event(file: str, *problems: tuple[str, str], **per_type: Expected) -> Case:
    """A meeting document, read as a `Meeting` and as an `Event`; as a `Dossier` it lacks the
    dossier's version, and nothing else of it is read."""
    expected = {"Meeting": problems, "Event": problems, "Dossier": NO_VERSION}
    expected.update(per_type)
    return Case(file, expected)


def dossier(file: str, *problems: tuple[str, str]) -> Case:
    return Case(file, {"Dossier": problems})


NO_NAME = "is not valid JSON: Expecting property name enclosed in double quotes"
NO_VERSION: Expected = (("$.schema_version", "is required"),)
NOT_A_DATE = "is not a date such as '2023', '2023-04', '2023-04-14' or '2021~'"

CASES = [
    # -- wrong types, at every level ----------------------------------------------------------
    every("wrong-type/top-level-array.json", ("$", "expected an object, got array")),
    every(
        "wrong-type/top-level-string.json",
        ("$", "expected an object, got string 'meeting-2023-04-14-khar-lavrov'"),
    ),
    every("wrong-type/top-level-null.json", ("$", "expected an object, got null")),
    every("wrong-type/top-level-number.json", ("$", "expected an object, got number 2023")),
    every("wrong-type/top-level-true.json", ("$", "expected an object, got boolean true")),
    Case(
        "wrong-type/top-level-empty-object.json",
        {
            "Meeting": (("$.kind", "is required and must be 'meeting'"),),
            "Event": (("$.kind", "must be 'meeting', 'agreement' or 'activity', not missing"),),
            "Dossier": (("$.schema_version", "is required"),),
        },
    ),
    event(
        "wrong-type/participants-object.json", ("$.participants", "expected an array, got object")
    ),
    event(
        "wrong-type/participant-item-string.json",
        ("$.participants[0]", "expected an object, got string 'PAK'"),
    ),
    event(
        "wrong-type/where-string.json", ("$.where", "expected an object, got string 'Samarkand'")
    ),
    event("wrong-type/where-array.json", ("$.where", "expected an object, got array")),
    event("wrong-type/occasion-string.json", ("$.occasion", "expected an object, got string")),
    event(
        "wrong-type/format-item-number.json", ("$.formats[1]", "expected a string, got number 7")
    ),
    event(
        "wrong-type/when-number.json",
        ("$.when", "expected a date or period as text, got number 20230414"),
    ),
    event(
        "wrong-type/when-object.json", ("$.when", "expected a date or period as text, got object")
    ),
    event("wrong-type/id-object.json", ("$.id", "expected a string, got object")),
    event("wrong-type/nested-name-array.json", ("$.where.name", "expected a string, got array")),
    event(
        "wrong-type/latitude-string.json",
        ("$.where.coordinates.latitude", "expected a number, got string '39.65'"),
    ),
    event(
        "wrong-type/geonames-id-float.json",
        ("$.where.geonames_id", "expected an integer, got number 1114927.5"),
    ),
    event(
        "wrong-type/statement-by-item-number.json",
        ("$.statements[0].by[1]", "expected a string, got number 643"),
    ),
    event(
        "wrong-type/statement-areas-string.json",
        ("$.statements[0].areas", "expected an array, got string 'energy'"),
    ),
    event(
        "wrong-type/statements-item-array.json",
        ("$.statements[0]", "expected an object, got array"),
    ),
    event("wrong-type/title-true.json", ("$.title", "expected a string, got boolean true")),
    event("wrong-type/role-null.json", ("$.participants[0].role", "expected a string, got null")),
    dossier("dossier/meetings-object.json", ("$.meetings", "expected an array, got object")),
    dossier(
        "dossier/deep-wrong-type.json",
        ("$.meetings[1].participants[1].person", "expected a string, got number 42"),
    ),
    # -- unknown keys -----------------------------------------------------------------------
    event("unknown-key/top-level.json", ("$.colour", "unknown key")),
    event("unknown-key/top-level-typo.json", ("$.titel", "unknown key; did you mean 'title'?")),
    event(
        "unknown-key/nested.json", ("$.participants[1].rol", "unknown key; did you mean 'role'?")
    ),
    event("unknown-key/deep.json", ("$.where.coordinates.altitude", "unknown key")),
    event("unknown-key/not-an-identifier.json", ("$['x y']", "unknown key")),
    event(
        "unknown-key/python-internals.json",
        ("$.__class__", "unknown key"),
        ("$.__init__", "unknown key"),
    ),
    dossier("dossier/unknown-key-top-level.json", ("$.meetingz", "unknown key; did you mean")),
    dossier(
        "dossier/unknown-key-nested.json",
        ("$.people[0].offices[0].title", "is required"),
        ("$.people[0].offices[0].titel", "unknown key; did you mean 'title'?"),
    ),
    # -- unknown codes ----------------------------------------------------------------------
    event("unknown-code/state.json", ("$.participants[1].represents", "unknown state code 'ZZZ'")),
    event(
        "unknown-code/state-by-name.json",
        ("$.where.country", "unknown state code 'Uzbekistan'; did you mean 'UZB'?"),
    ),
    event(
        "unknown-code/area.json",
        ("$.statements[0].areas[0]", "unknown cooperation area 'enrgy'; did you mean 'energy'"),
    ),
    event("unknown-code/stance.json", ("$.statements[0].stance", "unknown stance 'shouted'")),
    event("unknown-code/format.json", ("$.formats[1]", "unknown meeting format 'telepathy'")),
    event(
        "unknown-code/role.json",
        ("$.participants[0].role", "unknown participant role 'chairman'; did you mean 'chair'?"),
    ),
    event("unknown-code/status.json", ("$.status", "unknown event status 'finished'")),
    event(
        "unknown-code/occasion-relation.json", ("$.occasion.relation", "unknown occasion relation")
    ),
    event(
        "unknown-code/kind.json",
        Meeting=(("$.kind", "must be 'meeting', not 'meating'"),),
        Event=(
            (
                "$.kind",
                "must be 'meeting', 'agreement' or 'activity', not 'meating'; "
                "did you mean 'meeting'?",
            ),
        ),
    ),
    event(
        "unknown-code/kind-number.json",
        Meeting=(("$.kind", "must be 'meeting', not 1"),),
        Event=(("$.kind", "must be 'meeting', 'agreement' or 'activity', not number 1"),),
    ),
    event(
        "unknown-code/kind-missing.json",
        Meeting=(("$.kind", "is required and must be 'meeting'"),),
        Event=(("$.kind", "must be 'meeting', 'agreement' or 'activity', not missing"),),
    ),
    dossier("dossier/agreement-in-meetings.json", ("$.meetings[0].kind", "not 'agreement'")),
    dossier(
        "dossier/organization-kind.json",
        ("$.organizations[0].kind", "unknown organization kind 'club'"),
    ),
    # -- dates ------------------------------------------------------------------------------
    event("dates/february-30.json", ("$.when", "February 2023 has 28 days, not 30")),
    event("dates/month-13.json", ("$.when", "13 is outside the range [1, 12]")),
    event("dates/year-0000.json", ("$.when", "0 is outside the range [1, 9999]")),
    event("dates/day-first-slashes.json", ("$.when", "'14/04/2023' is neither a date such as")),
    event("dates/unpadded.json", ("$.when", f"'2023-4-14' {NOT_A_DATE}")),
    event("dates/with-time.json", ("$.when", f"'2023-04-14T00:00' {NOT_A_DATE}")),
    event("dates/words.json", ("$.when", f"'14 April 2023' {NOT_A_DATE}")),
    event("dates/period-backwards.json", ("$.when", "end: 2023-04-13 is before the start")),
    event(
        "dates/period-impossible-ends.json",
        ("$.when", "start: April 2023 has 30 days, not 31"),
        ("$.when", "end: February 2023 has 28 days, not 30"),
    ),
    dossier(
        "dossier/published-day-first.json", ("$.sources[0].published", f"'14/04/2023' {NOT_A_DATE}")
    ),
    # -- empty and white-space text, control characters, lone surrogates --------------------
    event("text/empty-id.json", ("$.id", "'' is not a record id")),
    event("text/empty-title.json", ("$.title", "must not be empty")),
    event("text/empty-state.json", ("$.participants[0].represents", "'' is neither a state code")),
    event("text/empty-formats.json", ("$.formats", "needs at least 1 item, got 0")),
    event("text/whitespace-title.json", ("$.title", "must not start or end with white space")),
    event(
        "text/whitespace-substance.json",
        ("$.statements[0].substance", "must not start or end with white space"),
    ),
    event("text/control-nul.json", ("$.title", "must not contain the control character '\\x00'")),
    event(
        "text/control-escape.json",
        ("$.participants[0].office", "must not contain the control character '\\x1b'"),
    ),
    event(
        "text/control-newline-in-label.json",
        ("$.where.name", "must not contain the control character '\\n'"),
    ),
    event(
        "text/control-c1.json",
        ("$.statements[0].substance", "must not contain the control character '\\x85'"),
    ),
    event("text/surrogate-high.json", ("$.title", "must not contain the lone surrogate '\\ud800'")),
    event(
        "text/surrogate-low.json",
        ("$.statements[0].substance", "must not contain the lone surrogate '\\udc00'"),
    ),
    event(
        "text/surrogate-reversed-pair.json",
        ("$.topics[0]", "must not contain the lone surrogate '\\ude00'"),
    ),
    event(
        "text/surrogate-in-code.json",
        ("$.participants[1].represents", "'\\ud800' is neither a state code"),
    ),
    event("text/surrogate-in-key.json", ("$['\\ud800']", "unknown key")),
    event("unknown-key/newline-in-key.json", ("$['x\\ny']", "unknown key")),
    dossier(
        "dossier/surrogate-in-source-text.json",
        ("$.sources[0].text", "must not contain the lone surrogate '\\udfff'"),
    ),
    # -- bytes that are not UTF-8, byte-order marks -------------------------------------------
    every("encoding/invalid-byte-ff.json", ("$", "is not valid UTF-8: byte 427 (b'\\xff')")),
    every("encoding/overlong-slash.json", ("$", "is not valid UTF-8: byte 427 (b'\\xc0')")),
    every("encoding/encoded-surrogate.json", ("$", "is not valid UTF-8: byte 427 (b'\\xed')")),
    every("encoding/truncated-sequence.json", ("$", "is not valid UTF-8: byte 427 (b'\\xe2')")),
    every("encoding/latin-1.json", ("$", "is not valid UTF-8: byte 422 (b'\\xed')")),
    every("encoding/utf-16.json", ("$", "is not valid UTF-8: byte 0 (b'\\xff')")),
    every("encoding/bom-utf-16-le.json", ("$", "is not valid UTF-8: byte 0 (b'\\xff')")),
    every("encoding/bom.json", ("$", "starts with a byte-order mark; JSON text must not")),
    # -- syntax errors, each with its line and column ------------------------------------------
    every(
        "syntax/trailing-comma.json",
        (
            "$",
            f"{NO_NAME} at line 23, column 22",
        ),
    ),
    every(
        "syntax/object-trailing-comma.json",
        (
            "$",
            f"{NO_NAME} at line 4, column 1",
        ),
    ),
    every(
        "syntax/single-quotes.json",
        (
            "$",
            f"{NO_NAME} at line 1, column 2",
        ),
    ),
    every(
        "syntax/comment.json",
        (
            "$",
            f"{NO_NAME} at line 2, column 3",
        ),
    ),
    every("syntax/unterminated-string.json", ("$", "Invalid control character at")),
    every("syntax/raw-newline-in-string.json", ("$", "Invalid control character at")),
    every("syntax/truncated.json", ("$", "Unterminated string starting at")),
    every("syntax/empty.json", ("$", "is not valid JSON: Expecting value at line 1, column 1")),
    every(
        "syntax/whitespace-only.json",
        ("$", "is not valid JSON: Expecting value at line 3, column 1"),
    ),
    every("syntax/two-documents.json", ("$", "is not valid JSON: Extra data at line 2, column 1")),
    every("syntax/bare-word.json", ("$", "is not valid JSON: Expecting value at line 1, column 1")),
    every(
        "syntax/hex-number.json",
        ("$", "is not valid JSON: Expecting ',' delimiter at line 28, column 21"),
    ),
    every(
        "syntax/leading-zero.json",
        ("$", "is not valid JSON: Expecting ',' delimiter at line 28, column 21"),
    ),
    # -- numbers -------------------------------------------------------------------------------
    every("numbers/nan.json", ("$", "NaN is not a JSON number")),
    every("numbers/infinity.json", ("$", "Infinity is not a JSON number")),
    every("numbers/minus-infinity.json", ("$", "-Infinity is not a JSON number")),
    every("numbers/int-5000-digits.json", ("$", "holds a number with too many digits to read")),
    event(
        "numbers/int-4000-digits.json",
        ("$.where.geonames_id", "is outside the range [1, 2147483647]"),
    ),
    event(
        "numbers/int-400-digits-latitude.json",
        ("$.where.coordinates.latitude", "too large a number"),
    ),
    event(
        "numbers/exponent-overflow.json",
        ("$.where.coordinates.latitude", "must be a finite number, not inf"),
    ),
    event("numbers/negative-geonames-id.json", ("$.where.geonames_id", "-1 is outside the range")),
    event(
        "numbers/latitude-out-of-range.json",
        ("$.where.coordinates.latitude", "90.000001 is outside the range [-90, 90]"),
    ),
    # -- things given twice --------------------------------------------------------------------
    every("duplicates/key-top-level.json", ("$", "an object gives the key 'id' twice")),
    every("duplicates/key-nested.json", ("$", "an object gives the key 'country' twice")),
    dossier("dossier/duplicate-key-deep.json", ("$", "an object gives the key 'title' twice")),
    event("duplicates/format-item.json", ("$.formats[2]", "repeats 'bilateral'")),
    event("duplicates/topic.json", ("$.topics", "lists 'Afghanistan' more than once")),
    dossier(
        "dossier/duplicate-id.json",
        ("$.people[2].id", "'sergey-lavrov' is already the id of $.people[1]"),
    ),
    dossier(
        "dossier/duplicate-id-across-kinds.json",
        ("$.meetings[0].id", "'hina-rabbani-khar' is already the id of $.people[0]"),
        ("$.meetings[1].occasion.event", "no meeting has the id 'afghanistan-neighbours-summit-4'"),
    ),
    # -- references within a dossier -------------------------------------------------------------
    dossier(
        "dossier/dangling-person.json",
        ("$.meetings[1].participants[0].person", "no person has the id 'hina-khar'"),
    ),
    dossier("dossier/dangling-source.json", ("$.meetings[1].sources[0]", "no source has the id")),
    dossier(
        "dossier/dangling-occasion.json",
        ("$.meetings[1].occasion.event", "no meeting has the id 'afghanistan-neighbours-summit-5'"),
    ),
    dossier(
        "dossier/reference-to-wrong-kind.json",
        ("$.meetings[1].occasion.event", "'sergey-lavrov' is a person, not a meeting"),
    ),
    dossier(
        "dossier/occasion-cycle.json",
        (
            "$.meetings[0].occasion.event",
            "occasion links form a cycle: afghanistan-neighbours-summit-4 -> "
            "meeting-2023-04-14-khar-lavrov -> afghanistan-neighbours-summit-4",
        ),
    ),
    dossier("dossier/own-occasion.json", ("$.meetings[1].occasion.event", "its own occasion")),
    dossier(
        "dossier/quote-not-in-source.json", ("$.meetings[1].evidence[0].quote", "not the quote")
    ),
    dossier("dossier/schema-version-missing.json", ("$.schema_version", "is required")),
    dossier(
        "dossier/schema-version-number.json", ("$.schema_version", "expected a version as text")
    ),
    dossier("dossier/schema-version-future.json", ("$.schema_version", "'9.0' is not a version")),
    # -- nesting -------------------------------------------------------------------------------
    every("nesting/arrays-10000.json", ("$", "is nested too deeply to read")),
    every("nesting/arrays-10000-unclosed.json", ("$", "is nested too deeply to read")),
    every("nesting/objects-10000.json", ("$", "is nested too deeply to read")),
    event("nesting/arrays-500-in-a-field.json", ("$.topics[0]", "expected a string, got array")),
    event("nesting/arrays-500-in-unknown-key.json", ("$.extra", "unknown key")),
]

PAIRS = [
    pytest.param(case, target, id=f"{case.file}-{target}")
    for case in CASES
    for target in case.expected
]

ONE_LINE_PAIRS = [
    pytest.param(case, target, id=f"{case.file}-{target}")
    for case in CASES
    if not case.file.startswith("syntax/")  # on one line, an error is at another column
    for target in case.expected
]

VALID = {
    "Meeting": "valid/meeting.json",
    "Event": "valid/meeting.json",
    "Dossier": "valid/dossier.json",
}


def read_bytes(file: str) -> bytes:
    return (HOSTILE / file).read_bytes()


def refusal(read: Callable[[], object]) -> ValidationError:
    """Call *read*, which must raise exactly a `ValidationError`, and return it."""
    with pytest.raises(ValidationError) as caught:
        read()
    error = caught.value
    assert type(error) is ValidationError
    assert error.problems
    return error


def assert_matches(problems: tuple[Problem, ...], expected: Expected) -> None:
    assert len(problems) == len(expected), problems
    for (path, message), (want_path, fragment) in zip(problems, expected, strict=True):
        assert path == want_path, problems
        assert fragment in message, problems


def one_line(data: bytes) -> bytes:
    """The document on one line: its line breaks made spaces, byte for byte."""
    return data.replace(b"\r", b" ").replace(b"\n", b" ")


# -- the corpus ---------------------------------------------------------------------------------


@pytest.mark.parametrize("target", sorted(set(VALID.values())))
def test_the_valid_documents_the_corpus_spoils_are_read(target: str) -> None:
    cls = Dossier if "dossier" in target else Meeting
    assert isinstance(from_json(read_bytes(target), cls), cls)


@pytest.mark.parametrize(("case", "target"), PAIRS)
def test_a_hostile_document_is_refused_saying_where_and_what(case: Case, target: str) -> None:
    data = read_bytes(case.file)
    cls = TARGETS[target]
    error = refusal(lambda: from_json(data, cls))
    assert error.line is None
    assert_matches(error.problems, case.expected[target])
    assert str(error)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        assert case.file.startswith("encoding/")
    else:
        assert refusal(lambda: from_json(text, cls)).problems == error.problems


@pytest.mark.parametrize(("case", "target"), ONE_LINE_PAIRS)
def test_a_hostile_line_of_json_lines_is_refused_with_its_line_number(
    case: Case, target: str
) -> None:
    cls = TARGETS[target]
    valid = one_line(read_bytes(VALID[target]))
    lines = [valid, one_line(read_bytes(case.file)), valid]
    source = b"\n".join(lines) + b"\n"

    results = list(read_jsonl_results(io.BytesIO(source), cls))
    assert len(results) == 3
    good = from_json(valid, cls)
    assert results[0] == good
    assert results[2] == good
    error = results[1]
    assert type(error) is ValidationError
    assert error.line == 2
    assert_matches(error.problems, case.expected[target])

    records = read_jsonl(io.BytesIO(source), cls)
    assert next(records) == good
    assert refusal(lambda: next(records)).line == 2


def test_every_file_of_the_corpus_is_checked() -> None:
    files = {str(p.relative_to(HOSTILE)) for p in HOSTILE.rglob("*") if p.is_file()}
    checked = {case.file for case in CASES} | set(VALID.values()) | set(JSONL) | DEFECTS
    assert files == checked
    assert all((HOSTILE / file).stat().st_size < 100_000 for file in files)


# -- JSON Lines files ---------------------------------------------------------------------------

Outcome = str | tuple[int, str, str]
"""A record read (its id), or a refused line: its number, path and part of the message."""

JSONL: dict[str, list[Outcome]] = {
    "jsonl/mixed.jsonl": [
        "meeting-2023-04-14-khar-lavrov",
        (3, "$.when", "expected a date or period as text, got number 20230414"),
        (4, "$", "is not valid JSON: Expecting value"),
        "meeting-2",
        (7, "$", "NaN is not a JSON number"),
        (8, "$", "an object gives the key 'id' twice"),
        (9, "$", "expected an object, got array"),
        "meeting-3",
    ],
    "jsonl/invalid-utf8.jsonl": [
        "meeting-2023-04-14-khar-lavrov",
        (2, "$", "is not valid UTF-8: byte 337 (b'\\xff')"),
        "meeting-3",
    ],
    "jsonl/bom.jsonl": [(1, "$", "starts with a byte-order mark"), "meeting-2"],
    "jsonl/crlf-and-deep.jsonl": [
        "meeting-2023-04-14-khar-lavrov",
        (2, "$", "is nested too deeply to read"),
        "meeting-3",
    ],
    "jsonl/two-documents-on-a-line.jsonl": [
        (1, "$", "is not valid JSON: Extra data at line 1, column 778"),
        "meeting-2",
    ],
    "jsonl/no-final-newline.jsonl": [
        "meeting-2023-04-14-khar-lavrov",
        (2, "$", "is not valid JSON: Expecting ',' delimiter at line 1, column 19"),
    ],
    "jsonl/surrogate-escape.jsonl": [
        "meeting-2023-04-14-khar-lavrov",
        (2, "$.title", "must not contain the lone surrogate '\\ud800'"),
    ],
}


def outcomes(results: list[Any]) -> list[Outcome]:
    found: list[Outcome] = []
    for result in results:
        if isinstance(result, ValidationError):
            assert type(result) is ValidationError
            assert result.line is not None
            assert len(result.problems) == 1, result.problems
            found.append((result.line, *result.problems[0]))
        else:
            found.append(result.id)
    return found


def same_outcomes(found: list[Outcome], expected: list[Outcome]) -> bool:
    if len(found) != len(expected):
        return False
    for got, want in zip(found, expected, strict=True):
        if isinstance(want, str) or isinstance(got, str):
            if got != want:
                return False
        elif got[:2] != want[:2] or want[2] not in got[2]:
            return False
    return True


@pytest.mark.parametrize("file", sorted(JSONL))
@pytest.mark.parametrize("cls", [Meeting, Event], ids=["Meeting", "Event"])
def test_a_json_lines_file_yields_each_good_record_and_each_bad_line(file: str, cls: Any) -> None:
    path = HOSTILE / file
    found = outcomes(list(read_jsonl_results(path, cls)))
    assert same_outcomes(found, JSONL[file]), found
    with path.open("rb") as binary:
        assert outcomes(list(read_jsonl_results(binary, cls))) == found

    first_bad = next(outcome for outcome in JSONL[file] if not isinstance(outcome, str))
    assert not isinstance(first_bad, str)
    with pytest.raises(ValidationError) as caught:
        for _ in read_jsonl(path, cls):
            pass
    assert type(caught.value) is ValidationError
    assert caught.value.line == first_bad[0]

    # load_jsonl leaves the garbage collector as it found it, a bad line or not.
    assert gc.isenabled()
    error = refusal(lambda: load_jsonl(path, cls))
    assert error.line == first_bad[0]
    assert gc.isenabled()


# -- nesting 100,000 levels deep -----------------------------------------------------------------

DEEP = 100_000

NESTED = {
    "arrays": "[" * DEEP + "]" * DEEP,
    "arrays-unclosed": "[" * DEEP,
    "objects": '{"a":' * DEEP + "1" + "}" * DEEP,
    "in-a-field": '{"kind": "meeting", "id": ' + "[" * DEEP + "]" * DEEP + "}",
    "in-a-dossier": '{"schema_version": "1.1", "meetings": [' + '{"a": ' * DEEP,
}


@pytest.mark.parametrize("text", NESTED.values(), ids=NESTED.keys())
@pytest.mark.parametrize("target", TARGETS)
def test_nesting_100000_levels_deep_is_refused(text: str, target: str) -> None:
    cls = TARGETS[target]
    for document in (text, text.encode("utf-8")):
        error = refusal(functools.partial(from_json, document, cls))
        assert error.problems == (("$", "is nested too deeply to read"),)
    valid = one_line(read_bytes(VALID[target]))
    source = valid + b"\n" + text.encode("utf-8") + b"\n" + valid + b"\n"
    results = list(read_jsonl_results(io.BytesIO(source), cls))
    assert len(results) == 3
    assert isinstance(results[1], ValidationError)
    assert results[1].line == 2
    assert results[1].problems == (("$", "is nested too deeply to read"),)
    assert results[0] == results[2] == from_json(valid, cls)


# -- a 100 MB line of JSON Lines -------------------------------------------------------------------

HUGE = 100 * 1024 * 1024
MB = 1024 * 1024
NEXT_LINE = (
    b'{"kind": "activity", "id": "joint-exercises", "parties": ["PAK", "RUS"], '
    b'"description": "Joint military exercises.", "areas": ["security.defense.exercises"]}\n'
)


class MadeUpFile(io.RawIOBase):
    """A read-only binary file of *head*, then *filler* repeated to *size* bytes, then *tail*.

    Its bytes are made as they are read, so the file itself never takes memory.
    """

    def __init__(self, head: bytes, filler: bytes, size: int, tail: bytes) -> None:
        super().__init__()
        assert size % len(filler) == 0
        block = filler * (64 * 1024 // len(filler))
        self._parts = [(head, len(head)), (block, size), (tail, len(tail))]
        self._part = 0
        self._offset = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        filled = 0
        while filled < len(view) and self._part < len(self._parts):
            block, size = self._parts[self._part]
            if self._offset >= size:
                self._part += 1
                self._offset = 0
                continue
            start = self._offset % len(block)
            count = min(len(view) - filled, size - self._offset, len(block) - start)
            view[filled : filled + count] = block[start : start + count]
            filled += count
            self._offset += count
        return filled


def huge_line(filler: bytes = b"x") -> MadeUpFile:
    """A JSON Lines file whose first line is a 100 MB string, and whose second line is good."""
    return MadeUpFile(b'{"kind": "meeting", "title": "', filler, HUGE, b'"}\n' + NEXT_LINE)


T = TypeVar("T")


def peak_memory(run: Callable[[], T]) -> tuple[T, int]:
    """Run *run*; return its result and the most memory Python held meanwhile, in bytes."""
    started = not tracemalloc.is_tracing()
    if started:
        tracemalloc.start()
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    try:
        result = run()
    finally:
        peak = tracemalloc.get_traced_memory()[1] - before
        if started:
            tracemalloc.stop()
    return result, peak


def check_huge_line_results(results: list[Any], limit: int) -> None:
    assert len(results) == 2
    error = results[0]
    assert type(error) is ValidationError
    assert error.line == 1
    assert error.problems == (
        ("$", f"the line is longer than {limit} bytes; raise max_line_bytes to read it"),
    )
    assert results[1] == from_json(NEXT_LINE, EVENT)


LIMITS = [
    pytest.param({}, 16 * MB, 40 * MB, id="default-limit"),
    pytest.param({"max_line_bytes": 64 * 1024}, 64 * 1024, 4 * MB, id="64-KiB-limit"),
]


@pytest.mark.parametrize(("options", "limit", "most"), LIMITS)
def test_a_100_mb_line_is_refused_in_bounded_memory_and_reading_goes_on(
    options: dict[str, int], limit: int, most: int
) -> None:
    source = io.BufferedReader(huge_line())
    results, peak = peak_memory(lambda: list(read_jsonl_results(source, EVENT, **options)))
    check_huge_line_results(results, limit)
    assert peak < most, f"{peak / MB:.1f} MB"

    records = read_jsonl(io.BufferedReader(huge_line()), EVENT, **options)
    error, peak = peak_memory(lambda: refusal(lambda: next(records)))
    assert error.line == 1
    assert peak < most, f"{peak / MB:.1f} MB"


@pytest.mark.parametrize(("options", "limit", "most"), LIMITS)
def test_a_100_mb_line_in_a_text_file_is_refused_in_bounded_memory(
    options: dict[str, int], limit: int, most: int
) -> None:
    source = io.TextIOWrapper(io.BufferedReader(huge_line()), encoding="utf-8")
    results, peak = peak_memory(lambda: list(read_jsonl_results(source, EVENT, **options)))
    check_huge_line_results(results, limit)
    assert peak < most, f"{peak / MB:.1f} MB"


def test_a_100_mb_line_in_a_file_on_disk_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    made_up = huge_line()
    with path.open("wb") as file:
        while chunk := made_up.read(MB):
            file.write(chunk)
    assert path.stat().st_size > HUGE
    try:
        results, peak = peak_memory(lambda: list(read_jsonl_results(path, EVENT)))
        check_huge_line_results(results, 16 * MB)
        assert peak < 40 * MB, f"{peak / MB:.1f} MB"
    finally:
        path.unlink()


# -- reading never runs, imports or fetches what the data names ----------------------------------

PAYLOADS = [
    "__import__('antigravity')",
    "__import__('os').system('echo diplomod-was-here')",
    "os.system",
    "importlib.import_module('this')",
    "http://example.com/x",
    "file:///etc/passwd",
    "${jndi:ldap://example.com/a}",
    "{0.__class__.__mro__}",
    "%(password)s",
    "!!python/object/apply:os.system ['id']",
]
"""Strings that would do something if a reader ran, formatted, imported or fetched them."""

STRUCTURAL = {"schema_version", "kind"}
"""Keys whose values pick how the rest is read; replacing them would stop reading early."""

NEVER_IMPORTED = ("antigravity", "this", "webbrowser", "smtplib", "ftplib")


def string_paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Yield the path to every string in a JSON value, except the structural tags."""
    if isinstance(value, str):
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in STRUCTURAL:
                yield from string_paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from string_paths(item, (*path, i))


def replaced(document: Any, paths: list[tuple[Any, ...]], payload: str) -> Any:
    changed = copy.deepcopy(document)
    for path in paths:
        target = changed
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = payload
    return changed


class ForbiddenError(AssertionError):
    """Reading tried to reach the network or start a process."""


@pytest.fixture
def sealed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Refuse any network access or process start during the test, and check afterwards
    that none was tried (even if the reader swallowed the refusal)."""
    tried: list[str] = []

    def forbid(name: str) -> Callable[..., Any]:
        def refuse(*args: object, **kwargs: object) -> Any:
            tried.append(name)
            raise ForbiddenError(f"{name} called with {args!r}")

        return refuse

    class NoSocket(socket.socket):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            tried.append("socket.socket")
            raise ForbiddenError("a socket was opened")

    monkeypatch.setattr(socket, "socket", NoSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, forbid(f"socket.{name}"))
    for name in ("system", "popen", "execv", "execve", "fork"):
        monkeypatch.setattr(os, name, forbid(f"os.{name}"))
    monkeypatch.setattr(subprocess, "Popen", forbid("subprocess.Popen"))
    yield tried
    assert tried == []


def read_all(text: str) -> Dossier | None:
    """Read a dossier; `None` when refused (only ever with a `ValidationError`)."""
    try:
        return from_json(text, Dossier)
    except ValidationError as error:
        refused = error
    assert type(refused) is ValidationError
    return None


def test_reading_never_runs_imports_or_fetches_what_strings_name(sealed: list[str]) -> None:
    example = json.loads(samarkand_2023_json())
    example["sources"][0]["url"] = "http://example.com/x"
    paths = list(string_paths(example))
    assert len(paths) > 200
    with_keys = copy.deepcopy(example)
    with_keys["meetings"][0]["__class__"] = "os.system"
    with_keys["people"][0]["py/object"] = "subprocess.Popen"
    assert not any(name in sys.modules for name in NEVER_IMPORTED)
    # Warm up: whatever reading a good and a bad dossier imports on first use, it has now.
    assert read_all(json.dumps(with_keys)) is None
    assert isinstance(read_all(json.dumps(example)), Dossier)
    modules = set(sys.modules)

    for payload in PAYLOADS:
        # Every string at once: every field is read, and all of them are refused or kept.
        for document in (example, with_keys):
            assert read_all(json.dumps(replaced(document, paths, payload))) is None
    accepted = 0
    for payload in ("__import__('antigravity')", "http://example.com/x"):
        for path in paths:
            # One string at a time: where the document is read, the payload is kept verbatim.
            dossier = read_all(json.dumps(replaced(example, [path], payload)))
            if dossier is not None:
                accepted += 1
                assert payload in json.dumps(to_dict(dossier), ensure_ascii=False)
    assert accepted > 10

    assert set(sys.modules) - modules == set()


def test_a_url_in_a_record_is_kept_as_text_not_fetched(sealed: list[str]) -> None:
    example = json.loads(samarkand_2023_json())
    example["sources"][0]["url"] = "http://example.com/x"
    dossier = from_json(json.dumps(example), Dossier)
    assert dossier.sources[0].url == "http://example.com/x"


def test_payloads_in_an_error_message_are_quoted_not_formatted(sealed: list[str]) -> None:
    document = json.loads(read_bytes("valid/meeting.json"))
    for payload in PAYLOADS:
        document["where"]["country"] = payload
        error = refusal(functools.partial(from_dict, document, Meeting))
        assert error.problems == (("$.where.country", f"unknown state code {payload!r}"),)


# -- defects these tests found, fixed since ------------------------------------------------------

DEFECTS = {
    "unknown-code/format-out-of-order.json",
    "unknown-code/areas-out-of-order.json",
    "jsonl/unicode-whitespace-lines.jsonl",
}
"""Corpus files read only by the tests below, of defects these tests found."""


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        (
            "unknown-code/format-out-of-order.json",
            (("$.formats[0]", "unknown meeting format 'telepathy'"),),
        ),
        (
            "unknown-code/areas-out-of-order.json",
            (
                ("$.statements[0].areas[0]", "unknown cooperation area 'zzz'"),
                ("$.statements[0].areas[2]", "unknown cooperation area 'aaa'"),
            ),
        ),
    ],
)
def test_a_bad_code_in_a_set_is_reported_where_the_document_has_it(
    file: str, expected: Expected
) -> None:
    error = refusal(lambda: from_json(read_bytes(file), Meeting))
    assert_matches(error.problems, expected)


def test_the_error_for_an_unknown_key_with_a_lone_surrogate_can_be_printed() -> None:
    error = refusal(lambda: from_json(read_bytes("text/surrogate-in-key.json"), Meeting))
    str(error).encode("utf-8")


def test_the_path_of_an_unknown_key_with_a_line_break_is_one_line() -> None:
    error = refusal(lambda: from_json(read_bytes("unknown-key/newline-in-key.json"), Meeting))
    assert "\n" not in error.problems[0][0]


@pytest.mark.parametrize(
    "file", ["syntax/unterminated-string.json", "syntax/raw-newline-in-string.json"]
)
def test_a_syntax_error_message_reads_well(file: str) -> None:
    error = refusal(lambda: from_json(read_bytes(file), Meeting))
    assert " at at " not in error.problems[0][1]


def test_a_syntax_error_in_json_lines_is_placed_within_its_line() -> None:
    line = b'{"kind": "meeting", "id": '
    results = list(read_jsonl_results(io.BytesIO(line + b"\n"), Meeting))
    assert isinstance(results[0], ValidationError)
    assert results[0].problems == refusal(lambda: from_json(line, Meeting)).problems


@pytest.mark.parametrize(
    ("data", "cls"),
    [(10**5000, Place), ({"kind": 10**5000}, Event)],
    ids=["top-level-int", "kind-int"],
)
def test_from_dict_refuses_an_int_too_long_to_print(data: Any, cls: Any) -> None:
    refusal(lambda: from_dict(data, cls))


def test_a_100_mb_line_of_wide_characters_in_a_text_file_is_refused_in_bounded_memory() -> None:
    source = io.TextIOWrapper(io.BufferedReader(huge_line("😀".encode())), encoding="utf-8")
    results, peak = peak_memory(lambda: list(read_jsonl_results(source, EVENT)))
    check_huge_line_results(results, 16 * MB)
    assert peak < 40 * MB, f"{peak / MB:.1f} MB"


def test_a_line_of_unicode_white_space_is_treated_alike_in_text_and_bytes() -> None:
    path = HOSTILE / "jsonl/unicode-whitespace-lines.jsonl"
    with path.open("rb") as binary:
        from_bytes = outcomes(list(read_jsonl_results(binary, Meeting)))
    with path.open(encoding="utf-8", newline="\n") as text:
        from_text = outcomes(list(read_jsonl_results(text, Meeting)))
    assert from_bytes[0] == "meeting-2023-04-14-khar-lavrov"
    assert from_bytes[-1] == "meeting-2"
    assert from_text == from_bytes


def test_a_byte_that_is_not_utf8_in_a_text_file_is_a_validation_error() -> None:
    # A text file decodes ahead, in chunks, so the bad byte stops the reading where the file
    # stops: at the first line it could not return. Read as bytes, every good line is read.
    path = HOSTILE / "jsonl/invalid-utf8.jsonl"
    with path.open(encoding="utf-8", newline="\n") as text:
        error = refusal(lambda: next(read_jsonl(text, Meeting)))
    assert error.line == 1
    assert error.problems[0][1].startswith("is not valid UTF-8 at or after this line")
    from_bytes = list(read_jsonl_results(path, Meeting))
    assert not isinstance(from_bytes[0], ValidationError)
    assert isinstance(from_bytes[1], ValidationError)
    assert from_bytes[1].line == 2


# -- huge numbers, odd digits, equal floats, caches, suggestions, line ends --------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda: from_dict({"name": "X", "country": "UZB", "geonames_id": 10**5000}, Place),
        lambda: Coordinates(latitude=10**400, longitude=0),
        lambda: PartialDate(year=10**5000),
        lambda: Evidence(source="s", quote="q", start=10**5000, end=10**5000 + 1),
    ],
    ids=["geonames-id", "latitude", "year", "offsets"],
)
def test_a_huge_integer_from_python_is_a_validation_error_that_does_not_print_it(
    make: Callable[[], object],
) -> None:
    error = refusal(make)
    assert all("0000000000" not in message for _, message in error.problems)
    assert len(str(error)) < 500


ODD_DIGITS = [  # full-width, Arabic-Indic and a vulgar fraction, alone and mixed with 0-9
    "\uff12\uff10\uff12\uff13",
    "\uff12\uff1023",
    "20\uff123 14 April",
    "2023-\uff104-14",
    "\uff12 April 2023",
    "\u00bd 2023",
    "14 April \u0662\u0660\u0662\u0663",
]


@pytest.mark.parametrize("text", ODD_DIGITS)
def test_a_date_with_digits_other_than_0_to_9_is_refused(text: str) -> None:
    error = refusal(lambda: read_date(text))
    assert "digits 0 to 9" in error.problems[0][1]


@pytest.mark.parametrize("text", ["14 April 2023 10:00 EST", "14 April 2023 22:00 XYZT"])
def test_a_time_zone_s_abbreviation_is_refused_and_warns_nothing(text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        error = refusal(lambda: read_date(text))
    assert "may name more than one time zone" in error.problems[0][1]


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-90, max_value=90))
def test_equal_coordinates_write_the_same_bytes(latitude: float) -> None:
    first = Coordinates(latitude=latitude, longitude=-0.0)
    second = Coordinates(latitude=latitude + 0.0, longitude=0.0)
    assert first == second
    assert to_json(first) == to_json(second)
    assert to_dict(first) == to_dict(second)
    assert from_json(to_json(first), Coordinates) == first


def test_reading_keeps_nothing_of_large_values_once_the_records_are_dropped() -> None:
    def lines() -> bytes:
        place = {"name": "", "country": "UZB"}
        return b"".join(
            json.dumps({**place, "name": f"{i}" + "x" * MB}).encode() + b"\n" for i in range(50)
        )

    data = lines()
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        records = list(read_jsonl(io.BytesIO(data), Place))
        assert len(records) == 50
        del records
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert kept < 2 * MB, f"{kept / MB:.1f} MB kept"


def test_a_4_mb_bad_code_is_refused_without_a_search_for_a_suggestion() -> None:
    bad = "Q" * (4 * MB)
    error, peak = peak_memory(
        lambda: refusal(lambda: from_dict({"name": "X", "country": bad}, Place))
    )
    assert "did you mean" not in str(error)
    assert len(str(error)) < 200
    assert peak < 60 * MB, f"{peak / MB:.1f} MB"


def test_an_unknown_key_of_4_mb_is_named_short_and_not_searched() -> None:
    data = {"name": "X", "country": "UZB", "k" * (4 * MB): 1}
    error, peak = peak_memory(lambda: refusal(lambda: from_dict(data, Place)))
    ((path, message),) = error.problems
    assert (path, message) == ("$['" + "k" * 60 + "...']", "unknown key")
    assert peak < 60 * MB, f"{peak / MB:.1f} MB"


def test_suggestions_are_capped_per_document() -> None:
    data = to_dict(samarkand_2023().meetings[1])
    data["areas"] = [f"econ{i}" for i in range(4000)]
    error = refusal(lambda: from_dict(data, Meeting))
    assert len(error.problems) == 4000
    suggested = sum("did you mean" in message for _, message in error.problems)
    assert 0 < suggested <= SUGGESTIONS_PER_DOCUMENT
    assert error.problems[0] == (
        "$.areas[0]",
        "unknown cooperation area 'econ0'; did you mean 'economy'?",
    )


@pytest.mark.parametrize("limit", [0, -1, 10**30, True, 1.5, "100"])
def test_an_impossible_line_limit_is_refused_before_anything_is_read(limit: Any) -> None:
    source = io.BytesIO(b"garbage\n")
    with pytest.raises(ValueError, match="max_line_bytes must be a whole number from 1 to"):
        read_jsonl_results(source, Meeting, max_line_bytes=limit)
    with pytest.raises(ValueError, match="max_line_bytes"):
        read_jsonl(source, Meeting, max_line_bytes=limit)
    assert source.tell() == 0


LINE_CONTENT = st.sampled_from(["", "  ", "{bad", '{"name":"A","country":"UZB"}', "[]", "\t"])


def sources(text: str, path: Path) -> dict[str, Callable[[], Any]]:
    path.write_bytes(text.encode("utf-8"))
    return {
        "bytes": lambda: io.BytesIO(text.encode("utf-8")),
        "text": lambda: io.StringIO(text),
        "text, newline=''": lambda: io.StringIO(text, newline=""),
        "text wrapper": lambda: io.TextIOWrapper(io.BytesIO(text.encode()), encoding="utf-8"),
        "text wrapper, newline=''": lambda: io.TextIOWrapper(
            io.BytesIO(text.encode()), encoding="utf-8", newline=""
        ),
        "path": lambda: path,
    }


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(LINE_CONTENT, st.sampled_from(["\n", "\r\n", "\r"])), max_size=8),
    st.booleans(),
)
def test_every_source_gives_the_same_lines_whatever_ends_them(
    lines: list[tuple[str, str]], last_ended: bool
) -> None:
    text = "".join(content + end for content, end in lines)
    if lines and not last_ended:
        text = text[: -len(lines[-1][1])]
    with tempfile.TemporaryDirectory() as folder:
        made = sources(text, Path(folder) / "lines.jsonl")
        seen = {name: results(read_jsonl_results(make(), Place)) for name, make in made.items()}
    assert len({repr(found) for found in seen.values()}) == 1, seen
    contents = [content for content, _ in lines]
    found = seen["bytes"]
    assert sum(isinstance(x, Place) for x in found) == sum("UZB" in c for c in contents)
    assert sum(isinstance(x, tuple) for x in found) == sum(c in ("{bad", "[]") for c in contents)


def results(read: Iterator[Any]) -> list[Any]:
    return [(x.line, x.problems) if isinstance(x, ValidationError) else x for x in read]


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_a_line_of_exactly_the_limit_is_read_whatever_ends_it(end: str) -> None:
    line = '{"name":"A","country":"UZB"}'
    for make in sources(line + end + line + end, Path(tempfile.mkdtemp()) / "l.jsonl").values():
        found = list(read_jsonl_results(make(), Place, max_line_bytes=len(line)))
        assert found == [Place(name="A", country="UZB")] * 2
        refused = list(read_jsonl_results(make(), Place, max_line_bytes=len(line) - 1))
        assert [(e.line if isinstance(e, ValidationError) else e) for e in refused] == [1, 2]
