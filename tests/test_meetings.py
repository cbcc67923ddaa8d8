"""Participants, occasions, statements and meetings, and every rule a Meeting enforces."""

from __future__ import annotations

import datetime
import zoneinfo
from collections import Counter
from typing import Any

import attrs
import pytest

from conftest import (
    KHAR,
    LAVROV,
    MEETING_ID,
    OCCASION_ID,
    assert_only_problem,
    day,
    khar_participant,
    lavrov_participant,
    period,
    refusal,
    samarkand,
    samarkand_meeting,
)
from diplomod import (
    Meeting,
    Occasion,
    PartialDate,
    Participant,
    Period,
    Place,
    Statement,
    ValidationError,
)

MOSCOW = Place(name="Moscow", country="RUS")


def statement(*by: str, **changes: Any) -> Statement:
    fields: dict[str, Any] = {"by": by, "stance": "discussed", "substance": "Regional security."}
    fields.update(changes)
    return Statement(**fields)


# -- participants ----------------------------------------------------------------------------


def test_participant_defaults_to_the_plain_participant_role() -> None:
    participant = Participant(represents="PAK")
    assert participant.role == "participant"
    assert participant.person is None
    assert participant.office is None


def test_participant_may_represent_an_organization_by_id() -> None:
    assert Participant(represents="sco", person="zhang-ming").represents == "sco"


@pytest.mark.parametrize(
    ("changes", "path", "message"),
    [
        ({"role": "hots"}, "$.role", "unknown participant role 'hots'; did you mean 'host'?"),
        ({"represents": "PAKI"}, "$.represents", "unknown state code 'PAKI'; did you mean 'PAK'?"),
        (
            {"represents": "pak!"},
            "$.represents",
            "'pak!' is neither a state code such as 'PAK' nor a record id such as 'sco'",
        ),
        ({"person": "Hina Rabbani Khar"}, "$.person", "'Hina Rabbani Khar' is not a record id"),
        ({"office": ""}, "$.office", "must not be empty"),
    ],
    ids=["role", "state", "actor", "person", "office"],
)
def test_bad_participant_fields_are_refused(
    changes: dict[str, Any], path: str, message: str
) -> None:
    assert_only_problem(lambda: khar_participant(**changes), path, message)


# -- occasions -------------------------------------------------------------------------------


def test_occasion_names_the_larger_event() -> None:
    occasion = Occasion(relation="sidelines_of", event=OCCASION_ID)
    assert (occasion.relation, occasion.event) == ("sidelines_of", OCCASION_ID)


@pytest.mark.parametrize(
    ("relation", "event", "path", "message"),
    [
        (
            "sideline_of",
            OCCASION_ID,
            "$.relation",
            "unknown occasion relation 'sideline_of'; did you mean 'sidelines_of'?",
        ),
        ("sidelines_of", "Afghanistan neighbours", "$.event", "is not a record id"),
    ],
)
def test_bad_occasions_are_refused(relation: str, event: str, path: str, message: str) -> None:
    assert_only_problem(lambda: Occasion(relation=relation, event=event), path, message)


# -- statements ------------------------------------------------------------------------------


def test_statement_defaults_to_done_with_no_areas_or_evidence() -> None:
    said = statement("PAK", "RUS")
    assert said.status == "done"
    assert said.areas == frozenset()
    assert said.evidence == ()


@pytest.mark.parametrize(
    ("changes", "path", "message"),
    [
        ({"by": ()}, "$.by", "needs at least 1 item, got 0"),
        ({"by": ("PAK", "RUS", "PAK")}, "$.by", "lists 'PAK' more than once"),
        ({"by": "PAK"}, "$.by", "expected a tuple, got str"),
        ({"stance": "stresed"}, "$.stance", "unknown stance 'stresed'; did you mean 'stressed'"),
        ({"substance": ""}, "$.substance", "must not be empty"),
        ({"status": "finished"}, "$.status", "unknown event status 'finished'"),
        (
            {"areas": frozenset({"energy", "securty.extremism"})},
            "$.areas[1]",
            "unknown cooperation area 'securty.extremism'; did you mean 'security.extremism'",
        ),
    ],
    ids=["no-one", "repeated", "list", "stance", "substance", "status", "area"],
)
def test_bad_statement_fields_are_refused(changes: dict[str, Any], path: str, message: str) -> None:
    fields: dict[str, Any] = {"by": ("PAK", "RUS"), "stance": "stressed", "substance": "Trade."}
    fields.update(changes)
    assert_only_problem(lambda: Statement(**fields), path, message)


# -- a valid meeting -------------------------------------------------------------------------


