"""Reading and writing records: dicts, JSON text, dossier versions and JSON Lines.

What a user relies on: a record written and read back is the same record; the text written
is deterministic UTF-8; reading refuses anything the classes would not accept, saying where
and why, and reports every problem of a document at once; bad input of any kind is a
`ValidationError`, never another exception.
"""

from __future__ import annotations

import copy
import gc
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import (
    assert_only_problem,
    bare_meeting,
    gas_pipeline_mou,
    khar,
    khar_participant,
    lavrov,
    lavrov_participant,
    neighbours_meeting,
    news_source,
    refusal,
    samarkand_dossier,
    samarkand_meeting,
    sco,
)
from diplomod import (
    Agreement,
    Coordinates,
    Dossier,
    Event,
    Meeting,
    Person,
    Place,
    ValidationError,
    from_dict,
    from_json,
    load_jsonl,
    read_jsonl,
    read_jsonl_results,
    serializers,
    testing,
    to_dict,
    to_json,
    write_jsonl,
)
from diplomod.areas import cooperation_areas
from diplomod.serializers import SCHEMA_VERSION, parse_json

EVENT = cast("type[Event]", Event)
"""`Event` is a union, which the type checker does not take for a class; it is one here."""

EXAMPLES: list[Callable[[], object]] = [
    samarkand_meeting,
    neighbours_meeting,
    gas_pipeline_mou,
    sco,
    khar,
    lavrov,
    news_source,
    samarkand_dossier,
]


def meeting_data() -> dict[str, Any]:
    """The Samarkand meeting as a fresh JSON-ready dict, for a test to spoil."""
    data: dict[str, Any] = to_dict(samarkand_meeting())
    return data


SAMARKAND = {"name": "Samarkand", "country": "UZB"}


# -- round trips ---------------------------------------------------------------------------


@pytest.mark.parametrize("build", EXAMPLES, ids=lambda build: build.__name__)
def test_each_example_reads_back_equal_from_json_and_from_dict(build: Callable[[], object]) -> None:
    record = build()
    text = to_json(record)
    assert from_json(text, type(record)) == record
    assert from_json(text.encode("utf-8"), type(record)) == record
    assert from_dict(to_dict(record), type(record)) == record
    # Reading and writing again gives the very same text.
    assert to_json(from_json(text, type(record))) == text


GENERATED = [
    pytest.param(testing.meetings(), id="meetings"),
    pytest.param(testing.agreements(), id="agreements"),
    pytest.param(testing.organizations(), id="organizations"),
    pytest.param(testing.people(), id="people"),
    pytest.param(testing.sources(), id="sources"),
    pytest.param(testing.dossiers(), id="dossiers"),
]


