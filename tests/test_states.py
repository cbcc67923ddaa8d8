"""States and looking them up by code."""

from __future__ import annotations

from typing import Any

import pytest

from diplomod import PartialDate, State, ValidationError, codelist, state


def test_state_gives_the_codelist_row() -> None:
    assert state("PAK") == State(
        code="PAK", name="Pakistan", common_name="Pakistan", status="assigned", alpha_2="PK"
    )


def test_state_gives_the_common_name_where_it_differs() -> None:
    taiwan = state("TWN")
    assert taiwan.name == "Taiwan, Province of China"
    assert taiwan.common_name == "Taiwan"


def test_kosovo_has_a_user_assigned_code() -> None:
    kosovo = state("XKX")
    assert (kosovo.name, kosovo.status, kosovo.withdrawn) == ("Kosovo", "user-assigned", None)


def test_former_states_keep_their_withdrawal_date() -> None:
    ussr = state("SUN")
    assert ussr.status == "withdrawn"
    assert ussr.withdrawn == "1992-08-30"
    assert ussr.alpha_2 is None


def test_kosovo_has_the_alpha_2_code_in_common_use() -> None:
    assert state("XKX").alpha_2 == "XK"


def test_a_current_state_has_no_withdrawal_date() -> None:
    assert state("RUS").withdrawn is None


@pytest.mark.parametrize("code", list(codelist("states")))
def test_every_listed_state_can_be_looked_up(code: str) -> None:
    looked_up = state(code)
    assert looked_up.code == code
    if looked_up.withdrawn is not None:
        # The withdrawal date is EDTF text.
        assert str(PartialDate.parse(looked_up.withdrawn)) == looked_up.withdrawn


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("PAKI", "unknown state code 'PAKI'; did you mean 'PAK'?"),
        ("UZBK", "unknown state code 'UZBK'; did you mean 'UZB'?"),
        ("XYZ", "unknown state code 'XYZ'"),
        ("", "unknown state code ''"),
    ],
)
def test_an_unknown_code_is_refused_with_a_suggestion(code: str, message: str) -> None:
    with pytest.raises(ValidationError) as err:
        state(code)
    assert err.value.problems == (("$", message),)


def test_a_lower_case_code_is_refused_but_the_capitalized_one_suggested() -> None:
    with pytest.raises(ValidationError) as err:
        state("pak")
    ((path, message),) = err.value.problems
    assert path == "$"
    assert message.startswith("unknown state code 'pak'; did you mean 'PAK'")


@pytest.mark.parametrize(("code", "shown"), [(None, "None"), (586, "586"), (("PAK",), "('PAK',)")])
def test_a_code_that_is_not_a_string_is_refused(code: Any, shown: str) -> None:
    with pytest.raises(ValidationError) as err:
        state(code)
    assert err.value.problems == (("$", f"unknown state code {shown}"),)


def test_a_state_checks_its_own_fields() -> None:
    with pytest.raises(ValidationError) as err:
        State(code="PAKI", name="", common_name="Pakistan ", status="independent")  # type: ignore[arg-type]
    assert err.value.problems == (
        ("$.code", "unknown state code 'PAKI'; did you mean 'PAK'?"),
        ("$.name", "must not be empty"),
        ("$.common_name", "must not start or end with white space"),
        (
            "$.status",
            "expected one of 'assigned', 'withdrawn', 'user-assigned', got str 'independent'",
        ),
    )


def test_a_state_refuses_a_non_string_withdrawal_date() -> None:
    with pytest.raises(ValidationError) as err:
        State(
            code="SUN",
            name="USSR",
            common_name="Soviet Union",
            status="withdrawn",
            withdrawn=1991,  # type: ignore[arg-type]
        )
    assert err.value.problems == (("$.withdrawn", "expected a string or null, got int 1991"),)


@pytest.mark.parametrize("withdrawn", ["1992-08-30\ud800", "1992\x00", "\x1b[31m1992"])
def test_a_withdrawal_date_that_cannot_be_written_is_refused(withdrawn: str) -> None:
    with pytest.raises(ValidationError) as caught:
        State(code="SUN", name="USSR", common_name="USSR", status="withdrawn", withdrawn=withdrawn)
    assert caught.value.problems[0][0] == "$.withdrawn"


@pytest.mark.parametrize(
    ("alpha_2", "message"),
    [
        ("pk", "'pk' is not an ISO 3166-1 alpha-2 code such as 'PK'"),
        ("PAK", "'PAK' is not an ISO 3166-1 alpha-2 code such as 'PK'"),
    ],
)
def test_a_state_refuses_an_alpha_2_code_that_is_not_two_capital_letters(
    alpha_2: str, message: str
) -> None:
    with pytest.raises(ValidationError) as err:
        State(
            code="PAK", name="Pakistan", common_name="Pakistan", status="assigned", alpha_2=alpha_2
        )
    assert err.value.problems == (("$.alpha_2", message),)
