"""Agreements, their signatories and lifecycle events, and the order those must come in."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import (
    KHAR,
    LAVROV,
    MOU_ID,
    assert_only_problem,
    day,
    gas_pipeline_mou,
    refusal,
    samarkand,
)
from diplomod import Agreement, LifecycleEvent, PartialDate, Signatory


def event(action: str, party: str, date: str) -> LifecycleEvent:
    return LifecycleEvent(action=action, party=party, date=day(date))


# -- lifecycle events and signatories ------------------------------------------------------


def test_lifecycle_event_keeps_its_fields() -> None:
    signing = LifecycleEvent(
        action="signed", party="PAK", date=day("2021-05-28"), place=samarkand()
    )
    assert (signing.action, signing.party, str(signing.date)) == ("signed", "PAK", "2021-05-28")
    assert signing.place == samarkand()


@pytest.mark.parametrize(
    ("changes", "path", "message"),
    [
        (
            {"action": "sined"},
            "$.action",
            "unknown lifecycle action 'sined'; did you mean 'signed'?",
        ),
        ({"party": "PAKI"}, "$.party", "unknown state code 'PAKI'; did you mean 'PAK'?"),
        ({"date": "2021-13"}, "$.date", "13 is outside the range [1, 12]"),
        ({"date": None}, "$.date", "expected a PartialDate, got NoneType None"),
    ],
    ids=["action", "party", "date-as-text", "no-date"],
)
def test_bad_lifecycle_events_are_refused(changes: dict[str, Any], path: str, message: str) -> None:
    fields: dict[str, Any] = {"action": "signed", "party": "PAK", "date": day("2021")}
    fields.update(changes)
    assert_only_problem(lambda: LifecycleEvent(**fields), path, message)


def test_signatory_keeps_its_fields() -> None:
    signatory = Signatory(person=KHAR, on_behalf_of="PAK", office="Minister of State")
    assert (signatory.person, signatory.on_behalf_of, signatory.office) == (
        KHAR,
        "PAK",
        "Minister of State",
    )


@pytest.mark.parametrize(
    ("changes", "path", "message"),
    [
        ({"person": "Hina Rabbani Khar"}, "$.person", "'Hina Rabbani Khar' is not a record id"),
        ({"on_behalf_of": "Pakistan"}, "$.on_behalf_of", "unknown state code 'Pakistan'"),
        ({"office": " Minister"}, "$.office", "must not start or end with white space"),
    ],
)
def test_bad_signatories_are_refused(changes: dict[str, Any], path: str, message: str) -> None:
    fields: dict[str, Any] = {"person": KHAR, "on_behalf_of": "PAK"}
    fields.update(changes)
    assert_only_problem(lambda: Signatory(**fields), path, message)


# -- the 2021 MoU ----------------------------------------------------------------------------


def test_the_2021_mou_is_valid_and_known_only_to_the_year(mou: Agreement) -> None:
    assert mou.id == MOU_ID
    assert mou.parties == ("PAK", "RUS")
    assert mou.instrument == "memorandum_of_understanding"
    assert mou.concluded == PartialDate(year=2021)
    assert mou.concluded is not None
    assert mou.concluded.precision == "year"
    assert str(mou.concluded) == "2021"
    assert mou.areas == frozenset({"energy.pipelines"})


def test_an_agreement_between_a_state_and_an_organization_is_accepted() -> None:
    agreement = gas_pipeline_mou(parties=("PAK", "sco"), events=())
    assert agreement.parties == ("PAK", "sco")


# -- the Agreement rules ---------------------------------------------------------------------

AGREEMENT_RULES: list[tuple[str, dict[str, Any], str, str]] = [
    (
        "one-party",
        {"parties": ("PAK",), "events": ()},
        "$.parties",
        "needs at least 2 items, got 1",
    ),
    ("no-parties", {"parties": (), "events": ()}, "$.parties", "needs at least 2 items, got 0"),
    (
        "duplicate-parties",
        {"parties": ("PAK", "RUS", "PAK")},
        "$.parties",
        "lists 'PAK' more than once",
    ),
    (
        "signatory-for-non-party",
        {
            "signatories": (
                Signatory(person=KHAR, on_behalf_of="PAK"),
                Signatory(person="wang-yi", on_behalf_of="CHN"),
            )
        },
        "$.signatories[1].on_behalf_of",
        "'CHN' is not a party",
    ),
    (
        "duplicate-signatory",
        {
            "signatories": (
                Signatory(person=LAVROV, on_behalf_of="RUS"),
                Signatory(person=LAVROV, on_behalf_of="RUS"),
            )
        },
        "$.signatories",
        "more than once",
    ),
    (
        "event-for-non-party",
        {"events": (event("signed", "PAK", "2021"), event("signed", "CHN", "2021"))},
        "$.events[1].party",
        "'CHN' is not a party",
    ),
    (
        "same-action-twice",
        {
            "events": (
                event("signed", "PAK", "2021"),
                event("signed", "RUS", "2021"),
                event("signed", "PAK", "2021-06"),
            )
        },
        "$.events[2]",
        "PAK is already recorded as signed at $.events[0]",
    ),
    (
        "ratified-before-signed",
        {"events": (event("signed", "PAK", "2021-06-10"), event("ratified", "PAK", "2021-03"))},
        "$.events[1].date",
        "PAK ratified on 2021-03, before it signed on 2021-06-10",
    ),
    (
        "ratification-listed-first",
        {"events": (event("ratified", "RUS", "2020"), event("signed", "RUS", "2021"))},
        "$.events[0].date",
        "RUS ratified on 2020, before it signed on 2021",
    ),
    (
        "withdrawn-before-signed",
        {"events": (event("signed", "PAK", "2021-06"), event("withdrawn", "PAK", "2021-05-31"))},
        "$.events[1].date",
        "PAK withdrawn on 2021-05-31, before it signed on 2021-06",
    ),
    (
        "terminated-before-signed",
        {"events": (event("signed", "RUS", "2021"), event("terminated", "RUS", "2020-12-31"))},
        "$.events[1].date",
        "RUS terminated on 2020-12-31, before it signed on 2021",
    ),
    (
        "in-force-before-signed",
        {
            "concluded": None,
            "events": (
                event("signed", "PAK", "2021-06"),
                event("entered_into_force", "PAK", "2021-05"),
            ),
        },
        "$.events[1].date",
        "PAK entered_into_force on 2021-05, before it signed on 2021-06",
    ),
    (
        "in-force-before-concluded",
        {"concluded": day("2021-06-10"), "events": (event("entered_into_force", "RUS", "2020"),)},
        "$.events[0].date",
        "entered into force on 2020, before the agreement was concluded on 2021-06-10",
    ),
]


@pytest.mark.parametrize(
    ("changes", "path", "message"),
    [case[1:] for case in AGREEMENT_RULES],
    ids=[case[0] for case in AGREEMENT_RULES],
)
def test_each_agreement_rule_refuses_bad_input(
    changes: dict[str, Any], path: str, message: str
) -> None:
    assert_only_problem(lambda: gas_pipeline_mou(**changes), path, message)


def test_every_agreement_problem_is_reported_together() -> None:
    problems = refusal(
        lambda: gas_pipeline_mou(
            concluded=day("2021-06"),
            signatories=(Signatory(person="wang-yi", on_behalf_of="CHN"),),
            events=(
                event("signed", "PAK", "2021-06"),
                event("signed", "PAK", "2021-07"),
                event("signed", "TKM", "2021-06"),
                event("entered_into_force", "PAK", "2021-05"),
            ),
        )
    )
    assert problems == (
        ("$.signatories[0].on_behalf_of", "'CHN' is not a party"),
        ("$.events[1]", "PAK is already recorded as signed at $.events[0]"),
        ("$.events[2].party", "'TKM' is not a party"),
        ("$.events[3].date", "PAK entered_into_force on 2021-05, before it signed on 2021-06"),
        (
            "$.events[3].date",
            "entered into force on 2021-05, before the agreement was concluded on 2021-06",
        ),
    )


def test_a_party_may_ratify_without_a_recorded_signature() -> None:
    agreement = gas_pipeline_mou(events=(event("ratified", "PAK", "2020"),))
    assert agreement.events[0].action == "ratified"


def test_each_party_may_take_the_same_action_once() -> None:
    agreement = gas_pipeline_mou(
        events=(
            event("signed", "PAK", "2021"),
            event("signed", "RUS", "2021"),
            event("ratified", "PAK", "2022"),
            event("ratified", "RUS", "2022"),
        )
    )
    assert len(agreement.events) == 4


# -- dates known to different precisions -----------------------------------------------------


@pytest.mark.parametrize(
    ("signed", "later"),
    [
        ("2021-06", "2021"),
        ("2021", "2021-06"),
        ("2021", "2021-01-01"),
        ("2021-06-10", "2021-06"),
        ("2021-06-10", "2021-06-10"),
        ("2021~", "2021-12-31?"),
    ],
)
def test_a_step_that_may_not_precede_the_signature_is_accepted(signed: str, later: str) -> None:
    """'Ratified in 2021' is not before 'signed in June 2021': it may well be after."""
    agreement = gas_pipeline_mou(
        events=(event("signed", "PAK", signed), event("ratified", "PAK", later))
    )
    assert str(agreement.events[1].date) == later


@pytest.mark.parametrize(
    ("signed", "later"),
    [
        ("2021-06", "2021-05"),
        ("2021", "2020-12-31"),
        ("2021-06-10", "2021-06-09"),
        ("2021-06-10~", "2021-06-09?"),
    ],
)
def test_a_step_surely_before_the_signature_is_refused(signed: str, later: str) -> None:
    assert_only_problem(
        lambda: gas_pipeline_mou(
            events=(event("signed", "PAK", signed), event("ratified", "PAK", later))
        ),
        "$.events[1].date",
        f"PAK ratified on {later}, before it signed on {signed}",
    )


@pytest.mark.parametrize(
    ("concluded", "in_force"),
    [("2021", "2021-01"), ("2021-06", "2021"), ("2021-06-10", "2021-06"), ("2021", "2023")],
)
def test_entry_into_force_that_may_follow_conclusion_is_accepted(
    concluded: str, in_force: str
) -> None:
    agreement = gas_pipeline_mou(
        concluded=day(concluded), events=(event("entered_into_force", "RUS", in_force),)
    )
    assert agreement.concluded == day(concluded)


# -- the date property -----------------------------------------------------------------------


def test_date_is_the_conclusion_when_known(mou: Agreement) -> None:
    assert mou.date == day("2021")


def test_date_is_the_earliest_event_without_a_conclusion() -> None:
    agreement = gas_pipeline_mou(
        concluded=None,
        events=(
            event("signed", "PAK", "2021-06-10"),
            event("signed", "RUS", "2021-05"),
            event("ratified", "RUS", "2022"),
        ),
    )
    assert agreement.date == day("2021-05")


def test_date_is_none_without_conclusion_or_events() -> None:
    assert gas_pipeline_mou(concluded=None, events=()).date is None


def test_conclusion_wins_over_an_earlier_event() -> None:
    agreement = gas_pipeline_mou(
        concluded=day("2021-06"), events=(event("signed", "PAK", "2021-05"),)
    )
    assert agreement.date == day("2021-06")


# -- field checks ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "path", "message"),
    [
        (
            {"instrument": "memorandum_of_understandin"},
            "$.instrument",
            "unknown instrument type 'memorandum_of_understandin'; "
            "did you mean 'memorandum_of_understanding'?",
        ),
        ({"title": ""}, "$.title", "must not be empty"),
        ({"concluded": "In 2021"}, "$.concluded", "'In 2021' is not a date such as '2023'"),
        (
            {"areas": frozenset({"energy.pipeline"})},
            "$.areas[0]",
            "unknown cooperation area 'energy.pipeline'; did you mean 'energy.pipelines'",
        ),
        (
            {"projects": ("North-South gas pipeline", "North-South gas pipeline")},
            "$.projects",
            "lists 'North-South gas pipeline' more than once",
        ),
        ({"meeting": "Samarkand"}, "$.meeting", "'Samarkand' is not a record id"),
        ({"status": "signed"}, "$.status", "unknown event status 'signed'"),
        ({"parties": ("PAK", "Russia")}, "$.parties[1]", "unknown state code 'Russia'"),
    ],
    ids=["instrument", "title", "concluded", "area", "projects", "meeting", "status", "party"],
)
def test_bad_agreement_fields_are_refused(changes: dict[str, Any], path: str, message: str) -> None:
    assert_only_problem(lambda: gas_pipeline_mou(**changes), path, message)
