"""Records as a Popolo document, checked with Popolo's own JSON Schemas.

What a user relies on: the worked example comes out as the golden document; every object
validates against Popolo's draft-03 schemas and keeps the specification's rule that a
membership names a member and an organization; dates keep their precision; and whatever
Popolo cannot carry is reported at its place in the input, exactly.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft3Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

from diplomod import (
    Activity,
    Coordinates,
    Dossier,
    Identifier,
    Meeting,
    Membership,
    Name,
    Occasion,
    Office,
    Organization,
    PartialDate,
    Participant,
    Period,
    Person,
    Place,
    Source,
    testing,
    to_dict,
    write_jsonl,
)
from diplomod._cli import main
from diplomod._export import written
from diplomod.dates import parse_when
from diplomod.examples import samarkand_2023
from diplomod.popolo import to_popolo
from exported import at, corpus

HERE = Path(__file__).resolve().parent
SCHEMAS = {
    path.stem: json.loads(path.read_text("utf-8")) for path in (HERE / "popolo").glob("*.json")
}
REGISTRY: Registry[Any] = Registry().with_resources(
    (schema["id"].rstrip("#"), Resource.from_contents(schema, default_specification=DRAFT3))
    for schema in SCHEMAS.values()
)
COLLECTIONS = {
    "persons": "person",
    "organizations": "organization",
    "memberships": "membership",
    "posts": "post",
    "events": "event",
}


def problems(document: dict[str, list[dict[str, Any]]]) -> list[str]:
    """What Popolo's schemas, and its rule for memberships, find wrong with *document*."""
    assert list(document) == list(COLLECTIONS)
    found = []
    for name, schema in COLLECTIONS.items():
        validator = Draft3Validator(SCHEMAS[schema], registry=REGISTRY)
        for i, item in enumerate(document[name]):
            found += [f"{name}[{i}]: {error.message}" for error in validator.iter_errors(item)]
    for i, membership in enumerate(document["memberships"]):
        if not membership.keys() & {"member", "person", "person_id"}:
            found.append(f"memberships[{i}]: no member")
        if not membership.keys() & {"organization", "organization_id", "post", "post_id"}:
            found.append(f"memberships[{i}]: no organization")
    return found


def test_the_vendored_schemas_are_draft_03_and_find_a_bad_date() -> None:
    assert {schema["$schema"] for schema in SCHEMAS.values()} == {
        "http://json-schema.org/draft-03/schema#"
    }
    bad = {"persons": [], "organizations": [{"founding_date": "2021~"}], "memberships": []}
    assert problems({**bad, "posts": [], "events": [{"attendees": [{"birth_date": "x"}]}]}) == [
        "organizations[0]: '2021~' does not match '^[0-9]{4}(-[0-9]{2}){0,2}$'",
        "events[0]: 'x' does not match '^[0-9]{4}(-[0-9]{2}){0,2}$'",
    ]


# -- the worked example ---------------------------------------------------------------------


def test_the_worked_example_is_the_golden_document() -> None:
    document, _ = to_popolo(samarkand_2023())
    golden = HERE / "golden" / "popolo_samarkand_2023.json"
    assert written("popolo", document) == golden.read_text("utf-8")
    assert problems(document) == []


def test_the_worked_example_makes_states_organizations_and_offices_posts() -> None:
    document, _ = to_popolo(samarkand_2023())
    states = [o for o in document["organizations"] if o["classification"] == "state"]
    assert [(o["id"], o["name"]) for o in states] == [
        ("PAK", "Pakistan"),
        ("RUS", "Russian Federation"),
    ]
    assert document["memberships"][2] == {
        "member": {"@type": "Organization", "id": "RUS"},
        "organization_id": "sco",
        "role": "member",
        "start_date": "2001-06-15",
    }
    assert document["posts"][1] == {
        "id": "RUS/Foreign Minister",
        "label": "Foreign Minister",
        "organization_id": "RUS",
    }
    assert document["events"][1]["parent_id"] == "afghanistan-neighbours-summit-4"


