"""One reading policy: the generated readers agree with the detailed reader, every path
writes the same thing, and a user's own converter reads diplomod's records as strictly."""

from __future__ import annotations

import itertools
import json
import re
import traceback
from typing import Any

import attrs
import cattrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import diplomod as dm
from diplomod import testing
from diplomod._checks import _SETS, Reject
from diplomod._converter import _DETAILED, converter, fast_reader
from diplomod.examples import samarkand_2023, samarkand_2023_json
from diplomod.serializers import _NOT_READ, _read_valid

RECORDS: list[tuple[Any, st.SearchStrategy[Any]]] = [
    (dm.Meeting, testing.meetings()),
    (dm.Agreement, testing.agreements()),
    (dm.Activity, testing.activities()),
    (dm.Organization, testing.organizations()),
    (dm.Person, testing.people()),
    (dm.Source, testing.sources()),
    (dm.Dossier, testing.dossiers()),
]
IDS = [cls.__name__ for cls, _ in RECORDS]
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def detailed(data: Any, cls: Any) -> Any:
    return _DETAILED.structure(data, cls)


# -- the generated reader -------------------------------------------------------------------


def test_a_string_that_looks_like_a_key_end_reads_back_the_strict_way() -> None:
    source = dm.Source(id="source-0", publisher="Samarkand", language="en", text=" :\n")
    text = dm.to_json(source)
    assert _read_valid(text, dm.Source) is _NOT_READ  # '" :' could be a spaced key
    assert dm.from_json(text, dm.Source) == source


@pytest.mark.parametrize(("cls", "records"), RECORDS, ids=IDS)
def test_valid_records_take_the_generated_reader(cls: Any, records: st.SearchStrategy[Any]) -> None:
    @SETTINGS
    @given(records)
    def check(record: Any) -> None:
        data = dm.to_dict(record)
        assert fast_reader(cls)(data, [0]) == record
        assert detailed(data, cls) == record
        text = dm.to_json(record)
        read = _read_valid(text, cls)
        if read is _NOT_READ:  # only where a string looks like the end of a key: '":' or '" :'
            spaced = re.search(r'"[ \t\n\r]+:', text)  # the writer puts no space before a colon
            assert text.count('":') > _keys(json.loads(text)) or spaced
        else:
            assert read == record

    check()


def _keys(data: Any) -> int:
    if isinstance(data, dict):
        return len(data) + sum(_keys(value) for value in data.values())
    if isinstance(data, list):
        return sum(_keys(item) for item in data)
    return 0


def test_the_worked_example_takes_the_generated_reader() -> None:
    assert _read_valid(samarkand_2023_json(), dm.Dossier) == samarkand_2023()


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=8,
)


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    """The worked example's dict with one value somewhere replaced by arbitrary JSON."""
    data = dm.to_dict(samarkand_2023())
    node: Any = data
    while True:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            return data
        key = draw(st.sampled_from(keys))
        child = node[key]
        if isinstance(child, dict | list) and child and draw(st.booleans()):
            node = child
            continue
        node[key] = draw(JSON)
        return data


@settings(max_examples=300, deadline=None)
@given(mutated())
def test_the_generated_reader_accepts_nothing_the_detailed_reader_refuses(data: Any) -> None:
    try:
        quick = fast_reader(dm.Dossier)(data, [0])
    except (Reject, dm.ValidationError):
        with pytest.raises(dm.ValidationError):
            dm.from_dict(data, dm.Dossier)
        return
    assert detailed(data, dm.Dossier) == quick


@pytest.mark.parametrize(
    "text",
    [
        '{"name": "Samarkand", "name": "Bukhara", "country": "UZB"}',
        '{"name": "Samarkand", "name" : "Bukhara", "country": "UZB"}',
        '{"name": "Samarkand", "country": "UZB", "country"\n: "UZB"}',
        '{"name": "say \\":", "name": "x", "country": "UZB"}',
    ],
)
def test_a_key_given_twice_never_passes_the_generated_reader(text: str) -> None:
    assert _read_valid(text, dm.Place) is _NOT_READ
    with pytest.raises(dm.ValidationError, match=r"gives the key '(name|country)' twice"):
        dm.from_json(text, dm.Place)


