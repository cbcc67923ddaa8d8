"""PLOVER export: events as the PLOVER manual describes them, and what they cannot carry."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import time
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

from conftest import SOURCE_ID, gas_pipeline_mou, meeting_corpus, news_source
from diplomod import (
    Activity,
    Dossier,
    LifecycleEvent,
    Meeting,
    Organization,
    PartialDate,
    Participant,
    Period,
    Source,
    codelist,
    from_json,
    to_dict,
    to_json,
)
from diplomod._cli import main
from diplomod._converter import MIGRATIONS
from diplomod._export import written
from diplomod.areas import CooperationArea
from diplomod.examples import samarkand_2023
from diplomod.places import Place
from diplomod.plover import to_plover
from diplomod.testing import dossiers

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "samarkand_2023.plover.jsonl"
SCHEMA = json.loads((ROOT / "tests" / "plover" / "plover-event.schema.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)
MODES = {(row["event_type"], row["mode"]) for row in codelist("plover_modes").values()}
MANUAL_FIELDS = set(SCHEMA["properties"])
EXTENSIONS = {"date_precision", "date_edtf"}


def accepted(events: list[dict[str, Any]]) -> None:
    """Check every event as a PLOVER consumer reads it: each written line against the
    schema of the manual's fields, each mode one of its event type's."""
    for line in written("plover", events).splitlines():
        event = json.loads(line)
        errors = [e.message for e in VALIDATOR.iter_errors(event)]
        assert errors == [], (event["id"], errors)
        assert set(event) <= MANUAL_FIELDS | EXTENSIONS
        for mode in event.get("mode", []):
            assert any((kind, mode) in MODES for kind in event["event"]), (event["id"], mode)


def source(**changes: Any) -> Source:
    return attrs.evolve(news_source(), text=None, dateline=None, **changes)


def call(**changes: Any) -> Meeting:
    fields: dict[str, Any] = {
        "id": "call",
        "when": PartialDate.parse("2023-04-14"),
        "participants": (Participant(represents="PAK"), Participant(represents="RUS")),
        "formats": frozenset({"bilateral", "phone_call"}),
        "sources": (SOURCE_ID,),
    }
    return Meeting(**{**fields, **changes})


# -- the worked example -----------------------------------------------------------------------


def test_the_worked_example_matches_the_golden_file() -> None:
    events, _ = to_plover(samarkand_2023())
    assert written("plover", events) == GOLDEN.read_text("utf-8")
    accepted(events)


def test_the_worked_example_loses_exactly_this() -> None:
    _, losses = to_plover(samarkand_2023())
    dateline = ("$.sources[0].dateline", "PLOVER has no field for a source's dateline")
    text = "not exported: PLOVER's text is for a provider holding the rights to it"
    offices = "PLOVER's entity carries the office held at the event, not a person's offices"
    said = "PLOVER has no field for what was said at a meeting"
    quotes = "PLOVER's event_text keeps the quotes, not where they stand in their sources"
    going_on = "PLOVER codes what took place; it cannot say it is still going on"
    assert losses == (
        dateline,
        ("$.sources[0].text", text),
        ("$.sources[1]", "not exported: no exported event cites it"),
        ("$.sources[2]", "not exported: no exported event cites it"),
        ("$.people[0].offices", offices),
        ("$.people[0].sources", "PLOVER has no field for a person's sources"),
        ("$.people[0].evidence", "PLOVER has no field for a person's evidence"),
        ("$.people[1].offices", offices),
        ("$.people[1].sources", "PLOVER has no field for a person's sources"),
        ("$.people[1].evidence", "PLOVER has no field for a person's evidence"),
        ("$.organizations[0]", "not exported: no exported event names it"),
        (
            "$.meetings[0]",
            "not exported: its date 2023-04 is known only to the month, and PLOVER dates an "
            "event by its day",
        ),
        (
            "$.meetings[1].occasion.relation",
            "PLOVER's link does not say how the events relate (sidelines_of)",
        ),
        ("$.meetings[1].areas[0]", "PLOVER has no context for the area culture"),
        ("$.meetings[1].topics", "PLOVER has no field for a meeting's topics"),
        *[(f"$.meetings[1].statements[{i}]", said) for i in range(10)],
        ("$.meetings[1].evidence", quotes),
        (
            "$.agreements[0]",
            "not exported: its date 2021 is known only to the year, and PLOVER dates an event "
            "by its day",
        ),
        (
            "$.agreements[1]",
            "not exported: it is done, but has no conclusion and no signature or consent step "
            "to date a SUPPORT event by",
        ),
        ("$.activities[0].status", going_on),
        ("$.activities[0].evidence", quotes),
        ("$.activities[1]", "not exported: it has no date, and a PLOVER event needs a day"),
        ("$.activities[2].status", going_on),
        ("$.activities[2].evidence", quotes),
    )


def test_the_meeting_is_a_consult_at_a_third_party_linked_to_its_summit() -> None:
    events, _ = to_plover(samarkand_2023())
    meeting = events[0]
    assert meeting["event"] == ["CONSULT"]
    assert (meeting["mode"], meeting["quad_code"]) == (["third-party"], 1)
    assert meeting["actor"][0] == {
        "code": "PAK",
        "entity_text": "Hina Rabbani Khar",
        "office": "Minister of State",
    }
    assert "recipient" not in meeting  # all who meet are the actor, as the manual says
    assert meeting["link"] == "afghanistan-neighbours-summit-4"
    assert meeting["event_loc"] == {"extracted_place": "Samarkand", "country_code": "UZB"}
    assert meeting["cite_info"] == {
        "publication": "TDI",
        "language": "en",
        "citation": "TDI, 2023-04-14",
    }
    assert meeting["context"] == [
        "military",
        "economic",
        "human_security",
        "diplomatic",
        "terrorism",
        "illegal_drugs",
    ]


def test_coarse_end_writes_the_last_day_with_its_precision_and_edtf() -> None:
    events, losses = to_plover(samarkand_2023(), coarse="end")
    by_id = {event["id"]: event for event in events}
    summit = by_id["afghanistan-neighbours-summit-4"]
    assert (summit["date"], summit["date_precision"], summit["date_edtf"]) == (
        "2023-04-30",
        "month",
        "2023-04",
    )
    assert summit["link"] == "afghanistan-neighbours-summit-4"
    mou = by_id["mou-2021-north-south-gas-pipeline"]
    assert (mou["event"], mou["date"], mou["date_edtf"]) == (["SUPPORT"], "2021-12-31", "2021")
    assert mou["context"] == ["economic", "diplomatic"]
    assert "$.meetings[0]" not in dict(losses)
    accepted(events)


# -- chosen inputs, exact losses --------------------------------------------------------------


def test_a_visit_makes_the_visitor_the_actor_and_the_host_the_recipient() -> None:
    visit = call(
        formats=frozenset({"bilateral", "visit"}),
        where=Place(name="Pristina", country="XKX"),
        participants=(Participant(represents="PAK"), Participant(represents="XKX")),
    )
    events, losses = to_plover([source(), visit])
    event = events[0]
    assert (event["actor"], event["recipient"]) == ([{"code": "PAK"}], [{"code": "KOS"}])
    assert event["mode"] == ["visit"]
    assert event["event_loc"]["country_code"] == "KOS"
    assert losses == ()
    accepted(events)


def test_a_video_call_is_a_phone_consultation_and_a_summit_has_no_mode() -> None:
    events, losses = to_plover([source(), call(formats=frozenset({"summit", "video_call"}))])
    assert events[0]["mode"] == ["phone"]
    assert losses == (
        ("$[1].formats", "PLOVER has no mode for a summit"),
        ("$[1].formats", "PLOVER's phone mode does not tell a video call apart"),
    )


def test_a_planned_meeting_is_an_agree_dated_by_its_source() -> None:
    planned = call(status="planned", when=PartialDate.parse("2023-06"))
    events, losses = to_plover([source(), planned])
    assert (events[0]["event"], events[0]["date"]) == (["AGREE"], "2023-04-14")
    assert "mode" not in events[0]
    assert losses == (
        ("$[1].when", "PLOVER's AGREE event is dated by its report, not by the date planned"),
        ("$[1].formats", "AGREE has no modes for a planned meeting's formats"),
    )


def test_times_zones_and_qualifiers() -> None:
    timed = call(when=PartialDate.parse("2023-04-14T10:30:00+05:00"))
    zoned = call(id="zoned", when=PartialDate.parse("2023-04-15T08:00:00[Asia/Shanghai]"))
    rough = call(id="rough", when=PartialDate.parse("2023-04-14~"))
    events, losses = to_plover([source(), timed, zoned, rough])
    assert [(e["date"], e.get("time")) for e in events] == [
        ("2023-04-14", "10:30:00+05:00"),
        ("2023-04-15", "08:00:00+08:00"),
        ("2023-04-14", None),
    ]
    assert losses == (
        ("$[2].when", "PLOVER has no time zone: Asia/Shanghai is left out"),
        ("$[3].when", "PLOVER's date cannot say it is approximate"),
    )
    accepted(events)


def test_periods_give_an_end_date_or_say_why_not() -> None:
    days = call(when=Period.parse("2023-04-13/2023-04-14"))
    running = call(id="running", when=Period.parse("2023-04-13/.."))
    monthly = call(id="monthly", when=Period.parse("2023-04-13/2023-05"))
    unknown = call(id="unknown", when=Period.parse("/2023-04-14"))
    events, losses = to_plover([source(), days, running, monthly, unknown])
    assert [(e["date"], e.get("enddate")) for e in events] == [
        ("2023-04-13", "2023-04-14"),
        ("2023-04-13", None),
        ("2023-04-13", None),
    ]
    assert losses == (
        ("$[2].when", "PLOVER's enddate cannot say the period is still going on"),
        (
            "$[3].when",
            "its end 2023-05 is known only to the month, and PLOVER's enddate is a day",
        ),
        (
            "$[4]",
            "not exported: its period /2023-04-14 has no first day, and a PLOVER event needs one",
        ),
    )


def test_an_agreement_signed_then_ratified_is_one_support_event() -> None:
    signed = PartialDate.parse("2023-04-14")
    treaty = gas_pipeline_mou(
        concluded=signed,
        sources=(SOURCE_ID,),
        events=(
            LifecycleEvent(action="signed", party="PAK", date=signed),
            LifecycleEvent(action="signed", party="RUS", date=signed),
            LifecycleEvent(action="ratified", party="RUS", date=PartialDate.parse("2023-09-01")),
        ),
    )
    events, losses = to_plover([source(), treaty])
    event = events[0]
    assert (event["event"], event["date"], event["quad_code"]) == (["SUPPORT"], "2023-04-14", 1)
    assert event["context"][-1] == "diplomatic"
    assert event["comment"] == treaty.title
    assert losses == (
        ("$[1].instrument", "PLOVER has no field for an agreement's instrument"),
        (
            "$[1].events[2]",
            "PLOVER makes one SUPPORT event of the agreement, dated 2023-04-14: this ratified "
            "step of 2023-09-01 is not it",
        ),
        ("$[1].projects", "PLOVER has no field for an agreement's projects"),
        (
            "$[1].evidence",
            "PLOVER's event_text keeps the quotes, not where they stand in their sources",
        ),
    )
    accepted(events)


def test_organizations_are_igo_uno_or_without_a_code() -> None:
    un = Organization(id="un", name="United Nations", kind="intergovernmental", wikidata="Q1065")
    sco = Organization(id="sco", name="SCO", kind="intergovernmental", wikidata="Q485207")
    firm = Organization(id="firm", name="Gazprom", kind="company")
    work = Activity(
        id="work",
        parties=("un", "sco", "firm", "elsewhere"),
        description="They work together.",
        areas=frozenset({"economy", "acme:fish"}),
        when=PartialDate.parse("2023-04-14"),
    )
    events, losses = to_plover([un, sco, firm, work])
    un_entity = {"code": "UNO", "entity_text": "United Nations", "identifier_id": "Q1065"}
    assert events[0]["actor"] == [un_entity]
    assert events[0]["recipient"] == [
        {"code": "IGO", "entity_text": "SCO", "identifier_id": "Q485207"},
        {"entity_text": "Gazprom"},
    ]
    assert losses == (
        ("$[3].parties[2]", "PLOVER has no entity code for a company organization"),
        (
            "$[3].parties[3]",
            "no organization 'elsewhere' in the input: its PLOVER code is not known",
        ),
        (
            "$[3].areas[0]",
            "no definition of the area 'acme:fish' in the input: its PLOVER context is not known",
        ),
    )
    defined = CooperationArea(code="acme:fish", title="Fish", plover_context="natural_resource")
    events, _ = to_plover([un, sco, firm, work, defined])
    assert events[0]["context"] == ["economic", "natural_resource"]
    accepted(events)


def test_a_reference_to_a_missing_record_is_a_loss_at_its_field() -> None:
    meeting = call(
        participants=(
            Participant(represents="PAK", person="nobody"),
            Participant(represents="RUS"),
        ),
        sources=("gone", SOURCE_ID, "elsewhere"),
    )
    events, losses = to_plover([source(), meeting])
    assert events[0]["actor"][0] == {"code": "PAK"}
    assert events[0]["cite_info"] == {
        "publication": "Example News Service",
        "title": "Khar and Lavrov meet in Samarkand",
        "url": "https://news.example.org/2023/04/14/khar-lavrov",
        "language": "en",
        "citation": "Example News Service, Khar and Lavrov meet in Samarkand, 2023-04-14",
    }
    assert losses == (
        ("$[1].participants[0].person", "no person 'nobody' in the input"),
        ("$[1].sources[0]", "no source 'gone' in the input"),
        ("$[1].sources[2]", "no source 'elsewhere' in the input"),
    )


# -- properties, the consumer, the command line, scale ----------------------------------------


def resolves(data: Any, path: str) -> bool:
    """Whether the JSON path *path* (``$.a[0].b``) names a value in *data*."""
    value = data
    for name, number in _steps(path):
        if name:
            if not isinstance(value, dict) or name not in value:
                return False
            value = value[name]
        if number is not None:
            if not isinstance(value, list) or number >= len(value):
                return False
            value = value[number]
    return True


def _steps(path: str) -> list[tuple[str, int | None]]:
    steps: list[tuple[str, int | None]] = []
    for part in path.removeprefix("$").split(".")[1:]:
        name, _, rest = part.partition("[")
        steps.append((name, None))
        for index in filter(None, rest.split("[")):
            steps.append(("", int(index.rstrip("]"))))
    return steps


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dossiers())
def test_every_generated_dossier_exports_valid_events_and_losses_into_its_json(
    dossier: Dossier,
) -> None:
    for coarse in ("skip", "end"):
        events, losses = to_plover(dossier, coarse=coarse)
        accepted(events)
        data = to_dict(dossier)
        assert [path for path, _ in losses if not resolves(data, path)] == []
        exported = {event["id"] for event in events}
        for kind in ("meetings", "agreements", "activities"):
            for i, record in enumerate(getattr(dossier, kind)):
                path = f"$.{kind}[{i}]"
                skipped = any(p == path and r.startswith("not exported") for p, r in losses)
                assert (record.id in exported) != skipped, path


def test_the_command_line_writes_the_events_and_prints_the_losses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "events.jsonl"
    document = tmp_path / "samarkand.json"
    document.write_text(json.dumps(to_dict(samarkand_2023())), "utf-8")
    assert main(["export", "plover", str(document), "--out", str(out)]) == 0
    assert out.read_text("utf-8") == GOLDEN.read_text("utf-8")
    printed, _ = capsys.readouterr()
    lost = [line for line in printed.splitlines() if line.startswith("lost: ")]
    assert len(lost) == len(to_plover(samarkand_2023()).losses)
    assert (
        f"lost: {document}: $.meetings[1].topics: PLOVER has no field for a meeting's topics"
        in lost
    )


def test_the_command_line_dates_coarse_records_by_their_last_day_when_told(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = tmp_path / "meetings.jsonl"
    coarse = attrs.evolve(samarkand_2023().meetings[0], when=PartialDate(year=2023, month=4))
    lines.write_text(to_json(coarse) + "\n", "utf-8")
    out = tmp_path / "events.jsonl"
    assert main(["export", "plover", str(lines), "--out", str(out), "-q"]) == 0
    assert out.read_text("utf-8") == ""
    assert f"lost: {lines}:1: $" in capsys.readouterr().out
    assert main(["export", "plover", str(lines), "--out", str(out), "--coarse", "end"]) == 0
    [event] = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert (event["date"], event["date_precision"]) == ("2023-04-30", "month")


def test_coarse_is_an_option_of_plover_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = tmp_path / "samarkand.json"
    document.write_text(json.dumps(to_dict(samarkand_2023())), "utf-8")
    out = tmp_path / "out.csv"
    assert main(["export", "cameo", str(document), "--out", str(out), "--coarse", "end"]) == 2
    assert "--coarse is for plover, not cameo" in capsys.readouterr().err


def test_a_1_0_dossier_with_plover_0_8_contexts_reads_with_the_current_ones() -> None:
    old = {
        "schema_version": "1.0",
        "areas": [
            {"code": "acme:epidemics", "title": "Epidemics", "plover_context": "disease"},
            {"code": "acme:floods", "title": "Floods", "plover_context": "enviro_disaster"},
            {"code": "acme:relief", "title": "Relief", "plover_context": "humanitarian"},
            {"code": "acme:mines", "title": "Mines", "plover_context": "resource"},
            {"code": "acme:trade", "title": "Trade", "plover_context": "economic"},
        ],
    }
    migrated = MIGRATIONS["1.0"](old)
    assert [area["plover_context"] for area in migrated["areas"]] == [
        "health",
        "environment",
        "human_security",
        "natural_resource",
        "economic",
    ]
    dossier = from_json(json.dumps(old), Dossier)
    assert [a.plover_context for a in dossier.areas][:2] == ["health", "environment"]


def test_fifty_thousand_records_export_in_seconds() -> None:
    news = source()
    meetings = [
        attrs.evolve(m, sources=(news.id,), statements=(), evidence=())
        for m in meeting_corpus(50_000)
    ]
    started = time.perf_counter()
    events, losses = to_plover([news, *meetings], coarse="end")
    elapsed = time.perf_counter() - started
    assert len(events) + sum(r.startswith("not exported") for _, r in losses) == 50_000
    assert elapsed < 30
    accepted(events[:500])


# -- the codelists ------------------------------------------------------------------------------


def generator() -> Any:
    spec = importlib.util.spec_from_file_location(
        "generate_plover", ROOT / "scripts" / "generate_plover.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["plover_contexts", "plover_event_types", "plover_modes"])
def test_the_plover_codelists_are_what_the_script_makes_of_the_manual(name: str) -> None:
    script = generator()
    tex = script.EXCERPT.read_text("utf-8")
    rows = {
        "plover_contexts": script.contexts,
        "plover_event_types": script.event_types,
        "plover_modes": script.modes,
    }[name](tex)
    shipped = list(
        csv.reader(
            io.StringIO((ROOT / "src/diplomod/codelists" / f"{name}.csv").read_text("utf-8"))
        )
    )
    assert [list(row) for row in rows] == shipped[1:]


def test_the_current_manual_has_37_contexts_and_the_old_codes_are_replaced() -> None:
    contexts = codelist("plover_contexts")
    assert len(contexts) == 37
    assert not {"disease", "enviro_disaster", "humanitarian", "resource"} & set(contexts)
    assert {code: row["replaces"] for code, row in contexts.items() if row["replaces"]} == {
        "human_security": "humanitarian",
        "health": "disease",
        "natural_resource": "resource",
        "environment": "enviro_disaster",
    }
    assert codelist("plover_modes")["CONSULT.third-party"]["event_type"] == "CONSULT"
    assert codelist("plover_event_types")["COOPERATE"]["requires_recipient"] == "yes"


def test_an_area_record_and_an_ongoing_meeting_say_what_plover_cannot_carry() -> None:
    area = CooperationArea(code="acme:fishing", title="Fishing rights")
    going = attrs.evolve(samarkand_2023().meetings[1], status="ongoing", evidence=(), topics=())
    _, losses = to_plover([area, going])
    assert losses[0] == ("$[0]", "PLOVER has no record for a cooperation area; its context is used")
    assert ("$[1].status", "PLOVER codes what took place; it cannot say it is still going on") in (
        losses
    )