@pytest.mark.parametrize("records", GENERATED)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_generated_records_read_back_equal(
    records: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    record = data.draw(records)
    text = to_json(record)
    assert from_json(text, type(record)) == record
    assert from_dict(to_dict(record), type(record)) == record
    assert to_json(from_json(text, type(record))) == text
    # The text is the standard library's, whichever writer made it.
    plain = to_dict(record)
    assert text == json.dumps(plain, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    assert to_json(record, indent=2) == json.dumps(plain, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("latitude", [39.654, 1e-05, -2.5e-126, 0.0, -90.0])
def test_coordinates_read_back_exactly(latitude: float) -> None:
    place = Place(
        name="Samarkand",
        country="UZB",
        coordinates=Coordinates(latitude=latitude, longitude=66.9597),
    )
    text = to_json(place)
    assert f'"latitude":{latitude!r}' in text
    assert from_json(text, Place) == place
    assert from_dict(to_dict(place), Place) == place


def test_text_in_any_script_is_written_as_utf8_not_escaped() -> None:
    text = to_json(samarkand_dossier())
    assert '"حنا ربانی کھر"' in text  # Urdu
    assert '"Сергей Лавров"' in text  # Cyrillic
    assert '"上海合作组织"' in text  # Chinese
    assert "\\u" not in text
    assert "Сергей Лавров".encode() in text.encode("utf-8")


@pytest.mark.parametrize(
    "when",
    [
        "2021",
        "2023-04",
        "2023-04-14",
        "2021~",
        "2023-04?",
        "2023%",
        "2023-04-13/2023-04-14",
        "2017-06/..",
        "../2023",
    ],
)
def test_dates_keep_the_precision_they_were_given_in(when: str) -> None:
    meeting = from_dict({**meeting_data(), "when": when}, Meeting)
    assert str(meeting.when) == when
    assert to_dict(meeting)["when"] == when


def test_a_year_only_date_is_not_padded_to_a_day() -> None:
    data = to_dict(gas_pipeline_mou())
    assert data["concluded"] == "2021"
    assert [event["date"] for event in data["events"]] == ["2021", "2021"]


def test_tuples_keep_their_order() -> None:
    meeting = samarkand_meeting(participants=(lavrov_participant(), khar_participant()))
    data = to_dict(meeting)
    assert [p["represents"] for p in data["participants"]] == ["RUS", "PAK"]
    assert [s["stance"] for s in data["statements"]] == ["stressed", "evaluated", "agreed"]
    assert from_dict(data, Meeting).participants == (lavrov_participant(), khar_participant())

    mou = gas_pipeline_mou(parties=("RUS", "PAK"))
    assert to_dict(mou)["parties"] == ["RUS", "PAK"]


def test_frozensets_are_written_sorted_whatever_order_they_were_read_in() -> None:
    data = {**meeting_data(), "formats": ["third_location", "bilateral"]}
    data["areas"] = ["energy", "culture", "economy.trade"]
    meeting = from_dict(data, Meeting)
    written = to_dict(meeting)
    assert written["formats"] == ["bilateral", "third_location"]
    assert written["areas"] == ["culture", "economy.trade", "energy"]
    statement_areas = to_dict(samarkand_meeting())["statements"][0]["areas"]
    assert statement_areas == sorted(statement_areas)


def test_fields_at_their_default_are_left_out() -> None:
    assert to_dict(bare_meeting("meeting-1")) == {
        "kind": "meeting",
        "id": "meeting-1",
        "when": "2023-04-14",
        "participants": [{"represents": "PAK"}, {"represents": "RUS"}],
        "formats": ["bilateral"],
    }
    # A value other than the default is written.
    planned = to_dict(bare_meeting("meeting-1", status="planned"))
    assert planned["status"] == "planned"
    assert to_dict(Place(name="Samarkand", country="UZB")) == SAMARKAND


def test_the_same_record_gives_the_same_text_each_time() -> None:
    dossier = samarkand_dossier()
    assert to_json(dossier) == to_json(dossier)
    assert to_json(dossier, indent=2) == to_json(dossier, indent=2)


def test_equal_records_built_separately_give_the_same_text() -> None:
    codes = [area.code for area in cooperation_areas()]
    forward: set[str] = set()
    for code in codes:
        forward.add(code)
    backward: set[str] = set()
    for code in reversed(codes):
        backward.add(code)
    first = samarkand_meeting(areas=frozenset(forward), formats=frozenset(["bilateral", "visit"]))
    second = samarkand_meeting(areas=frozenset(backward), formats=frozenset(["visit", "bilateral"]))
    assert first == second
    assert to_json(first) == to_json(second)
    assert to_dict(first)["areas"] == sorted(codes)


def test_indent_writes_json_a_person_can_read_and_that_reads_back() -> None:
    mou = gas_pipeline_mou()
    pretty = to_json(mou, indent=2)
    assert pretty.startswith(
        '{\n  "kind": "agreement",\n  "id": "mou-2021-north-south-gas-pipeline",'
    )
    assert '\n    "PAK",\n    "RUS"\n  ],' in pretty
    assert from_json(pretty, Agreement) == mou
    compact = to_json(mou)
    assert "\n" not in compact
    assert compact.startswith('{"kind":"agreement","id":"mou-2021-north-south-gas-pipeline",')
    assert json.loads(compact) == json.loads(pretty)


# -- kind tags -----------------------------------------------------------------------------


def test_meetings_and_agreements_carry_their_kind_first() -> None:
    meeting, mou = to_dict(samarkand_meeting()), to_dict(gas_pipeline_mou())
    assert next(iter(meeting.items())) == ("kind", "meeting")
    assert next(iter(mou.items())) == ("kind", "agreement")
    assert to_json(samarkand_meeting()).startswith('{"kind":"meeting",')


def test_reading_an_event_picks_the_class_by_its_kind() -> None:
    meeting = from_dict(meeting_data(), EVENT)
    mou = from_dict(to_dict(gas_pipeline_mou()), EVENT)
    assert isinstance(meeting, Meeting)
    assert meeting == samarkand_meeting()
    assert isinstance(mou, Agreement)
    assert mou == gas_pipeline_mou()


def test_an_unknown_kind_is_refused_naming_the_known_ones() -> None:
    problems = refusal(lambda: from_dict({**meeting_data(), "kind": "conference"}, EVENT))
    assert [path for path, _ in problems] == ["$.kind"]
    message = problems[0][1]
    known = ("must be 'meeting', 'agreement'", "must be 'meeting' or 'agreement'")
    assert message.startswith(known)
    assert message.endswith("not 'conference'")


def test_a_near_miss_of_a_kind_gets_a_suggestion() -> None:
    problems = refusal(lambda: from_dict({**meeting_data(), "kind": "meting"}, EVENT))
    assert [path for path, _ in problems] == ["$.kind"]
    assert problems[0][1].endswith("not 'meting'; did you mean 'meeting'?")


def test_an_event_without_a_kind_is_refused() -> None:
    data = meeting_data()
    del data["kind"]
    problems = refusal(lambda: from_dict(data, EVENT))
    assert [path for path, _ in problems] == ["$.kind"]
    assert problems[0][1].endswith("not missing")
    assert_only_problem(lambda: from_dict(data, Meeting), "$.kind", "is required")


def test_a_meeting_is_not_read_as_an_agreement() -> None:
    assert_only_problem(
        lambda: from_dict(meeting_data(), Agreement), "$.kind", "must be 'agreement', not 'meeting'"
    )
    mou = to_dict(gas_pipeline_mou())
    assert_only_problem(
        lambda: from_dict(mou, Meeting), "$.kind", "must be 'meeting', not 'agreement'"
    )


# -- strictness ----------------------------------------------------------------------------


def spoiled(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    """The Samarkand meeting's dict with the value at *path* replaced by *value*."""
    data = meeting_data()
    node: Any = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return data


NOT_COERCED = [
    pytest.param(
        lambda: from_dict(spoiled(("id",), 5), Meeting),
        ("$.id", "expected a string, got number 5"),
        id="5-for-a-string",
    ),
    pytest.param(
        lambda: from_dict(spoiled(("participants", 0, "office"), True), Meeting),
        ("$.participants[0].office", "expected a string, got boolean true"),
        id="true-for-a-string",
    ),
    pytest.param(
        lambda: from_dict(spoiled(("id",), None), Meeting),
        ("$.id", "expected a string, got null"),
        id="null-for-a-string",
    ),
    pytest.param(
        lambda: from_dict(spoiled(("topics",), "abc"), Meeting),
        ("$.topics", "expected an array, got string 'abc'"),
        id="abc-for-a-list",
    ),
    pytest.param(
        lambda: from_dict(spoiled(("formats",), "abc"), Meeting),
        ("$.formats", "expected an array, got string 'abc'"),
        id="abc-for-a-frozenset",
    ),
    pytest.param(
        lambda: from_dict(spoiled(("formats",), {"bilateral": True}), Meeting),
        ("$.formats", "expected an array, got object"),
        id="object-for-a-frozenset",
    ),
    pytest.param(
        lambda: from_dict(
            {**SAMARKAND, "coordinates": {"latitude": True, "longitude": 66.9}}, Place
        ),
        ("$.coordinates.latitude", "expected a number, got boolean true"),
        id="true-for-a-number",
    ),
    pytest.param(
        lambda: from_dict(
            {**SAMARKAND, "coordinates": {"latitude": "39.6", "longitude": 1}}, Place
        ),
        ("$.coordinates.latitude", "expected a number, got string '39.6'"),
        id="text-for-a-number",
    ),
    pytest.param(
        lambda: from_dict(1, bool),
        ("$", "expected true or false, got number 1"),
        id="1-for-a-bool",
    ),
    pytest.param(
        lambda: from_dict({**SAMARKAND, "geonames_id": "1114927"}, Place),
        ("$.geonames_id", "expected an integer, got string '1114927'"),
        id="text-for-an-int",
    ),
    pytest.param(
        lambda: from_dict({**SAMARKAND, "geonames_id": 1114927.5}, Place),
        ("$.geonames_id", "expected an integer, got number 1114927.5"),
        id="fraction-for-an-int",
    ),
    pytest.param(
        lambda: from_dict({**SAMARKAND, "geonames_id": True}, Place),
        ("$.geonames_id", "expected an integer, got boolean true"),
        id="true-for-an-int",
    ),
]


@pytest.mark.parametrize(("read", "problem"), NOT_COERCED)
def test_values_of_the_wrong_type_are_refused_not_coerced(
    read: Callable[[], object], problem: tuple[str, str]
) -> None:
    assert refusal(read) == (problem,)


def test_an_unknown_key_is_refused_with_a_suggestion_for_a_typo() -> None:
    data = {**meeting_data(), "titel": "Khar-Lavrov talks"}
    assert refusal(lambda: from_dict(data, Meeting)) == (
        ("$.titel", "unknown key; did you mean 'title'?"),
    )


def test_a_key_that_is_no_identifier_is_quoted_in_the_path() -> None:
    assert refusal(lambda: from_dict({**SAMARKAND, "x y": 1}, Place)) == (
        ("$['x y']", "unknown key"),
    )


def test_a_key_that_is_not_text_is_refused() -> None:
    data: dict[Any, Any] = {**SAMARKAND, 1: "x"}
    problems = refusal(lambda: from_dict(data, Place))
    assert len(problems) == 1


def test_unknown_keys_are_reported_together_with_the_other_problems() -> None:
    data = spoiled(("participants", 1, "represents"), "ZZZ")
    data["participants"][1]["rol"] = "host"
    data["colour"] = "blue"
    data["when"] = "2023-4-14"
    assert refusal(lambda: from_dict(data, Meeting)) == (
        ("$.when", "'2023-4-14' is not a date such as '2023', '2023-04', '2023-04-14' or '2021~'"),
        ("$.participants[1].represents", "unknown state code 'ZZZ'"),
        ("$.participants[1].rol", "unknown key; did you mean 'role'?"),
        ("$.colour", "unknown key"),
    )


def test_an_unknown_key_is_reported_with_a_broken_cross_field_rule() -> None:
    data = meeting_data()
    data["participants"].append({"represents": "CHN"})
    data["colour"] = "blue"
    assert refusal(lambda: from_dict(data, Meeting)) == (
        ("$.formats", "bilateral, but 3 parties take part"),
        ("$.colour", "unknown key"),
    )


def test_a_missing_required_key_is_named() -> None:
    data = meeting_data()
    del data["formats"]
    assert refusal(lambda: from_dict(data, Meeting)) == (("$.formats", "is required"),)
    del data["participants"][0]["represents"]
    assert refusal(lambda: from_dict(data, Meeting)) == (
        ("$.participants[0].represents", "is required"),
        ("$.formats", "is required"),
    )


@pytest.mark.parametrize("text", ["14 April 2023", "2023-4-14", "20230414", "2023-04-14 ", ""])
def test_dates_are_read_only_in_their_canonical_form(text: str) -> None:
    expected = f"{text!r} is not a date such as '2023', '2023-04', '2023-04-14' or '2021~'"
    assert refusal(lambda: from_dict(spoiled(("when",), text), Meeting)) == (("$.when", expected),)


@pytest.mark.parametrize(
    "text", ["2023-04-14T00:00", "2023-04-14T10:30:00+5", "2023-04-14 10:30:00", "2023-04-15[]"]
)
def test_a_time_not_in_the_text_form_is_refused_with_its_form(text: str) -> None:
    [(path, message)] = refusal(lambda: from_dict(spoiled(("when",), text), Meeting))
    assert path == "$.when"
    assert message.startswith(f"{text!r} is not a date such as")
    assert "'2023-04-14T10:30:00+05:00'" in message


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("2023-03-26T02:30:00[Europe/Paris]", "does not exist in Europe/Paris"),
        ("2023-10-29T02:30:00[Europe/Paris]", "comes twice in Europe/Paris"),
        ("2023-04-14T10:30:00+04:00[Asia/Karachi]", "+04:00 is not the offset of Asia/Karachi"),
        ("2023-04-14[Asia/Lahore]", "'Asia/Lahore' is not a time zone the IANA database names"),
        ("2023-04[Asia/Karachi]", "a time zone needs a day"),
    ],
)
def test_a_time_the_zone_refuses_is_a_problem_at_the_date(text: str, problem: str) -> None:
    [(path, message)] = refusal(lambda: from_dict(spoiled(("when",), text), Meeting))
    assert path == "$.when"
    assert problem in message


@pytest.mark.parametrize(
    "text",
    [
        "2023-04-14T10:30:00",
        "2023-04-14T10:30:00Z",
        "2023-04-14T10:30:00+05:00",
        "2023-04-14T10:30:00-03:30",
        "2023-04-15T08:00:00[Asia/Shanghai]",
        "2023-04-15T08:00:00+08:00[Asia/Shanghai]",
        "2023-04-15[Asia/Shanghai]",
        "2023-04-15?[Asia/Shanghai]",
        "2023-04-14T09:00:00+05:00/2023-04-14T12:00:00+05:00",
        "2023-04-14[Asia/Karachi]/2023-04-15[Asia/Karachi]",
    ],
)
def test_times_and_zones_round_trip_exactly(text: str) -> None:
    meeting = from_dict(spoiled(("when",), text), Meeting)
    assert str(meeting.when) == text
    assert to_dict(meeting)["when"] == text
    assert from_json(to_json(meeting), Meeting) == meeting


def test_a_date_is_not_a_number() -> None:
    assert refusal(lambda: from_dict(spoiled(("when",), 2023), Meeting)) == (
        ("$.when", "expected a date or period as text, got number 2023"),
    )


def test_a_day_that_is_not_in_the_calendar_is_refused() -> None:
    problems = refusal(lambda: from_dict(spoiled(("when",), "2023-02-30"), Meeting))
    assert len(problems) == 1
    assert problems[0][0].startswith("$.when")
    assert problems[0][1] == "February 2023 has 28 days, not 30"


def test_a_calendar_problem_is_reported_at_the_path_of_the_date_string() -> None:
    problems = refusal(lambda: from_dict(spoiled(("when",), "2023-02-30"), Meeting))
    assert problems == (("$.when", "February 2023 has 28 days, not 30"),)


@pytest.mark.parametrize("name", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_in_json_text_are_refused(name: str) -> None:
    text = (
        f'{{"name":"Samarkand","country":"UZB","coordinates":{{"latitude":{name},"longitude":1}}}}'
    )
    assert refusal(lambda: from_json(text, Place)) == (("$", f"{name} is not a JSON number"),)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_nan_and_infinity_in_a_dict_are_refused(value: float) -> None:
    data = {**SAMARKAND, "coordinates": {"latitude": value, "longitude": 66.9}}
    assert refusal(lambda: from_dict(data, Place)) == (
        ("$.coordinates.latitude", f"must be a finite number, not {value!r}"),
    )


def test_a_number_too_large_for_a_float_is_refused() -> None:
    text = '{"name":"Samarkand","country":"UZB","coordinates":{"latitude":1e400,"longitude":1}}'
    assert refusal(lambda: from_json(text, Place)) == (
        ("$.coordinates.latitude", "must be a finite number, not inf"),
    )
    digits = '{"name":"Samarkand","country":"UZB","coordinates":{"latitude":%s,"longitude":1}}'
    problems = refusal(lambda: from_json(digits % ("9" * 400), Place))
    assert [path for path, _ in problems] == ["$.coordinates.latitude"]


def test_a_value_given_twice_in_a_set_is_refused_at_the_repeat() -> None:
    data = spoiled(("formats",), ["bilateral", "third_location", "bilateral"])
    assert refusal(lambda: from_dict(data, Meeting)) == (("$.formats[2]", "repeats 'bilateral'"),)
    data = spoiled(("statements", 1, "areas"), ["energy", "energy"])
    assert refusal(lambda: from_dict(data, Meeting)) == (
        ("$.statements[1].areas[1]", "repeats 'energy'"),
    )


def test_a_non_object_where_an_object_belongs_is_refused() -> None:
    assert refusal(lambda: from_dict(spoiled(("where",), "Samarkand"), Meeting)) == (
        ("$.where", "expected an object, got string 'Samarkand'"),
    )
    assert refusal(lambda: from_dict(spoiled(("participants", 0), "PAK"), Meeting)) == (
        ("$.participants[0]", "expected an object, got string 'PAK'"),
    )
    assert refusal(lambda: from_dict(["Samarkand", "UZB"], Place)) == (
        ("$", "expected an object, got array"),
    )
    assert refusal(lambda: from_dict(None, Place)) == (("$", "expected an object, got null"),)


def test_problems_deep_in_a_record_carry_their_full_path() -> None:
    assert refusal(
        lambda: from_dict(spoiled(("participants", 1, "represents"), "ZZZ"), Meeting)
    ) == (("$.participants[1].represents", "unknown state code 'ZZZ'"),)
    assert refusal(lambda: from_dict(spoiled(("statements", 0, "by", 0), 5), Meeting)) == (
        ("$.statements[0].by[0]", "expected a string, got number 5"),
    )
    assert refusal(lambda: from_dict(spoiled(("statements", 0, "by", 0), "CHN"), Meeting)) == (
        ("$.statements[0].by[0]", "'CHN' does not take part in the meeting"),
    )
    assert refusal(lambda: from_dict(spoiled(("where", "country"), "Uzbekistan"), Meeting)) == (
        ("$.where.country", "unknown state code 'Uzbekistan'; did you mean 'UZB'?"),
    )


def test_every_problem_of_a_document_is_reported_at_once() -> None:
    data = meeting_data()
    data["id"] = 5
    data["when"] = "14 April 2023"
    data["participants"][1]["represents"] = "ZZZ"
    data["formats"] = ["bilateral", "bilateral"]
    data["areas"] = "abc"
    data["statements"][0]["by"][0] = 5
    data["evidence"][0]["start"] = -1
    data["colour"] = "blue"
    data["titel"] = "Talks"
    with pytest.raises(ValidationError) as caught:
        from_dict(data, Meeting)
    assert caught.value.problems == (
        ("$.id", "expected a string, got number 5"),
        (
            "$.when",
            "'14 April 2023' is not a date such as '2023', '2023-04', '2023-04-14' or '2021~'",
        ),
        ("$.participants[1].represents", "unknown state code 'ZZZ'"),
        ("$.formats[1]", "repeats 'bilateral'"),
        ("$.areas", "expected an array, got string 'abc'"),
        ("$.statements[0].by[0]", "expected a string, got number 5"),
        ("$.evidence[0].start", "-1 is outside the range [0, 2147483647]"),
        ("$.colour", "unknown key"),
        ("$.titel", "unknown key; did you mean 'title'?"),
    )
    assert str(caught.value).startswith("9 problems:\n  $.id: expected a string, got number 5\n")


# -- input hygiene -------------------------------------------------------------------------

PLACE_TEXT = '{"name": "Samarkand", "country": "UZB"}'


def refused_text(text: str | bytes) -> tuple[tuple[str, str], ...]:
    """Check that both `parse_json` and `from_json` refuse *text* the same way, and only
    with a `ValidationError`; return the problems."""
    with pytest.raises(ValidationError) as parsing:
        parse_json(text)
    with pytest.raises(ValidationError) as reading:
        from_json(text, Place)
    assert type(parsing.value) is ValidationError
    assert type(reading.value) is ValidationError
    assert reading.value.problems == parsing.value.problems
    return parsing.value.problems


def test_bytes_that_are_not_utf8_are_refused() -> None:
    text = PLACE_TEXT.replace("Samarkand", "Samarkand\xff").encode("latin-1")
    assert text.index(b"\xff") == 19
    assert refused_text(text) == (("$", "is not valid UTF-8: byte 19 (b'\\xff')"),)
    assert refused_text(PLACE_TEXT.encode("utf-16")) == (
        ("$", "is not valid UTF-8: byte 0 (b'\\xff')"),
    )


@pytest.mark.parametrize("text", ["\ufeff" + PLACE_TEXT, ("\ufeff" + PLACE_TEXT).encode("utf-8")])
def test_a_byte_order_mark_is_refused(text: str | bytes) -> None:
    assert refused_text(text) == (("$", "starts with a byte-order mark; JSON text must not"),)


def test_a_syntax_error_is_reported_with_its_line_and_column() -> None:
    text = '{\n  "name": "Samarkand",\n  "country": "UZB",\n}'
    problems = refused_text(text)
    assert len(problems) == 1
    path, message = problems[0]
    assert path == "$"
    assert message.startswith("is not valid JSON: ")
    assert message.endswith(" at line 4, column 1")
    assert refused_text("")[0][1] == "is not valid JSON: Expecting value at line 1, column 1"


def test_a_key_given_twice_in_an_object_is_refused() -> None:
    text = '{"name": "Samarkand", "country": "UZB", "name": "Bukhara"}'
    assert refused_text(text) == (("$", "an object gives the key 'name' twice"),)
    nested = '{"name": "A", "country": "UZB", "coordinates": {"latitude": 1, "latitude": 2}}'
    assert refused_text(nested) == (("$", "an object gives the key 'latitude' twice"),)


def test_an_integer_of_thousands_of_digits_is_refused() -> None:
    text = '{"name": "Samarkand", "country": "UZB", "geonames_id": %s}' % ("7" * 5000)
    assert refused_text(text) == (("$", "holds a number with too many digits to read"),)


def test_deep_nesting_is_refused() -> None:
    depth = 100_000
    assert refused_text("[" * depth + "]" * depth) == (("$", "is nested too deeply to read"),)
    assert refused_text('{"a":' * depth + "1" + "}" * depth) == (
        ("$", "is nested too deeply to read"),
    )


def test_text_and_utf8_bytes_read_the_same() -> None:
    text = to_json(khar())
    assert from_json(text, Person) == khar()
    assert from_json(text.encode("utf-8"), Person) == khar()
    assert parse_json(bytearray(text.encode("utf-8"))) == parse_json(text)


@pytest.mark.parametrize("value", [5, None, ["{}"]])
def test_input_that_is_neither_text_nor_bytes_is_refused(value: Any) -> None:
    assert refusal(lambda: parse_json(value)) == (
        ("$", f"expected JSON text or bytes, got {type(value).__name__}"),
    )
    assert refusal(lambda: from_json(value, Place)) == (
        ("$", f"expected JSON text or bytes, got {type(value).__name__}"),
    )


# -- dossier versions ----------------------------------------------------------------------


def dossier_data() -> dict[str, Any]:
    data: dict[str, Any] = to_dict(samarkand_dossier())
    return data


def test_a_dossier_is_written_with_its_schema_version_first() -> None:
    data = dossier_data()
    assert SCHEMA_VERSION == "1.1"
    assert next(iter(data.items())) == ("schema_version", "1.1")
    assert to_json(samarkand_dossier()).startswith('{"schema_version":"1.1",')
    assert to_dict(Dossier()) == {"schema_version": "1.1"}


def test_a_dossier_without_a_schema_version_is_refused() -> None:
    data = dossier_data()
    del data["schema_version"]
    assert refusal(lambda: from_dict(data, Dossier)) == (
        ("$.schema_version", "is required; this release reads 1.1, 1.0"),
    )


@pytest.mark.parametrize("version", ["0.9", "2.0", "1", "1.0.0"])
def test_a_dossier_of_another_version_is_refused_naming_the_versions_read(version: str) -> None:
    data = {**dossier_data(), "schema_version": version}
    problems = refusal(lambda: from_dict(data, Dossier))
    assert len(problems) == 1
    path, message = problems[0]
    assert path == "$.schema_version"
    assert message.startswith(f"{version!r} is not a version this release reads (1.1, 1.0)")


@pytest.mark.parametrize("version", [[], {}, ["1.0"]])
def test_a_schema_version_that_is_not_text_is_refused(version: Any) -> None:
    data = {**dossier_data(), "schema_version": version}
    problems = refusal(lambda: from_dict(data, Dossier))
    assert [path for path, _ in problems] == ["$.schema_version"]


def test_a_registered_migration_is_applied_before_the_dossier_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[dict[str, Any]] = []

    def from_0_9(data: dict[str, Any]) -> dict[str, Any]:
        """Version 0.9 called the meetings "events"."""
        seen.append(copy.deepcopy(data))
        upgraded = {key: value for key, value in data.items() if key != "events"}
        return {**upgraded, "meetings": data["events"], "schema_version": "1.1"}

    monkeypatch.setitem(serializers.MIGRATIONS, "0.9", from_0_9)
    old = dossier_data()
    old["schema_version"] = "0.9"
    old["events"] = old.pop("meetings")

    assert from_dict(old, Dossier) == samarkand_dossier()
    assert len(seen) == 1
    assert seen[0]["schema_version"] == "0.9"
    assert "events" in seen[0]


def test_migrations_are_applied_step_by_step(monkeypatch: pytest.MonkeyPatch) -> None:
    steps: list[str] = []

    def step(to: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
        def migrate(data: dict[str, Any]) -> dict[str, Any]:
            steps.append(f"{data['schema_version']}->{to}")
            return {**data, "schema_version": to}

        return migrate

    monkeypatch.setitem(serializers.MIGRATIONS, "0.8", step("0.9"))
    monkeypatch.setitem(serializers.MIGRATIONS, "0.9", step("1.0"))
    data = {**dossier_data(), "schema_version": "0.8"}
    assert from_json(json.dumps(data), Dossier) == samarkand_dossier()
    assert steps == ["0.8->0.9", "0.9->1.0"]  # then the shipped step from 1.0 to 1.1


def test_without_a_migration_an_old_version_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(serializers.MIGRATIONS, "0.9", lambda d: {**d, "schema_version": "1.1"})
    data = {**dossier_data(), "schema_version": "0.8"}
    problems = refusal(lambda: from_dict(data, Dossier))
    assert [path for path, _ in problems] == ["$.schema_version"]
    assert problems[0][1].startswith("'0.8' is not a version this release reads")


def test_the_problems_of_a_dossier_are_reported_after_its_version_is_checked() -> None:
    data = dossier_data()
    data["meetings"][1]["participants"][0]["represents"] = "ZZZ"
    assert refusal(lambda: from_dict(data, Dossier)) == (
        ("$.meetings[1].participants[0].represents", "unknown state code 'ZZZ'"),
    )


# -- JSON Lines ----------------------------------------------------------------------------


def events() -> list[Any]:
    return [samarkand_meeting(), gas_pipeline_mou(), neighbours_meeting()]


def test_write_jsonl_to_a_path_writes_one_utf8_line_a_record(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    assert write_jsonl(events(), path) == 3
    raw = path.read_bytes()
    assert raw == b"".join(to_json(record).encode("utf-8") + b"\n" for record in events())
    assert raw.count(b"\n") == 3
    assert b"\r" not in raw
    assert write_jsonl(iter(events()[:2]), str(path)) == 2
    assert list(read_jsonl(str(path), EVENT)) == events()[:2]


def test_write_jsonl_to_an_open_file_returns_the_count() -> None:
    out = io.StringIO()
    assert write_jsonl(events(), out) == 3
    assert out.getvalue().splitlines() == [to_json(record) for record in events()]
    assert write_jsonl([], io.StringIO()) == 0


def test_mixed_meetings_and_agreements_read_back_as_events(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    write_jsonl(events(), path)
    read = list(read_jsonl(path, EVENT))
    assert read == events()
    assert [type(event) for event in read] == [Meeting, Agreement, Meeting]
    with path.open("rb") as binary:
        assert list(read_jsonl(binary, EVENT)) == events()
    with path.open(encoding="utf-8") as text:
        assert list(read_jsonl(text, EVENT)) == events()


def test_a_file_with_windows_line_ends_reads_the_same(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_bytes(b"".join(to_json(e).encode("utf-8") + b"\r\n" for e in events()))
    assert list(read_jsonl(path, EVENT)) == events()


def test_blank_lines_are_skipped_but_counted() -> None:
    text = "\n" + to_json(khar()) + "\n   \n\n" + to_json(lavrov()) + "\n\t\n" + '{"id": 5}\n'
    results = list(read_jsonl_results(io.StringIO(text), Person))
    assert results[:2] == [khar(), lavrov()]
    assert len(results) == 3
    error = results[2]
    assert isinstance(error, ValidationError)
    assert error.line == 7


class PullOnce:
    """A text file whose lines come from a generator, read only as far as it is asked."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines

    def readline(self, size: int = -1) -> str:
        return next(self._lines, "")


def test_read_jsonl_reads_one_line_at_a_time() -> None:
    def lines() -> Iterator[str]:
        yield to_json(samarkand_meeting()) + "\n"
        raise AssertionError("read_jsonl read past the record it was asked for")

    records = read_jsonl(cast(IO[str], PullOnce(lines())), Meeting)
    assert next(records) == samarkand_meeting()


def test_records_before_a_bad_line_are_read_before_it_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text(to_json(samarkand_meeting()) + "\n{broken\n", encoding="utf-8")
    records = read_jsonl(path, Meeting)
    assert next(records) == samarkand_meeting()
    with pytest.raises(ValidationError) as caught:
        next(records)
    assert caught.value.line == 2


def test_a_bad_line_is_reported_with_its_line_number() -> None:
    meeting = meeting_data()
    meeting["id"] = 5
    lines = [to_json(samarkand_meeting()), "", json.dumps(meeting), to_json(neighbours_meeting())]
    with pytest.raises(ValidationError) as caught:
        list(read_jsonl(io.StringIO("\n".join(lines) + "\n"), Meeting))
    assert caught.value.line == 3
    assert str(caught.value) == "line 3: $.id: expected a string, got number 5"
    assert caught.value.problems == (("$.id", "expected a string, got number 5"),)

    with pytest.raises(ValidationError) as caught:
        list(read_jsonl(io.StringIO(json.dumps(meeting)), Meeting))
    assert caught.value.line == 1


def test_a_syntax_error_on_a_line_is_reported_with_its_line_number() -> None:
    text = to_json(khar()) + "\n" + '{"id": "x",\n' + to_json(lavrov()) + "\n"
    with pytest.raises(ValidationError) as caught:
        list(read_jsonl(io.BytesIO(text.encode("utf-8")), Person))
    assert caught.value.line == 2
    assert str(caught.value).startswith("line 2: $: is not valid JSON: ")


def test_read_jsonl_results_yields_each_error_and_reads_on() -> None:
    lines = [
        to_json(samarkand_meeting()),
        "{broken",
        to_json(gas_pipeline_mou()),
        '{"kind": "conference"}',
        to_json(neighbours_meeting()),
    ]
    results = list(read_jsonl_results(io.StringIO("\n".join(lines)), EVENT))
    assert len(results) == 5
    assert results[0] == samarkand_meeting()
    assert results[2] == gas_pipeline_mou()
    assert results[4] == neighbours_meeting()
    errors = [result for result in results if isinstance(result, ValidationError)]
    assert [error.line for error in errors] == [2, 4]
    assert errors[1].problems[0][0] == "$.kind"


class RecordingReader(io.BytesIO):
    """A binary file that remembers the longest piece it handed out."""

    longest = 0

    def readline(self, size: int | None = -1, /) -> bytes:
        piece = super().readline(size)
        self.longest = max(self.longest, len(piece))
        return piece


def test_an_overlong_line_is_refused_without_being_read_whole() -> None:
    huge = json.dumps({"name": "S" * 2_000_000, "country": "UZB"})
    lines = [huge, PLACE_TEXT, huge, PLACE_TEXT]
    source = RecordingReader(("\n".join(lines) + "\n").encode("utf-8"))
    results = list(read_jsonl_results(source, Place, max_line_bytes=1000))
    assert source.longest <= io.DEFAULT_BUFFER_SIZE
    message = "the line is longer than 1000 bytes; raise max_line_bytes to read it"
    assert len(results) == 4
    for number in (1, 3):
        error = results[number - 1]
        assert isinstance(error, ValidationError)
        assert error.line == number
        assert error.problems == (("$", message),)
    assert results[1] == results[3] == Place(name="Samarkand", country="UZB")

    with pytest.raises(ValidationError) as caught:
        list(read_jsonl(io.BytesIO(huge.encode("utf-8")), Place, max_line_bytes=1000))
    assert caught.value.line == 1
    assert str(caught.value) == f"line 1: $: {message}"


def test_a_line_of_exactly_max_line_bytes_is_read() -> None:
    line = PLACE_TEXT.encode("utf-8")
    for ending in (b"\n", b""):
        read = list(read_jsonl(io.BytesIO(line + ending), Place, max_line_bytes=len(line)))
        assert read == [Place(name="Samarkand", country="UZB")]
    results = list(read_jsonl_results(io.BytesIO(line), Place, max_line_bytes=len(line) - 1))
    assert [type(result) for result in results] == [ValidationError]


def test_an_overlong_line_in_a_text_file_is_refused() -> None:
    huge = json.dumps({"name": "S" * 100_000, "country": "UZB"})
    text = huge + "\n" + PLACE_TEXT + "\n"
    results = list(read_jsonl_results(io.StringIO(text), Place, max_line_bytes=1000))
    assert isinstance(results[0], ValidationError)
    assert results[0].line == 1
    assert results[1] == Place(name="Samarkand", country="UZB")


def test_max_line_bytes_counts_bytes_in_a_text_file_too() -> None:
    line = json.dumps({"name": "Ж" * 600, "country": "UZB"}, ensure_ascii=False)
    assert len(line) < 1000 < len(line.encode("utf-8"))
    text = line + "\n" + PLACE_TEXT + "\n"
    results = list(read_jsonl_results(io.StringIO(text), Place, max_line_bytes=1000))
    assert isinstance(results[0], ValidationError)
    assert results[0].line == 1
    assert results[1] == Place(name="Samarkand", country="UZB")
    # The same line fits when the limit is its size in bytes.
    size = len(line.encode("utf-8"))
    assert list(read_jsonl(io.StringIO(line + "\n"), Place, max_line_bytes=size)) == [
        Place(name="Ж" * 600, country="UZB")
    ]


# -- the process is left as it was found ----------------------------------------------------


def _collector() -> tuple[bool, tuple[int, int, int], int, list[Any]]:
    return gc.isenabled(), gc.get_threshold(), gc.get_freeze_count(), gc.callbacks[:]


@pytest.mark.parametrize("enabled", [True, False])
def test_reading_leaves_the_garbage_collector_as_it_found_it(enabled: bool) -> None:
    text = "".join(to_json(event) + "\n" for event in samarkand_dossier().events()) + "{bad\n"
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        before = _collector()
        states = []
        for read in (
            lambda: list(read_jsonl_results(io.BytesIO(text.encode()), Event)),
            lambda: load_jsonl(io.BytesIO(text.encode()[: text.encode().rindex(b"{")]), Event),
            lambda: from_json(to_json(samarkand_dossier()), Dossier),
        ):
            read()
            states.append(_collector())
        assert states == [before] * 3
    finally:
        (gc.enable if was else gc.disable)()


# -- writing to binary files ------------------------------------------------------------------


def test_write_jsonl_writes_the_same_bytes_to_text_and_binary_files(tmp_path: Path) -> None:
    events = list(samarkand_dossier().events())
    text, binary = io.StringIO(), io.BytesIO()
    assert write_jsonl(events, text) == write_jsonl(events, binary) == len(events)
    assert binary.getvalue() == text.getvalue().encode("utf-8")
    assert write_jsonl(events, tmp_path / "events.jsonl") == len(events)
    assert (tmp_path / "events.jsonl").read_bytes() == binary.getvalue()
    with open(tmp_path / "opened.jsonl", "wb") as file:
        write_jsonl(events, file)
    assert (tmp_path / "opened.jsonl").read_bytes() == binary.getvalue()
    assert list(read_jsonl(io.BytesIO(binary.getvalue()), Event)) == events


@pytest.mark.parametrize("read", [from_dict, lambda data, cls: from_json(json.dumps(data), cls)])
def test_an_integer_written_with_a_zero_fraction_is_read_as_an_integer(
    read: Callable[[Any, Any], Any],
) -> None:
    # JSON Schema counts 1114927.0 as an integer; so does diplomod, and it writes it as one.
    place = read({**SAMARKAND, "geonames_id": 1114927.0}, Place)
    assert type(place.geonames_id) is int
    assert place == read({**SAMARKAND, "geonames_id": 1114927}, Place)
    assert '"geonames_id":1114927}' in to_json(place)
    with pytest.raises(ValidationError, match="outside the range"):
        read({**SAMARKAND, "geonames_id": 1e300}, Place)
