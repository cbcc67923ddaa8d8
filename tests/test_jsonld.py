"""Records as linked data: diplomod's JSON with its shipped context, and schema.org.

What a user relies on: the shipped context is the one the code describes, names every
field, and makes diplomod's JSON linked data with no relative IRI left; the schema.org
document of the worked example is the golden one, expands (with schema.org's context
served locally, as tests have no network) to absolute IRIs with every meeting an Event,
and parses in rdflib to the triples expected; and whatever schema.org cannot carry is
reported at its place in the input, exactly.
"""

from __future__ import annotations

import json
import time
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

pyld = pytest.importorskip("pyld")
rdflib = pytest.importorskip("rdflib")

from pyld import jsonld as ld  # noqa: E402
from rdflib import RDF, Graph, URIRef  # noqa: E402

from diplomod import (  # noqa: E402
    Activity,
    Agreement,
    AgreementLink,
    CooperationArea,
    Dossier,
    Meeting,
    Membership,
    MembershipBasis,
    Name,
    Organization,
    PartialDate,
    Participant,
    Period,
    Person,
    Signatory,
    testing,
    to_dict,
    write_jsonl,
)
from diplomod._cli import main  # noqa: E402
from diplomod._export import written  # noqa: E402
from diplomod._model import kinds, shape  # noqa: E402
from diplomod.examples import samarkand_2023  # noqa: E402
from diplomod.jsonld import (  # noqa: E402
    BASE,
    SCHEMA,
    context,
    context_text,
    shipped_context,
    to_schemaorg,
)
from exported import at, corpus  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SCHEMA_ORG = {
    "@context": {
        "@vocab": SCHEMA,
        "sameAs": {"@id": f"{SCHEMA}sameAs", "@type": "@id"},
        "url": {"@id": f"{SCHEMA}url", "@type": "@id"},
    }
}
"""The little of schema.org's own context the documents use: its vocabulary (at
``http://schema.org/``, as schema.org's context writes it) and its URL-valued properties."""


def loader(url: str, options: Any = None) -> dict[str, Any]:
    """pyld's document loader: schema.org's context, served from here."""
    assert url.rstrip("/") == "https://schema.org", url
    return {"contextUrl": None, "documentUrl": url, "document": SCHEMA_ORG}


def expand(document: Any) -> list[dict[str, Any]]:
    return ld.expand(document, {"documentLoader": loader})  # type: ignore[no-any-return]


def iris(expanded: Any) -> set[str]:
    """Every IRI of an expanded document: its keys, ids and types."""
    found: set[str] = set()
    if isinstance(expanded, list):
        for item in expanded:
            found |= iris(item)
    elif isinstance(expanded, dict):
        for key, value in expanded.items():
            if key in ("@id", "@type"):
                found.update(value if isinstance(value, list) else [value])
            elif key != "@value":
                found.add(key)
                found |= iris(value)
    return {iri for iri in found if not iri.startswith("@")}


def relative(expanded: Any) -> set[str]:
    return {iri for iri in iris(expanded) if not iri.startswith(("http://", "https://", "_:"))}


def typed(expanded: list[dict[str, Any]], type_: str) -> list[str]:
    return [node["@id"] for node in expanded if type_ in node.get("@type", ())]


def graph(document: dict[str, Any]) -> Graph:
    """The document parsed by rdflib, with schema.org's context given in place."""
    local = {**document, "@context": SCHEMA_ORG["@context"]}
    with warnings.catch_warnings():  # rdflib's JSON-LD parser uses its own deprecated class
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        return Graph().parse(data=json.dumps(local), format="json-ld")


# -- the context of diplomod's own JSON -----------------------------------------------------


def test_the_shipped_context_is_the_one_the_code_describes() -> None:
    assert shipped_context() == context(), "run python scripts/generate_context.py"


def test_the_shipped_file_is_the_dump_of_the_context() -> None:
    text = (ROOT / "src" / "diplomod" / "context.jsonld").read_bytes().decode("utf-8")
    assert text == context_text(), "run python scripts/generate_context.py"
    assert (ROOT / "scripts" / "generate_context.py").is_file()


def fields(cls: type, seen: set[type]) -> set[str]:
    if cls in seen:
        return set()
    seen.add(cls)
    names = set()
    for field in shape(cls).fields:
        names.add(field.name)
        node = field.node.item or field.node
        if node.cls is not None:
            names |= fields(node.cls, seen)
    return names