def test_a_failure_that_is_not_the_librarys_own_is_not_hidden(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The generated reader hands over to the detailed one on its own signals only; a bug
    # surfaces as itself instead of being read again and perhaps accepted.
    def broken(self: dm.Meeting) -> list[tuple[str, str]]:
        raise RuntimeError("a bug in a rule")

    meeting = samarkand_2023().meetings[1]
    monkeypatch.setattr(dm.Meeting, "_rules", broken)
    with pytest.raises(RuntimeError, match="a bug in a rule"):
        dm.from_json(dm.to_json(meeting), dm.Meeting)


def test_a_traceback_through_generated_code_shows_its_source(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(self: dm.Place) -> list[tuple[str, str]]:
        raise RuntimeError("a bug in a rule")

    monkeypatch.setattr(dm.Place, "_rules", broken, raising=False)
    from diplomod import _checks, _model

    monkeypatch.setattr(_model, "_SHAPES", {})
    monkeypatch.setattr(_checks, "_CHECKS", {})
    with pytest.raises(RuntimeError) as caught:
        dm.Place(name="Samarkand", country="UZB")
    shown = "".join(traceback.format_exception(caught.value))
    assert 'File "<diplomod check Place>"' in shown
    assert "problems = self._rules()" in shown


# -- dates are read from their text only, and never shared ----------------------------------


@pytest.mark.parametrize(
    ("data", "cls", "problem"),
    [
        ({"year": 2023}, dm.PartialDate, ("$", "expected a date as text such as '2023-04-14'")),
        ({"start": "2023"}, dm.Period, ("$", "expected a period as text, got object")),
    ],
)
def test_a_date_is_read_from_its_text_only(data: Any, cls: Any, problem: tuple[str, str]) -> None:
    for read, value in ((dm.from_dict, data), (dm.from_json, json.dumps(data))):
        with pytest.raises(dm.ValidationError) as caught:
            read(value, cls)
        ((path, message),) = caught.value.problems
        assert (path, message[: len(problem[1])]) == problem


@pytest.mark.parametrize("text", ["2023~", "2023-04?", "2023-04-14%", "2021/..", "../2023-04"])
def test_a_date_is_written_as_its_text_on_every_path(text: str) -> None:
    value = dm.Period.parse(text) if "/" in text else dm.PartialDate.parse(text)
    assert dm.to_dict(value) == text
    assert dm.to_json(value) == json.dumps(text)
    assert converter.unstructure(value) == text
    assert dm.from_json(dm.to_json(value), type(value)) == value


def test_records_read_from_the_same_text_share_no_date() -> None:
    text = dm.to_json(samarkand_2023())
    first, second = (dm.from_json(text, dm.Dossier) for _ in range(2))
    when = first.meetings[1].when
    assert when == second.meetings[1].when
    assert when is not second.meetings[1].when
    object.__setattr__(when, "year", 1999)  # what frozen classes cannot stop
    assert str(second.meetings[1].when) == "2023-04-14"
    assert str(dm.from_json(text, dm.Dossier).meetings[1].when) == "2023-04-14"


def test_equal_text_read_is_one_string_and_equal_code_sets_one_set() -> None:
    # Codes, ids and sets of codes recur across records; sharing them keeps large corpora
    # small. Strings and frozensets cannot be changed, even with object.__setattr__.
    text = dm.to_json(samarkand_2023().meetings[1])
    first, second = (dm.from_json(text, dm.Meeting) for _ in range(2))
    assert first.participants[1].represents is second.participants[1].represents
    assert first.id is second.id
    assert first.formats is second.formats


def test_the_set_cache_stays_small_whatever_is_read() -> None:
    codes = sorted(dm.codelist("cooperation_areas"))[:40]
    triples = [list(areas) for areas in itertools.combinations(codes, 3)]  # 9,880 sets
    long = "ours:" + "x" * 100
    for areas in triples + [[f"{long}.n{i}"] for i in range(40)]:
        statement = {"by": ["PAK"], "stance": "agreed", "substance": "Talks.", "areas": areas}
        assert dm.from_dict(statement, dm.Statement).areas == frozenset(areas)
    assert 0 < len(_SETS) <= 4096
    assert not any(long in item for kept in _SETS for item in kept)


# -- one writer -----------------------------------------------------------------------------


@pytest.mark.parametrize(("cls", "records"), RECORDS, ids=IDS)
def test_every_path_writes_the_same(cls: Any, records: st.SearchStrategy[Any]) -> None:
    @SETTINGS
    @given(records)
    def check(record: Any) -> None:
        data = dm.to_dict(record)
        assert converter.unstructure(record) == data
        assert dm.configure_converter(cattrs.Converter()).unstructure(record) == data
        assert json.loads(dm.to_json(record)) == data

    check()


def test_a_dossier_carries_its_version_on_every_path() -> None:
    dossier = samarkand_2023()
    assert dm.to_dict(dossier)["schema_version"] == dm.Dossier.schema_version == "1.1"
    assert converter.unstructure(dossier) == dm.to_dict(dossier)
    assert next(iter(dm.to_dict(dossier))) == "schema_version"


# -- a user's own converter ------------------------------------------------------------------


@attrs.frozen
class Briefing:
    """An application's own record that holds a diplomod meeting."""

    title: str
    meeting: dm.Meeting
    follow_up: dm.PartialDate | None = None


def briefing_converter() -> cattrs.Converter:
    return dm.configure_converter(cattrs.Converter(forbid_extra_keys=True))


def test_a_users_converter_reads_and_writes_a_nested_record() -> None:
    meeting = samarkand_2023().meetings[1]
    briefing = Briefing(title="Samarkand", meeting=meeting, follow_up=dm.PartialDate(year=2023))
    users = briefing_converter()
    data = users.unstructure(briefing)
    assert data["meeting"] == dm.to_dict(meeting)
    assert data["follow_up"] == "2023"
    assert users.structure(json.loads(json.dumps(data)), Briefing) == briefing


def test_a_users_converter_reads_a_nested_record_strictly() -> None:
    data = briefing_converter().unstructure(
        Briefing(title="Samarkand", meeting=samarkand_2023().meetings[1])
    )
    data["meeting"]["participants"][1]["represents"] = "RUSS"
    data["meeting"]["formats"] = "bilateral"  # no set from a string
    data["meeting"]["title"] = 5  # no string from a number
    data["meeting"]["hosted_by"] = "UZB"
    with pytest.raises(cattrs.ClassValidationError) as caught:
        briefing_converter().structure(data, Briefing)
    (error,) = caught.value.exceptions
    assert isinstance(error, dm.ValidationError)
    assert error.problems == (
        ("$.participants[1].represents", "unknown state code 'RUSS'; did you mean 'RUS'?"),
        ("$.formats", "expected an array, got string 'bilateral'"),
        ("$.title", "expected a string, got number 5"),
        ("$.hosted_by", "unknown key"),
    )


def test_a_users_converter_keeps_its_own_policy_for_its_own_classes() -> None:
    data = briefing_converter().unstructure(
        Briefing(title="Samarkand", meeting=samarkand_2023().meetings[1])
    )
    data["title"] = 5  # the application's converter turns it into text, as it chose
    assert briefing_converter().structure(data, Briefing).title == "5"