def test_samarkand_meeting_is_valid(meeting: Meeting) -> None:
    assert meeting.parties == frozenset({"PAK", "RUS"})
    assert meeting.when == day("2023-04-14")
    assert meeting.where == samarkand()
    assert meeting.occasion == Occasion(relation="sidelines_of", event=OCCASION_ID)
    assert meeting.formats == frozenset({"bilateral", "third_location"})
    assert [s.stance for s in meeting.statements] == ["stressed", "evaluated", "agreed"]
    assert meeting.status == "done"


def test_a_meeting_over_several_days_takes_a_period() -> None:
    meeting = samarkand_meeting(when=period("2023-04-13/2023-04-14"))
    assert meeting.when == period("2023-04-13/2023-04-14")


def test_a_meeting_date_must_be_a_date_or_period() -> None:
    assert_only_problem(
        lambda: samarkand_meeting(when=20230414),
        "$.when",
        "expected a PartialDate or a Period, got int 20230414",
    )


@pytest.mark.parametrize(
    ("when", "read"),
    [
        ("2023-04-14", PartialDate(year=2023, month=4, day=14)),
        (datetime.date(2023, 4, 14), PartialDate(year=2023, month=4, day=14)),
        ("2023-04-13/2023-04-14", Period.parse("2023-04-13/2023-04-14")),
    ],
)
def test_a_meeting_date_may_be_given_as_edtf_text_or_a_date(when: Any, read: Any) -> None:
    assert samarkand_meeting(when=when).when == read


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ("14 April 2023", "'14 April 2023' is not a date such as '2023'"),
        ("2023-02-30", "February 2023 has 28 days, not 30"),
        ("2023-04-14/2023-04-13", "end: 2023-04-13 is before the start 2023-04-14"),
        (datetime.datetime(2023, 4, 14, 10, 0, 0, 500), "the text form keeps whole seconds only"),
        ("2023-04-14T10:30:00~", "'2023-04-14T10:30:00~': EDTF qualifies dates, not times"),
    ],
)
def test_a_meeting_date_in_text_that_is_not_edtf_is_refused(when: Any, message: str) -> None:
    with pytest.raises(ValidationError) as err:
        samarkand_meeting(when=when)
    ((path, said),) = err.value.problems
    assert path == "$.when"
    assert said.startswith(message)


def test_a_meeting_date_may_be_a_datetime_with_its_time_and_zone() -> None:
    karachi = zoneinfo.ZoneInfo("Asia/Karachi")
    meeting = samarkand_meeting(when=datetime.datetime(2023, 4, 14, 10, 30, tzinfo=karachi))
    assert str(meeting.when) == "2023-04-14T10:30:00+05:00[Asia/Karachi]"
    local = samarkand_meeting(when=datetime.datetime(2023, 4, 14, 10, 30))
    assert str(local.when) == "2023-04-14T10:30:00"


def test_statements_may_be_by_represented_parties_or_participating_people() -> None:
    meeting = samarkand_meeting(
        statements=(statement("PAK"), statement(LAVROV), statement(KHAR, "RUS"))
    )
    assert [s.by for s in meeting.statements] == [("PAK",), (LAVROV,), (KHAR, "RUS")]


def test_a_meeting_between_a_state_and_an_organization_is_bilateral() -> None:
    meeting = samarkand_meeting(
        participants=(khar_participant(), Participant(represents="sco", person="zhang-ming")),
        statements=(statement("sco", KHAR),),
    )
    assert meeting.parties == frozenset({"PAK", "sco"})


def test_a_hosted_visit_with_a_host_is_accepted() -> None:
    meeting = samarkand_meeting(
        formats=frozenset({"bilateral", "visit", "hosted"}),
        where=MOSCOW,
        participants=(khar_participant(role="guest"), lavrov_participant(role="host")),
    )
    assert meeting.formats == frozenset({"bilateral", "visit", "hosted"})


def test_a_call_without_a_place_is_accepted() -> None:
    meeting = samarkand_meeting(formats=frozenset({"bilateral", "phone_call"}), where=None)
    assert meeting.where is None


def test_a_meeting_is_frozen(meeting: Meeting) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        meeting.status = "planned"  # type: ignore[misc]


# -- the Meeting rules -----------------------------------------------------------------------

THREE_PARTIES = (khar_participant(), lavrov_participant(), Participant(represents="CHN"))