def test_every_field_of_every_record_has_a_term() -> None:
    terms = shipped_context()["@context"]
    names = fields(Dossier, set()) | {"schema_version", "kind"}
    assert names - terms.keys() == set()
    assert terms["id"] == "@id"
    assert terms["kind"] == "@type"
    assert terms["wikidata"] == "dm:wikidata"
    assert terms["represents"] == {"@id": "dm:represents", "@type": "@id"}
    assert terms["country"] == {"@id": "schema:containedInPlace", "@type": "@id"}


def with_context(data: dict[str, Any]) -> dict[str, Any]:
    return {"@context": shipped_context()["@context"], **data}


def test_the_worked_example_with_the_context_has_no_relative_iri() -> None:
    dossier = samarkand_2023()
    expanded = ld.expand(with_context(to_dict(dossier)))
    assert relative(expanded) == set()
    assert BASE + "meeting-2023-04-14-khar-lavrov" in iris(expanded)
    assert BASE + "PAK" in iris(expanded)
    found = ld.flatten(with_context(to_dict(dossier)))
    assert typed(found, f"{SCHEMA}Event") == [BASE + m.id for m in dossier.meetings]
    assert typed(found, f"{SCHEMA}Legislation") == [BASE + a.id for a in dossier.agreements]
    sco = next(node for node in found if node["@id"] == BASE + "sco")
    assert "@type" not in sco
    assert sco["https://diplomod.org/vocab#kind"] == [{"@value": "intergovernmental"}]


def test_an_agreements_meeting_is_a_property_and_a_meetings_kind_a_type() -> None:
    agreement = to_dict(samarkand_2023().agreements[0]) | {
        "meeting": "meeting-2023-04-14-khar-lavrov"
    }
    expanded = ld.expand(with_context(agreement))[0]
    assert expanded["@type"] == [f"{SCHEMA}Legislation"]
    assert expanded["https://diplomod.org/vocab#meeting"] == [
        {"@id": BASE + "meeting-2023-04-14-khar-lavrov"}
    ]
    meeting = ld.expand(with_context(to_dict(samarkand_2023().meetings[1])))[0]
    assert meeting["@type"] == [f"{SCHEMA}Event"]
    assert relative([expanded, meeting]) == set()


# -- schema.org -----------------------------------------------------------------------------


def test_the_worked_example_is_the_golden_document() -> None:
    document, _ = to_schemaorg(samarkand_2023())
    golden = HERE / "golden" / "schemaorg_samarkand_2023.jsonld"
    assert written("jsonld", document) == golden.read_text("utf-8")


def test_the_worked_example_expands_to_absolute_iris_with_every_meeting_an_event() -> None:
    dossier = samarkand_2023()
    expanded = expand(to_schemaorg(dossier).output)
    assert relative(expanded) == set()
    nodes = expanded  # a document of one graph expands to its nodes
    assert typed(nodes, f"{SCHEMA}Event") == [BASE + m.id for m in dossier.meetings]
    assert typed(nodes, f"{SCHEMA}Person") == [BASE + p.id for p in dossier.people]
    assert typed(nodes, f"{SCHEMA}Country") == [
        BASE + code for code in ("CHN", "KAZ", "PAK", "RUS", "UZB")
    ]


def test_rdflib_reads_the_worked_example() -> None:
    triples = graph(to_schemaorg(samarkand_2023()).output)
    assert len(triples) == 251
    types = Counter(str(o).removeprefix(SCHEMA) for o in triples.objects(None, RDF.type))
    assert types == {
        "DefinedTerm": 19,
        "Place": 5,
        "Country": 5,
        "GovernmentOrganization": 5,
        "PropertyValue": 5,
        "Organization": 4,
        "OrganizationRole": 4,
        "Role": 4,
        "Thing": 4,
        "CreativeWork": 3,
        "Action": 3,
        "Person": 2,
        "Event": 2,
        "Legislation": 2,
    }
    meeting = URIRef(BASE + "meeting-2023-04-14-khar-lavrov")
    assert triples.value(meeting, URIRef(f"{SCHEMA}superEvent")) == URIRef(
        BASE + "afghanistan-neighbours-summit-4"
    )
    assert str(triples.value(meeting, URIRef(f"{SCHEMA}startDate"))) == "2023-04-14"
    sco = URIRef(BASE + "sco")
    assert set(triples.objects(sco, URIRef(f"{SCHEMA}founder"))) == {URIRef(BASE + "RUS")}


