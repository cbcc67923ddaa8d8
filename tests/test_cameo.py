"""CAMEO dyads: one row for each ordered pair of parties, codes as text, losses exact."""

from __future__ import annotations

import itertools
import time
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import (
    KHAR,
    LAVROV,
    bare_meeting,
    gas_pipeline_mou,
    khar_participant,
    lavrov_participant,
    meeting_corpus,
    neighbours_meeting,
    samarkand_meeting,
)
from diplomod import (
    Activity,
    Agreement,
    CooperationArea,
    Dossier,
    Meeting,
    PartialDate,
    Participant,
    Period,
    Place,
    Signatory,
    codelist,
    to_json,
)
from diplomod._cli import main
from diplomod._export import FORMATS, written
from diplomod._model import shape
from diplomod.cameo import CARRIED, COLUMNS, LOST, area_code, to_cameo_dyads
from diplomod.examples import samarkand_2023
from diplomod.testing import dossiers, meetings

GOLDEN = Path(__file__).parent / "golden" / "samarkand_2023-cameo.csv"
CODES = codelist("cameo_event_codes")


def dyads(*records: Any) -> list[tuple[str, str, str]]:
    """(source, code, target) of each row of *records*."""
    rows, _ = to_cameo_dyads(records)
    return [(row["source_actor"], row["code"], row["target_actor"]) for row in rows]


# -- the worked example -------------------------------------------------------------------------


def test_the_worked_example_is_the_golden_file() -> None:
    rows, _ = to_cameo_dyads(samarkand_2023())
    assert written("cameo", rows) == GOLDEN.read_text(encoding="utf-8")


def test_the_worked_example_loses_exactly_these() -> None:
    _, losses = to_cameo_dyads(samarkand_2023())
    office = "CAMEO dyads have no column for an office"
    topic = "CAMEO dyads have no column for a topic"
    instrument = "CAMEO dyads have no column for an agreement's instrument type"
    step = "CAMEO dyads carry an agreement's signing, not its lifecycle steps"
    evidence = "CAMEO dyads carry no evidence"
    assert losses == (
        ("$.sources[0]", "CAMEO dyads have no row for a source"),
        ("$.sources[1]", "CAMEO dyads have no row for a source"),
        ("$.sources[2]", "CAMEO dyads have no row for a source"),
        ("$.people[0]", "CAMEO dyads have no row for a person"),
        ("$.people[1]", "CAMEO dyads have no row for a person"),
        ("$.organizations[0]", "CAMEO dyads have no row for an organization"),
        ("$.meetings[0].participants[0].office", office),
        ("$.meetings[0].participants[1].office", office),
        ("$.meetings[0].topics[0]", topic),
        ("$.meetings[0].evidence[0]", evidence),
        ("$.meetings[1].participants[0].office", office),
        ("$.meetings[1].participants[1].office", office),
        ("$.meetings[1].occasion", LOST["occasion"]),
        ("$.meetings[1].topics[0]", topic),
        ("$.meetings[1].topics[1]", topic),
        *((f"$.meetings[1].statements[{i}]", "CAMEO dyads carry no statement") for i in range(10)),
        ("$.meetings[1].evidence[0]", evidence),
        ("$.agreements[0].instrument", instrument),
        ("$.agreements[0].events[0]", step),
        ("$.agreements[0].events[1]", step),
        ("$.agreements[0].projects[0]", "CAMEO dyads have no column for a project"),
        ("$.agreements[0].evidence[0]", evidence),
        ("$.agreements[1].instrument", instrument),
        ("$.agreements[1].evidence[0]", evidence),
        ("$.activities[0].evidence[0]", evidence),
        ("$.activities[1].evidence[0]", evidence),
        ("$.activities[2].evidence[0]", evidence),
    )


