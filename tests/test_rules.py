"""Each field rule on its own: what it accepts, what it refuses and what it says."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diplomod import _codelists
from diplomod._rules import (
    Actor,
    AreaCode,
    Code,
    FullText,
    MinItems,
    Pattern,
    Range,
    StateCode,
    Text,
    Unique,
)
from diplomod.names import Name

# --- Text ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "Hina Rabbani Khar",
        "حنا ربانی کھر",
        "Сергей Лавров",
        "王毅",
        "Pakistan 🇵🇰",
        "a",
        "Minister of State for Foreign Affairs",
    ],
)
def test_text_accepts_single_lines_in_any_script(value: str) -> None:
    assert Text().check(value) is None
    assert Text(multiline=True).check(value) is None


def test_text_refuses_the_empty_string() -> None:
    assert Text().check("") == "must not be empty"
    assert Text(multiline=True).check("") == "must not be empty"


@pytest.mark.parametrize(
    "value",
    [" Samarkand", "Samarkand ", "\tSamarkand", "Samarkand\n", "\u00a0Khar", "王毅\u3000", " "],
)
def test_text_refuses_white_space_at_either_edge(value: str) -> None:
    assert Text().check(value) == "must not start or end with white space"
    assert Text(multiline=True).check(value) == "must not start or end with white space"


@pytest.mark.parametrize(
    ("value", "char"),
    [
        ("a\x00b", "\x00"),
        ("a\x1bb", "\x1b"),
        ("a\x7fb", "\x7f"),
        ("王毅\x85部长", "\x85"),
        ("a\x9fb", "\x9f"),
        ("first\nsecond", "\n"),
        ("first\tsecond", "\t"),
        ("first\r\nsecond", "\r"),
    ],
)
def test_single_line_text_refuses_control_characters(value: str, char: str) -> None:
    assert Text().check(value) == f"must not contain the control character {char!r}"


def test_the_control_character_message_shows_it_escaped() -> None:
    assert Text().check("a\x00b") == "must not contain the control character '\\x00'"


@pytest.mark.parametrize(
    "value", ["first line\nsecond line", "a\tb", "one\n\ntwo", "王毅\n部长", "Windows\r\nlines"]
)
def test_multiline_text_allows_line_breaks_and_tabs_inside(value: str) -> None:
    assert Text(multiline=True).check(value) is None


@pytest.mark.parametrize(
    ("value", "char"), [("a\x0cb", "\x0c"), ("a\x00b", "\x00"), ("a\x0bb", "\x0b")]
)
def test_multiline_text_still_refuses_other_control_characters(value: str, char: str) -> None:
    assert Text(multiline=True).check(value) == f"must not contain the control character {char!r}"


@pytest.mark.parametrize("value", ["a\ud800b", "\udfff", "Khar\udc00"])
def test_text_refuses_lone_surrogates(value: str) -> None:
    surrogate = next(ch for ch in value if "\ud800" <= ch <= "\udfff")
    assert Text().check(value) == f"must not contain the lone surrogate {surrogate!r}"
    assert Text(multiline=True).check(value) == f"must not contain the lone surrogate {surrogate!r}"


_TEXT_CHARACTERS = st.characters(exclude_categories=["Cs"]) | st.sampled_from(
    ["\n", "\t", "\r", " ", "\x00", "\x85", "\u00a0", "\u3000", "a"]
)


@given(value=st.text(_TEXT_CHARACTERS, max_size=6), multiline=st.booleans())
def test_text_json_schema_pattern_agrees_with_the_check(value: str, multiline: bool) -> None:
    rule = Text(multiline=multiline)
    schema = rule.json_schema()
    accepted_by_schema = len(value) >= schema["minLength"] and bool(
        re.fullmatch(schema["pattern"], value)
    )
    assert accepted_by_schema == (rule.check(value) is None)


# --- FullText --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["  The two ministers met.\r\n\r\nThey agreed.\n", "\x00", " ", "\t", "Лавров\x85", "王毅"],
)
def test_full_text_keeps_anything_but_an_empty_string(value: str) -> None:
    assert FullText().check(value) is None


def test_full_text_refuses_the_empty_string() -> None:
    assert FullText().check("") == "must not be empty"


def test_full_text_refuses_lone_surrogates() -> None:
    assert FullText().check("Khar \ud83c said") == "must not contain the lone surrogate '\\ud83c'"


# --- Pattern ---------------------------------------------------------------------------------

WIKIDATA = Pattern(r"^Q[1-9][0-9]*$", "a Wikidata id such as 'Q42'")


@pytest.mark.parametrize("value", ["Q42", "Q1", "Q1234567890"])
def test_pattern_accepts_matching_values(value: str) -> None:
    assert WIKIDATA.check(value) is None


@pytest.mark.parametrize("value", ["Q0", "q42", "Q", "Q42x", "xQ42", "Q42\n", " Q42", ""])
def test_pattern_refuses_values_that_do_not_match_entirely(value: str) -> None:
    assert WIKIDATA.check(value) == f"{value!r} is not a Wikidata id such as 'Q42'"


def test_a_pattern_without_anchors_must_still_match_the_whole_value() -> None:
    digits = Pattern(r"[0-9]+", "a number")
    assert digits.check("061") is None
    assert digits.check("061a") == "'061a' is not a number"


def test_pattern_json_schema_gives_the_regex() -> None:
    assert WIKIDATA.json_schema() == {"type": "string", "pattern": r"^Q[1-9][0-9]*$"}


# --- Range -----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [-90, -90.0, 0, 45.5, 90, 90.0])
def test_range_includes_both_bounds(value: float) -> None:
    assert Range(-90, 90).check(value) is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (-90.000001, "-90.000001 is outside the range [-90, 90]"),
        (90.5, "90.5 is outside the range [-90, 90]"),
        (91, "91 is outside the range [-90, 90]"),
        (float("nan"), "must be a finite number, not nan"),
        (float("inf"), "must be a finite number, not inf"),
        (float("-inf"), "must be a finite number, not -inf"),
    ],
)
def test_range_refuses_numbers_outside_it_and_non_finite_ones(value: float, message: str) -> None:
    assert Range(-90, 90).check(value) == message


def test_range_message_shows_fractional_bounds() -> None:
    assert Range(0.5, 1.5).check(2) == "2 is outside the range [0.5, 1.5]"


def test_range_message_shows_large_bounds_exactly() -> None:
    assert Range(1, 2**31 - 1).check(2**31) == "2147483648 is outside the range [1, 2147483647]"


def test_range_json_schema() -> None:
    assert Range(1, 12).json_schema() == {"minimum": 1, "maximum": 12}


# --- MinItems --------------------------------------------------------------------------------


def test_min_items_counts_items() -> None:
    assert MinItems(1).check(("PAK",)) is None
    assert MinItems(2).check(frozenset({"PAK", "RUS", "UZB"})) is None
    assert MinItems(0).check(()) is None


def test_min_items_message_uses_singular_and_plural() -> None:
    assert MinItems(1).check(()) == "needs at least 1 item, got 0"
    assert MinItems(2).check(("PAK",)) == "needs at least 2 items, got 1"
    assert MinItems(3).check(frozenset()) == "needs at least 3 items, got 0"


# --- Unique ----------------------------------------------------------------------------------


def test_unique_accepts_distinct_items() -> None:
    assert Unique().check(()) is None
    assert Unique().check(("PAK", "RUS", "UZB")) is None
    assert Unique().check((Name(text="Khar"), Name(text="Khar", language="ur"))) is None


def test_unique_names_the_first_repeated_item() -> None:
    assert Unique().check(("PAK", "RUS", "RUS", "PAK")) == "lists 'RUS' more than once"


def test_unique_compares_objects_by_value() -> None:
    assert Unique().check((Name(text="Khar"), Name(text="Khar"))) == (
        "lists Name(text='Khar', language=None) more than once"
    )


# --- Code ------------------------------------------------------------------------------------

ROLE = Code("participant_roles", "participant role")


@pytest.mark.parametrize("value", ["host", "guest", "chair", "mediator", "participant"])
def test_code_accepts_codes_of_its_codelist(value: str) -> None:
    assert ROLE.check(value) is None


def test_code_suggests_the_nearest_code() -> None:
    assert ROLE.check("hots") == "unknown participant role 'hots'; did you mean 'host'?"


def test_code_with_nothing_close_gives_no_suggestion() -> None:
    assert ROLE.check("zzz") == "unknown participant role 'zzz'"


def test_code_is_case_sensitive() -> None:
    assert ROLE.check("Host") == "unknown participant role 'Host'; did you mean 'host'?"


def test_code_json_schema_lists_the_codes() -> None:
    schema = Code("event_statuses", "event status").json_schema()
    assert schema == {"type": "string", "enum": ["done", "ongoing", "planned"]}


def test_suggest_lists_up_to_three_candidates_nearest_first() -> None:
    assert _codelists.suggest("abcdefghij", ["abcdefghix"]) == "; did you mean 'abcdefghix'?"
    assert (
        _codelists.suggest("abcdefghij", ["abcdefghxy", "abcdefghix"])
        == "; did you mean 'abcdefghix' or 'abcdefghxy'?"
    )
    candidates = ["abcdefwxyz", "abcdefgxyz", "abcdefghxy", "abcdefghix", "zzzzzzzzzz"]
    assert (
        _codelists.suggest("abcdefghij", candidates)
        == "; did you mean 'abcdefghix', 'abcdefghxy' or 'abcdefgxyz'?"
    )
    assert _codelists.suggest("abcdefghij", ["zzzzzzzzzz"]) == ""


# --- StateCode -------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["PAK", "RUS", "UZB", "AFG", "XKX", "SUN"])
def test_state_code_accepts_listed_states(value: str) -> None:
    assert StateCode().check(value) is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("PAKI", "unknown state code 'PAKI'; did you mean 'PAK'?"),
        ("UZBK", "unknown state code 'UZBK'; did you mean 'UZB'?"),
        ("XYZ", "unknown state code 'XYZ'"),
        ("", "unknown state code ''"),
    ],
)
def test_state_code_refuses_unknown_codes(value: str, message: str) -> None:
    assert StateCode().check(value) == message


def test_state_code_suggests_the_capitalized_code_for_lower_case() -> None:
    message = StateCode().check("pak")
    assert message is not None
    assert message.startswith("unknown state code 'pak'; did you mean 'PAK'")


def test_state_code_json_schema_lists_the_codes() -> None:
    enum = StateCode().json_schema()["enum"]
    assert {"PAK", "XKX", "SUN"} <= set(enum)
    assert "pak" not in enum


# --- Actor -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["PAK", "XKX", "sco", "un", "meeting-2023-04-14", "mofa.pk", "a_b"]
)
def test_actor_accepts_state_codes_and_record_ids(value: str) -> None:
    assert Actor().check(value) is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("UZBK", "unknown state code 'UZBK'; did you mean 'UZB'?"),
        ("PAKI", "unknown state code 'PAKI'; did you mean 'PAK'?"),
    ],
)
def test_actor_with_capitals_is_checked_as_a_state_code(value: str, message: str) -> None:
    assert Actor().check(value) == message


def test_actor_with_mixed_case_is_read_as_a_state_code() -> None:
    message = Actor().check("Sco")
    assert message is not None
    assert message.startswith("unknown state code 'Sco'")


@pytest.mark.parametrize(
    "value", ["", "not an id", "a--b", "-sco", "sco-", "sco.", "шос", "sco/un"]
)
def test_actor_refuses_values_that_are_neither(value: str) -> None:
    assert Actor().check(value) == (
        f"{value!r} is neither a state code such as 'PAK' nor a record id such as 'sco'"
    )


# --- AreaCode --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "economy",
        "economy.trade",
        "security.defense.exercises",
        "acme:fisheries",
        "acme:fisheries.quotas",
        "my-project2:water_rights.aral_sea",
    ],
)
def test_area_code_accepts_built_in_and_namespaced_codes(value: str) -> None:
    assert AreaCode().check(value) is None


@pytest.mark.parametrize(
    "value",
    [
        "Acme:fisheries",
        "acme:Fisheries",
        "acme:",
        ":fisheries",
        "acme:fisheries.",
        "acme:fisheries..quotas",
        "acme:1fisheries",
        "acme:fisheries:quotas",
        "acme: fisheries",
        "1acme:fisheries",
    ],
)
def test_area_code_refuses_malformed_namespaced_codes(value: str) -> None:
    assert AreaCode().check(value) == (
        f"{value!r} is not an extension code such as 'acme:fisheries.quotas' "
        "(a lower-case namespace, a colon, then dotted lower-case segments)"
    )


def test_area_code_suggests_the_nearest_built_in_code() -> None:
    message = AreaCode().check("economy.trad")
    assert message is not None
    assert message.startswith(
        "unknown cooperation area 'economy.trad'; did you mean 'economy.trade'"
    )


def test_area_code_refuses_unknown_codes_without_a_namespace() -> None:
    assert AreaCode().check("zzz") == "unknown cooperation area 'zzz'"
    message = AreaCode().check("economy.fisheries")
    assert message is not None
    assert message.startswith("unknown cooperation area 'economy.fisheries'")