NO_URL = "a Popolo source is a link, and this source has no url"
NO_QUOTES = "Popolo has no quotes from sources"
GOES_ON = "Popolo cannot say a period still goes on (..): no end_date"
NO_PARTY = "Popolo's attendees represent no party"
NO_OFFICE = "Popolo's attendees hold no office at an event"


def tdi(path: str) -> tuple[str, str]:
    return path, "source 'tdi-2023-04-14-khar-lavrov' has no url to link to"


def test_the_worked_example_loses_exactly_this() -> None:
    _, losses = to_popolo(samarkand_2023())
    meeting = [
        ("$.meetings[{}].participants[0].represents", NO_PARTY),
        ("$.meetings[{}].participants[0].office", NO_OFFICE),
        ("$.meetings[{}].participants[1].represents", NO_PARTY),
        ("$.meetings[{}].participants[1].office", NO_OFFICE),
    ]
    assert losses == (
        ("$.sources[0]", NO_URL),
        ("$.sources[1]", NO_URL),
        ("$.sources[2]", NO_URL),
        tdi("$.people[0].sources[0]"),
        ("$.people[0].evidence", NO_QUOTES),
        tdi("$.people[1].sources[0]"),
        ("$.people[1].evidence", NO_QUOTES),
        tdi("$.organizations[0].sources[0]"),
        ("$.organizations[0].sources[1]", "source 'sco-declaration-2001' has no url to link to"),
        ("$.organizations[0].evidence", NO_QUOTES),
        ("$.organizations[0].memberships[0].period.end", GOES_ON),
        (
            "$.organizations[0].memberships[0].sources[0]",
            "source 'sco-declaration-2001' has no url to link to",
        ),
        ("$.organizations[0].memberships[0].founding", "Popolo has no founding memberships"),
        ("$.organizations[0].memberships[1].period.end", GOES_ON),
        (
            "$.organizations[0].memberships[1].sources[0]",
            "source 'sco-astana-declaration-2017' has no url to link to",
        ),
        *((path.format(0), reason) for path, reason in meeting),
        tdi("$.meetings[0].sources[0]"),
        ("$.meetings[0].areas", "Popolo's events have no cooperation areas"),
        ("$.meetings[0].topics", "Popolo's events have no topics"),
        ("$.meetings[0].evidence", NO_QUOTES),
        *((path.format(1), reason) for path, reason in meeting),
        (
            "$.meetings[1].occasion.relation",
            "Popolo's parent_id makes the meeting part of the other event, not sidelines_of",
        ),
        tdi("$.meetings[1].sources[0]"),
        ("$.meetings[1].areas", "Popolo's events have no cooperation areas"),
        ("$.meetings[1].topics", "Popolo's events have no topics"),
        ("$.meetings[1].statements", "Popolo's events have no statements"),
        ("$.meetings[1].evidence", NO_QUOTES),
        ("$.agreements[0]", "Popolo has no class for agreements"),
        ("$.agreements[1]", "Popolo has no class for agreements"),
        ("$.activities[0]", "Popolo has no class for activities"),
        ("$.activities[1]", "Popolo has no class for activities"),
        ("$.activities[2]", "Popolo has no class for activities"),
    )


# -- chosen records -------------------------------------------------------------------------


def meeting(**changes: Any) -> Meeting:
    fields: dict[str, Any] = {
        "id": "meeting-1",
        "when": PartialDate.parse("2023-04-14"),
        "participants": (
            Participant(represents="PAK", person="hina-rabbani-khar"),
            Participant(represents="RUS", person="sergey-lavrov"),
        ),
        "formats": frozenset({"bilateral"}),
    }
    return Meeting(**(fields | changes))


QUALIFIERS = "Popolo dates have no qualifiers"
OFFSET = "Popolo takes a time of day only with its UTC offset"
ZONES = "Popolo dates have no time zone names"


