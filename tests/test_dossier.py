"""Dossiers: ids, references between records, evidence, dates, cycles, extension areas and
the questions a dossier answers."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import (
    KHAR,
    LAVROV,
    MEETING_ID,
    MOU_ID,
    NEIGHBOURS,
    OCCASION_ID,
    SOURCE_ID,
    SOURCE_TEXT,
    assert_only_problem,
    assert_problem,
    bare_meeting,
    cite,
    day,
    gas_pipeline_mou,
    khar,
    lavrov,
    neighbours_meeting,
    news_source,
    period,
    refusal,
    samarkand_dossier,
    samarkand_meeting,
    samarkand_statements,
    sco,
)
from diplomod import (
    Agreement,
    AgreementLink,
    CooperationArea,
    Depositary,
    Dossier,
    Evidence,
    LifecycleEvent,
    Membership,
    MembershipBasis,
    Occasion,
    Office,
    Organization,
    Participant,
    Person,
    Signatory,
    Source,
    Statement,
    ValidationError,
    from_dict,
    from_json,
    to_dict,
)
from diplomod.dates import PartialDate, surely_before
from diplomod.dossier import _last_dates
from diplomod.testing import partial_dates


def with_meeting(**changes: Any) -> Dossier:
    """The Samarkand dossier with the Khar-Lavrov meeting (meetings[1]) changed."""
    return samarkand_dossier(meetings=(neighbours_meeting(), samarkand_meeting(**changes)))


def with_neighbours(**changes: Any) -> Dossier:
    """The Samarkand dossier with the neighbours' meeting (meetings[0]) changed."""
    return samarkand_dossier(meetings=(neighbours_meeting(**changes), samarkand_meeting()))


def with_mou(**changes: Any) -> Dossier:
    """The Samarkand dossier with the MoU (agreements[0]) changed."""
    return samarkand_dossier(agreements=(gas_pipeline_mou(**changes),))


def occasion(event: str) -> Occasion:
    return Occasion(relation="part_of", event=event)


def area(code: str, title: str = "An extension area") -> CooperationArea:
    return CooperationArea(code=code, title=title)


# -- a valid dossier -------------------------------------------------------------------------


def test_samarkand_dossier_is_valid(dossier: Dossier) -> None:
    assert [m.id for m in dossier.meetings] == [OCCASION_ID, MEETING_ID]
    assert [a.id for a in dossier.agreements] == [MOU_ID]
    assert [p.id for p in dossier.people] == [KHAR, LAVROV]


def test_an_empty_dossier_is_valid() -> None:
    assert Dossier().events() == ()


def test_dossier_fields_are_checked() -> None:
    assert_only_problem(
        lambda: Dossier(meetings=samarkand_meeting()),  # type: ignore[arg-type]
        "$.meetings",
        "expected a tuple, got Meeting",
    )


# -- ids -------------------------------------------------------------------------------------

SOMEONE = Person(id="samarkand", name="Someone")
SOMEWHERE = Organization(id="samarkand", name="Samarkand city administration", kind="state_body")
NEWS = Source(id="samarkand", publisher="Example News Service", language="en")
A_MEETING = bare_meeting("samarkand")
AN_AGREEMENT = gas_pipeline_mou(id="samarkand", sources=(), evidence=())


@pytest.mark.parametrize(
    ("dossier_fields", "path", "first"),
    [
        ({"sources": (NEWS,), "people": (SOMEONE,)}, "$.people[0].id", "$.sources[0]"),
        (
            {"people": (SOMEONE,), "organizations": (SOMEWHERE,)},
            "$.organizations[0].id",
            "$.people[0]",
        ),
        (
            {"organizations": (SOMEWHERE,), "meetings": (A_MEETING,)},
            "$.meetings[0].id",
            "$.organizations[0]",
        ),
        (
            {"meetings": (A_MEETING,), "agreements": (AN_AGREEMENT,)},
            "$.agreements[0].id",
            "$.meetings[0]",
        ),
        ({"sources": (NEWS,), "agreements": (AN_AGREEMENT,)}, "$.agreements[0].id", "$.sources[0]"),
        ({"people": (SOMEONE, khar(), SOMEONE)}, "$.people[2].id", "$.people[0]"),
        (
            {"meetings": (A_MEETING, bare_meeting("samarkand", when=day("2023-04-15")))},
            "$.meetings[1].id",
            "$.meetings[0]",
        ),
    ],
    ids=[
        "source-person",
        "person-organization",
        "organization-meeting",
        "meeting-agreement",
        "source-agreement",
        "same-person-twice",
        "two-meetings",
    ],
)
def test_duplicate_ids_are_refused(dossier_fields: dict[str, Any], path: str, first: str) -> None:
    assert_only_problem(
        lambda: Dossier(**dossier_fields),
        path,
        f"'samarkand' is already the id of {first}",
    )


def test_every_later_use_of_an_id_names_the_first() -> None:
    problems = refusal(lambda: Dossier(sources=(NEWS,), people=(SOMEONE,), meetings=(A_MEETING,)))
    assert problems == (
        ("$.people[0].id", "'samarkand' is already the id of $.sources[0]"),
        ("$.meetings[0].id", "'samarkand' is already the id of $.sources[0]"),
    )


# -- dangling references ---------------------------------------------------------------------

ELSEWHERE = Evidence(source="other-news", quote="Lavrov", start=0, end=6)

