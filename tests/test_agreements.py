"""Agreements, their signatories and lifecycle events, and the order those must come in."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from typing import Any

import attrs
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
from diplomod import (
    Agreement,
    AgreementLink,
    Depositary,
    LifecycleEvent,
    PartialDate,
    Signatory,
    ValidationError,
    from_dict,
    from_json,
    to_dict,
    to_json,
)


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
        "PAK is already recorded as signed at $.events[0], with no withdrawal taking effect "
        "between",
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
    (
        "signed-before-concluded-by-the-world-s-clock",
        {
            "concluded": day("2021-06-10T20:00:00-04:00"),
            "events": (event("signed", "PAK", "2021-06-11T07:00:00+08:00"),),
        },
        "$.events[0].date",
        "signed on 2021-06-11T07:00:00+08:00, before the agreement was concluded on "
        "2021-06-10T20:00:00-04:00",
    ),
]


def test_steps_on_the_same_moment_in_two_zones_are_in_order() -> None:
    mou = gas_pipeline_mou(
        concluded=day("2021-06-10T20:00:00-04:00"),
        events=(event("signed", "PAK", "2021-06-11T08:00:00+08:00"),),
    )
    assert mou.concluded is not None
    assert mou.events[0].date.instant == mou.concluded.instant


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
        (
            "$.events[1]",
            "PAK is already recorded as signed at $.events[0], with no withdrawal taking "
            "effect between",
        ),
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
    adopted = LifecycleEvent(action="adopted", date=day("2021-05"))
    agreement = gas_pipeline_mou(concluded=day("2021-06"), events=(adopted,))
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


# -- the lifecycle as treaty practice records it ---------------------------------------------


def whole(action: str, date: str) -> LifecycleEvent:
    """A step of the agreement as a whole."""
    return LifecycleEvent(action=action, date=day(date))


def paris(*more: LifecycleEvent) -> Agreement:
    """The Paris Agreement as the United States took part in it: accepted, withdrew on a
    year's notice, and accepted again."""
    return Agreement(
        id="paris-agreement",
        title="Paris Agreement",
        instrument="treaty",
        parties=("USA", "FRA", "CHN"),
        concluded=day("2015-12-12"),
        events=(
            whole("adopted", "2015-12-12"),
            whole("opened_for_signature", "2016-04-22"),
            event("signed", "USA", "2016-04-22"),
            event("accepted", "USA", "2016-09-03"),
            whole("entered_into_force", "2016-11-04"),
            event("withdrawal_notified", "USA", "2019-11-04"),
            event("withdrawal_effective", "USA", "2020-11-04"),
            event("accepted", "USA", "2021-01-20"),
            event("entered_into_force", "USA", "2021-02-19"),
            *more,
        ),
    )


def test_a_party_that_came_back_may_withdraw_again() -> None:
    again = paris(
        event("withdrawal_notified", "USA", "2025-01-27"),
        event("withdrawal_effective", "USA", "2026-01-27"),
    )
    assert again.standing("USA", "2026-02").certainly == "withdrawn"
    assert again.standing("USA", "2025-06").certainly == "bound"


def test_reservations_declarations_and_objections_may_come_again() -> None:
    agreement = paris(
        event("objection", "FRA", "2017"),
        event("objection", "FRA", "2018"),
        event("declaration", "FRA", "2016-10-05"),
        event("declaration", "FRA", "2019"),
    )
    assert len(agreement.events) == 13


def test_a_second_consent_of_another_kind_needs_a_withdrawal_between() -> None:
    assert_only_problem(
        lambda: paris(event("ratified", "FRA", "2016-10-05"), event("acceded", "FRA", "2017")),
        "$.events[10]",
        "FRA is already recorded as ratified at $.events[9], with no withdrawal taking "
        "effect between",
    )


def test_a_second_withdrawal_needs_a_new_consent_between() -> None:
    assert_only_problem(
        lambda: paris(event("withdrawal_effective", "USA", "2020-12-01")),
        "$.events[9]",
        "USA is already recorded as withdrawal_effective at $.events[6], with no new "
        "consent between",
    )