QUOTES = "schema.org has no quotes from sources"
GOES_ON = "schema.org cannot say a period still goes on (..): no endDate"
FORMATS = "schema.org has no meeting formats, only whether it was held online"
PARTY = "schema.org's attendees represent no party"


def test_the_worked_example_loses_exactly_this() -> None:
    _, losses = to_schemaorg(samarkand_2023())
    assert losses == (
        ("$.people[0].evidence", QUOTES),
        ("$.people[1].evidence", QUOTES),
        ("$.organizations[0].evidence", QUOTES),
        ("$.organizations[0].memberships[0].period.end", GOES_ON),
        ("$.organizations[0].memberships[1].period.end", GOES_ON),
        ("$.meetings[0].formats", FORMATS),
        ("$.meetings[0].participants[0].represents", PARTY),
        ("$.meetings[0].participants[1].represents", PARTY),
        ("$.meetings[0].evidence", QUOTES),
        ("$.meetings[1].formats", FORMATS),
        ("$.meetings[1].participants[0].represents", PARTY),
        ("$.meetings[1].participants[1].represents", PARTY),
        (
            "$.meetings[1].occasion.relation",
            "schema.org's superEvent makes the meeting part of the other event, not sidelines_of",
        ),
        ("$.meetings[1].statements", "schema.org has no statements with their stances"),
        ("$.meetings[1].evidence", QUOTES),
        ("$.agreements[0].events", "schema.org's legislation has no steps of a treaty's life"),
        ("$.agreements[0].evidence", QUOTES),
        ("$.agreements[1].evidence", QUOTES),
        ("$.activities[0].evidence", QUOTES),
        ("$.activities[1].evidence", QUOTES),
        ("$.activities[2].evidence", QUOTES),
    )


def test_a_planned_call_hosted_by_an_unnamed_delegation() -> None:
    call = Meeting(
        id="call-1",
        when=PartialDate.parse("2023-04-15T08:00:00+08:00[Asia/Shanghai]"),
        participants=(
            Participant(represents="CHN", role="host"),
            Participant(represents="RUS", person="sergey-lavrov", office="Foreign Minister"),
        ),
        formats=frozenset({"phone_call", "bilateral"}),
        status="planned",
        wikidata="Q42",
    )
    document, losses = to_schemaorg([call])
    event = document["@graph"][0]
    assert event["startDate"] == "2023-04-15T08:00:00+08:00"
    assert event["eventAttendanceMode"] == {"@id": f"{SCHEMA}OnlineEventAttendanceMode"}
    assert event["eventStatus"] == {"@id": f"{SCHEMA}EventScheduled"}
    assert event["organizer"] == [{"@id": BASE + "CHN"}]
    assert event["attendee"][1] == {
        "@type": "Role",
        "attendee": {"@id": BASE + "sergey-lavrov"},
        "roleName": "participant",
        "namedPosition": "Foreign Minister",
    }
    assert event["sameAs"] == ["https://www.wikidata.org/wiki/Q42"]
    assert losses == (
        (
            "$[0].when",
            "schema.org dates have no time zone names: "
            "2023-04-15T08:00:00+08:00[Asia/Shanghai] is written 2023-04-15T08:00:00+08:00",
        ),
        ("$[0].formats", FORMATS),
        ("$[0].status", "schema.org's EventScheduled does not tell planned from done"),
        ("$[0].participants[1].represents", PARTY),
    )
    assert relative(expand(document)) == set()


def test_an_agreement_keeps_its_links_schema_org_has_and_loses_the_others() -> None:
    agreement = Agreement(
        id="protocol-1",
        title="Protocol",
        instrument="protocol",
        parties=("PAK", "RUS"),
        concluded=PartialDate.parse("2021~"),
        signatories=(Signatory(person="sergey-lavrov", on_behalf_of="RUS"),),
        links=(
            AgreementLink(relation="amends", agreement="treaty-1"),
            AgreementLink(relation="protocol_to", agreement="treaty-1"),
        ),
        meeting="meeting-1",
    )
    document, losses = to_schemaorg([agreement])
    node = document["@graph"][0]
    assert node["legislationDate"] == "2021"
    assert node["legislationAmends"] == [{"@id": BASE + "treaty-1"}]
    assert node["legislationPassedBy"] == [{"@id": BASE + "PAK"}, {"@id": BASE + "RUS"}]
    assert losses == (
        ("$[0].concluded", "schema.org dates have no qualifiers: 2021~ is written 2021"),
        ("$[0].links[1]", "schema.org has no link for protocol_to"),
        ("$[0].signatories", "schema.org's legislation has no signatories"),
        ("$[0].meeting", "schema.org's legislation has no meeting it was made at"),
    )