def test_the_worked_example_rows_in_brief() -> None:
    rows, _ = to_cameo_dyads(samarkand_2023())
    brief = [(r["record_id"], r["source_actor"], r["code"], r["target_actor"]) for r in rows]
    assert brief[::2] == [
        ("afghanistan-neighbours-summit-4", "PAK", "044", "RUS"),
        ("meeting-2023-04-14-khar-lavrov", "PAK", "044", "RUS"),
        ("mou-2021-north-south-gas-pipeline", "PAK", "057", "RUS"),
        ("pakistan-russia-defense-agreements", "PAK", "057", "RUS"),
        ("pakistan-russia-joint-military-exercises", "PAK", "062", "RUS"),
        ("pakistan-russia-counterterrorism", "PAK", "060", "RUS"),
        ("pakistan-russia-trade-investment-research", "PAK", "061", "RUS"),
    ]
    first = rows[2]
    assert {key: first[key] for key in COLUMNS[:19]} == {
        "record_kind": "meeting",
        "record_id": "meeting-2023-04-14-khar-lavrov",
        "source_actor": "PAK",
        "source_country": "PAK",
        "source_name": "Pakistan",
        "source_people": KHAR,
        "code": "044",
        "root_code": "04",
        "quad_class": "1",
        "goldstein": "2.5",
        "target_actor": "RUS",
        "target_country": "RUS",
        "target_name": "Russian Federation",
        "target_people": LAVROV,
        "date": "2023-04-14",
        "date_precision": "day",
        "earliest": "2023-04-14",
        "latest": "2023-04-14",
        "when": "2023-04-14",
    }
    assert (first["place"], first["place_country"], first["formats"]) == (
        "Samarkand",
        "UZB",
        "bilateral third_location",
    )


# -- meetings -----------------------------------------------------------------------------------


def test_a_meeting_at_a_third_location_gives_044_each_way() -> None:
    assert dyads(samarkand_meeting()) == [("PAK", "044", "RUS"), ("RUS", "044", "PAK")]


def test_a_visit_is_042_from_the_visitor_and_043_from_the_host_named_by_role() -> None:
    visit = samarkand_meeting(
        formats=frozenset({"bilateral", "visit", "hosted"}),
        where=Place(name="Moscow", country="RUS"),
        participants=(khar_participant(role="guest"), lavrov_participant(role="host")),
    )
    assert dyads(visit) == [("PAK", "042", "RUS"), ("RUS", "043", "PAK")]
    _, losses = to_cameo_dyads([visit])
    assert [path for path, _ in losses if path.endswith(".role")] == []


def test_without_a_host_role_the_host_is_the_party_whose_state_the_meeting_is_in() -> None:
    visit = bare_meeting(
        "visit", formats=frozenset({"visit"}), where=Place(name="Islamabad", country="PAK")
    )
    assert dyads(visit) == [("PAK", "043", "RUS"), ("RUS", "042", "PAK")]


def test_a_hosted_multilateral_meeting_visits_the_host_and_the_guests_meet_abroad() -> None:
    meeting = neighbours_meeting()
    codes = {(s, t): c for s, c, t in dyads(meeting)}
    assert len(codes) == 7 * 6
    assert codes["UZB", "PAK"] == "043"
    assert codes["PAK", "UZB"] == "042"
    assert codes["PAK", "RUS"] == codes["RUS", "PAK"] == "044"
    assert Counter(codes.values()) == {"043": 6, "042": 6, "044": 30}


@pytest.mark.parametrize("call", ["phone_call", "video_call"])
def test_a_call_is_041_both_ways(call: str) -> None:
    meeting = bare_meeting("call", formats=frozenset({"bilateral", call}))
    assert dyads(meeting) == [("PAK", "041", "RUS"), ("RUS", "041", "PAK")]


def test_a_planned_meeting_is_036_both_ways() -> None:
    meeting = samarkand_meeting(status="planned")
    assert dyads(meeting) == [("PAK", "036", "RUS"), ("RUS", "036", "PAK")]


def test_a_meeting_whose_place_is_not_known_is_040() -> None:
    assert dyads(bare_meeting("m")) == [("PAK", "040", "RUS"), ("RUS", "040", "PAK")]


def test_a_meeting_said_to_be_at_a_third_location_without_its_place_is_044() -> None:
    meeting = bare_meeting("m", formats=frozenset({"bilateral", "third_location"}))
    assert dyads(meeting) == [("PAK", "044", "RUS"), ("RUS", "044", "PAK")]