DANGLING: list[tuple[str, Callable[[], Dossier], str, str]] = [
    (
        "participant-person",
        lambda: with_meeting(
            participants=(
                Participant(person=KHAR, represents="PAK"),
                Participant(person=LAVROV, represents="RUS"),
                Participant(person="andrey-rudenko", represents="RUS"),
            )
        ),
        "$.meetings[1].participants[2].person",
        "no person has the id 'andrey-rudenko'",
    ),
    (
        "participant-represents",
        lambda: with_neighbours(
            participants=(*neighbours_meeting().participants, Participant(represents="cstoo"))
        ),
        f"$.meetings[0].participants[{len(NEIGHBOURS)}].represents",
        "no organization has the id 'cstoo'",
    ),
    (
        "occasion-event",
        lambda: with_meeting(occasion=occasion("afghanistan-neighbours-5")),
        "$.meetings[1].occasion.event",
        "no meeting has the id 'afghanistan-neighbours-5'",
    ),
    (
        "statement-evidence-source",
        lambda: with_meeting(
            statements=(
                Statement(
                    by=("PAK",), stance="stressed", substance="Trade.", evidence=(ELSEWHERE,)
                ),
            )
        ),
        "$.meetings[1].statements[0].evidence[0].source",
        "no source has the id 'other-news'",
    ),
    (
        "meeting-evidence-source",
        lambda: with_meeting(evidence=(cite("Sergey Lavrov"), ELSEWHERE)),
        "$.meetings[1].evidence[1].source",
        "no source has the id 'other-news'",
    ),
    (
        "meeting-sources",
        lambda: with_meeting(sources=(SOURCE_ID, "other-news")),
        "$.meetings[1].sources[1]",
        "no source has the id 'other-news'",
    ),
    (
        "agreement-parties",
        lambda: with_mou(parties=("PAK", "RUS", "gazprom")),
        "$.agreements[0].parties[2]",
        "no organization has the id 'gazprom'",
    ),
    (
        "agreement-signatory",
        lambda: with_mou(signatories=(Signatory(person="nikolai-shulginov", on_behalf_of="RUS"),)),
        "$.agreements[0].signatories[0].person",
        "no person has the id 'nikolai-shulginov'",
    ),
    (
        "agreement-meeting",
        lambda: with_mou(meeting="meeting-2021-05-28"),
        "$.agreements[0].meeting",
        "no meeting has the id 'meeting-2021-05-28'",
    ),
    (
        "agreement-sources",
        lambda: with_mou(sources=("other-news",)),
        "$.agreements[0].sources[0]",
        "no source has the id 'other-news'",
    ),
    (
        "agreement-evidence-source",
        lambda: with_mou(evidence=(ELSEWHERE,)),
        "$.agreements[0].evidence[0].source",
        "no source has the id 'other-news'",
    ),
    (
        "person-office",
        lambda: samarkand_dossier(
            people=(khar(offices=(Office(title="Chair", represents="saarc"),)), lavrov())
        ),
        "$.people[0].offices[0].represents",
        "no organization has the id 'saarc'",
    ),
]


@pytest.mark.parametrize(
    ("make", "path", "message"),
    [case[1:] for case in DANGLING],
    ids=[case[0] for case in DANGLING],
)
def test_dangling_references_are_refused(
    make: Callable[[], Dossier], path: str, message: str
) -> None:
    assert_only_problem(make, path, message)


def test_a_missing_person_is_reported_where_they_take_part_and_where_they_speak() -> None:
    problems = refusal(lambda: samarkand_dossier(people=(khar(),)))
    assert problems == (
        ("$.meetings[1].participants[1].person", f"no person has the id {LAVROV!r}"),
        ("$.meetings[1].statements[2].by[1]", f"no person or organization has the id {LAVROV!r}"),
    )


def test_a_statement_by_a_missing_organization_is_refused() -> None:
    assert_problem(
        lambda: with_meeting(
            participants=(Participant(represents="PAK"), Participant(represents="cis")),
            statements=(Statement(by=("cis",), stance="agreed", substance="Trade."),),
        ),
        "$.meetings[1].statements[0].by[0]",
        "no person or organization has the id 'cis'",
    )


def test_references_to_organizations_in_the_dossier_are_accepted() -> None:
    dossier = samarkand_dossier(
        people=(khar(), lavrov(offices=(Office(title="Delegate", represents="sco"),))),
        agreements=(gas_pipeline_mou(parties=("PAK", "RUS", "sco")),),
    )
    assert dossier.agreements[0].parties == ("PAK", "RUS", "sco")


# -- references to the wrong kind of record ----------------------------------------------------

WRONG_KIND: list[tuple[str, Callable[[], Dossier], str, str]] = [
    (
        "occasion-is-a-person",
        lambda: with_meeting(occasion=occasion(KHAR)),
        "$.meetings[1].occasion.event",
        f"{KHAR!r} is a person, not a meeting",
    ),
    (
        "occasion-is-an-agreement",
        lambda: with_meeting(occasion=occasion(MOU_ID)),
        "$.meetings[1].occasion.event",
        f"{MOU_ID!r} is a",
    ),
    (
        "agreement-meeting-is-a-source",
        lambda: with_mou(meeting=SOURCE_ID),
        "$.agreements[0].meeting",
        f"{SOURCE_ID!r} is a source, not a meeting",
    ),
    (
        "evidence-source-is-a-person",
        lambda: with_mou(evidence=(Evidence(source=KHAR, quote="Khar", start=0, end=4),)),
        "$.agreements[0].evidence[0].source",
        f"{KHAR!r} is a person, not a source",
    ),
    (
        "signatory-is-an-organization",
        lambda: with_mou(signatories=(Signatory(person="sco", on_behalf_of="PAK"),)),
        "$.agreements[0].signatories[0].person",
        "'sco' is a",
    ),
    (
        "participant-is-a-person",
        lambda: with_neighbours(
            participants=(*neighbours_meeting().participants, Participant(represents=LAVROV))
        ),
        f"$.meetings[0].participants[{len(NEIGHBOURS)}].represents",
        f"{LAVROV!r} is a person",
    ),
    (
        "participant-person-is-a-source",
        lambda: with_neighbours(
            participants=(
                *neighbours_meeting().participants,
                Participant(represents="KAZ", person=SOURCE_ID),
            )
        ),
        f"$.meetings[0].participants[{len(NEIGHBOURS)}].person",
        f"{SOURCE_ID!r} is a source, not a person",
    ),
]


@pytest.mark.parametrize(
    ("make", "path", "message"),
    [case[1:] for case in WRONG_KIND],
    ids=[case[0] for case in WRONG_KIND],
)
def test_references_to_the_wrong_kind_of_record_are_refused(
    make: Callable[[], Dossier], path: str, message: str
) -> None:
    assert_only_problem(make, path, message)