def test_organizations_people_areas_and_activities() -> None:
    organization = Organization(
        id="org-1",
        name="Organisation",
        kind="intergovernmental",
        acronym="ORG",
        other_names=(Name(text="Organisation", language="fr"),),
        memberships=(
            Membership(
                state="IND",
                status="observer",
                period=Period.parse("../2017-06-09"),
                basis=MembershipBasis(agreement="charter-1", action="acceded"),
            ),
        ),
    )
    person = Person(id="p-1", name="Khar", other_names=(Name(text="کھر", language="ur"),))
    area = CooperationArea(code="acme:fisheries", title="Fisheries", cameo_activity="061")
    activity = Activity(
        id="activity-1",
        parties=("PAK", "RUS"),
        description="Exercises.",
        areas=frozenset({"acme:fisheries"}),
        when=Period.parse("2021/"),
        status="ongoing",
    )
    document, losses = to_schemaorg([organization, person, area, activity])
    org, who, term, action = document["@graph"][:4]
    assert org["alternateName"] == ["ORG", {"@value": "Organisation", "@language": "fr"}]
    assert org["member"] == [
        {
            "@type": "OrganizationRole",
            "member": {"@id": BASE + "IND"},
            "roleName": "observer",
            "endDate": "2017-06-09",
        }
    ]
    assert who["alternateName"] == [{"@value": "کھر", "@language": "ur"}]
    assert term == {
        "@type": "DefinedTerm",
        "@id": "https://diplomod.org/areas/acme:fisheries",
        "termCode": "acme:fisheries",
        "name": "Fisheries",
    }
    assert action["actionStatus"] == {"@id": f"{SCHEMA}ActiveActionStatus"}
    assert action["startTime"] == "2021"
    assert losses == (
        (
            "$[0].memberships[0].period.start",
            "schema.org cannot say a period has no earlier bound (..): no startDate",
        ),
        ("$[0].memberships[0].basis", "schema.org has no step in an agreement for a member"),
        ("$[2].cameo_activity", "schema.org's defined terms have no cameo_activity"),
        ("$[3].when.end", "schema.org cannot say a period ended at a day not known: no endTime"),
    )
    assert relative(expand(document)) == set()
    assert len(graph(document)) > 0


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(testing.dossiers())
def test_any_dossier_expands_to_absolute_iris_and_every_loss_is_a_place_in_it(
    dossier: Dossier,
) -> None:
    document, losses = to_schemaorg(dossier)
    expanded = expand(document)
    assert relative(expanded) == set()
    nodes = expanded
    assert typed(nodes, f"{SCHEMA}Event") == [BASE + m.id for m in dossier.meetings]
    data = to_dict(dossier)
    for path, _ in losses:
        at(data, path)
    assert len(set(losses)) == len(losses)
    own = ld.expand(with_context(data))
    assert relative(own) == set()


# -- the command line and a large corpus ----------------------------------------------------


def test_the_command_line_writes_the_document_and_prints_the_losses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meetings = tmp_path / "meetings.jsonl"
    write_jsonl(samarkand_2023().meetings, meetings)
    out = tmp_path / "out.jsonld"
    assert main(["export", "jsonld", str(meetings), "--out", str(out), "-q"]) == 0
    printed, summary = capsys.readouterr()
    assert summary == ""
    document = json.loads(out.read_text("utf-8"))
    assert typed(expand(document), f"{SCHEMA}Event") == [
        BASE + m.id for m in samarkand_2023().meetings
    ]
    assert printed.splitlines()[:2] == [
        f"lost: {meetings}:1: $.formats: {FORMATS}",
        f"lost: {meetings}:1: $.participants[0].represents: {PARTY}",
    ]


def test_fifty_thousand_records() -> None:
    records = corpus(50_000)
    begun = time.perf_counter()
    document, losses = to_schemaorg(records)
    assert time.perf_counter() - begun < 30
    nodes = document["@graph"]
    assert len(nodes) == 50_000 + 5  # and the five states
    events = sum(node["@type"] == "Event" for node in nodes)
    assert events == sum(isinstance(record, Meeting) for record in records)
    each = [len(to_schemaorg([record]).losses) for record in records[:13]]  # one of each
    assert len(losses) == sum(each) * (50_000 // 13) + sum(each[: 50_000 % 13])
    assert kinds()["meeting"] is Meeting