MEETING_RULES: list[tuple[str, dict[str, Any], str, str]] = [
    (
        "one-party",
        {
            "participants": (khar_participant(), Participant(represents="PAK")),
            "formats": frozenset({"summit"}),
            "statements": (),
        },
        "$.participants",
        "needs at least two distinct parties, got PAK",
    ),
    (
        "participant-repeated",
        {"participants": (khar_participant(), lavrov_participant(), khar_participant())},
        "$.participants[2]",
        "repeats an earlier participant",
    ),
    (
        "person-twice",
        {
            "participants": (
                khar_participant(),
                lavrov_participant(),
                khar_participant(role="guest", office="Minister of State"),
            )
        },
        "$.participants[2].person",
        f"{KHAR!r} is already $.participants[0]",
    ),
    (
        "phone-call-with-place",
        {"formats": frozenset({"bilateral", "phone_call"})},
        "$.where",
        "a phone_call has no place",
    ),
    (
        "video-call-with-place",
        {"formats": frozenset({"bilateral", "video_call"})},
        "$.where",
        "a video_call has no place",
    ),
    (
        "call-and-visit",
        {"formats": frozenset({"bilateral", "phone_call", "visit"}), "where": None},
        "$.formats",
        "a call cannot also be a visit, hosted or at a third location",
    ),
    (
        "call-and-third-location",
        {"formats": frozenset({"bilateral", "video_call", "third_location"}), "where": None},
        "$.formats",
        "a call cannot also be a visit, hosted or at a third location",
    ),
    (
        "call-and-hosted",
        {
            "formats": frozenset({"bilateral", "phone_call", "hosted"}),
            "where": None,
            "participants": (khar_participant(), lavrov_participant(role="host")),
        },
        "$.formats",
        "a call cannot also be a visit, hosted or at a third location",
    ),
    (
        "bilateral-and-multilateral",
        {"formats": frozenset({"bilateral", "multilateral"})},
        "$.formats",
        "cannot be both bilateral and multilateral",
    ),
    (
        "bilateral-with-three",
        {"participants": THREE_PARTIES},
        "$.formats",
        "bilateral, but 3 parties take part",
    ),
    (
        "multilateral-with-two",
        {"formats": frozenset({"multilateral", "third_location"})},
        "$.formats",
        "multilateral, but only 2 parties take part",
    ),
    (
        "third-location-in-a-party",
        {"where": MOSCOW},
        "$.where.country",
        "at a third location, but RUS takes part",
    ),
    (
        "hosted-without-host",
        {"formats": frozenset({"bilateral", "hosted", "visit"}), "where": MOSCOW},
        "$.participants",
        "the meeting is hosted, but no participant has the role 'host'",
    ),
    (
        "statement-by-outsider",
        {"statements": (statement("PAK", "RUS"), statement("RUS", "CHN"))},
        "$.statements[1].by[1]",
        "'CHN' does not take part in the meeting",
    ),
    (
        "statement-by-absent-person",
        {"statements": (statement(KHAR, "wang-yi"),)},
        "$.statements[0].by[1]",
        "'wang-yi' does not take part in the meeting",
    ),
    (
        "own-occasion",
        {"occasion": Occasion(relation="part_of", event=MEETING_ID)},
        "$.occasion.event",
        "a meeting cannot be its own occasion",
    ),
]


@pytest.mark.parametrize(
    ("changes", "path", "message"),
    [case[1:] for case in MEETING_RULES],
    ids=[case[0] for case in MEETING_RULES],
)
def test_each_meeting_rule_refuses_bad_input(
    changes: dict[str, Any], path: str, message: str
) -> None:
    assert_only_problem(lambda: samarkand_meeting(**changes), path, message)


def test_one_party_in_a_bilateral_meeting_breaks_two_rules() -> None:
    participants = (khar_participant(), Participant(represents="PAK"))
    problems = refusal(lambda: samarkand_meeting(participants=participants, statements=()))
    assert problems == (
        ("$.participants", "needs at least two distinct parties, got PAK"),
        ("$.formats", "bilateral, but 1 party takes part"),
    )


def test_one_party_in_a_multilateral_meeting_is_counted_in_the_singular() -> None:
    participants = (khar_participant(), Participant(represents="PAK"))
    problems = refusal(
        lambda: samarkand_meeting(
            participants=participants, statements=(), formats=frozenset({"multilateral"})
        )
    )
    assert ("$.formats", "multilateral, but only 1 party takes part") in problems


def test_a_person_may_not_take_part_for_two_parties() -> None:
    participants = (khar_participant(), lavrov_participant(), khar_participant(represents="sco"))
    assert_only_problem(
        lambda: samarkand_meeting(participants=participants, formats=frozenset({"multilateral"})),
        "$.participants[2].person",
        f"{KHAR!r} is already $.participants[0]",
    )


def test_unnamed_delegations_of_one_party_are_not_the_same_person() -> None:
    participants = (
        khar_participant(),
        Participant(represents="PAK", office="Ambassador"),
        lavrov_participant(),
        Participant(represents="RUS", office="Deputy Foreign Minister"),
    )
    assert samarkand_meeting(participants=participants).parties == frozenset({"PAK", "RUS"})