def test_wrong_kind_messages_use_an_before_a_vowel() -> None:
    problems = refusal(
        lambda: with_mou(meeting=MOU_ID, signatories=(Signatory(person="sco", on_behalf_of="PAK"),))
    )
    assert problems == (
        ("$.agreements[0].signatories[0].person", "'sco' is an organization, not a person"),
        ("$.agreements[0].meeting", f"{MOU_ID!r} is an agreement, not a meeting"),
    )


# -- evidence against the source's text --------------------------------------------------------


@pytest.mark.parametrize(
    ("evidence", "actual"),
    [
        (Evidence(source=SOURCE_ID, quote="Lavrov", start=0, end=6), "SAMARK"),
        (
            Evidence(
                source=SOURCE_ID,
                quote="Sergey Lavrov",
                start=SOURCE_TEXT.index("Sergey Lavrov") + 1,
                end=SOURCE_TEXT.index("Sergey Lavrov") + 14,
            ),
            "ergey Lavrov ",
        ),
    ],
    ids=["wrong-place", "off-by-one"],
)
def test_evidence_that_is_not_the_source_text_is_refused(evidence: Evidence, actual: str) -> None:
    assert_only_problem(
        lambda: with_meeting(evidence=(evidence,)),
        "$.meetings[1].evidence[0].quote",
        f"the source's text at {evidence.start}:{evidence.end} is {actual!r}, not the quote",
    )


def test_statement_evidence_is_checked_against_the_source_text() -> None:
    wrong = Evidence(source=SOURCE_ID, quote="agreed", start=3, end=9)
    statements = (
        *samarkand_statements()[:2],
        Statement(by=("PAK", "RUS"), stance="agreed", substance="Security.", evidence=(wrong,)),
    )
    assert_only_problem(
        lambda: with_meeting(statements=statements),
        "$.meetings[1].statements[2].evidence[0].quote",
        f"the source's text at 3:9 is {SOURCE_TEXT[3:9]!r}, not the quote",
    )


def test_agreement_evidence_is_checked_against_the_source_text() -> None:
    start = SOURCE_TEXT.index("In 2021")
    wrong = Evidence(source=SOURCE_ID, quote="In 2022", start=start, end=start + 7)
    assert_only_problem(
        lambda: with_mou(evidence=(wrong,)),
        "$.agreements[0].evidence[0].quote",
        "is 'In 2021', not the quote",
    )


def test_evidence_quoting_a_source_without_text_is_refused() -> None:
    message = (
        f"source {SOURCE_ID!r} has no text, so nothing in it can be quoted; "
        "give the source its text, or name it in the record's sources"
    )
    problems = refusal(lambda: samarkand_dossier(sources=(news_source(text=None),)))
    assert ("$.agreements[0].evidence[0].source", message) in problems
    assert {m for _, m in problems} == {message}  # every quote, and nothing else


def test_a_source_without_text_may_be_cited_without_a_quote() -> None:
    mou = gas_pipeline_mou(evidence=())
    dossier = samarkand_dossier(
        sources=(news_source(text=None),),
        meetings=(),
        agreements=(attrs.evolve(mou, sources=(SOURCE_ID,)),),
    )
    assert dossier.agreements[0].sources == (SOURCE_ID,)


def test_a_quote_past_the_end_of_the_source_text_is_refused() -> None:
    end = len(SOURCE_TEXT) + 3
    wrong = Evidence(source=SOURCE_ID, quote="pipeline", start=end - 8, end=end)
    assert_only_problem(
        lambda: with_mou(evidence=(wrong,)),
        "$.agreements[0].evidence[0].end",
        f"{end} is past the end of the source's text, which is {len(SOURCE_TEXT)} characters "
        "long (offsets count characters, not bytes)",
    )


URDU_TEXT = "سمرقند: حنا ربانی کھر نے روسی وزیر خارجہ سرگئی لاوروف سے ملاقات کی۔"  # noqa: RUF001


def urdu_dossier(evidence: Evidence) -> Dossier:
    source = Source(id="urdu-news", publisher="Example News Service", language="ur", text=URDU_TEXT)
    return Dossier(sources=(source,), meetings=(bare_meeting("meeting-1", evidence=(evidence,)),))


def test_evidence_offsets_in_urdu_count_code_points() -> None:
    quote = "سرگئی لاوروف"
    start = URDU_TEXT.index(quote)
    dossier = urdu_dossier(cite(quote, "urdu-news", URDU_TEXT))
    assert dossier.meetings[0].evidence[0].start == start


def test_evidence_offsets_in_urdu_counted_in_bytes_are_refused() -> None:
    quote = "سرگئی لاوروف"
    byte_start = len(URDU_TEXT[: URDU_TEXT.index(quote)].encode("utf-8"))
    evidence = Evidence(
        source="urdu-news", quote=quote, start=byte_start, end=byte_start + len(quote)
    )
    assert_only_problem(
        lambda: urdu_dossier(evidence),
        "$.meetings[0].evidence[0].end",
        f"{byte_start + len(quote)} is past the end of the source's text, which is "
        f"{len(URDU_TEXT)} characters long (offsets count characters, not bytes)",
    )


# -- done events are not dated after their sources ------------------------------------------


def test_a_done_meeting_dated_after_its_source_is_refused() -> None:
    assert_only_problem(
        lambda: with_meeting(when=day("2023-04-15")),
        "$.meetings[1]",
        f"reported as done by {SOURCE_ID!r}, published 2023-04-14, but dated after it",
    )


@pytest.mark.parametrize("status", ["planned", "ongoing"])
def test_a_meeting_not_yet_done_may_be_dated_after_its_source(status: str) -> None:
    dossier = with_meeting(when=day("2023-05-02"), status=status)
    assert dossier.meetings[1].status == status


