"""Organizations and memberships: the SCO, its members, and the rules on their standing."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from typing import Any

import pytest

from conftest import (
    SCO_FOUNDERS,
    assert_only_problem,
    day,
    period,
    refusal,
    sco,
)
from diplomod import (
    OPEN,
    Membership,
    MembershipBasis,
    Organization,
    PartialDate,
    Period,
    ValidationError,
    from_dict,
    from_json,
    to_dict,
)


def member(state: str, when: str, status: str = "member") -> Membership:
    return Membership(state=state, status=status, period=period(when))


# -- a valid organization ------------------------------------------------------------------


def test_sco_keeps_what_it_was_given() -> None:
    org = sco()
    assert org.id == "sco"
    assert org.acronym == "SCO"
    assert org.kind == "intergovernmental"
    assert org.founded == PartialDate(year=2001, month=6, day=15)
    assert org.headquarters is not None
    assert org.headquarters.country == "CHN"
    assert [m.state for m in org.memberships[:6]] == list(SCO_FOUNDERS)


def test_membership_with_an_open_end_is_still_running() -> None:
    membership = Membership(state="PAK", status="member", period=period("2017-06-09/.."))
    assert membership.state == "PAK"
    assert membership.status == "member"
    assert membership.period.start == PartialDate(year=2017, month=6, day=9)
    assert membership.period.end is OPEN


def test_membership_whose_end_is_not_known_has_an_empty_end() -> None:
    membership = Membership(state="UZB", status="member", period=period("2001-06-15/"))
    assert membership.period.end is None
    assert str(membership.period) == "2001-06-15/"


def test_an_organization_needs_no_memberships_or_founding_date() -> None:
    org = Organization(id="gazprom", name="Gazprom", kind="company")
    assert org.memberships == ()
    assert org.founded is None
    assert org.members() == frozenset()


# -- memberships of one state must not overlap ---------------------------------------------


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ("2001/2010", "2005/.."),
        ("2005/2018", "2017-06-09/.."),
        ("2001-06-15/..", "2010/2012"),
        ("2005/2017-06-10", "2017-06-09/.."),
        ("2017-06-09/2017-06-10", "2017-06-09/.."),
        ("2017-06-08/2017-06-10", "2017-06-09/2017-06-09"),
        ("/2010", "2005/.."),  # begun by the end of 2010 at the latest, and ran in 2010
        ("2005-03-15/", "2005-03-10/2005-04"),  # ran on 15 March 2005 at least
    ],
)
def test_overlapping_memberships_of_one_state_are_refused(earlier: str, later: str) -> None:
    memberships = (
        member("PAK", earlier, "observer"),
        member("CHN", "2001-06-15/.."),
        member("PAK", later),
    )
    assert_only_problem(
        lambda: sco(memberships=memberships),
        "$.memberships[2].period",
        f"PAK already holds a membership over {earlier} ($.memberships[0])",
    )


def test_overlap_is_found_whichever_membership_is_listed_first() -> None:
    memberships = (member("PAK", "2017-06-09/.."), member("PAK", "2005/2018", "observer"))
    assert_only_problem(
        lambda: sco(memberships=memberships),
        "$.memberships[1].period",
        "PAK already holds a membership over 2017-06-09/.. ($.memberships[0])",
    )


def test_each_overlap_is_reported_against_every_earlier_membership() -> None:
    memberships = (
        member("IRN", "2005/..", "observer"),
        member("IRN", "2010/..", "dialogue_partner"),
        member("IRN", "2023-07-04/.."),
    )
    problems = refusal(lambda: sco(memberships=memberships))
    assert problems == (
        (
            "$.memberships[1].period",
            "IRN already holds a membership over 2005/.. ($.memberships[0])",
        ),
        (
            "$.memberships[2].period",
            "IRN already holds a membership over 2005/.. ($.memberships[0])",
        ),
        (
            "$.memberships[2].period",
            "IRN already holds a membership over 2010/.. ($.memberships[1])",
        ),
    )


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ("2005/2021", "2021/.."),
        ("2005/2021", "2021-07-04/.."),
        ("2005/2021-06", "2021-06/.."),
        ("2005/2021-06", "2021-06-30/.."),
        ("2005/2017-06-08", "2017-06-09/.."),
        ("2005/2017-06-09", "2017-06-09/.."),
        ("2017-06-09/2017-06-09", "2017-06-09/.."),
        ("2001/2004", "2010/2012"),
        ("2005/", "2006/.."),  # an end not known may have come at once
        ("2005-03-15/", "2005-03-15/.."),
        ("/2010", "2010/.."),  # a start not known may have been as late as the end
    ],
)
def test_memberships_that_may_merely_touch_are_allowed(earlier: str, later: str) -> None:
    """One standing may end in the year (or month, or on the day) the next begins."""
    org = sco(memberships=(member("PAK", earlier, "observer"), member("PAK", later)))
    assert [str(m.period) for m in org.memberships] == [earlier, later]


def test_different_states_may_hold_overlapping_memberships() -> None:
    org = sco(memberships=(member("CHN", "2001-06-15/.."), member("RUS", "2001-06-15/..")))
    assert org.members() == frozenset({"CHN", "RUS"})


# -- memberships and the founding date -----------------------------------------------------


@pytest.mark.parametrize("start", ["2001-06-14", "2001-05", "2000", "1996-04-26"])
def test_membership_starting_before_the_founding_is_refused(start: str) -> None:
    assert_only_problem(
        lambda: sco(memberships=(member("CHN", f"{start}/.."),)),
        "$.memberships[0].period.start",
        f"{start} is before the organization was founded (2001-06-15)",
    )


@pytest.mark.parametrize("start", ["2001-06-15", "2001-06", "2001", "2002-01-01"])
def test_membership_that_may_start_on_or_after_the_founding_is_allowed(start: str) -> None:
    org = sco(memberships=(member("CHN", f"{start}/.."),))
    assert org.memberships[0].period.start == day(start)


def test_membership_whose_start_is_not_known_may_have_begun_at_the_founding() -> None:
    org = sco(memberships=(member("CHN", "/2030"),))
    assert org.memberships[0].period.start is None


@pytest.mark.parametrize("end", ["2001-06-14", "2001-05", "2000"])
def test_membership_whose_start_is_not_known_may_not_end_before_the_founding(end: str) -> None:
    assert_only_problem(
        lambda: sco(memberships=(member("CHN", f"/{end}"),)),
        "$.memberships[0].period.end",
        f"{end} is before the organization was founded (2001-06-15)",
    )


@pytest.mark.parametrize("founding", [False, True])
def test_membership_with_an_open_start_is_before_any_founding(founding: bool) -> None:
    membership = Membership(
        state="CHN", status="member", period=period("../2030"), founding=founding
    )
    assert_only_problem(
        lambda: sco(memberships=(membership,)),
        "$.memberships[0].period.start",
        "an open start (..) has no earlier bound, so it is before the organization was "
        "founded (2001-06-15); leave the start empty when it is not known",
    )


def test_without_a_founding_date_an_open_start_is_allowed() -> None:
    org = sco(founded=None, memberships=(member("CHN", "../2030"),))
    assert org.memberships[0].period.start is OPEN


def test_a_founding_membership_whose_start_is_not_known_is_a_founders() -> None:
    founding = Membership(state="CHN", status="member", period=period("/2030"), founding=True)
    org = sco(memberships=(founding, member("PAK", "2017-06-09/")))
    assert org.founders() == {"CHN"}


def test_without_a_founding_date_any_start_is_allowed() -> None:
    org = sco(founded=None, memberships=(member("CHN", "1996/.."),))
    assert org.founded is None


def test_founding_and_overlap_problems_are_reported_together() -> None:
    memberships = (member("KAZ", "1996/.."), member("KAZ", "2001-06-15/.."))
    problems = refusal(lambda: sco(memberships=memberships))
    assert [path for path, _ in problems] == [
        "$.memberships[0].period.start",
        "$.memberships[1].period",
    ]


# -- periods whose end precedes their start --------------------------------------------------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Period(start=day("2021"), end=day("2017")), "2017 is before the start 2021"),
        (lambda: period("2017-06-09/2017-06-08"), "2017-06-08 is before the start 2017-06-09"),
        (lambda: period("2017-06/2017-05-31"), "2017-05-31 is before the start 2017-06"),
    ],
)
def test_membership_period_cannot_end_before_it_starts(
    make: Callable[[], Period], message: str
) -> None:
    assert_only_problem(make, "$.end", message)


def test_membership_period_may_be_given_as_its_text() -> None:
    membership = Membership(state="PAK", status="member", period="2017-06-09/..")  # type: ignore[arg-type]
    assert membership.period == Period.parse("2017-06-09/..")


def test_membership_period_must_be_a_period() -> None:
    assert_only_problem(
        lambda: Membership(state="PAK", status="member", period="2017-06-09"),  # type: ignore[arg-type]
        "$.period",
        "'2017-06-09' is not a period such as '2023-04-13/2023-04-14' or '2017/..'",
    )


# -- codes -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "path", "message"),
    [
        (
            lambda: sco(kind="intergovernmentl"),
            "$.kind",
            "unknown organization kind 'intergovernmentl'; did you mean 'intergovernmental'?",
        ),
        (
            lambda: Membership(state="PAK", status="membr", period=period("2017/..")),
            "$.status",
            "unknown membership status 'membr'; did you mean 'member'?",
        ),
        (
            lambda: Membership(state="PAK", status="observr", period=period("2005/2017")),
            "$.status",
            "unknown membership status 'observr'; did you mean 'observer'?",
        ),
        (
            lambda: Membership(state="PAKI", status="member", period=period("2017/..")),
            "$.state",
            "unknown state code 'PAKI'; did you mean 'PAK'?",
        ),
        (
            lambda: Membership(state="pak", status="member", period=period("2017/..")),
            "$.state",
            "unknown state code 'pak'; did you mean 'PAK'",
        ),
    ],
    ids=["kind", "status-member", "status-observer", "state", "state-lower-case"],
)
def test_unknown_codes_are_refused_with_suggestions(
    make: Callable[[], object], path: str, message: str
) -> None:
    assert_only_problem(make, path, message)


@pytest.mark.parametrize(
    ("field", "value", "path", "message"),
    [
        ("id", "SCO", "$.id", "'SCO' is not a record id"),
        ("name", "", "$.name", "must not be empty"),
        ("acronym", "SCO ", "$.acronym", "must not start or end with white space"),
        ("founded", "15 June 2001", "$.founded", "'15 June 2001' is not a date such as"),
        ("memberships", "PAK", "$.memberships", "expected a tuple, got str"),
    ],
)
def test_bad_organization_fields_are_refused(
    field: str, value: object, path: str, message: str
) -> None:
    assert_only_problem(lambda: sco(**{field: value}), path, message)


def test_a_membership_listed_twice_is_refused() -> None:
    pakistan = member("PAK", "2017-06-09/..")
    assert_only_problem(
        lambda: sco(memberships=(pakistan, member("CHN", "2001-06-15/.."), pakistan)),
        "$.memberships",
        "more than once",
    )


def test_validation_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown organization kind"):
        sco(kind="club")


# -- members() -------------------------------------------------------------------------------


def test_members_without_a_date_are_every_state_ever_a_full_member() -> None:
    assert sco().members() == frozenset({*SCO_FOUNDERS, "IND", "PAK", "IRN"})


def test_members_leave_out_observers() -> None:
    assert "MNG" not in sco().members()
    assert "MNG" not in sco().members(day("2023-04-14"))


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        ("2001-06-14", frozenset()),
        ("2001-06-15", frozenset(SCO_FOUNDERS)),
        ("2010", frozenset(SCO_FOUNDERS)),
        ("2017-06-08", frozenset(SCO_FOUNDERS)),
        ("2017-06-09", frozenset({*SCO_FOUNDERS, "IND", "PAK"})),
        ("2023-04-14", frozenset({*SCO_FOUNDERS, "IND", "PAK"})),
        # a date known only to the year counts a state whose membership could include it
        ("2017", frozenset({*SCO_FOUNDERS, "IND", "PAK"})),
        ("2023", frozenset({*SCO_FOUNDERS, "IND", "PAK", "IRN"})),
        ("2023-07", frozenset({*SCO_FOUNDERS, "IND", "PAK", "IRN"})),
    ],
)
def test_members_on_a_date(on: str, expected: frozenset[str]) -> None:
    assert sco().members(day(on)) == expected


def test_on_the_day_of_a_handover_a_state_holds_both_standings() -> None:
    org = sco(
        memberships=(member("PAK", "2005/2017-06-09", "observer"), member("PAK", "2017-06-09/.."))
    )
    assert org.members("2017-06-09") == org.members("2017-06-09", status="observer") == {"PAK"}
    assert org.members("2017-06-10", status="observer") == frozenset()
    assert org.members("2017-06-08") == frozenset()


@pytest.mark.parametrize(
    "on",
    [day("2017-06-09"), datetime.date(2017, 6, 9), "2017-06-09"],
    ids=["partial", "date", "text"],
)
def test_members_take_a_partial_date_a_date_or_edtf_text(on: Any) -> None:
    assert sco().members(on) == frozenset({*SCO_FOUNDERS, "IND", "PAK"})


@pytest.mark.parametrize(
    ("on", "message"),
    [
        (20170609, "expected a PartialDate, a datetime.date or EDTF text, got int"),
        (datetime.time(12), "expected a PartialDate, a datetime.date or EDTF text, got time"),
        ("9 June 2017", "'9 June 2017' is not a date such as '2023', '2023-04', '2023-04-14'"),
    ],
)
def test_members_refuse_what_is_not_a_date(on: Any, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        sco().members(on)
    ((path, said),) = caught.value.problems
    assert (path, said[: len(message)]) == ("$", message)


def test_members_take_a_datetime_as_its_day() -> None:
    assert sco().members(datetime.datetime(2017, 6, 9, 12)) == sco().members("2017-06-09")


def test_members_of_any_status() -> None:
    assert sco().members("2023-04-14", status="observer") == {"IRN", "MNG"}
    with pytest.raises(ValidationError) as caught:
        sco().members(status="observr")
    assert caught.value.problems == (
        ("$.status", "unknown membership status 'observr'; did you mean 'observer'?"),
    )


def test_founders_are_the_founding_memberships() -> None:
    founding = Membership(
        state="CHN", status="member", period=period("2001-06-15/.."), founding=True
    )
    org = sco(memberships=(founding, member("PAK", "2017-06-09/..")))
    assert org.founders() == {"CHN"}


def test_a_founding_membership_starts_when_the_organization_was_founded() -> None:
    late = Membership(state="PAK", status="member", period=period("2017-06-09/.."), founding=True)
    assert_only_problem(
        lambda: sco(memberships=(late,)),
        "$.memberships[0].period.start",
        "a founding membership starts when the organization was founded (2001-06-15), "
        "not at 2017-06-09",
    )


def test_a_state_whose_membership_ended_is_not_a_member_afterwards() -> None:
    org = sco(memberships=(member("UZB", "2001-06-15/2008"), member("RUS", "2001-06-15/..")))
    assert org.members(day("2005")) == frozenset({"UZB", "RUS"})
    assert org.members(day("2009-01-01")) == frozenset({"RUS"})


def test_a_membership_with_an_unknown_start_need_not_overlap_an_earlier_one() -> None:
    org = sco(
        memberships=(
            member("TKM", "/2010", "observer"),
            member("TKM", "2005/2006", "dialogue_partner"),
        )
    )
    assert len(org.memberships) == 2


# -- the agreement a membership rests on ------------------------------------------------------

ACCESSION = MembershipBasis(agreement="sco-charter", action="acceded")


def test_a_membership_may_rest_on_a_step_in_an_agreement() -> None:
    membership = Membership(
        state="PAK", status="member", period=period("2017-06-09/.."), basis=ACCESSION
    )
    assert membership.basis is not None
    assert (membership.basis.agreement, membership.basis.action) == ("sco-charter", "acceded")
    assert member("PAK", "2017/..").basis is None


@pytest.mark.parametrize(
    ("make", "path", "message"),
    [
        (
            lambda: MembershipBasis(agreement="SCO Charter", action="acceded"),
            "$.agreement",
            "'SCO Charter' is not a record id",
        ),
        (
            lambda: MembershipBasis(agreement="sco-charter", action="accede"),
            "$.action",
            "unknown lifecycle action 'accede'; did you mean 'acceded', ",
        ),
        (
            lambda: MembershipBasis(agreement="sco-charter", action="adopted"),
            "$.action",
            "adopted is the agreement's own step, not a state's",
        ),
        (
            lambda: Membership(
                state="PAK",
                status="member",
                period=period("2017/.."),
                basis="sco-charter",  # type: ignore[arg-type]
            ),
            "$.basis",
            "expected a MembershipBasis or null, got str 'sco-charter'",
        ),
    ],
    ids=["agreement", "action", "treaty-step", "not-a-basis"],
)
def test_bad_membership_bases_are_refused(
    make: Callable[[], object], path: str, message: str
) -> None:
    assert_only_problem(make, path, message)


@pytest.mark.parametrize("action", ["entered_into_force", "signed", "ratified", "succeeded"])
def test_a_membership_may_rest_on_any_step_a_state_takes(action: str) -> None:
    assert MembershipBasis(agreement="sco-charter", action=action).action == action


def based_json(basis: Any) -> dict[str, Any]:
    data: dict[str, Any] = to_dict(sco())
    data["memberships"][-1]["basis"] = basis
    return data


def test_a_membership_basis_round_trips_through_json() -> None:
    data = based_json({"agreement": "sco-charter", "action": "acceded"})
    org = from_dict(data, Organization)
    assert org.memberships[-1].basis == ACCESSION
    assert to_dict(org) == data
    assert from_json(json.dumps(data), Organization) == org


@pytest.mark.parametrize(
    ("basis", "field", "message"),
    [
        ({"agreement": "sco-charter", "action": "acceded", "date": "2017"}, ".date", "unknown key"),
        ({"agreement": "sco-charter"}, ".action", "required"),
        ({"agreement": ["sco-charter"], "action": "acceded"}, ".agreement", "expected a string"),
        ({"agreement": "sco-charter", "action": "adopted"}, ".action", "the agreement's own step"),
        ("sco-charter", "", "expected an object, got string"),
    ],
    ids=["unknown-key", "no-action", "agreement-array", "treaty-step", "string"],
)
def test_bad_membership_bases_in_json_are_refused_with_their_paths(
    basis: Any, field: str, message: str
) -> None:
    data = based_json(basis)
    path = f"$.memberships[{len(data['memberships']) - 1}].basis{field}"
    assert_only_problem(lambda: from_dict(data, Organization), path, message)
    assert_only_problem(lambda: from_json(json.dumps(data), Organization), path, message)


@pytest.mark.parametrize(
    ("earlier", "overlaps"), [("../2010", True), ("../2004", False), ("../2005-01-01", False)]
)
def test_an_open_start_surely_runs_from_the_first_day_there_is(
    earlier: str, overlaps: bool
) -> None:
    memberships = (member("PAK", earlier, "observer"), member("PAK", "2005/.."))
    if overlaps:
        assert_only_problem(
            lambda: sco(founded=None, memberships=memberships),
            "$.memberships[1].period",
            f"PAK already holds a membership over {earlier} ($.memberships[0])",
        )
    else:
        assert len(sco(founded=None, memberships=memberships).memberships) == 2


def test_members_could_hold_their_standing_any_day_an_end_not_known_allows() -> None:
    org = sco(
        memberships=(
            member("UZB", "2001-06-15/"),
            member("TKM", "/2010", "observer"),
            member("RUS", "2001-06-15/2008"),
        )
    )
    assert org.members("2030") == {"UZB"}
    assert org.members("2001-06-15") == {"UZB", "RUS"}
    assert org.members("2001", status="observer") == {"TKM"}
    assert org.members("2011", status="observer") == frozenset()


def test_without_a_founding_date_an_open_start_could_hold_any_earlier_day() -> None:
    org = sco(founded=None, memberships=(member("CHN", "../2001"),))
    assert org.members("0001-01-01") == {"CHN"}
    assert org.members("2002") == frozenset()


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2017-06-09/..", PartialDate(year=2017, month=6, day=9), OPEN),
        ("2017-06-09/", PartialDate(year=2017, month=6, day=9), None),
        ("/2030", None, PartialDate(year=2030)),
    ],
)
def test_a_membership_is_read_from_json_with_each_kind_of_end(
    text: str, start: object, end: object
) -> None:
    data: dict[str, Any] = {"state": "PAK", "status": "member", "period": text}
    membership = from_dict(data, Membership)
    assert (membership.period.start, membership.period.end) == (start, end)
    assert str(membership.period) == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("../..", "a period needs a start or an end date"),
        ("/", "a period needs a start or an end date"),
        ("../", "a period needs a start or an end date"),
        ("/..", "a period needs a start or an end date"),
        ("2017/...", "end: '...' is not a date such as '2023', '2023-04', '2023-04-14' or '2021~'"),
    ],
)
def test_a_membership_period_with_no_date_is_refused_at_its_path(text: str, message: str) -> None:
    data: dict[str, Any] = {
        "id": "sco",
        "name": "Shanghai Cooperation Organisation",
        "kind": "intergovernmental",
        "memberships": [{"state": "PAK", "status": "member", "period": text}],
    }
    assert refusal(lambda: from_dict(data, Organization)) == (("$.memberships[0].period", message),)