def test_the_people_of_a_party_are_its_participants() -> None:
    meeting = bare_meeting(
        "m",
        participants=(
            Participant(represents="PAK", person="a"),
            Participant(represents="RUS"),
            Participant(represents="PAK", person="b"),
        ),
    )
    rows, _ = to_cameo_dyads([meeting])
    assert [(r["source_people"], r["target_people"]) for r in rows] == [("a b", ""), ("", "a b")]


def test_roles_the_codes_do_not_say_and_offices_are_lost() -> None:
    meeting = bare_meeting(
        "m",
        formats=frozenset({"multilateral", "phone_call"}),
        participants=(
            Participant(represents="PAK", role="host", office="Prime Minister"),
            Participant(represents="RUS", role="chair"),
            Participant(represents="CHN", role="guest"),
            Participant(represents="IRN"),
        ),
    )
    _, losses = to_cameo_dyads([meeting])
    assert losses == (
        ("$[0].participants[0].office", "CAMEO dyads have no column for an office"),
        ("$[0].participants[0].role", "CAMEO dyads carry no participant's role 'host' here"),
        ("$[0].participants[1].role", "CAMEO dyads carry no participant's role 'chair' here"),
        ("$[0].participants[2].role", "CAMEO dyads carry no participant's role 'guest' here"),
    )


def test_every_field_of_an_event_is_carried_or_reported() -> None:
    for cls, carried in CARRIED.items():
        names = {field.name for field in shape(cls).fields}
        assert carried | (names & LOST.keys()) == names
        assert not carried & LOST.keys()


# -- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "columns"),
    [
        (PartialDate.parse("2023-04-14"), ("2023-04-14", "day", "2023-04-14", "2023-04-14")),
        (PartialDate.parse("2023-04"), ("2023-04", "month", "2023-04-01", "2023-04-30")),
        (PartialDate.parse("2023~"), ("2023", "year", "2023-01-01", "2023-12-31")),
        (
            PartialDate.parse("2023-04-14T10:30:00+05:00"),
            ("2023-04-14", "day", "2023-04-14", "2023-04-14"),
        ),
        (Period.parse("2023-04-13/2023-04-14"), ("2023-04-13", "day", "2023-04-13", "2023-04-14")),
        (Period.parse("2017/.."), ("2017", "year", "2017-01-01", "")),
        (Period.parse("/2010"), ("", "", "", "2010-12-31")),
    ],
)
def test_dates_keep_their_precision_and_their_edtf_text(
    when: Any, columns: tuple[str, ...]
) -> None:
    rows, losses = to_cameo_dyads([bare_meeting("m", when=when)])
    row = rows[0]
    assert (row["date"], row["date_precision"], row["earliest"], row["latest"]) == columns
    assert row["when"] == str(when)
    assert losses == ()


def test_an_activity_with_no_date_has_empty_date_columns() -> None:
    activity = Activity(
        id="a", parties=("PAK", "RUS"), description="Trade.", areas=frozenset({"economy.trade"})
    )
    (row, _), _ = to_cameo_dyads([activity])
    assert [row[c] for c in ("date", "date_precision", "earliest", "latest", "when")] == [""] * 5


# -- agreements and activities --------------------------------------------------------------------


def test_a_signed_agreement_is_057_between_each_pair_of_parties() -> None:
    treaty = gas_pipeline_mou(parties=("PAK", "RUS", "CHN"), events=())
    assert dyads(treaty) == [
        ("PAK", "057", "RUS"),
        ("PAK", "057", "CHN"),
        ("RUS", "057", "PAK"),
        ("RUS", "057", "CHN"),
        ("CHN", "057", "PAK"),
        ("CHN", "057", "RUS"),
    ]


@pytest.mark.parametrize(
    ("areas", "code"),
    [
        ({"economy.trade", "energy.pipelines"}, "0311"),
        ({"security.defense"}, "0312"),
        ({"governance.judicial"}, "0313"),
        ({"security.intelligence"}, "0314"),
        ({"humanitarian"}, "0333"),
        ({"security.peacekeeping"}, "0334"),
        ({"economy.trade", "security.defense"}, "031"),
        ({"economy.trade", "humanitarian"}, "030"),
        ({"culture"}, "030"),
    ],
)
def test_a_planned_agreement_expresses_the_intent_its_areas_give(
    areas: set[str], code: str
) -> None:
    planned = gas_pipeline_mou(status="planned", events=(), areas=frozenset(areas))
    assert dyads(planned) == [("PAK", code, "RUS"), ("RUS", code, "PAK")]