@pytest.mark.parametrize(
    ("when", "published"),
    [
        ("2023-04-14", "2023-04-14"),
        ("2023-04", "2023-04-14"),
        ("2023-04-20", "2023-04"),
        ("2023", "2023-01-01"),
        # a call dated by Beijing's calendar, reported from Washington the evening before,
        # is compared with its report on the world's clock
        ("2023-04-15T08:00:00[Asia/Shanghai]", "2023-04-14T20:00:00-04:00"),
        ("2023-04-15[Asia/Shanghai]", "2023-04-14[America/New_York]"),
        ("2023-04-15T08:00:00+08:00", "2023-04-14T20:30:00[America/New_York]"),
    ],
)
def test_a_done_meeting_that_may_predate_its_source_is_accepted(when: str, published: str) -> None:
    dossier = samarkand_dossier(
        sources=(news_source(published=day(published)),),
        meetings=(neighbours_meeting(), samarkand_meeting(when=day(when))),
    )
    assert str(dossier.meetings[1].when) == when


@pytest.mark.parametrize(
    ("when", "published"),
    [
        ("2023-04-15T08:00:01[Asia/Shanghai]", "2023-04-14T20:00:00-04:00"),
        ("2023-04-15[Asia/Shanghai]", "2023-04-14T11:59:00[America/New_York]"),
        ("2023-04-15", "2023-04-14T20:00:00-04:00"),  # by no stated clock: days as written
    ],
)
def test_a_done_call_after_its_report_on_the_world_s_clock_is_refused(
    when: str, published: str
) -> None:
    assert_only_problem(
        lambda: samarkand_dossier(
            sources=(news_source(published=day(published)),),
            meetings=(neighbours_meeting(), samarkand_meeting(when=day(when))),
        ),
        "$.meetings[1]",
        f"reported as done by {SOURCE_ID!r}, published {published}, but dated after it",
    )


def test_a_meeting_reported_only_through_evidence_is_also_checked() -> None:
    assert_only_problem(
        lambda: with_meeting(when=day("2023-05"), sources=()),
        "$.meetings[1]",
        f"reported as done by {SOURCE_ID!r}",
    )


def test_a_meeting_over_a_period_that_started_before_the_source_is_accepted() -> None:
    dossier = with_meeting(when=period("2023-04-13/2023-04-15"))
    assert dossier.meetings[1].when == period("2023-04-13/2023-04-15")


def test_a_done_agreement_dated_after_its_source_is_refused() -> None:
    assert_only_problem(
        lambda: with_mou(
            concluded=day("2023-06"),
            events=(),
        ),
        "$.agreements[0]",
        f"reported as done by {SOURCE_ID!r}, published 2023-04-14, but dated after it",
    )


def test_a_planned_agreement_may_be_dated_after_its_source() -> None:
    dossier = with_mou(concluded=day("2024"), events=(), status="planned")
    assert dossier.agreements[0].status == "planned"


# -- occasion cycles ------------------------------------------------------------------------


def test_a_chain_of_occasions_is_accepted() -> None:
    dossier = Dossier(
        meetings=(
            bare_meeting("a", occasion=occasion("b")),
            bare_meeting("b", occasion=occasion("c")),
            bare_meeting("c"),
        )
    )
    assert [m.id for m in dossier.meetings] == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("links", "cycle"),
    [
        ((("a", "b"), ("b", "a")), "a -> b -> a"),
        ((("a", "b"), ("b", "c"), ("c", "a")), "a -> b -> c -> a"),
        ((("b", "c"), ("a", "b"), ("c", "a")), "b -> c -> a -> b"),
    ],
    ids=["two", "three", "three-out-of-order"],
)
def test_an_occasion_cycle_is_reported_once(links: tuple[tuple[str, str], ...], cycle: str) -> None:
    meetings = tuple(bare_meeting(id, occasion=occasion(to)) for id, to in links)
    assert_only_problem(
        lambda: Dossier(meetings=meetings),
        "$.meetings[0].occasion.event",
        f"occasion links form a cycle: {cycle}",
    )


def test_two_separate_cycles_are_each_reported() -> None:
    meetings = tuple(
        bare_meeting(id, occasion=occasion(to))
        for id, to in (("a", "b"), ("b", "a"), ("c", "d"), ("d", "c"))
    )
    assert refusal(lambda: Dossier(meetings=meetings)) == (
        ("$.meetings[0].occasion.event", "occasion links form a cycle: a -> b -> a"),
        ("$.meetings[2].occasion.event", "occasion links form a cycle: c -> d -> c"),
    )


def test_a_cycle_is_reported_at_a_meeting_in_the_cycle() -> None:
    meetings = (
        bare_meeting("tail", occasion=occasion("a")),
        bare_meeting("a", occasion=occasion("b")),
        bare_meeting("b", occasion=occasion("a")),
    )
    problems = refusal(lambda: Dossier(meetings=meetings))
    assert len(problems) == 1
    path, message = problems[0]
    assert "a -> b -> a" in message
    assert path in ("$.meetings[1].occasion.event", "$.meetings[2].occasion.event")


# -- extension cooperation areas -------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "path"),
    [
        (
            lambda: with_mou(areas=frozenset({"energy.pipelines", "acme:gas_transit"})),
            "$.agreements[0].areas[0]",
        ),
        (
            lambda: with_meeting(areas=frozenset({"energy", "culture", "acme:gas_transit"})),
            "$.meetings[1].areas[0]",
        ),
        (
            lambda: with_meeting(
                statements=(
                    Statement(
                        by=("PAK",),
                        stance="discussed",
                        substance="Gas transit.",
                        areas=frozenset({"energy", "energy.pipelines", "acme:gas_transit"}),
                    ),
                )
            ),
            "$.meetings[1].statements[0].areas[0]",
        ),
    ],
    ids=["agreement", "meeting", "statement"],
)
def test_an_extension_area_used_but_not_defined_is_refused(
    make: Callable[[], Dossier], path: str
) -> None:
    assert_only_problem(make, path, "extension area 'acme:gas_transit' is not defined in $.areas")