def test_a_party_that_withdrew_may_become_bound_again() -> None:
    assert [e.action for e in paris().events if e.party == "USA"][-2:] == [
        "accepted",
        "entered_into_force",
    ]


@pytest.mark.parametrize(
    ("on", "certainly", "possibly"),
    [
        ("2016-04-21", "not_involved", "not_involved"),
        ("2016-04-22", "signatory", "signatory"),
        ("2016-10", "consented", "consented"),
        ("2016-11", "consented", "bound"),
        ("2018", "bound", "bound"),
        ("2020-11-04", "withdrawn", "withdrawn"),
        ("2020", "bound", "withdrawn"),
        ("2021-01-25", "consented", "consented"),
        ("2021-02-19", "bound", "bound"),
    ],
)
def test_a_party_standing_on_a_date_is_honest_about_partial_dates(
    on: str, certainly: str, possibly: str
) -> None:
    standing = paris().standing("USA", on)
    assert (standing.certainly, standing.possibly) == (certainly, possibly)
    assert standing.certain is (certainly == possibly)


def test_the_parties_bound_on_a_date() -> None:
    agreement = paris(event("ratified", "FRA", "2016-10-05"), event("acceded", "CHN", "2016-09-03"))
    assert agreement.bound_on("2018-01-01") == {"USA", "FRA", "CHN"}
    assert agreement.bound_on(datetime.date(2020, 12, 1)) == {"FRA", "CHN"}
    assert agreement.bound_on(day("2016-10-01")) == frozenset()


def test_an_ended_agreement_binds_no_one() -> None:
    agreement = paris(whole("terminated", "2030"))
    assert agreement.standing("FRA", "2031").certainly == "ended"


def test_standing_refuses_what_is_not_a_party_or_a_date() -> None:
    with pytest.raises(ValidationError, match=r"\$.party: 'DEU' is not a party"):
        paris().standing("DEU", "2020")
    with pytest.raises(ValidationError, match=r"expected a PartialDate, a datetime\.date"):
        paris().standing("USA", 2020)  # type: ignore[arg-type]


LIFECYCLE_RULES = [
    (
        "signed-before-adopted",
        (whole("opened_for_signature", "2016-01-10"), event("signed", "FRA", "2016-01-05")),
        "$.events[1].date",
        "signed on 2016-01-05, before the text was adopted or opened on 2016-01-10",
    ),
    (
        "signed-before-concluded",
        (event("signed", "FRA", "2015-12-01"),),
        "$.events[0].date",
        "signed on 2015-12-01, before the agreement was concluded on 2015-12-12",
    ),
    (
        "accepted-before-signed",
        (event("signed", "FRA", "2016-04-22"), event("accepted", "FRA", "2016-04-21")),
        "$.events[1].date",
        "FRA accepted on 2016-04-21, before it signed on 2016-04-22",
    ),
    (
        "in-force-for-a-party-before-the-agreement",
        (whole("entered_into_force", "2016-11-04"), event("entered_into_force", "FRA", "2016-10")),
        "$.events[1].date",
        "in force for FRA on 2016-10, before the agreement itself entered into force on 2016-11-04",
    ),
    (
        "withdrawal-effective-before-notified",
        (
            event("withdrawal_notified", "FRA", "2019-11-04"),
            event("withdrawal_effective", "FRA", "2019-11-03"),
        ),
        "$.events[1].date",
        "the withdrawal takes effect on 2019-11-03, before it was notified on 2019-11-04",
    ),
    (
        "consent-twice-with-no-withdrawal",
        (event("ratified", "FRA", "2016-10-05"), event("ratified", "FRA", "2017")),
        "$.events[1]",
        "FRA is already recorded as ratified at $.events[0], with no withdrawal taking "
        "effect between",
    ),
    (
        "withdrawal-between-the-wrong-pair",
        (
            event("withdrawal_effective", "FRA", "2015-12-20"),
            event("ratified", "FRA", "2016"),
            event("ratified", "FRA", "2017"),
        ),
        "$.events[2]",
        "FRA is already recorded as ratified at $.events[1], with no withdrawal taking "
        "effect between",
    ),
]