@pytest.mark.parametrize(
    ("when", "popolo", "lost"),
    [
        ("2023", {"start_date": "2023"}, []),
        ("2023-04", {"start_date": "2023-04"}, []),
        ("2021~", {"start_date": "2021"}, [f"{QUALIFIERS}: 2021~ is written 2021"]),
        ("2021-05?", {"start_date": "2021-05"}, [f"{QUALIFIERS}: 2021-05? is written 2021-05"]),
        ("2023-04-14T10:30:00+05:00", {"start_date": "2023-04-14T10:30:00+05:00"}, []),
        ("2023-04-14T10:30:00Z", {"start_date": "2023-04-14T10:30:00Z"}, []),
        (
            "2023-04-14T10:30:00",
            {"start_date": "2023-04-14"},
            [f"{OFFSET}: 2023-04-14T10:30:00 is written 2023-04-14"],
        ),
        (
            "2023-04-15T08:00:00[Asia/Shanghai]",
            {"start_date": "2023-04-15T08:00:00+08:00"},
            [f"{ZONES}: 2023-04-15T08:00:00[Asia/Shanghai] is written 2023-04-15T08:00:00+08:00"],
        ),
        (
            "2023-04-15[Asia/Shanghai]",
            {"start_date": "2023-04-15"},
            [f"{ZONES}: 2023-04-15[Asia/Shanghai] is written 2023-04-15"],
        ),
        ("2023-04-13/2023-04-14", {"start_date": "2023-04-13", "end_date": "2023-04-14"}, []),
        (
            "2023-04-13/",
            {"start_date": "2023-04-13"},
            ["Popolo cannot say a period ended at a day not known: no end_date"],
        ),
        ("2023-04-13/..", {"start_date": "2023-04-13"}, [GOES_ON]),
        (
            "../2023-04-14",
            {"end_date": "2023-04-14"},
            ["Popolo cannot say a period has no earlier bound (..): no start_date"],
        ),
        (
            "/2023-04-14",
            {"end_date": "2023-04-14"},
            ["Popolo cannot say a period began at a day not known: no start_date"],
        ),
    ],
)
def test_a_meeting_keeps_its_dates_precision_and_loses_the_rest(
    when: str, popolo: dict[str, str], lost: list[str]
) -> None:
    parsed = parse_when(when)
    document, losses = to_popolo([meeting(when=parsed)])
    event = document["events"][0]
    assert {k: v for k, v in event.items() if k.endswith("_date")} == popolo
    where = "$[0].when"
    if isinstance(parsed, Period):
        where += ".start" if when.startswith(("/", "..")) else ".end"
    dates = [reason for path, reason in losses if path.startswith("$[0].when")]
    assert dates == lost
    assert all(path == where for path, _ in losses if path.startswith("$[0].when"))
    assert problems(document) == []


def test_a_founding_date_takes_no_time_of_day() -> None:
    organization = Organization(
        id="org-1", name="Org", kind="other", founded=PartialDate.parse("2001-06-15T10:00:00Z")
    )
    document, losses = to_popolo([organization])
    assert document["organizations"][0]["founding_date"] == "2001-06-15"
    assert losses == (
        (
            "$[0].founded",
            "Popolo's date here has no time of day: 2001-06-15T10:00:00Z is written 2001-06-15",
        ),
    )
    assert problems(document) == []


def test_a_host_organizes_and_an_unnamed_delegation_is_lost() -> None:
    hosted = meeting(
        formats=frozenset({"multilateral", "hosted"}),
        participants=(
            Participant(represents="UZB", role="host"),
            Participant(represents="PAK", person="hina-rabbani-khar", role="guest"),
            Participant(represents="RUS"),
        ),
        where=Place(
            name="Samarkand",
            country="UZB",
            region="Samarqand Region",
            coordinates=Coordinates(latitude=39.65, longitude=66.96),
            geonames_id=1216265,
        ),
        occasion=Occasion(relation="part_of", event="summit-1"),
        wikidata="Q42",
        identifiers=(Identifier(scheme="untc", identifier="I-1"),),
        same_as=("https://example.org/meeting-1",),
    )
    document, losses = to_popolo([hosted])
    event = document["events"][0]
    assert event["organization_id"] == "UZB"
    assert event["attendees"] == [{"id": "hina-rabbani-khar"}]
    assert event["location"] == "Samarkand, Samarqand Region, Uzbekistan"
    assert event["classification"] == "hosted, multilateral"
    assert event["parent_id"] == "summit-1"
    assert event["identifiers"] == [
        {"scheme": "wikidata", "identifier": "Q42"},
        {"scheme": "untc", "identifier": "I-1"},
    ]
    assert [o["id"] for o in document["organizations"]] == ["UZB"]
    assert losses == (
        ("$[0].where.coordinates", "Popolo's location is text, with no coordinates"),
        ("$[0].where.geonames_id", "Popolo's location is text, with no geonames_id"),
        ("$[0].participants[1].represents", NO_PARTY),
        ("$[0].participants[1].role", "Popolo's attendees have no role"),
        ("$[0].participants[2]", "Popolo's attendees are people, and this one is not named"),
        ("$[0].same_as", "Popolo's events have no links"),
    )
    assert problems(document) == []


