"""Each field rule on its own: what it accepts, what it refuses and what it says."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as _sre_parser  # type: ignore[attr-defined]
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diplomod import _codelists, _rules, _types, dates
from diplomod._rules import (
    URL_PATTERN,
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
from diplomod.errors import quoted
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


def test_pattern_json_schema_gives_the_regex_anchored_for_every_engine() -> None:
    assert WIKIDATA.json_schema() == {"type": "string", "pattern": r"^Q[1-9][0-9]*$(?!\n)"}
    assert re.search(WIKIDATA.json_schema()["pattern"], "Q42\n") is None


def test_a_pattern_with_a_choice_at_the_top_is_anchored_as_a_whole() -> None:
    either = Pattern(r"^a|b$", "a or b")
    assert either.json_schema()["pattern"] == r"^(?:a|b)$(?!\n)"
    assert re.search(either.json_schema()["pattern"], "ab") is None


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
    assert schema == {
        "type": "string",
        "enum": ["done", "ongoing", "planned"],
        "codelist": "event_statuses.csv",
        "openCodelist": False,
    }


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


@pytest.mark.parametrize(
    ("value", "start"),
    [
        ("EU", "unknown state code 'EU'; did you mean "),
        ("NATO", "unknown state code 'NATO'"),
        ("ASEAN", "unknown state code 'ASEAN'"),
    ],
)
def test_an_acronym_in_capitals_is_pointed_to_the_record_id(value: str, start: str) -> None:
    message = Actor().check(value)
    assert message is not None
    assert message.startswith(start)
    lower = value.lower()
    assert message.endswith(f" (an organization is named by its record id, such as {lower!r})")


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


# --- Patterns run in linear time -------------------------------------------------------------
#
# A backtracking engine (Python's `re`, Ajv's, fancy-regex) slows down on hostile input where
# it can share the same characters between a run (a class repeated without bound, ``[a-z]*``)
# and what may come after it: ``[^ ]+[^ ]*`` or ``[a-z0-9]*[0-9]`` try every split. In these
# patterns no run shares a character with what may follow it, so the next character alone
# decides whether a run goes on. benchmarks/patterns.py measures the growth on long input.

_SAMPLE = frozenset(
    [chr(c) for c in range(0x250)]
    + list(
        "\u1680\u2000\u200a\u200b\u2028\u2029\u202f\u205f\u3000\ufeff\uff10王й\U0001f600\U0010ffff"
    )
)
_END = "<end>"  # the end of the pattern: the match is over


def _one_char(op: Any, arg: Any, ignore_case: bool) -> frozenset[str]:
    """The sample characters a single-character item matches."""
    matcher = re.compile(_ITEM_TEXT[op](arg) if op in _ITEM_TEXT else "(?!)", re.S)
    cased = {ch: {ch, ch.lower(), ch.upper()} if ignore_case else {ch} for ch in _SAMPLE}
    return frozenset(ch for ch in _SAMPLE if any(matcher.fullmatch(c) for c in cased[ch]))


def _class_text(items: list[tuple[Any, Any]]) -> str:
    parts = []
    for op, arg in items:
        if op is _c.NEGATE:
            parts.append("^")
        elif op is _c.LITERAL:
            parts.append(re.escape(chr(arg)))
        elif op is _c.RANGE:
            parts.append(f"{re.escape(chr(arg[0]))}-{re.escape(chr(arg[1]))}")
        elif op is _c.CATEGORY:
            parts.append(_CATEGORIES[arg])
        else:
            raise AssertionError(f"unexpected class item {op}")
    return "[" + "".join(parts) + "]"


_c = sre_constants
_CATEGORIES = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_SPACE: r"\s", _c.CATEGORY_WORD: r"\w"}
_ITEM_TEXT = {
    _c.LITERAL: lambda arg: re.escape(chr(arg)),
    _c.NOT_LITERAL: lambda arg: f"[^{re.escape(chr(arg))}]",
    _c.ANY: lambda _: ".",
    _c.IN: _class_text,
}


def _first(items: list[tuple[Any, Any]], follow: frozenset[str], ic: bool) -> frozenset[str]:
    """What a match of *items*, then of what follows them, can start with."""
    found: set[str] = set()
    for op, arg in items:
        if op in _ITEM_TEXT:
            return frozenset(found | _one_char(op, arg, ic))
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            low, _, body = arg
            found |= _first(list(body), frozenset(), ic)
            if low > 0:
                return frozenset(found)
        elif op is _c.SUBPATTERN:
            return frozenset(
                found | _first(list(arg[-1]), follow_rest(items, op, arg, follow, ic), ic)
            )
        elif op is _c.BRANCH:
            rest = follow_rest(items, op, arg, follow, ic)
            return frozenset(found.union(*(_first(list(alt), rest, ic) for alt in arg[1])))
        # AT, ASSERT, ASSERT_NOT: zero width
    return frozenset(found | follow)


def follow_rest(
    items: list[tuple[Any, Any]], op: Any, arg: Any, follow: frozenset[str], ic: bool
) -> frozenset[str]:
    index = next(i for i, item in enumerate(items) if item == (op, arg))
    return _first(items[index + 1 :], follow, ic)


def _overlapping_runs(items: list[tuple[Any, Any]], follow: frozenset[str], ic: bool) -> list[str]:
    """The runs in *items* that share a character with what may follow them."""
    found = []
    for index, (op, arg) in enumerate(items):
        after = _first(items[index + 1 :], follow, ic)
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            _, high, body = arg
            inner = list(body)
            again = _first(inner, frozenset(), ic) | after if high != 1 else after
            if high == _c.MAXREPEAT and len(inner) == 1 and inner[0][0] in _ITEM_TEXT:
                item_op, item_arg = inner[0]
                shared = _one_char(item_op, item_arg, ic) & after
                if shared:
                    found.append(f"{inner[0]} then {sorted(shared)[:5]}")
            found += _overlapping_runs(inner, again, ic)
        elif op is _c.SUBPATTERN:
            found += _overlapping_runs(list(arg[-1]), after, ic)
        elif op is _c.BRANCH:
            for alt in arg[1]:
                found += _overlapping_runs(list(alt), after, ic)
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            found += _overlapping_runs(list(arg[1]), frozenset({_END}), ic)
    return found


def overlapping_runs(pattern: str | re.Pattern[str]) -> list[str]:
    compiled = re.compile(pattern)
    parsed = _sre_parser.parse(compiled.pattern, compiled.flags)
    return _overlapping_runs(list(parsed), frozenset({_END}), bool(compiled.flags & re.I))


def project_patterns() -> dict[str, str | re.Pattern[str]]:
    """Every regular expression diplomod matches text with, and every schema pattern."""
    found: dict[str, str | re.Pattern[str]] = {
        name: value
        for module in (dates, _rules, _types)
        for name, value in vars(module).items()
        if isinstance(value, re.Pattern) or (name.endswith("PATTERN") and isinstance(value, str))
    }
    found["_MONTH"] = re.compile(dates._MONTH, re.I)
    for name in ("Label", "Prose"):
        found[name] = Text(multiline=name == "Prose").json_schema()["pattern"]
    found["Document"] = FullText().json_schema()["pattern"]
    schemas = files("diplomod") / "schemas"
    for item in schemas.iterdir():
        text = item.read_text(encoding="utf-8")
        for i, pattern in enumerate(re.findall(r'"pattern": ("(?:[^"\\]|\\.)*")', text)):
            found[f"{item.name}#{i}"] = json.loads(pattern)
    return found


def test_the_structure_check_finds_the_runs_that_made_patterns_slow() -> None:
    assert overlapping_runs(r"^https?://[^\s/?#]+[^\s]*$")  # the URL pattern of 0.1
    assert overlapping_runs(r"[0-9A-Za-z]*[0-9][0-9A-Za-z]*")  # a word with digits
    assert overlapping_runs(r"^(a+)+$")
    assert overlapping_runs(r"^x(?:[^ ]*y)?$")
    assert overlapping_runs(r"^[a-z0-9]+(?:[._-][a-z0-9]+)*$") == []


@pytest.mark.parametrize("name", sorted(project_patterns()))
def test_no_pattern_has_a_run_sharing_characters_with_what_follows(name: str) -> None:
    assert overlapping_runs(project_patterns()[name]) == []


# --- URLs and what every text field refuses -------------------------------------------------

URL = Pattern(URL_PATTERN, "an http or https URL")


@pytest.mark.parametrize(
    "value",
    [
        "https://example.org/",
        "http://example.org",
        "https://example.org/a?b=c#d",
        "https://президент.рф/news",
        "https://example.org/\U0001f600",
    ],
)
def test_url_accepts_web_addresses(value: str) -> None:
    assert URL.check(value) is None
    assert re.search(URL.json_schema()["pattern"], value)


@pytest.mark.parametrize(
    "value",
    [
        "https://example.org/\ud800",
        "https://example.org/\x00",
        "https://example.org/\x1b[31m",
        "https://example.org/\x85",
        "https://example.org/a b",
        "https://example.org/\u3000",
        "https://example.org/\n",
        "https:///path",
        "ftp://example.org/",
        "http://" + "a" * 1000 + " ",
    ],
)
def test_url_refuses_what_cannot_be_written_or_shown(value: str) -> None:
    assert URL.check(value) == f"{quoted(value)} is not an http or https URL"
    assert re.search(URL.json_schema()["pattern"], value) is None


def test_the_spaces_are_what_str_strip_removes_and_the_byte_order_mark() -> None:
    spaces = {chr(c) for low, high in _rules.SPACES for c in range(low, high + 1)}
    assert spaces == {chr(c) for c in range(0x110000) if chr(c).isspace()} | {"\ufeff"}


@given(value=st.text(_TEXT_CHARACTERS | st.sampled_from(["\ud800", "\udfff"]), max_size=6))
def test_full_text_json_schema_pattern_agrees_with_the_check(value: str) -> None:
    schema = FullText().json_schema()
    accepted = len(value) >= 1 and re.search(schema["pattern"], value) is not None
    assert accepted == (FullText().check(value) is None)


@pytest.mark.parametrize("rule", [Text(), Text(multiline=True), FullText()], ids=repr)
@pytest.mark.parametrize("value", ["Khar\ud800", "\udc00", "a\ud83cb"])
def test_text_schemas_refuse_lone_surrogates(rule: Text | FullText, value: str) -> None:
    assert rule.check(value) is not None
    assert re.search(rule.json_schema()["pattern"], value) is None


@pytest.mark.parametrize("rule", [Text(), Text(multiline=True)], ids=repr)
def test_text_schemas_refuse_a_final_line_break_in_python_re_search(rule: Text) -> None:
    assert re.search(rule.json_schema()["pattern"], "Samarkand") is not None
    assert re.search(rule.json_schema()["pattern"], "Samarkand\n") is None


def test_a_document_may_end_with_a_line_break_in_the_schema_too() -> None:
    assert re.search(FullText().json_schema()["pattern"], "As published.\n") is not None