@pytest.mark.parametrize(
    ("events", "path", "message"),
    [case[1:] for case in LIFECYCLE_RULES],
    ids=[case[0] for case in LIFECYCLE_RULES],
)
def test_each_lifecycle_rule_refuses_bad_input(
    events: tuple[LifecycleEvent, ...], path: str, message: str
) -> None:
    make = lambda: attrs.evolve(paris(), parties=("FRA", "DEU"), events=events)  # noqa: E731
    assert_only_problem(make, path, message)


@pytest.mark.parametrize(
    ("action", "party", "message"),
    [
        ("adopted", "FRA", "adopted is the agreement's own step, for no one party"),
        ("opened_for_signature", "FRA", "the agreement's own step"),
        ("ratified", None, "ratified is a party's step: name the party"),
        ("withdrawal_notified", None, "a party's step"),
    ],
)
def test_a_step_is_the_agreement_s_or_a_party_s(
    action: str, party: str | None, message: str
) -> None:
    assert_only_problem(
        lambda: LifecycleEvent(action=action, party=party, date=day("2016")), "$.party", message
    )


@pytest.mark.parametrize("action", ["entered_into_force", "terminated", "suspended"])
def test_some_steps_are_either_the_agreement_s_or_a_party_s(action: str) -> None:
    assert LifecycleEvent(action=action, date=day("2016")).party is None
    assert LifecycleEvent(action=action, party="FRA", date=day("2016")).party == "FRA"


def test_accession_and_succession_need_no_signature() -> None:
    agreement = paris(event("acceded", "CHN", "2016-09-03"), event("succeeded", "FRA", "2017"))
    assert agreement.standing("CHN", "2017").certainly == "bound"


# -- signatories in other roles ---------------------------------------------------------------


def test_a_host_may_witness_an_agreement_between_two_others() -> None:
    witness = Signatory(person="shavkat-mirziyoyev", on_behalf_of="UZB", role="witness")
    mou = gas_pipeline_mou(signatories=(witness,))
    assert mou.signatories[0].role == "witness"
    assert "UZB" not in mou.parties


def test_a_guarantor_may_be_a_party_or_not() -> None:
    for state in ("PAK", "CHN"):
        signatory = Signatory(person="someone", on_behalf_of=state, role="guarantor")
        assert gas_pipeline_mou(signatories=(signatory,)).signatories[0].on_behalf_of == state


@pytest.mark.parametrize("role", ["witness", "mediator"])
def test_a_party_does_not_sign_as_a_witness_or_a_mediator(role: str) -> None:
    signatory = Signatory(person=KHAR, on_behalf_of="PAK", role=role)
    assert_only_problem(
        lambda: gas_pipeline_mou(signatories=(signatory,)),
        "$.signatories[0].role",
        f"PAK is a party, so it does not sign as a {role}",
    )


def test_a_signatory_role_comes_from_the_codelist() -> None:
    assert_only_problem(
        lambda: Signatory(person=KHAR, on_behalf_of="PAK", role="witnes"),
        "$.role",
        "unknown signatory role 'witnes'; did you mean 'witness'?",
    )


# -- depositaries and links to other agreements ----------------------------------------------

UN_DEPOSITARY = Depositary(actor="un", office="Secretary-General of the United Nations")


def test_depositaries_and_links_are_kept_in_order() -> None:
    agreement = gas_pipeline_mou(
        depositaries=(Depositary(actor="RUS"), UN_DEPOSITARY),
        links=(
            AgreementLink(relation="implements", agreement="mou-2019"),
            AgreementLink(relation="amends", agreement="mou-2015"),
        ),
    )
    assert [d.actor for d in agreement.depositaries] == ["RUS", "un"]
    assert agreement.depositaries[1].office == "Secretary-General of the United Nations"
    assert [(link.relation, link.agreement) for link in agreement.links] == [
        ("implements", "mou-2019"),
        ("amends", "mou-2015"),
    ]
    assert gas_pipeline_mou().depositaries == ()
    assert gas_pipeline_mou().links == ()


def test_a_depositary_may_be_a_party_or_not() -> None:
    """The United States keeps the North Atlantic Treaty it is a party to."""
    assert gas_pipeline_mou(depositaries=(Depositary(actor="RUS"),)).depositaries[0].office is None
    assert gas_pipeline_mou(depositaries=(Depositary(actor="UZB"),)).parties == ("PAK", "RUS")