def test_an_extension_area_defined_in_the_dossier_is_accepted() -> None:
    dossier = samarkand_dossier(
        agreements=(gas_pipeline_mou(areas=frozenset({"energy.pipelines", "acme:gas_transit"})),),
        areas=(area("acme:gas_transit", "Gas transit"),),
    )
    assert dossier.areas[0].code == "acme:gas_transit"


def test_a_built_in_code_cannot_be_defined_again() -> None:
    assert_only_problem(
        lambda: samarkand_dossier(areas=(area("acme:gas_transit"), area("energy", "Energy"))),
        "$.areas[1].code",
        "'energy' is built in; an extension code takes a namespace",
    )


def test_a_namespaced_child_without_its_parent_is_refused() -> None:
    assert_only_problem(
        lambda: samarkand_dossier(areas=(area("acme:fisheries.quotas"),)),
        "$.areas[0].code",
        "its parent 'acme:fisheries' is not defined in $.areas",
    )


def test_a_namespaced_child_listed_before_its_parent_is_accepted() -> None:
    dossier = samarkand_dossier(
        areas=(area("acme:fisheries.quotas"), area("acme:fisheries", "Fisheries"))
    )
    assert dossier.areas[0].parent == "acme:fisheries"


def test_an_extension_code_defined_twice_is_refused() -> None:
    assert_problem(
        lambda: samarkand_dossier(
            areas=(area("acme:gas_transit", "Gas transit"), area("acme:gas_transit", "Transit"))
        ),
        "$.areas[1].code",
        "acme:gas_transit",
    )


# -- questions -------------------------------------------------------------------------------


def test_get_returns_any_record_by_id(dossier: Dossier) -> None:
    assert dossier.get(SOURCE_ID) == news_source()
    assert dossier.get(KHAR) == khar()
    assert dossier.get("sco") == sco()
    assert dossier.get(MEETING_ID) == samarkand_meeting()
    assert dossier.get(MOU_ID) == gas_pipeline_mou()


@pytest.mark.parametrize("missing", ["nobody", "PAK", "", "Sco"])
def test_get_returns_none_for_an_unknown_id(dossier: Dossier, missing: str) -> None:
    assert dossier.get(missing) is None


UNDATED = Agreement(
    id="joint-statement-on-afghanistan",
    title="Joint statement on Afghanistan",
    instrument="joint_statement",
    parties=("PAK", "RUS"),
)


def test_events_are_in_date_order_with_undated_agreements_last() -> None:
    dossier = samarkand_dossier(
        meetings=(samarkand_meeting(), neighbours_meeting()),
        agreements=(UNDATED, gas_pipeline_mou()),
    )
    assert [e.id for e in dossier.events()] == [
        MOU_ID,
        OCCASION_ID,
        MEETING_ID,
        UNDATED.id,
    ]


def test_events_order_partial_dates_by_their_earliest_day() -> None:
    dossier = Dossier(
        meetings=(
            bare_meeting("in-april", when=day("2023-04")),
            bare_meeting("on-the-fourteenth", when=day("2023-04-14")),
            bare_meeting("over-two-days", when=period("2023-04-13/2023-04-14")),
            bare_meeting("in-2023", when=day("2023")),
        ),
        agreements=(
            gas_pipeline_mou(
                id="signed-in-march",
                concluded=None,
                events=(LifecycleEvent(action="signed", party="PAK", date=day("2023-03-20")),),
                sources=(),
                evidence=(),
            ),
        ),
    )
    assert [e.id for e in dossier.events()] == [
        "in-2023",
        "signed-in-march",
        "in-april",
        "over-two-days",
        "on-the-fourteenth",
    ]


def test_meetings_involving_a_party_are_in_date_order() -> None:
    dossier = samarkand_dossier(meetings=(samarkand_meeting(), neighbours_meeting()))
    assert [m.id for m in dossier.meetings_involving("RUS")] == [OCCASION_ID, MEETING_ID]
    assert [m.id for m in dossier.meetings_involving("UZB")] == [OCCASION_ID]
    assert dossier.meetings_involving("USA") == ()


def test_meetings_involving_an_organization() -> None:
    dossier = samarkand_dossier(
        meetings=(
            neighbours_meeting(),
            samarkand_meeting(),
            bare_meeting(
                "sco-pak",
                participants=(Participant(represents="sco"), Participant(represents="PAK")),
            ),
        )
    )
    assert [m.id for m in dossier.meetings_involving("sco")] == ["sco-pak"]


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("PAK", "RUS", [OCCASION_ID, MEETING_ID]),
        ("RUS", "PAK", [OCCASION_ID, MEETING_ID]),
        ("PAK", "UZB", [OCCASION_ID]),
        ("PAK", "USA", []),
        ("UZB", "KAZ", []),
    ],
)
def test_meetings_between_two_parties(
    dossier: Dossier, first: str, second: str, expected: list[str]
) -> None:
    assert [m.id for m in dossier.meetings_between(first, second)] == expected


@pytest.mark.parametrize(
    ("field", "found"),
    [
        ("energy", True),
        ("energy.pipelines", True),
        ("energy.oil_gas", False),
        ("ener", False),
        ("energy.pipe", False),
        ("economy", False),
    ],
)
def test_agreements_concerning_follow_the_area_hierarchy(
    dossier: Dossier, field: str, found: bool
) -> None:
    expected = (dossier.agreements[0],) if found else ()
    assert dossier.agreements_concerning(field) == expected


def test_agreements_concerning_an_extension_area_find_its_children() -> None:
    dossier = samarkand_dossier(
        agreements=(
            gas_pipeline_mou(areas=frozenset({"acme:fisheries.quotas"})),
            UNDATED,
        ),
        areas=(area("acme:fisheries"), area("acme:fisheries.quotas")),
    )
    assert [a.id for a in dossier.agreements_concerning("acme:fisheries")] == [MOU_ID]


def test_agreements_concerning_are_in_date_order() -> None:
    later = gas_pipeline_mou(id="mou-2023", concluded=day("2023-01"), events=())
    dossier = samarkand_dossier(agreements=(later, gas_pipeline_mou()))
    assert [a.id for a in dossier.agreements_concerning("energy")] == [MOU_ID, "mou-2023"]