def test_people_names_offices_and_sources() -> None:
    source = Source(
        id="s-1",
        publisher="Ministry",
        language="en",
        title="Press release",
        url="https://example.org/press",
        published=PartialDate.parse("2023-04-14"),
        text="Words.",
    )
    person = Person(
        id="p-1",
        name="Hina Rabbani Khar",
        other_names=(Name(text="حنا ربانی کھر", language="ur"), Name(text="H. R. Khar")),
        offices=(
            Office(title="Minister", represents="PAK", period=Period.parse("2022-04-19/2023-08")),
            Office(title="Chair", represents="org-x", period=Period.parse("/2023")),
        ),
        same_as=("https://example.org/khar",),
        sources=("s-1", "s-2"),
    )
    document, losses = to_popolo([source, person])
    assert document["persons"] == [
        {
            "id": "p-1",
            "name": "Hina Rabbani Khar",
            "other_names": [{"name": "حنا ربانی کھر"}, {"name": "H. R. Khar"}],
            "links": [{"url": "https://example.org/khar", "note": "the same record elsewhere"}],
            "sources": [
                {"url": "https://example.org/press", "note": "Ministry, Press release, 2023-04-14"}
            ],
        }
    ]
    assert document["memberships"] == [
        {
            "person_id": "p-1",
            "organization_id": "PAK",
            "post_id": "PAK/Minister",
            "role": "Minister",
            "start_date": "2022-04-19",
            "end_date": "2023-08",
        },
        {
            "person_id": "p-1",
            "organization_id": "org-x",
            "post_id": "org-x/Chair",
            "role": "Chair",
            "end_date": "2023",
        },
    ]
    assert [post["id"] for post in document["posts"]] == ["PAK/Minister", "org-x/Chair"]
    assert losses == (
        ("$[0].language", "a Popolo source is a link, with no language"),
        ("$[0].text", "a Popolo source is a link, with no text"),
        ("$[1].other_names[0].language", "Popolo's names have no language"),
        ("$[1].sources[1]", "no source 's-2' in the input to link to"),
        (
            "$[1].offices[1].period.start",
            "Popolo cannot say a period began at a day not known: no start_date",
        ),
    )
    assert problems(document) == []


def test_a_source_no_record_cites_is_lost() -> None:
    source = Source(id="s-1", publisher="P", language="en", url="https://example.org/a")
    assert to_popolo([source]).losses == (
        ("$[0]", "no record cites it, and Popolo keeps sources on the records only"),
    )


def test_an_organizations_memberships_name_the_state_as_member() -> None:
    organization = Organization(
        id="org-1",
        name="Organization",
        kind="intergovernmental",
        other_names=(Name(text="Organisation", language="fr"),),
        headquarters=Place(name="Beijing", country="CHN"),
        memberships=(
            Membership(state="IND", status="observer", period=Period.parse("2005/2017-06-09")),
        ),
    )
    document, losses = to_popolo([organization])
    assert document["memberships"] == [
        {
            "member": {"@type": "Organization", "id": "IND"},
            "organization_id": "org-1",
            "role": "observer",
            "start_date": "2005",
            "end_date": "2017-06-09",
        }
    ]
    assert losses == (
        ("$[0].other_names[0].language", "Popolo's names have no language"),
        ("$[0].headquarters", "Popolo's organizations have no headquarters"),
    )
    assert problems(document) == []