def test_a_step_may_name_the_meeting_it_was_taken_at() -> None:
    signing = LifecycleEvent(
        action="signed", party="PAK", date=day("2021"), meeting="meeting-2021-05-28"
    )
    assert gas_pipeline_mou(events=(signing,)).events[0].meeting == "meeting-2021-05-28"


@pytest.mark.parametrize(
    ("make", "path", "message"),
    [
        (lambda: Depositary(actor="Pakistan"), "$.actor", "unknown state code 'Pakistan'"),
        (
            lambda: Depositary(actor="un", office=" Secretary-General"),
            "$.office",
            "must not start or end with white space",
        ),
        (
            lambda: AgreementLink(relation="amend", agreement="kyoto-protocol"),
            "$.relation",
            "unknown agreement relation 'amend'; did you mean 'amends'?",
        ),
        (
            lambda: AgreementLink(relation="amends", agreement="Kyoto Protocol"),
            "$.agreement",
            "'Kyoto Protocol' is not a record id",
        ),
        (
            lambda: LifecycleEvent(action="adopted", date=day("1997"), meeting="COP 3"),
            "$.meeting",
            "'COP 3' is not a record id",
        ),
    ],
    ids=["depositary-actor", "depositary-office", "relation", "link-agreement", "event-meeting"],
)
def test_bad_depositaries_links_and_meetings_are_refused(
    make: Callable[[], object], path: str, message: str
) -> None:
    assert_only_problem(make, path, message)


LINK_RULES: list[tuple[str, dict[str, Any], str, str]] = [
    (
        "depositary-twice",
        {"depositaries": (UN_DEPOSITARY, Depositary(actor="RUS"), UN_DEPOSITARY)},
        "$.depositaries",
        "more than once",
    ),
    (
        "link-twice",
        {
            "links": (
                AgreementLink(relation="amends", agreement="mou-2015"),
                AgreementLink(relation="amends", agreement="mou-2015"),
            )
        },
        "$.links",
        "more than once",
    ),
    (
        "link-to-itself",
        {
            "links": (
                AgreementLink(relation="amends", agreement="mou-2015"),
                AgreementLink(relation="supersedes", agreement=MOU_ID),
            )
        },
        "$.links[1].agreement",
        "an agreement does not link to itself",
    ),
]


@pytest.mark.parametrize(
    ("changes", "path", "message"),
    [case[1:] for case in LINK_RULES],
    ids=[case[0] for case in LINK_RULES],
)
def test_each_link_rule_refuses_bad_input(changes: dict[str, Any], path: str, message: str) -> None:
    assert_only_problem(lambda: gas_pipeline_mou(**changes), path, message)


def test_the_same_agreement_may_be_linked_in_two_relations() -> None:
    links = (
        AgreementLink(relation="amends", agreement="mou-2015"),
        AgreementLink(relation="supersedes", agreement="mou-2015"),
    )
    assert len(gas_pipeline_mou(links=links).links) == 2


def linked_json(**changes: Any) -> dict[str, Any]:
    """The MoU as JSON, with a depositary, a link and a step taken at a meeting."""
    data: dict[str, Any] = to_dict(
        gas_pipeline_mou(
            depositaries=(UN_DEPOSITARY,),
            links=(AgreementLink(relation="amends", agreement="mou-2015"),),
            events=(LifecycleEvent(action="signed", party="PAK", date=day("2021"), meeting="m-1"),),
        )
    )
    data.update(changes)
    return data


def test_depositaries_links_and_meetings_round_trip_through_json() -> None:
    data = linked_json()
    assert data["depositaries"] == [
        {"actor": "un", "office": "Secretary-General of the United Nations"}
    ]
    assert data["links"] == [{"relation": "amends", "agreement": "mou-2015"}]
    assert data["events"][0]["meeting"] == "m-1"
    agreement = from_dict(data, Agreement)
    assert from_json(to_json(agreement), Agreement) == agreement