def test_an_agreement_under_negotiation_is_046() -> None:
    talks = gas_pipeline_mou(status="ongoing", events=())
    assert dyads(talks) == [("PAK", "046", "RUS"), ("RUS", "046", "PAK")]


@pytest.mark.parametrize(
    ("areas", "status", "code"),
    [
        ({"security.defense.exercises"}, "ongoing", "062"),
        ({"economy.trade", "energy"}, "done", "061"),
        ({"economy.trade", "security.defense"}, "done", "060"),
        ({"humanitarian.disaster_relief"}, "done", "073"),
        ({"economy.trade", "humanitarian"}, "done", "060"),
        ({"culture.education"}, "done", "060"),
        ({"security.defense.exercises"}, "planned", "0312"),
    ],
)
def test_an_activity_is_its_areas_material_cooperation(
    areas: set[str], status: str, code: str
) -> None:
    activity = Activity(
        id="a",
        parties=("PAK", "RUS"),
        description="Together.",
        areas=frozenset(areas),
        status=status,
    )
    assert dyads(activity) == [("PAK", code, "RUS"), ("RUS", code, "PAK")]


def test_an_extension_area_gives_its_codes_when_the_dossier_defines_it() -> None:
    fisheries = CooperationArea(
        code="acme:fisheries", title="Fisheries", cameo_activity="061", cameo_intent="0311"
    )
    activity = Activity(
        id="a",
        parties=("PAK", "RUS"),
        description="Joint patrols of fishing grounds.",
        areas=frozenset({"acme:fisheries"}),
    )
    assert dyads(activity) == [("PAK", "060", "RUS"), ("RUS", "060", "PAK")]
    rows, losses = to_cameo_dyads(Dossier(activities=(activity,), areas=(fisheries,)))
    assert [r["code"] for r in rows] == ["061", "061"]
    assert losses == (
        ("$.areas[0]", "CAMEO dyads have no row for a cooperation area's definition"),
    )
    assert area_code(["acme:fisheries"], "cameo_intent", {"acme:fisheries": fisheries}) == "0311"


def test_signatories_are_the_people_of_their_party_and_the_rest_is_reported() -> None:
    treaty = gas_pipeline_mou(
        events=(),
        signatories=(
            Signatory(person=KHAR, on_behalf_of="PAK", office="Minister of State"),
            Signatory(person=LAVROV, on_behalf_of="RUS", role="guarantor"),
            Signatory(person="witness", on_behalf_of="UZB", role="witness"),
        ),
    )
    rows, losses = to_cameo_dyads([treaty])
    assert [(r["source_people"], r["target_people"]) for r in rows] == [
        (KHAR, LAVROV),
        (LAVROV, KHAR),
    ]
    assert losses == (
        ("$[0].instrument", "CAMEO dyads have no column for an agreement's instrument type"),
        ("$[0].signatories[0].office", "CAMEO dyads have no column for an office"),
        ("$[0].signatories[1].role", "CAMEO dyads carry no signatory's role 'guarantor'"),
        ("$[0].signatories[2]", "CAMEO dyads carry only the people who sign for a party"),
        ("$[0].projects[0]", "CAMEO dyads have no column for a project"),
        ("$[0].evidence[0]", "CAMEO dyads carry no evidence"),
    )


def test_an_organization_is_named_from_the_input_or_left_unnamed() -> None:
    dossier = samarkand_2023()
    sco = dossier.organizations[0]
    meeting = bare_meeting(
        "m", participants=(Participant(represents="PAK"), Participant(represents=sco.id))
    )
    rows, _ = to_cameo_dyads([sco, meeting])
    assert (rows[0]["target_actor"], rows[0]["target_country"], rows[0]["target_name"]) == (
        sco.id,
        "",
        sco.name,
    )
    rows, losses = to_cameo_dyads([meeting])
    assert (rows[0]["target_actor"], rows[0]["target_name"], losses) == (sco.id, "", ())