# -- field problems --------------------------------------------------------------------------

MEETING_FIELDS: list[tuple[str, dict[str, Any], str, str]] = [
    ("no-formats", {"formats": frozenset()}, "$.formats", "needs at least 1 item, got 0"),
    (
        "unknown-format",
        {"formats": frozenset({"third_location", "bilateral", "sumit"})},
        "$.formats[1]",
        "unknown meeting format 'sumit'; did you mean 'summit'",
    ),
    (
        "unknown-area",
        {"areas": frozenset({"energy", "economy.trade", "enrgy"})},
        "$.areas[2]",
        "unknown cooperation area 'enrgy'; did you mean 'energy'",
    ),
    (
        "bad-extension-area",
        {"areas": frozenset({"Acme:Fisheries"})},
        "$.areas[0]",
        "'Acme:Fisheries' is not an extension code",
    ),
    ("unknown-status", {"status": "held"}, "$.status", "unknown event status 'held'"),
    (
        "misspelt-status",
        {"status": "planed"},
        "$.status",
        "unknown event status 'planed'; did you mean 'planned'?",
    ),
    (
        "one-participant",
        {"participants": (khar_participant(),)},
        "$.participants",
        "needs at least 2 items, got 1",
    ),
    ("formats-as-text", {"formats": "bilateral"}, "$.formats", "expected a frozenset, got str"),
    (
        "repeated-topic",
        {"topics": ("energy", "energy")},
        "$.topics",
        "lists 'energy' more than once",
    ),
    ("bad-id", {"id": "Meeting 1"}, "$.id", "'Meeting 1' is not a record id"),
    (
        "repeated-source",
        {"sources": ("news", "news")},
        "$.sources",
        "lists 'news' more than once",
    ),
]


@pytest.mark.parametrize(
    ("changes", "path", "message"),
    [case[1:] for case in MEETING_FIELDS],
    ids=[case[0] for case in MEETING_FIELDS],
)
def test_bad_meeting_fields_are_refused(changes: dict[str, Any], path: str, message: str) -> None:
    assert_only_problem(lambda: samarkand_meeting(**changes), path, message)


# -- every problem at once -------------------------------------------------------------------


def test_every_rule_problem_is_reported_together() -> None:
    problems = refusal(
        lambda: samarkand_meeting(
            participants=(khar_participant(), lavrov_participant(), khar_participant()),
            formats=frozenset({"bilateral", "multilateral", "phone_call", "visit", "hosted"}),
            statements=(statement("CHN"),),
            occasion=Occasion(relation="part_of", event=MEETING_ID),
        )
    )
    assert Counter(path for path, _ in problems) == Counter(
        {
            "$.participants[2]": 1,
            "$.where": 1,
            "$.formats": 2,
            "$.participants": 1,
            "$.statements[0].by[0]": 1,
            "$.occasion.event": 1,
        }
    )
    messages = " | ".join(message for _, message in problems)
    for fragment in (
        "repeats an earlier participant",
        "a phone_call has no place",
        "a call cannot also be",
        "cannot be both bilateral and multilateral",
        "no participant has the role 'host'",
        "'CHN' does not take part",
        "cannot be its own occasion",
    ):
        assert fragment in messages


def test_every_field_problem_is_reported_together() -> None:
    problems = refusal(
        lambda: samarkand_meeting(
            id="Meeting",
            when="14 April 2023",
            formats=frozenset(),
            areas=frozenset({"enrgy"}),
            status="held",
        )
    )
    assert [path for path, _ in problems] == [
        "$.id",
        "$.when",
        "$.formats",
        "$.areas[0]",
        "$.status",
    ]


# -- attrs.evolve ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "path", "message"),
    [
        ({"formats": frozenset({"bilateral", "phone_call"})}, "$.where", "has no place"),
        ({"where": MOSCOW}, "$.where.country", "at a third location, but RUS takes part"),
        ({"status": "held"}, "$.status", "unknown event status 'held'"),
        ({"participants": THREE_PARTIES}, "$.formats", "bilateral, but 3 parties take part"),
    ],
)
def test_evolve_checks_the_new_meeting(
    meeting: Meeting, changes: dict[str, Any], path: str, message: str
) -> None:
    assert_only_problem(lambda: attrs.evolve(meeting, **changes), path, message)


def test_evolve_to_a_valid_meeting_succeeds(meeting: Meeting) -> None:
    call = attrs.evolve(meeting, formats=frozenset({"bilateral", "video_call"}), where=None)
    assert call.formats == frozenset({"bilateral", "video_call"})
    assert meeting.where == samarkand()