@pytest.mark.parametrize(
    ("changes", "path", "message"),
    [
        (
            {"depositaries": [{"actor": "un", "officer": "Secretary-General"}]},
            "$.depositaries[0].officer",
            "unknown key",
        ),
        ({"depositaries": [{"office": "Depositary"}]}, "$.depositaries[0].actor", "required"),
        ({"depositaries": ["un"]}, "$.depositaries[0]", "expected an object, got string"),
        (
            {"links": [{"relation": "amends", "agreement": "mou-2015", "date": "2021"}]},
            "$.links[0].date",
            "unknown key",
        ),
        (
            {"links": [{"relation": "amends", "agreement": 2015}]},
            "$.links[0].agreement",
            "expected a string, got number 2015",
        ),
        (
            {"links": [{"relation": "protocol", "agreement": "mou-2015"}]},
            "$.links[0].relation",
            "unknown agreement relation 'protocol'",
        ),
        (
            {"links": {"relation": "amends", "agreement": "mou-2015"}},
            "$.links",
            "expected an array, got object",
        ),
        (
            {"links": [{"relation": "amends", "agreement": MOU_ID}]},
            "$.links[0].agreement",
            "an agreement does not link to itself",
        ),
        (
            {
                "links": [
                    {"relation": "amends", "agreement": "mou-2015"},
                    {"relation": "amends", "agreement": "mou-2015"},
                ]
            },
            "$.links",
            "more than once",
        ),
        (
            {"events": [{"action": "signed", "party": "PAK", "date": "2021", "meeting": 1}]},
            "$.events[0].meeting",
            "expected a string, got number 1",
        ),
    ],
    ids=[
        "depositary-unknown-key",
        "depositary-no-actor",
        "depositary-string",
        "link-unknown-key",
        "link-number",
        "link-relation",
        "links-object",
        "link-to-itself",
        "link-twice",
        "event-meeting-number",
    ],
)
def test_bad_depositaries_and_links_in_json_are_refused_with_their_paths(
    changes: dict[str, Any], path: str, message: str
) -> None:
    data = linked_json(**changes)
    assert_only_problem(lambda: from_dict(data, Agreement), path, message)
    assert_only_problem(lambda: from_json(json.dumps(data), Agreement), path, message)


# -- reservations, declarations and objections ----------------------------------------------


def test_reservations_and_objections_keep_their_text_and_whom_they_regard() -> None:
    mou = gas_pipeline_mou(
        events=(
            event("signed", "PAK", "2021-06"),
            attrs.evolve(
                event("reservation", "PAK", "2021-07"),
                text="Article 12 does not apply to disputes settled by arbitration.",
            ),
            attrs.evolve(event("objection", "RUS", "2021-09"), text="Дано.", regarding="PAK"),
            attrs.evolve(event("reservation_withdrawn", "PAK", "2022"), text="Article 12"),
        )
    )
    assert [(e.text, e.regarding) for e in mou.events][2] == ("Дано.", "PAK")
    assert from_json(to_json(mou), Agreement) == mou


@pytest.mark.parametrize(
    ("changes", "path", "message"),
    [
        (
            {"action": "ratified", "text": "With a reservation."},
            "$.text",
            "ratified has no text: only reservations, declarations and objections, and their "
            "withdrawals, do",
        ),
        (
            {"action": "reservation", "regarding": "RUS"},
            "$.regarding",
            "reservation regards no other party; only objection does",
        ),
        (
            {"action": "objection", "regarding": "PAK"},
            "$.regarding",
            "PAK does not object to its own reservation",
        ),
        ({"action": "objection", "text": " padded "}, "$.text", None),
    ],
)
def test_a_step_s_text_and_regarding_follow_their_rules(
    changes: dict[str, Any], path: str, message: str | None
) -> None:
    data = {"action": "objection", "party": "PAK", "date": "2021", **changes}
    problems = refusal(lambda: LifecycleEvent(**data))
    assert [p for p, _ in problems] == [path]
    if message is not None:
        assert problems[0][1] == message
    assert refusal(lambda: from_dict(data, LifecycleEvent)) == problems


def test_an_objection_regards_a_party_of_the_agreement() -> None:
    assert_only_problem(
        lambda: gas_pipeline_mou(
            events=(attrs.evolve(event("objection", "RUS", "2021"), regarding="TKM"),)
        ),
        "$.events[0].regarding",
        "'TKM' is not a party",
    )