# -- evolve ----------------------------------------------------------------------------------


def test_evolve_checks_the_new_dossier(dossier: Dossier) -> None:
    assert_problem(
        lambda: attrs.evolve(dossier, people=(khar(),)),
        "$.meetings[1].participants[1].person",
        f"no person has the id {LAVROV!r}",
    )


def test_evolve_builds_a_new_index(dossier: Dossier) -> None:
    smaller = attrs.evolve(dossier, agreements=())
    assert smaller.get(MOU_ID) is None
    assert dossier.get(MOU_ID) == gas_pipeline_mou()


# --- sources of people, organizations and memberships ----------------------------------------


def test_people_and_organizations_name_sources_that_exist() -> None:
    bad_person = khar(sources=("nowhere",), evidence=(cite("Hina Rabbani Khar", "elsewhere"),))
    membership = Membership(
        state="PAK", status="member", period=period("2017-06-09/.."), sources=("unknown",)
    )
    bad_sco = sco(memberships=(membership,), sources=(KHAR,))
    with pytest.raises(ValidationError) as err:
        samarkand_dossier(people=(bad_person, lavrov()), organizations=(bad_sco,))
    assert err.value.problems == (
        ("$.people[0].sources[0]", "no source has the id 'nowhere'"),
        ("$.people[0].evidence[0].source", "no source has the id 'elsewhere'"),
        ("$.organizations[0].memberships[0].sources[0]", "no source has the id 'unknown'"),
        ("$.organizations[0].sources[0]", "'hina-rabbani-khar' is a person, not a source"),
    )


def test_a_persons_evidence_is_checked_against_the_source_text() -> None:
    wrong = Evidence(source=SOURCE_ID, quote="Sergey Lavrov", start=0, end=13)
    with pytest.raises(ValidationError) as err:
        samarkand_dossier(people=(khar(evidence=(wrong,)), lavrov()))
    ((path, message),) = err.value.problems
    assert path == "$.people[0].evidence[0].quote"
    assert message.startswith("the source's text at 0:13 is ")


@given(partial_dates(), st.lists(partial_dates(), min_size=1, max_size=6))
def test_a_source_is_compared_with_the_last_dates_as_with_all(
    published: PartialDate, dates: list[PartialDate]
) -> None:
    last = _last_dates(dates)
    assert all(date in dates for date in last)
    assert any(surely_before(published, d) for d in last) == any(
        surely_before(published, d) for d in dates
    )


# -- links between agreements, meetings and memberships ----------------------------------------

UN = Organization(id="un", name="United Nations", kind="intergovernmental")


def treaty(
    id: str, concluded: str | None = None, *links: tuple[str, str], **changes: Any
) -> Agreement:
    """An agreement between Australia and Austria, linked to others as (relation, id)."""
    fields: dict[str, Any] = {
        "id": id,
        "title": f"Treaty {id}",
        "instrument": "treaty",
        "parties": ("AUS", "AUT"),
        "concluded": None if concluded is None else day(concluded),
        "links": tuple(AgreementLink(relation=r, agreement=to) for r, to in links),
    }
    fields.update(changes)
    return Agreement(**fields)


def adopted(date: str, meeting: str | None = None) -> LifecycleEvent:
    return LifecycleEvent(action="adopted", date=day(date), meeting=meeting)


def climate(**changes: Any) -> dict[str, Any]:
    """The fields of a dossier of a convention, a protocol to it and an amendment to that,
    each kept by the UN Secretary-General, the protocol and the amendment adopted at
    meetings."""
    keeper = (Depositary(actor="un", office="Secretary-General of the United Nations"),)
    fields: dict[str, Any] = {
        "organizations": (UN,),
        "meetings": (
            bare_meeting("cop3", when=period("1997-12-01/1997-12-11")),
            bare_meeting("cop18", when=period("2012-11/2012-12")),
        ),
        "agreements": (
            treaty("convention", "1992-05-09", depositaries=keeper),
            treaty(
                "protocol",
                None,
                ("protocol_to", "convention"),
                events=(adopted("1997-12-11", "cop3"),),
                depositaries=keeper,
            ),
            treaty(
                "amendment",
                "2012-12-08",
                ("amends", "protocol"),
                events=(adopted("2012-12-08", "cop18"),),
                depositaries=keeper,
            ),
        ),
    }
    fields.update(changes)
    return fields


def accession(start: str = "2023-04-04", action: str = "acceded", **changes: Any) -> dict[str, Any]:
    """The fields of a dossier of an alliance Finland joined by acceding to its treaty on
    4 April 2023, a member from *start*."""
    membership = Membership(
        state="FIN",
        status="member",
        period=period(f"{start}/.."),
        basis=MembershipBasis(agreement="alliance-treaty", action=action),
    )
    fields: dict[str, Any] = {
        "organizations": (
            Organization(
                id="alliance",
                name="An alliance",
                kind="intergovernmental",
                memberships=(
                    Membership(state="USA", status="member", period=period("1949-04-04/..")),
                    membership,
                ),
            ),
        ),
        "agreements": (
            treaty(
                "alliance-treaty",
                "1949-04-04",
                parties=("USA", "FIN"),
                depositaries=(Depositary(actor="USA"),),
                events=(
                    LifecycleEvent(action="signed", party="USA", date=day("1949-04-04")),
                    LifecycleEvent(action="acceded", party="FIN", date=day("2023-04-04")),
                ),
            ),
        ),
    }
    fields.update(changes)
    return fields


def as_json(fields: dict[str, Any]) -> dict[str, Any]:
    """A dossier's JSON, made record by record so that it need not be valid as a whole."""
    data: dict[str, Any] = to_dict(Dossier())
    for name, records in fields.items():
        data[name] = [to_dict(record) for record in records]
    return data