# -- properties ---------------------------------------------------------------------------------


@given(meetings())
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_a_meeting_gives_a_row_for_each_ordered_pair_of_its_parties(meeting: Meeting) -> None:
    rows, losses = to_cameo_dyads([meeting])
    n = len(meeting.parties)
    assert len(rows) == n * (n - 1)
    pairs = [(row["source_actor"], row["target_actor"]) for row in rows]
    assert sorted(pairs) == sorted(itertools.permutations(meeting.parties, 2))
    if "bilateral" in meeting.formats:
        assert len(rows) == 2
    for row in rows:
        assert list(row) == COLUMNS
        code = CODES[row["code"]]
        assert (row["root_code"], row["quad_class"], row["goldstein"]) == (
            code["root"],
            code["quad_class"],
            code["goldstein"],
        )
    codes = {row["code"] for row in rows}
    if meeting.formats & {"phone_call", "video_call"} and meeting.status != "planned":
        assert codes == {"041"}
    assert Counter(r["code"] for r in rows)["042"] == Counter(r["code"] for r in rows)["043"]
    assert all(path.startswith("$[0].") for path, _ in losses)


@given(st.lists(st.sampled_from(sorted(codelist("states"))), min_size=3, max_size=8, unique=True))
def test_a_multilateral_meeting_of_n_parties_gives_n_times_n_minus_1_rows(
    parties: list[str],
) -> None:
    meeting = bare_meeting(
        "m",
        formats=frozenset({"multilateral"}),
        participants=tuple(Participant(represents=p) for p in parties),
    )
    n = len(parties)
    assert len(dyads(meeting)) == n * (n - 1)


@given(dossiers())
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_dossier_gives_rows_for_its_events_and_reports_every_other_record(
    dossier: Dossier,
) -> None:
    rows, losses = to_cameo_dyads(dossier)
    events: list[Meeting | Agreement | Activity] = [
        *dossier.meetings,
        *dossier.agreements,
        *dossier.activities,
    ]
    expected = sum(len(_parties(e)) * (len(_parties(e)) - 1) for e in events)
    assert len(rows) == expected
    assert Counter(r["record_id"] for r in rows) == {
        e.id: len(_parties(e)) * (len(_parties(e)) - 1) for e in events
    }
    whole = [path for path, reason in losses if "have no row for" in reason]
    others = ("sources", "people", "organizations", "areas")
    assert whole == [
        f"$.{name}[{i}]" for name in others for i in range(len(getattr(dossier, name)))
    ]
    assert all(row["code"] in CODES for row in rows)


def _parties(record: Any) -> frozenset[str]:
    return record.parties if isinstance(record, Meeting) else frozenset(record.parties)


# -- the consumer: DuckDB -----------------------------------------------------------------------


TYPES = dict.fromkeys(COLUMNS, "VARCHAR") | {
    "quad_class": "TINYINT",
    "goldstein": "DOUBLE",
    "earliest": "DATE",
    "latest": "DATE",
}
"""The columns' types, declared for DuckDB so that codes stay text with their zeros."""


def test_duckdb_reads_the_csv_with_the_codes_as_text(tmp_path: Path) -> None:
    rows, _ = to_cameo_dyads(samarkand_2023())
    path = tmp_path / "dyads.csv"
    path.write_text(written("cameo", rows), encoding="utf-8")
    columns = "{" + ", ".join(f"'{name}': '{kind}'" for name, kind in TYPES.items()) + "}"
    source = f"read_csv('{path}', header = true, columns = {columns})"
    with duckdb.connect() as db:
        described = db.sql(f"DESCRIBE SELECT * FROM {source}").fetchall()
        found = db.sql(
            f"SELECT code, root_code, quad_class, goldstein, count(*) AS n FROM {source} "
            "GROUP BY ALL ORDER BY code"
        ).fetchall()
        days = db.sql(
            f"SELECT earliest, latest FROM {source} WHERE date_precision = 'month'"
        ).fetchall()
    assert [(name, kind) for name, kind, *_ in described] == list(TYPES.items())
    assert found == [
        ("044", "04", 1, 2.5, 4),
        ("057", "05", 1, 8.0, 4),
        ("060", "06", 2, 6.0, 2),
        ("061", "06", 2, 6.4, 2),
        ("062", "06", 2, 7.4, 2),
    ]
    assert [str(d) for d in days[0]] == ["2023-04-01", "2023-04-30"]