# -- any records ----------------------------------------------------------------------------


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(testing.dossiers())
def test_any_dossier_validates_and_every_loss_is_a_place_in_it(dossier: Dossier) -> None:
    document, losses = to_popolo(dossier)
    assert problems(document) == []
    data = to_dict(dossier)
    for path, reason in losses:
        at(data, path)  # raises when the place is not in the input
        assert reason
    assert len(set(losses)) == len(losses)
    events = [event["id"] for event in document["events"]]
    assert events == [m.id for m in dossier.meetings]
    ids = {o["id"] for o in document["organizations"]}
    assert {o.id for o in dossier.organizations} <= ids
    assert [p["id"] for p in document["persons"]] == [p.id for p in dossier.people]
    dropped = {path for path, _ in losses}
    kept = len(dossier.agreements) + len(dossier.activities) + len(dossier.areas)
    assert sum(path.count(".") == 1 and path.endswith("]") for path in dropped) >= kept


# -- the command line and a large corpus ----------------------------------------------------


def test_the_command_line_writes_the_document_and_prints_the_losses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dossier = tmp_path / "samarkand.json"
    dossier.write_text(json.dumps(to_dict(samarkand_2023())), encoding="utf-8")
    people = tmp_path / "people.jsonl"
    write_jsonl([Person(id="p-1", name="A", other_names=(Name(text="B", language="ur"),))], people)
    out = tmp_path / "popolo.json"
    assert main(["export", "popolo", str(dossier), str(people), "--out", str(out)]) == 0
    printed, summary = capsys.readouterr()
    document = json.loads(out.read_text("utf-8"))
    assert problems(document) == []
    assert [p["id"] for p in document["persons"]][-1] == "p-1"
    lines = printed.splitlines()
    assert lines[0] == f"lost: {dossier}: $.sources[0]: {NO_URL}"
    language = "$.other_names[0].language: Popolo's names have no language"
    assert lines[-1] == f"lost: {people}:1: {language}"
    assert len(lines) == len(to_popolo(samarkand_2023()).losses) + 1
    counts = f"14 records exported as popolo, {len(lines)} losses, 0 problems"
    assert summary == f"diplomod export: {counts}\n"


def test_fifty_thousand_records() -> None:
    records = corpus(50_000)
    begun = time.perf_counter()
    document, losses = to_popolo(records)
    assert time.perf_counter() - begun < 30
    assert sum(len(items) for items in document.values()) > 50_000 * 4 // 13
    assert len(document["events"]) == sum(isinstance(r, Meeting) for r in records)
    validator = Draft3Validator(SCHEMAS["event"], registry=REGISTRY)
    assert all(validator.is_valid(event) for event in document["events"][:1000])
    each = [len(to_popolo([record]).losses) for record in records[:13]]  # one of each
    assert len(losses) == sum(each) * (50_000 // 13) + sum(each[: 50_000 % 13])


def test_a_host_s_office_and_a_source_only_an_activity_cites_are_reported() -> None:
    host = Participant(represents="UZB", role="host", office="Minister of Foreign Affairs")
    meeting = Meeting(
        id="m1",
        when=PartialDate.parse("2023-04-14"),
        formats=frozenset({"bilateral"}),
        participants=(host, Participant(represents="PAK")),
    )
    news = Source(id="s1", publisher="Dawn", language="en", url="https://example.org/a")
    talks = Activity(
        id="a1",
        parties=("PAK", "CHN"),
        description="Trade talks.",
        areas=frozenset({"economy.trade"}),
        sources=("s1",),
    )
    _, losses = to_popolo([meeting, news, talks])
    assert ("$[0].participants[0].office", "Popolo's organizer holds no office at an event") in (
        losses
    )
    assert "$[1]" in [path for path, _ in losses]  # no exported record links to the source