@pytest.mark.parametrize("fields", [climate(), accession()], ids=["climate", "accession"])
def test_linked_records_are_accepted_from_python_and_from_json(fields: dict[str, Any]) -> None:
    dossier = Dossier(**fields)
    assert from_dict(as_json(fields), Dossier) == dossier
    assert from_json(json.dumps(as_json(fields)), Dossier) == dossier


def test_a_depositary_may_be_a_party() -> None:
    dossier = Dossier(**accession())
    treaty = dossier.agreements[0]
    assert treaty.depositaries[0].actor in treaty.parties


def test_links_that_branch_and_meet_again_form_no_cycle() -> None:
    agreements = (
        treaty("a", None, ("amends", "b"), ("implements", "c")),
        treaty("b", None, ("protocol_to", "d")),
        treaty("c", None, ("annex_to", "d")),
        treaty("d"),
    )
    assert len(Dossier(agreements=agreements).agreements) == 4


LINK_PROBLEMS: list[tuple[str, dict[str, Any], str, str]] = [
    (
        "link-dangling",
        {"agreements": (treaty("a", None, ("amends", "b")),)},
        "$.agreements[0].links[0].agreement",
        "no agreement has the id 'b'",
    ),
    (
        "link-to-a-meeting",
        {"meetings": (bare_meeting("b"),), "agreements": (treaty("a", None, ("amends", "b")),)},
        "$.agreements[0].links[0].agreement",
        "'b' is a meeting, not an agreement",
    ),
    (
        "depositary-dangling",
        {"agreements": (treaty("a", depositaries=(Depositary(actor="un"),)),)},
        "$.agreements[0].depositaries[0].actor",
        "no organization has the id 'un'",
    ),
    (
        "depositary-is-an-agreement",
        {"agreements": (treaty("a", depositaries=(Depositary(actor="a"),)),)},
        "$.agreements[0].depositaries[0].actor",
        "'a' is an agreement, not an organization",
    ),
    (
        "event-meeting-dangling",
        climate(meetings=(bare_meeting("cop3", when=period("1997-12-01/1997-12-11")),)),
        "$.agreements[2].events[0].meeting",
        "no meeting has the id 'cop18'",
    ),
    (
        "event-meeting-is-an-agreement",
        {"agreements": (treaty("a", events=(adopted("1997", "a"),)),)},
        "$.agreements[0].events[0].meeting",
        "'a' is an agreement, not a meeting",
    ),
    (
        "basis-dangling",
        accession(agreements=()),
        "$.organizations[0].memberships[1].basis.agreement",
        "no agreement has the id 'alliance-treaty'",
    ),
    (
        "basis-is-a-meeting",
        accession(agreements=(), meetings=(bare_meeting("alliance-treaty"),)),
        "$.organizations[0].memberships[1].basis.agreement",
        "'alliance-treaty' is a meeting, not an agreement",
    ),
    (
        "cycle-of-two",
        {"agreements": (treaty("a", None, ("amends", "b")), treaty("b", None, ("amends", "a")))},
        "$.agreements[0].links[0].agreement",
        "agreement links form a cycle: a -> b -> a",
    ),
    (
        "cycle-of-two-relations",
        {
            "agreements": (
                treaty("a", None, ("protocol_to", "b")),
                treaty("b", None, ("supersedes", "a")),
            )
        },
        "$.agreements[0].links[0].agreement",
        "agreement links form a cycle: a -> b -> a",
    ),
    (
        "cycle-of-three-from-a-second-link",
        {
            "agreements": (
                treaty("d"),
                treaty("a", None, ("implements", "d"), ("extends", "b")),
                treaty("b", None, ("annex_to", "c")),
                treaty("c", None, ("amends", "a")),
            )
        },
        "$.agreements[1].links[1].agreement",
        "agreement links form a cycle: a -> b -> c -> a",
    ),
    (
        "cycle-entered-from-a-tail",
        {
            "agreements": (
                treaty("tail", None, ("amends", "a")),
                treaty("a", None, ("amends", "b")),
                treaty("b", None, ("amends", "a")),
            )
        },
        "$.agreements[1].links[0].agreement",
        "agreement links form a cycle: a -> b -> a",
    ),
    (
        "amendment-before-its-target",
        climate(
            agreements=(
                treaty("protocol", "1997-12-11"),
                treaty("amendment", "1996", ("amends", "protocol")),
            ),
            organizations=(),
            meetings=(),
        ),
        "$.agreements[1].links[0].agreement",
        "amends 'protocol', dated 1997-12-11, but is dated 1996, before it",
    ),
    (
        "protocol-before-its-convention-by-its-first-step",
        {
            "agreements": (
                treaty("convention", "1992-05-09"),
                treaty(
                    "protocol", None, ("protocol_to", "convention"), events=(adopted("1992-05-08"),)
                ),
            )
        },
        "$.agreements[1].links[0].agreement",
        "protocol_to 'convention', dated 1992-05-09, but is dated 1992-05-08, before it",
    ),
    (
        "adopted-after-the-meeting",
        climate(
            meetings=(
                bare_meeting("cop3", when=period("1997-12-01/1997-12-10")),
                bare_meeting("cop18", when=period("2012-11/2012-12")),
            )
        ),
        "$.agreements[1].events[0].date",
        "adopted on 1997-12-11, but the meeting 'cop3' was held on 1997-12-01/1997-12-10",
    ),
    (
        "adopted-before-a-one-day-meeting",
        {
            "meetings": (bare_meeting("m", when=day("2012-12-09")),),
            "agreements": (treaty("a", events=(adopted("2012-12-08", "m"),)),),
        },
        "$.agreements[0].events[0].date",
        "adopted on 2012-12-08, but the meeting 'm' was held on 2012-12-09",
    ),
    (
        "basis-step-not-recorded",
        accession(action="ratified"),
        "$.organizations[0].memberships[1].basis.action",
        "'alliance-treaty' records no ratified step by FIN",
    ),
    (
        "basis-step-of-another-state",
        accession(action="signed"),
        "$.organizations[0].memberships[1].basis.action",
        "'alliance-treaty' records no signed step by FIN",
    ),
    (
        "membership-before-its-basis",
        accession(start="2023-04-03"),
        "$.organizations[0].memberships[1].period.start",
        "the membership starts on 2023-04-03, before FIN acceded 'alliance-treaty' on 2023-04-04",
    ),
    (
        "membership-a-year-before-its-basis",
        accession(start="2022"),
        "$.organizations[0].memberships[1].period.start",
        "the membership starts on 2022, before FIN acceded 'alliance-treaty' on 2023-04-04",
    ),
]