# -- the command line ---------------------------------------------------------------------------


def test_the_command_line_writes_the_csv_and_prints_the_losses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dossier = samarkand_2023()
    path = tmp_path / "events.jsonl"
    lines = [to_json(meeting) for meeting in dossier.meetings] + [to_json(dossier.agreements[0])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out_path = tmp_path / "dyads.csv"
    code = main(["export", "cameo", str(path), "--out", str(out_path)])
    out, err = capsys.readouterr()
    assert code == 0
    rows, _ = to_cameo_dyads([*dossier.meetings, dossier.agreements[0]])
    assert out_path.read_text(encoding="utf-8") == written("cameo", rows)
    assert out.splitlines()[:2] == [
        f"lost: {path}:1: $.participants[0].office: CAMEO dyads have no column for an office",
        f"lost: {path}:1: $.participants[1].office: CAMEO dyads have no column for an office",
    ]
    assert out.splitlines()[-1] == f"lost: {path}:3: $.evidence[0]: CAMEO dyads carry no evidence"
    assert err == "diplomod export: 3 records exported as cameo, 25 losses, 0 problems\n"
    assert FORMATS["cameo"].layout == "csv"


def test_the_command_line_exports_a_dossier(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "dossier.json"
    path.write_text(to_json(samarkand_2023()), encoding="utf-8")
    out_path = tmp_path / "dyads.csv"
    assert main(["export", "cameo", str(path), "--out", str(out_path), "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert (
        out.splitlines()[0] == f"lost: {path}: $.sources[0]: CAMEO dyads have no row for a source"
    )
    assert err == ""
    assert out_path.read_text(encoding="utf-8") == GOLDEN.read_text(encoding="utf-8")


# -- scale ----------------------------------------------------------------------------------------


def test_fifty_thousand_records_from_python_and_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = list(meeting_corpus(50_000))
    started = time.perf_counter()
    rows, losses = to_cameo_dyads(corpus)
    assert time.perf_counter() - started < 30
    assert len(rows) == 100_000
    # A third of the corpus is planned (036); the rest meets at Samarkand, a third location.
    assert Counter(r["code"] for r in rows) == {"044": 66_668, "036": 33_332}
    # Each: two offices, an occasion, a topic, three statements and the meeting's evidence.
    assert Counter(path.partition("].")[2].partition("[")[0] for path, _ in losses) == {
        "participants": 100_000,
        "occasion": 50_000,
        "topics": 50_000,
        "statements": 150_000,
        "evidence": 50_000,
    }
    assert out_path_lines(tmp_path, capsys, 50_000) == 100_000


def out_path_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str], count: int) -> int:
    """Export *count* small meetings from a JSON Lines file on the command line; return the
    number of rows written, after checking the losses printed."""
    path = tmp_path / "corpus.jsonl"
    line = (
        '{{"kind":"meeting","id":"meeting-{i:06d}","when":"{year}-{month:02d}",'
        '"participants":[{{"represents":"PAK","office":"Minister"}},{{"represents":"RUS"}}],'
        '"formats":["bilateral"]}}\n'
    )
    path.write_text(
        "".join(line.format(i=i, year=1990 + i % 35, month=1 + i % 12) for i in range(count)),
        encoding="utf-8",
    )
    out_path = tmp_path / "dyads.csv"
    assert main(["export", "cameo", str(path), "--out", str(out_path)]) == 0
    out, err = capsys.readouterr()
    assert (
        err
        == f"diplomod export: {count:,} records exported as cameo, {count:,} losses, 0 problems\n"
    )
    assert out.splitlines()[-1] == (
        f"lost: {path}:{count}: $.participants[0].office: CAMEO dyads have no column for an office"
    )
    with out_path.open(encoding="utf-8") as written_rows:
        return sum(1 for _ in written_rows) - 1
