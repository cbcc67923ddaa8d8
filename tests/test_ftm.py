"""FollowTheMoney entities: checked by the followthemoney package's own model."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import attrs
import pytest
from followthemoney import model, registry
from hypothesis import HealthCheck, given, settings

from conftest import (
    KHAR,
    MEETING_ID,
    SOURCE_ID,
    bare_meeting,
    day,
    gas_pipeline_mou,
    khar,
    lavrov,
    meeting_corpus,
    neighbours_meeting,
    news_source,
    period,
    sco,
)
from diplomod import (
    Agreement,
    CooperationArea,
    Depositary,
    Dossier,
    Identifier,
    LifecycleEvent,
    Meeting,
    Membership,
    Office,
    Organization,
    Participant,
    Place,
    Signatory,
    Source,
    ValidationError,
    testing,
    to_json,
    write_jsonl,
)
from diplomod._cli import main
from diplomod._export import written
from diplomod.examples import samarkand_2023
from diplomod.ftm import entity_id, to_ftm

GOLDEN = Path(__file__).parent / "golden" / "samarkand_2023.ftm.jsonl"


def accepted(entities: list[dict[str, Any]], every: int = 1) -> None:
    """Check *entities* as FtM sees them: each made by the model, of a schema that is not
    abstract, with its required properties, every value as the model's cleaning leaves it,
    ids unique and valid, and every reference to an entity of the property's range. Each
    *every*\\ th entity is checked in full; ids and references, all of them."""
    schemata = {data["id"]: model.get(data["schema"]) for data in entities}
    assert len(schemata) == len(entities), "ids are unique"
    for data in entities[::every]:
        proxy = model.get_proxy(data)
        assert proxy.id == registry.entity.clean(proxy.id), proxy.id
        assert not proxy.schema.abstract
        assert proxy.to_dict() == data
        recleaned = model.get_proxy(data, cleaned=False).to_dict()
        assert recleaned == data, (data, recleaned)
        for name in proxy.schema.required:
            assert proxy.get(name), (proxy.id, name)
    for data in entities:
        schema = schemata[data["id"]]
        assert schema is not None
        for name, values in data["properties"].items():
            prop = schema.properties[name]
            if prop.type == registry.entity:
                for value in values:
                    assert value in schemata, (data["id"], name, value)
                    assert prop.range is not None
                    assert schemata[value].is_a(prop.range), (data["id"], name, value)  # type: ignore[union-attr]


# -- the worked example ----------------------------------------------------------------------


def test_the_worked_example_is_the_golden_file() -> None:
    entities, _ = to_ftm(samarkand_2023())
    accepted(entities)
    assert written("ftm", entities) == GOLDEN.read_text("utf-8")


def test_the_worked_example_maps_states_people_offices_and_memberships() -> None:
    entities, _ = to_ftm(samarkand_2023())
    by_id = {e["id"]: e for e in entities}
    assert by_id["diplomod-state-pak"] == {
        "id": "diplomod-state-pak",
        "schema": "PublicBody",
        "properties": {"name": ["Pakistan"], "jurisdiction": ["pk"]},
    }
    sco = by_id["diplomod-organization-sco"]
    assert sco["schema"] == "PublicBody"
    assert sco["properties"]["abbreviation"] == ["SCO"]
    assert by_id["diplomod-membership-sco-0"]["properties"] == {
        "member": ["diplomod-state-rus"],
        "organization": ["diplomod-organization-sco"],
        "role": ["member", "founder"],
        "startDate": ["2001-06-15"],
        "status": ["current"],
        "proof": ["diplomod-source-sco-declaration-2001"],
    }
    occupancy = by_id["diplomod-occupancy-sergey-lavrov-0"]["properties"]
    post = by_id[occupancy["post"][0]]["properties"]
    assert post == {
        "name": ["Foreign Minister"],
        "country": ["ru"],
        "organization": ["diplomod-state-rus"],
    }
    meeting = by_id["diplomod-meeting-meeting-2023-04-14-khar-lavrov"]["properties"]
    assert meeting["date"] == ["2023-04-14"]
    assert meeting["involved"] == [
        "diplomod-state-pak",
        "diplomod-person-hina-rabbani-khar",
        "diplomod-state-rus",
        "diplomod-person-sergey-lavrov",
    ]
    assert meeting["keywords"][:2] == ["format:bilateral", "format:third_location"]
    assert len(meeting["description"]) == len(samarkand_2023().meetings[1].statements)


def test_the_worked_example_loses_offsets_offices_and_what_statements_say() -> None:
    dossier = samarkand_2023()
    _, losses = to_ftm(dossier)
    reasons = {reason for _, reason in losses}
    assert reasons == {
        "FtM has no field for where a source was filed from",
        "FtM keeps the quote, not where it stands in the source's text (start, end)",
        "FtM's involved has no field for the office a participant attended in",
        "FtM has no field for who made a statement",
        "FtM has no field for a statement's stance",
        "FtM has no field for a statement's areas",
        "FtM's Event cannot say it is planned",
        "FtM's Event cannot say it is ongoing",
    }
    statements = dossier.meetings[1].statements
    assert sum(path.endswith(".stance") for path, _ in losses) == len(statements)


# -- exact losses ----------------------------------------------------------------------------


def test_a_meeting_loses_roles_offices_open_ends_times_and_marks() -> None:
    meeting = neighbours_meeting(
        when=period("2023-04-13T09:00:00+05:00/.."),
        participants=(
            Participant(represents="UZB", role="host"),
            Participant(represents="PAK", role="guest", person=KHAR, office="Minister"),
            Participant(represents="RUS", person="nobody"),
            Participant(represents="acme"),
        ),
        where=Place(name="Samarkand", country="UZB", geonames_id=1114927),
        status="planned",
        same_as=("https://example.org/meetings/4",),
        identifiers=(Identifier(scheme="untc", identifier="X-1"),),
    )
    entities, losses = to_ftm([meeting, khar()])
    accepted(entities)
    assert losses == (
        ("$[0].when.start", "FtM keeps a time in UTC, not the offset or zone it was given in"),
        ("$[0].when.end", "FtM's Event cannot say it is still going on (..)"),
        ("$[0].where.geonames_id", "FtM's Address has no GeoNames id"),
        ("$[0].participants[1].role", "FtM's involved has no role such as guest"),
        (
            "$[0].participants[1].office",
            "FtM's involved has no field for the office a participant attended in",
        ),
        ("$[0].participants[2].person", "no person with the id 'nobody' among the records"),
        ("$[0].participants[3].represents", "no organization with the id 'acme' among the records"),
        ("$[0].status", "FtM's Event cannot say it is planned"),
        ("$[0].identifiers[0]", "FtM's Event has no field for a untc id"),
        ("$[0].same_as[0]", "FtM has no field for a copy of the record published elsewhere"),
        ("$[1].other_names[0].language", "FtM names have no language"),
    )
    event = next(e for e in entities if e["schema"] == "Event")["properties"]
    assert event["startDate"] == ["2023-04-13T04:00:00"]
    assert event["organizer"] == ["diplomod-state-uzb"]
    assert event["involved"] == [
        "diplomod-state-uzb",
        "diplomod-state-pak",
        "diplomod-person-hina-rabbani-khar",
        "diplomod-state-rus",
    ]


@pytest.mark.parametrize(
    ("when", "carried", "reasons"),
    [
        ("2023-04-14", "2023-04-14", []),
        ("2021~", "2021", ["FtM dates cannot be marked approximate or uncertain"]),
        ("2021-06%", "2021-06", ["FtM dates cannot be marked approximate or uncertain"]),
        ("2023-04-15[Asia/Shanghai]", "2023-04-15", ["FtM dates have no time zone"]),
        (
            "2023-04-15T08:00:00[Asia/Shanghai]",
            "2023-04-15T00:00:00",
            ["FtM keeps a time in UTC, not the offset or zone it was given in"],
        ),
        (
            "2023-04-15T08:00:00",
            "2023-04-15",
            ["FtM reads a time as UTC; a time of no stated offset or zone is kept to its day"],
        ),
        ("0999", None, ["FtM dates run from the year 1000 to 2999, not 0999"]),
        ("3000-01", None, ["FtM dates run from the year 1000 to 2999, not 3000-01"]),
    ],
)
def test_dates_are_prefixes_in_utc(when: str, carried: str | None, reasons: list[str]) -> None:
    entities, losses = to_ftm([bare_meeting("m", when=day(when))])
    accepted(entities)
    event = entities[0]["properties"]
    assert event.get("date") == (None if carried is None else [carried])
    assert losses == tuple(("$[0].when", reason) for reason in reasons)


def test_memberships_and_offices_say_whether_they_go_on() -> None:
    organization = sco(
        other_names=(),
        memberships=(
            Membership(state="RUS", status="member", period=period("2001-06-15/..")),
            Membership(state="IND", status="observer", period=period("2005/2017")),
            Membership(state="IRN", status="observer", period=period("2005/")),
        ),
        headquarters=Place(name="Beijing", country="CHN"),
    )
    lavrov_ = lavrov(
        other_names=(),
        offices=(Office(title="Foreign Minister", represents="RUS", period=period("../2004")),),
    )
    entities, losses = to_ftm([organization, lavrov_])
    accepted(entities)
    by_id = {e["id"]: e["properties"] for e in entities}
    assert [by_id[entity_id("membership", "sco", i)]["status"] for i in range(3)] == [
        ["current"],
        ["ended"],
        ["ended"],
    ]
    assert by_id[entity_id("membership", "sco", 1)]["endDate"] == ["2017"]
    assert by_id[entity_id("occupancy", "sergey-lavrov", 0)] == {
        "holder": ["diplomod-person-sergey-lavrov"],
        "post": [by_id[entity_id("occupancy", "sergey-lavrov", 0)]["post"][0]],
        "endDate": ["2004"],
        "status": ["ended"],
    }
    assert losses == (
        ("$[1].offices[0].period.start", "FtM has no open start (..): it reads as not known"),
    )


def test_a_former_state_is_a_public_body_without_a_jurisdiction() -> None:
    comecon = Organization(
        id="comecon",
        name="Council for Mutual Economic Assistance",
        kind="intergovernmental",
        founded=day("1949-01"),
        memberships=(
            Membership(state="SUN", status="member", period=period("1949-01/1991-06-28")),
            Membership(state="POL", status="member", period=period("1949-01/1991-06-28")),
        ),
        identifiers=(Identifier(scheme="lei", identifier="not-an-lei"),),
    )
    entities, losses = to_ftm([comecon])
    accepted(entities)
    by_id = {e["id"]: e for e in entities}
    assert by_id["diplomod-state-sun"]["properties"] == {
        "name": ["USSR, Union of Soviet Socialist Republics"]
    }
    assert losses == (
        (
            "$[0].memberships[0].state",
            "FtM has no country code that is surely SUN's, a former state's; its PublicBody "
            "has no jurisdiction",
        ),
        ("$[0].identifiers[0].identifier", "FtM's identifier type does not take 'not-an-lei'"),
    )


def test_an_agreement_is_a_contract_with_its_steps_as_events() -> None:
    agreement = Agreement(
        id="mou_pipeline",
        title="Memorandum of understanding on the North-South gas pipeline",
        instrument="memorandum_of_understanding",
        parties=("PAK", "RUS", "sco"),
        concluded=day("2021-05-28"),
        signatories=(Signatory(person=KHAR, on_behalf_of="PAK", office="Minister"),),
        events=(
            LifecycleEvent(
                action="signed",
                party="PAK",
                date=day("2021-05-28"),
                place=Place(name="Moscow", country="RUS"),
                meeting=MEETING_ID,
            ),
        ),
        projects=("North-South gas pipeline",),
        depositaries=(Depositary(actor="RUS"),),
        status="ongoing",
        wikidata="Q42",
        sources=(SOURCE_ID,),
    )
    entities, losses = to_ftm([agreement, khar(other_names=()), news_source()])
    accepted(entities)
    by_id = {e["id"]: e for e in entities}
    contract = by_id["diplomod-agreement-mou--pipeline"]
    assert contract["schema"] == "Contract"
    assert contract["properties"]["authority"] == ["diplomod-state-pak", "diplomod-state-rus"]
    assert contract["properties"]["status"] == ["ongoing"]
    step = by_id[entity_id("step", "mou_pipeline", 0)]["properties"]
    assert step["date"] == ["2021-05-28"]
    assert step["country"] == ["ru"]
    links = sorted(
        (e["properties"]["subject"][0], e["properties"]["role"][0], e["properties"]["object"][0])
        for e in entities
        if e["schema"] == "UnknownLink"
    )
    assert links == [
        ("diplomod-person-hina-rabbani-khar", "signatory", "diplomod-agreement-mou--pipeline"),
        ("diplomod-step-mou--pipeline-0", "signed", "diplomod-agreement-mou--pipeline"),
    ]
    assert losses == (
        ("$[0].parties[2]", "no organization with the id 'sco' among the records"),
        (
            "$[0].signatories[0].on_behalf_of",
            "FtM's link of a signatory to a contract has no field for the party signed for",
        ),
        ("$[0].signatories[0].office", "FtM has no field for the office a signatory signed in"),
        ("$[0].events[0].meeting", "no meeting with the id 'meeting-2023-04-14-khar-lavrov' "
         "among the records"),
        ("$[0].depositaries[0]", "FtM's Contract has no depositary"),
        ("$[2].dateline", "FtM has no field for where a source was filed from"),
    )  # fmt: skip


def test_a_source_keeps_its_language_without_script_or_region() -> None:
    source = Source(id="s", publisher="P", language="zh-Hant", text="文字")
    entities, losses = to_ftm([source])
    accepted(entities)
    assert entities[0]["properties"] == {
        "publisher": ["P"],
        "language": ["zho"],
        "bodyText": ["文字"],
    }
    assert losses == (
        ("$[0].language", "FtM's languages are ISO 639 codes; zh-Hant is kept as zho"),
    )


def test_a_repeated_id_is_refused_and_an_area_definition_is_lost() -> None:
    first, second = bare_meeting("m"), bare_meeting("m", when=day("2024"))
    area = CooperationArea(code="acme:fisheries", title="Fisheries")
    with pytest.raises(ValidationError) as err:
        to_ftm([first, second, area])
    assert err.value.problems == (("$[1].id", "'m' is already the id of $[0]"),)
    entities, losses = to_ftm([first, area])
    accepted(entities)
    assert [e["id"] for e in entities if e["schema"] == "Event"] == ["diplomod-meeting-m"]
    assert losses == (
        (
            "$[1]",
            "FtM has no vocabulary of cooperation areas; records keep their codes as keywords",
        ),
    )


def test_ids_never_meet() -> None:
    assert entity_id("meeting", "a_b") != entity_id("meeting", "a-b")
    assert entity_id("step", "a-1", 0) != entity_id("step", "a", 10)
    assert registry.entity.clean(entity_id("meeting", "a_b.c-d")) == "diplomod-meeting-a--b.c-d"


# -- generated dossiers ----------------------------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(testing.dossiers())
def test_every_dossier_exports_entities_ftm_accepts(dossier: Dossier) -> None:
    entities, losses = to_ftm(dossier)
    accepted(entities)
    assert all(path.startswith("$.") for path, _ in losses)
    assert len(set(losses)) == len(losses)
    # the same records, one by one, lose the same things at the same places
    records = [record for name in ("sources", "people", "organizations", "meetings",
                                   "agreements", "activities", "areas")
               for record in getattr(dossier, name)]  # fmt: skip
    again, lost = to_ftm(records)
    assert again == entities
    assert len(lost) == len(losses)


# -- the command line ------------------------------------------------------------------------


def test_the_command_line_writes_the_golden_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, out = tmp_path / "samarkand.json", tmp_path / "samarkand.ftm.jsonl"
    path.write_text(to_json(samarkand_2023()), "utf-8")
    code = main(["export", "ftm", str(path), "--out", str(out)])
    stdout, err = capsys.readouterr()
    assert code == 0
    assert out.read_text("utf-8") == GOLDEN.read_text("utf-8")
    _, losses = to_ftm(samarkand_2023())
    assert stdout.splitlines()[0] == (
        f"lost: {path}: $.sources[0].dateline: FtM has no field for where a source was filed from"
    )
    assert len(stdout.splitlines()) == len(losses)
    assert err == (
        f"diplomod export: 13 records exported as ftm, {len(losses)} losses, 0 problems\n"
    )


def test_the_command_line_names_the_lines_of_a_jsonl_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, out = tmp_path / "meetings.jsonl", tmp_path / "out.jsonl"
    meeting = bare_meeting("m", participants=(
        Participant(represents="PAK", role="guest"), Participant(represents="RUS")))  # fmt: skip
    path.write_text(to_json(meeting, indent=None) + "\n", "utf-8")
    code = main(["export", "ftm", str(path), "--out", str(out), "--quiet"])
    stdout, _ = capsys.readouterr()
    assert code == 0
    assert stdout == (
        f"lost: {path}:1: $.participants[0].role: FtM's involved has no role such as guest\n"
    )
    accepted([json.loads(line) for line in out.read_text("utf-8").splitlines()])


def test_without_the_extra_the_command_line_says_how_to_install_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "followthemoney", None)  # import followthemoney fails
    monkeypatch.delitem(sys.modules, "diplomod.ftm")
    path = tmp_path / "samarkand.json"
    path.write_text(to_json(samarkand_2023()), "utf-8")
    out = tmp_path / "out.jsonl"
    code = main(["export", "ftm", str(path), "--out", str(out)])
    _, err = capsys.readouterr()
    assert code == 2
    assert err == "diplomod export: ftm needs the ftm extra: pip install 'diplomod[ftm]'\n"
    assert not out.exists()


# -- a large corpus --------------------------------------------------------------------------


def fifty_thousand_records() -> list[Any]:
    """People, activities, agreements and meetings like the worked example's, 50,000 in all,
    with the records they refer to."""
    activity = attrs.evolve(samarkand_2023().activities[0], sources=(SOURCE_ID,), evidence=())
    records: list[Any] = [news_source(), khar(), lavrov(), sco(), neighbours_meeting()]
    records += [attrs.evolve(khar(), id=f"person-{i}") for i in range(10_000)]
    records += [attrs.evolve(activity, id=f"activity-{i}") for i in range(10_000)]
    records += [attrs.evolve(gas_pipeline_mou(), id=f"agreement-{i}") for i in range(10_000)]
    records += meeting_corpus(50_000 - len(records))
    return records


def test_fifty_thousand_records() -> None:
    records = fifty_thousand_records()
    started = time.perf_counter()
    entities, losses = to_ftm(records)
    # about 15 s on a quiet machine; the bound catches work that grows faster than the input
    assert time.perf_counter() - started < 120
    meetings = sum(isinstance(record, Meeting) for record in records)
    steps = 2 * 10_000  # each agreement's two signatures
    assert sum(e["schema"] == "Event" for e in entities) == 10_000 + steps + meetings
    assert len({e["id"] for e in entities}) == len(entities)
    assert not any("among the records" in reason for _, reason in losses)
    accepted(entities, every=50)


def test_fifty_thousand_records_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, out = tmp_path / "meetings.jsonl", tmp_path / "meetings.ftm.jsonl"
    meeting = bare_meeting("m")
    write_jsonl((attrs.evolve(meeting, id=f"meeting-{i}") for i in range(50_000)), path)
    assert main(["export", "ftm", str(path), "--out", str(out)]) == 0
    _, err = capsys.readouterr()
    assert err == "diplomod export: 50,000 records exported as ftm, 0 losses, 0 problems\n"
    with out.open(encoding="utf-8") as lines:
        assert sum(1 for _ in lines) == 50_000 + 2  # and the two states


def test_ftm_validate_reads_the_golden_file_back_unchanged(tmp_path: Path) -> None:
    from click.testing import CliRunner
    from followthemoney.cli.cli import cli

    out = tmp_path / "validated.jsonl"
    result = CliRunner().invoke(cli, ["validate", "-i", str(GOLDEN), "-o", str(out)])
    assert result.exit_code == 0, result.output
    validated = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    golden = [json.loads(line) for line in GOLDEN.read_text("utf-8").splitlines()]
    assert [(e["id"], e["schema"], e["properties"]) for e in validated] == [
        (e["id"], e["schema"], e["properties"]) for e in golden
    ]


def test_records_of_two_kinds_may_not_share_an_id() -> None:
    meeting = bare_meeting(KHAR, participants=(
        Participant(represents="PAK", person=KHAR), Participant(represents="RUS")))  # fmt: skip
    with pytest.raises(ValidationError) as err:  # which would a participant's person name?
        to_ftm([meeting, khar(other_names=())])
    assert err.value.problems == (("$[1].id", f"{KHAR!r} is already the id of $[0]"),)