@pytest.mark.parametrize(
    ("fields", "path", "message"),
    [case[1:] for case in LINK_PROBLEMS],
    ids=[case[0] for case in LINK_PROBLEMS],
)
def test_each_link_rule_refuses_bad_dossiers_from_python_and_from_json(
    fields: dict[str, Any], path: str, message: str
) -> None:
    assert_only_problem(lambda: Dossier(**fields), path, message)
    assert_only_problem(lambda: from_dict(as_json(fields), Dossier), path, message)
    assert_only_problem(lambda: from_json(json.dumps(as_json(fields)), Dossier), path, message)


def test_two_separate_agreement_cycles_are_each_reported_after_occasion_cycles() -> None:
    agreements = tuple(
        treaty(id, None, ("supersedes", to))
        for id, to in (("a", "b"), ("b", "a"), ("c", "d"), ("d", "c"))
    )
    meetings = (
        bare_meeting("m", occasion=occasion("n")),
        bare_meeting("n", occasion=occasion("m")),
    )
    assert refusal(lambda: Dossier(meetings=meetings, agreements=agreements)) == (
        ("$.meetings[0].occasion.event", "occasion links form a cycle: m -> n -> m"),
        ("$.agreements[0].links[0].agreement", "agreement links form a cycle: a -> b -> a"),
        ("$.agreements[2].links[0].agreement", "agreement links form a cycle: c -> d -> c"),
    )


def test_loops_that_share_an_agreement_are_reported_once() -> None:
    agreements = (
        treaty("a", None, ("amends", "b"), ("supersedes", "c")),
        treaty("b", None, ("amends", "a")),
        treaty("c", None, ("amends", "a")),
    )
    assert refusal(lambda: Dossier(agreements=agreements)) == (
        ("$.agreements[0].links[0].agreement", "agreement links form a cycle: a -> b -> a"),
    )


@pytest.mark.parametrize(
    ("target", "linking"),
    [
        ("2012-12-08", "2012-12-08"),
        ("2012-12-08", "2012"),
        ("2012", "2012-01-01"),
        ("1997", "2012"),
    ],
)
def test_a_linking_agreement_that_may_come_after_its_target_is_accepted(
    target: str, linking: str
) -> None:
    dossier = Dossier(agreements=(treaty("a", target), treaty("b", linking, ("amends", "a"))))
    assert dossier.agreements[1].links[0].agreement == "a"


def test_undated_agreements_are_not_compared() -> None:
    dossier = Dossier(agreements=(treaty("a", "2012"), treaty("b", None, ("amends", "a"))))
    assert dossier.agreements[1].date is None


@pytest.mark.parametrize(
    ("when", "date"),
    [
        ("2012-11-26/2012-12-08", "2012-12-08"),
        ("2012-11-26/2012-12-08", "2012-11-26"),
        ("2012-11/2012-12", "2012"),
        ("2012-12-08", "2012-12"),
        ("2012", "2012-06-01"),
    ],
)
def test_a_step_that_may_fall_within_its_meeting_is_accepted(when: str, date: str) -> None:
    meeting = bare_meeting("m", when=period(when) if "/" in when else day(when))
    dossier = Dossier(meetings=(meeting,), agreements=(treaty("a", events=(adopted(date, "m"),)),))
    assert dossier.agreements[0].events[0].meeting == "m"


@pytest.mark.parametrize("start", ["2023-04-04", "2023-04", "2023", "2024-01-01"])
def test_a_membership_that_may_start_on_or_after_its_basis_is_accepted(start: str) -> None:
    assert Dossier(**accession(start=start)).organizations[0].members(on="2024") == {"USA", "FIN"}


def test_a_membership_resting_on_a_step_taken_again_counts_the_latest() -> None:
    """A state that acceded, withdrew and acceded again may be a member from the second time."""
    fields = accession(start="2030-01-01")
    treaty_ = fields["agreements"][0]
    events = (
        *treaty_.events,
        LifecycleEvent(action="withdrawal_effective", party="FIN", date=day("2025")),
        LifecycleEvent(action="acceded", party="FIN", date=day("2030-01-01")),
    )
    fields["agreements"] = (attrs.evolve(treaty_, events=events),)
    assert Dossier(**fields).organizations[0].memberships[1].period.start == day("2030-01-01")


def test_linked_agreements_and_steps_at_meetings_are_dated_on_the_world_s_clock() -> None:
    # 20:00 on the 14th ten hours behind UTC is 06:00 UTC on the 15th; 08:00 on the 15th
    # fourteen hours ahead is 18:00 UTC on the 14th: the amendment comes after what it amends
    dossier = Dossier(
        meetings=(bare_meeting("m", when=day("2021-11-15[America/New_York]")),),
        agreements=(
            treaty("b", "2023-04-15T08:00:00+14:00"),
            treaty("a", "2023-04-14T20:00:00-10:00", ("amends", "b")),
            treaty("c", events=(adopted("2021-11-16T08:45:00[Asia/Shanghai]", "m"),)),
        ),
    )
    assert [a.id for a in dossier.agreements] == ["b", "a", "c"]
    assert_only_problem(
        lambda: attrs.evolve(
            dossier,
            agreements=(
                *dossier.agreements[:2],
                treaty("c", events=(adopted("2021-11-16T18:00:00[Asia/Shanghai]", "m"),)),
            ),
        ),
        "$.agreements[2].events[0].date",
        "adopted on 2021-11-16T18:00:00[Asia/Shanghai], but the meeting 'm' was held on "
        "2021-11-15[America/New_York]",
    )
