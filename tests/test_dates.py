"""Partial dates, periods, and reading dates from EDTF text and from prose."""

from __future__ import annotations

import datetime
import itertools
import math
import re
import zoneinfo
from typing import Any

import attrs
import edtf
import pytest
from edtf.parser.parser_classes import UnspecifiedIntervalSection
from hypothesis import given
from hypothesis import strategies as st

from diplomod import OPEN, Open, PartialDate, Period, ValidationError, read_date, read_period
from diplomod.dates import (
    PARTIAL_DATE_PATTERN,
    PERIOD_PATTERN,
    as_partial_date,
    parse_when,
    read_edtf,
    surely_before,
    surely_running,
    surely_started,
)
from strategies import partial_dates, periods

D = datetime.date
SHAPE = "is not a date such as '2023', '2023-04', '2023-04-14' or '2021~'"


def day(text: str) -> PartialDate:
    return PartialDate.parse(text)


# --- construction ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"year": 2021},
        {"year": 2023, "month": 4},
        {"year": 2023, "month": 4, "day": 14},
        {"year": 2024, "month": 2, "day": 29},
        {"year": 2000, "month": 2, "day": 29},
        {"year": 1, "month": 1, "day": 1},
        {"year": 9999, "month": 12, "day": 31},
        {"year": 2021, "approximate": True, "uncertain": True},
    ],
)
def test_valid_dates_are_made(fields: dict[str, Any]) -> None:
    made = PartialDate(**fields)
    assert {name: getattr(made, name) for name in fields} == fields


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"year": 2023, "day": 14}, ("$.day", "a day needs a month")),
        ({"year": 2023, "month": 2, "day": 30}, ("$.day", "February 2023 has 28 days, not 30")),
        ({"year": 2023, "month": 2, "day": 29}, ("$.day", "February 2023 has 28 days, not 29")),
        ({"year": 1900, "month": 2, "day": 29}, ("$.day", "February 1900 has 28 days, not 29")),
        ({"year": 2024, "month": 2, "day": 30}, ("$.day", "February 2024 has 29 days, not 30")),
        ({"year": 2023, "month": 4, "day": 31}, ("$.day", "April 2023 has 30 days, not 31")),
        ({"year": 2023, "month": 1, "day": 32}, ("$.day", "32 is outside the range [1, 31]")),
        ({"year": 2023, "month": 1, "day": 0}, ("$.day", "0 is outside the range [1, 31]")),
        ({"year": 2023, "month": 13}, ("$.month", "13 is outside the range [1, 12]")),
        ({"year": 2023, "month": 0}, ("$.month", "0 is outside the range [1, 12]")),
        ({"year": 0}, ("$.year", "0 is outside the range [1, 9999]")),
        ({"year": -44}, ("$.year", "-44 is outside the range [1, 9999]")),
        ({"year": 10000}, ("$.year", "10000 is outside the range [1, 9999]")),
    ],
)
def test_impossible_dates_are_refused(fields: dict[str, Any], problem: tuple[str, str]) -> None:
    with pytest.raises(ValidationError) as err:
        PartialDate(**fields)
    assert err.value.problems == (problem,)


def test_from_date_gives_a_day_precision_date() -> None:
    assert PartialDate.from_date(D(2023, 4, 14)) == PartialDate(year=2023, month=4, day=14)


# --- parse -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023", PartialDate(year=2023)),
        ("2023-04", PartialDate(year=2023, month=4)),
        ("2023-04-14", PartialDate(year=2023, month=4, day=14)),
        ("2021~", PartialDate(year=2021, approximate=True)),
        ("2021?", PartialDate(year=2021, uncertain=True)),
        ("2021%", PartialDate(year=2021, approximate=True, uncertain=True)),
        ("2023-04-14?", PartialDate(year=2023, month=4, day=14, uncertain=True)),
        ("0001", PartialDate(year=1)),
        ("2024-02-29", PartialDate(year=2024, month=2, day=29)),
    ],
)
def test_parse_reads_edtf_dates(text: str, expected: PartialDate) -> None:
    assert PartialDate.parse(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "23-04",
        "2023-4",
        "2023-04-1",
        " 2023",
        "2023 ",
        "2023\n",
        "2023/04",
        "20230414",
        "2023~?",
        "~2023",
        "",
        "April 2023",
        "12023",
    ],
)
def test_parse_refuses_other_shapes(text: str) -> None:
    with pytest.raises(ValidationError) as err:
        PartialDate.parse(text)
    assert err.value.problems == (("$", f"{text!r} {SHAPE}"),)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("2023-13", ("$.month", "13 is outside the range [1, 12]")),
        ("2023-00", ("$.month", "0 is outside the range [1, 12]")),
        ("2023-02-30", ("$.day", "February 2023 has 28 days, not 30")),
        ("2023-04-31~", ("$.day", "April 2023 has 30 days, not 31")),
        ("0000", ("$.year", "0 is outside the range [1, 9999]")),
    ],
)
def test_parse_refuses_well_shaped_dates_that_do_not_exist(
    text: str, problem: tuple[str, str]
) -> None:
    with pytest.raises(ValidationError) as err:
        PartialDate.parse(text)
    assert err.value.problems == (problem,)


@pytest.mark.parametrize(
    ("value", "kind"),
    [(None, "NoneType"), (2023, "int"), (D(2023, 4, 14), "date"), (b"2023", "bytes")],
)
def test_parse_refuses_non_strings(value: Any, kind: str) -> None:
    with pytest.raises(ValidationError) as err:
        PartialDate.parse(value)
    assert err.value.problems == (("$", f"expected a date as text, got {kind}"),)


@pytest.mark.parametrize(
    "text",
    [
        "\u0662\u0660\u0662\u0663",  # Arabic-Indic digits
        "\uff12\uff10\uff12\uff13-\uff10\uff14",  # full-width digits
        "\u0968\u0966\u0968\u0969",  # Devanagari digits
    ],
)
def test_parse_refuses_digits_other_than_ascii(text: str) -> None:
    with pytest.raises(ValidationError) as err:
        PartialDate.parse(text)
    assert err.value.problems == (("$", f"{text!r} {SHAPE}"),)


@pytest.mark.parametrize(
    "text", ["2023", "2023-04", "2023-04-14", "2021~", "2021?", "2021%", "0050-01-31%", "9999-12"]
)
def test_str_gives_back_the_edtf_text(text: str) -> None:
    assert str(PartialDate.parse(text)) == text


def test_str_pads_years_months_and_days() -> None:
    assert str(PartialDate(year=7, month=3, day=5)) == "0007-03-05"


# --- precision and range ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest"),
    [
        ("2023", "year", D(2023, 1, 1), D(2023, 12, 31)),
        ("2023-04", "month", D(2023, 4, 1), D(2023, 4, 30)),
        ("2024-02", "month", D(2024, 2, 1), D(2024, 2, 29)),
        ("2023-02", "month", D(2023, 2, 1), D(2023, 2, 28)),
        ("2023-12", "month", D(2023, 12, 1), D(2023, 12, 31)),
        ("2023-04-14", "day", D(2023, 4, 14), D(2023, 4, 14)),
        ("2021~", "year", D(2021, 1, 1), D(2021, 12, 31)),
    ],
)
def test_precision_earliest_and_latest(text: str, precision: str, earliest: D, latest: D) -> None:
    date = day(text)
    assert (date.precision, date.earliest, date.latest) == (precision, earliest, latest)


def test_could_be_covers_exactly_the_stated_range() -> None:
    april = day("2023-04")
    assert april.could_be(D(2023, 4, 1))
    assert april.could_be(D(2023, 4, 30))
    assert not april.could_be(D(2023, 3, 31))
    assert not april.could_be(D(2023, 5, 1))
    assert day("2023-04-14").could_be(D(2023, 4, 14))
    assert not day("2023-04-14").could_be(D(2023, 4, 15))


def test_qualifiers_do_not_widen_could_be() -> None:
    assert day("2021~").could_be(D(2021, 6, 1))
    assert not day("2021~").could_be(D(2020, 12, 31))
    assert not day("2021%").could_be(D(2022, 1, 1))


# --- ordering --------------------------------------------------------------------------------


def test_dates_sort_by_earliest_day_then_latest_day() -> None:
    texts = ["2023-04-14", "2023", "2023-04", "2022-12-31", "2023-01", "2023~", "2023-01-01"]
    assert [str(d) for d in sorted(day(t) for t in texts)] == [
        "2022-12-31",
        "2023-01-01",
        "2023-01",
        "2023",
        "2023~",
        "2023-04",
        "2023-04-14",
    ]


def test_a_day_sorts_after_its_month() -> None:
    assert day("2023-04") < day("2023-04-14")
    assert day("2023-04-14") > day("2023-04")
    assert day("2023-04") <= day("2023-04")
    assert day("2023-04") >= day("2023-04")


def test_comparing_with_another_type_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        _ = day("2023") < 2023  # type: ignore[operator]
    with pytest.raises(TypeError):
        _ = day("2023") >= D(2023, 1, 1)  # type: ignore[operator]
    text: object = "2023"
    assert day("2023") != text


# --- read_date -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 April 2023", "2023-04-14"),
        ("April 14, 2023", "2023-04-14"),
        ("April 2023", "2023-04"),
        ("February 2024", "2024-02"),
        ("In 2021", "2021"),
        ("2023", "2023"),
        ("2023-04", "2023-04"),
        ("2023-04-14", "2023-04-14"),
        ("around 2021", "2021~"),
        ("About 2021", "2021~"),
        ("approximately 14 April 2023", "2023-04-14~"),
        ("circa 1990", "1990~"),
        ("c. 1990", "1990~"),
        ("March 2022?", "2022-03?"),
        ("2021 ?", "2021?"),
        ("around 2021?", "2021%"),
        ("Samarkand, 14 April 2023 (TDI)", "2023-04-14"),
        ("14 April 2023, 10:30", "2023-04-14T10:30:00"),
        ("2023-04-14T10:00", "2023-04-14T10:00:00"),
        ("  14 April 2023  ", "2023-04-14"),
        ("04/05/2023", "2023-04-05"),
    ],
)
def test_read_date_keeps_the_precision_the_text_gives(text: str, expected: str) -> None:
    assert read_date(text) == day(expected)


def test_month_and_year_is_month_precision_not_the_first_of_the_month() -> None:
    date = read_date("April 2023")
    assert date.precision == "month"
    assert date.day is None


def test_read_date_dayfirst_reads_the_day_first() -> None:
    assert read_date("04/05/2023", dayfirst=True) == day("2023-05-04")
    assert read_date("14/04/2023", dayfirst=True) == day("2023-04-14")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("April 14", "it gives no year"),
        ("Tuesday", "it gives no year"),
        ("Feb 30 2023", "day is out of range for month"),
        ("Feb 29 2023", "day is out of range for month"),
        ("nonsense", "it holds no date"),
        ("", "it holds no date"),
        ("around", "it holds no date"),
    ],
)
def test_read_date_refuses_text_without_a_real_date(text: str, reason: str) -> None:
    with pytest.raises(ValidationError) as err:
        read_date(text)
    ((path, message),) = err.value.problems
    assert path == "$"
    assert message.startswith(f"cannot read {text!r} as a date: {reason}")


@pytest.mark.parametrize(
    ("value", "kind"), [(None, "NoneType"), (2023, "int"), (D(2023, 1, 1), "date")]
)
def test_read_date_refuses_non_strings(value: Any, kind: str) -> None:
    with pytest.raises(ValidationError) as err:
        read_date(value)
    assert err.value.problems == (("$", f"expected a date as text, got {kind}"),)


def test_read_date_sees_circa_written_without_a_space() -> None:
    assert read_date("c.1990") == day("1990~")


@pytest.mark.parametrize(
    ("text", "read_as"), [("0099", 1999), ("0050", 2050), ("April 99", 1999), ("5 May 23", 2023)]
)
def test_read_date_refuses_years_not_written_in_full(text: str, read_as: int) -> None:
    # dateutil reads short years as two-digit ones; guessing the century would invent a fact.
    with pytest.raises(ValidationError) as err:
        read_date(text)
    assert err.value.problems == (
        (
            "$",
            f"cannot read {text!r} as a date: its year is not written in full "
            f"(it would be read as {read_as}); write all four digits",
        ),
    )


# --- Period ----------------------------------------------------------------------------------


def end(text: str) -> PartialDate | Open | None:
    """An end as the EDTF text writes it: ``..`` is open, nothing is not known."""
    return OPEN if text == ".." else None if text == "" else day(text)


@pytest.mark.parametrize(
    ("text", "start", "end_"),
    [
        ("2023-04-13/2023-04-14", "2023-04-13", "2023-04-14"),
        ("2017-06/..", "2017-06", ".."),
        ("2017-06/", "2017-06", ""),
        ("../2021~", "..", "2021~"),
        ("/2021~", "", "2021~"),
        ("2021?/2022%", "2021?", "2022%"),
        ("2023-04-14/2023-04", "2023-04-14", "2023-04"),
        ("2023/2023", "2023", "2023"),
    ],
)
def test_period_parse_reads_start_and_end(text: str, start: str, end_: str) -> None:
    period = Period.parse(text)
    assert period.start == end(start)
    assert period.end == end(end_)
    assert str(period) == text
    assert parse_when(text) == period
    assert read_period(text) == period


def test_period_str_marks_open_and_unknown_ends() -> None:
    assert str(Period(start=day("2017"))) == "2017/.."
    assert str(Period(start=day("2017"), end=None)) == "2017/"
    assert str(Period(end=day("2017-06-09"))) == "/2017-06-09"
    assert str(Period(start=OPEN, end=day("2017-06-09"))) == "../2017-06-09"


def test_a_period_starts_not_known_and_ends_open_by_default() -> None:
    period = Period(start=day("2017"))
    assert period.end is OPEN
    assert Period(end=day("2010")).start is None


def test_open_is_one_marker_that_reads_well() -> None:
    assert repr(OPEN) == "OPEN"
    assert str(OPEN) == ".."
    assert list(Open) == [OPEN]
    assert repr(Period.parse("../2010")).startswith("Period(start=OPEN, end=PartialDate(")


@pytest.mark.parametrize(
    ("start", "end_", "text"),
    [
        ("2017", "..", "2017/.."),
        (datetime.date(2017, 6, 9), None, "2017-06-09/"),
        ("..", "2010-03", "../2010-03"),
        (None, datetime.date(2010, 3, 1), "/2010-03-01"),
    ],
)
def test_a_period_takes_its_ends_as_dates_or_edtf_text(start: Any, end_: Any, text: str) -> None:
    assert Period(start=start, end=end_) == Period.parse(text)


def test_a_period_end_may_be_a_datetime_with_its_time() -> None:
    period = Period(start="2017", end=datetime.datetime(2017, 1, 1, 12))  # type: ignore[arg-type]
    assert str(period) == "2017/2017-01-01T12:00:00"


@pytest.mark.parametrize(
    ("fields", "problems"),
    [
        (
            {"start": "2023-04-14T10:00:00", "end": "2023-04-14T09:00:00"},
            [("$.end", "2023-04-14T09:00:00 is before the start 2023-04-14T10:00:00")],
        ),
        (
            {"start": "2023-04-15T09:00:00+08:00", "end": "2023-04-14T20:00:00-04:00"},
            [("$.end", "2023-04-14T20:00:00-04:00 is before the start 2023-04-15T09:00:00+08:00")],
        ),
    ],
)
def test_a_period_s_timed_end_is_not_before_its_start(
    fields: dict[str, Any], problems: list[tuple[str, str]]
) -> None:
    with pytest.raises(ValidationError) as err:
        Period(**fields)
    assert err.value.problems == tuple(problems)


def test_a_period_may_end_at_its_start_s_moment_by_another_clock() -> None:
    period = Period.parse("2023-04-15T08:00:00+08:00/2023-04-14T20:00:00-04:00")
    assert period.start == PartialDate.parse("2023-04-15T08:00:00+08:00")


@pytest.mark.parametrize(
    ("fields", "problems"),
    [
        ({"start": "2017-13"}, [("$.start", "13 is outside the range [1, 12]")]),
        ({"start": 2017}, [("$.start", "expected a PartialDate, OPEN or null, got int 2017")]),
        (
            {"end": datetime.time(12)},
            [("$.end", "expected a PartialDate, OPEN or null, got time datetime.time(12, 0)")],
        ),
        ({"end": "..."}, [("$.end", f"'...' {SHAPE}")]),
        ({"start": "..", "end": ".."}, [("$", "a period needs a start or an end date")]),
    ],
)
def test_a_period_refuses_ends_that_are_no_dates(
    fields: dict[str, Any], problems: list[tuple[str, str]]
) -> None:
    with pytest.raises(ValidationError) as err:
        Period(**fields)
    assert err.value.problems == tuple(problems)


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        (
            "2023",
            [("$", "'2023' is not a period such as '2023-04-13/2023-04-14' or '2017/..'")],
        ),
        (
            "2023/2024/2025",
            [
                (
                    "$",
                    "'2023/2024/2025' is not a period such as '2023-04-13/2023-04-14' or '2017/..'",
                )
            ],
        ),
        ("../..", [("$", "a period needs a start or an end date")]),
        ("/", [("$", "a period needs a start or an end date")]),
        ("../", [("$", "a period needs a start or an end date")]),
        ("/..", [("$", "a period needs a start or an end date")]),
        ("2024/2023-06", [("$.end", "2023-06 is before the start 2024")]),
        ("2023-05/2023-04-30", [("$.end", "2023-04-30 is before the start 2023-05")]),
        (".../2023", [("$.start", f"'...' {SHAPE}")]),
        ("2023/.", [("$.end", f"'.' {SHAPE}")]),
        ("2023/ ", [("$.end", f"' ' {SHAPE}")]),
        ("2023 / 2024", [("$.start", f"'2023 ' {SHAPE}"), ("$.end", f"' 2024' {SHAPE}")]),
        (
            "x/2023-13",
            [("$.start", f"'x' {SHAPE}"), ("$.end.month", "13 is outside the range [1, 12]")],
        ),
        ("2023-02-30/..", [("$.start.day", "February 2023 has 28 days, not 30")]),
    ],
)
def test_period_parse_refuses_bad_text(text: str, problems: list[tuple[str, str]]) -> None:
    with pytest.raises(ValidationError) as err:
        Period.parse(text)
    assert err.value.problems == tuple(problems)


@pytest.mark.parametrize("text", ["14/04/2023", "04/14/2023", "2023/04/14"])
def test_a_date_or_period_with_two_slashes_names_both_readings(text: str) -> None:
    with pytest.raises(ValidationError) as err:
        read_edtf("when")(text)
    assert err.value.problems == (
        (
            "$",
            f"{text!r} is neither a date such as '2023-04-14' nor a period such as "
            "'2023-04-13/2023-04-14': EDTF writes a day year first, with hyphens",
        ),
    )


def test_period_parse_refuses_non_strings() -> None:
    with pytest.raises(ValidationError) as err:
        Period.parse(None)  # type: ignore[arg-type]
    assert err.value.problems == (("$", "expected a period as text, got NoneType"),)


@pytest.mark.parametrize(
    "ends", [{}, {"start": OPEN}, {"end": None}, {"start": OPEN, "end": None}, {"end": OPEN}]
)
def test_a_period_needs_a_start_or_an_end_date(ends: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as err:
        Period(**ends)
    assert err.value.problems == (("$", "a period needs a start or an end date"),)


def test_a_period_may_end_before_the_start_only_if_it_could_not() -> None:
    # The end "2023-04" could be 30 April, after the start.
    assert Period(start=day("2023-04-14"), end=day("2023-04")).end == day("2023-04")
    with pytest.raises(ValidationError) as err:
        Period(start=day("2023-04-14"), end=day("2023-04-13"))
    assert err.value.problems == (("$.end", "2023-04-13 is before the start 2023-04-14"),)


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2017-06/..", D(2017, 6, 1), D.max),
        ("2017-06/", D(2017, 6, 1), D.max),
        ("../2021", D.min, D(2021, 12, 31)),
        ("/2021", D.min, D(2021, 12, 31)),
    ],
)
def test_period_earliest_and_latest_use_the_date_limits_for_open_and_unknown_ends(
    text: str, earliest: D, latest: D
) -> None:
    assert (Period.parse(text).earliest, Period.parse(text).latest) == (earliest, latest)


@pytest.mark.parametrize(
    ("text", "started", "running"),
    [
        ("2017-06/2021", D(2017, 6, 30), D(2021, 1, 1)),
        ("../2021", D.min, D(2021, 1, 1)),  # open: no earlier bound
        ("/2021", D(2021, 12, 31), D(2021, 1, 1)),  # not known: as late as its end
        ("2017-06/..", D(2017, 6, 30), D.max),  # open: runs on
        ("2017-06/", D(2017, 6, 30), D(2017, 6, 1)),  # not known: may have ended at once
    ],
)
def test_the_days_a_period_surely_started_by_and_surely_runs_to(
    text: str, started: D, running: D
) -> None:
    period = Period.parse(text)
    assert (surely_started(period), surely_running(period)) == (started, running)


@pytest.mark.parametrize(
    ("text", "date", "included"),
    [
        ("2023-04-13/2023-04-14", D(2023, 4, 14), True),
        ("2023-04-13/2023-04-14", D(2023, 4, 13), True),
        ("2023-04-13/2023-04-14", D(2023, 4, 15), False),
        ("2023-04-13/2023-04-14", D(2023, 4, 12), False),
        ("2017/..", D(2017, 1, 1), True),
        ("2017/..", D(9999, 12, 31), True),
        ("2017/..", D(2016, 12, 31), False),
        ("../2021", D(1, 1, 1), True),
        ("../2021", D(2022, 1, 1), False),
        ("/2021", D(1, 1, 1), True),
        ("/2021", D(2022, 1, 1), False),
        ("2017/", D(9999, 12, 31), True),
        ("2017/", D(2016, 12, 31), False),
    ],
)
def test_could_include(text: str, date: D, included: bool) -> None:
    assert Period.parse(text).could_include(date) is included


@pytest.mark.parametrize(
    ("first", "second", "overlaps"),
    [
        ("2017/2021", "2021/..", False),  # they meet in a year: one may end before the next
        ("2001/2010", "2005/..", True),
        ("2001/2010", "2011/2012", False),
        ("2021-03/2021-06", "2021-06/2021-09", False),
        ("2021-03-01/2021-06-15", "2021-06-15/..", True),
        ("2021-03-01/2021-06-14", "2021-06-15/..", False),
        ("../2010", "2005/..", True),
        ("2017/..", "2020/..", True),
        ("2001/2010", "2003/2004", True),
        ("/2010", "2005/..", True),  # begun by 2010 at the latest, and ran in 2010
        ("/2010", "2011/..", False),
        ("2001/", "2005/..", False),  # may have ended in 2001
        ("2017-06-09/", "2017-06-09/..", True),  # both ran on 9 June 2017
        ("2017/", "2017/..", False),
        ("../2010", "/2005", True),
        ("../2004", "2005/", False),
    ],
)
def test_surely_overlaps(first: str, second: str, overlaps: bool) -> None:
    a, b = Period.parse(first), Period.parse(second)
    assert a.surely_overlaps(b) is overlaps
    assert b.surely_overlaps(a) is overlaps


# --- parse_when ------------------------------------------------------------------------------


def test_parse_when_reads_a_date_or_a_period() -> None:
    assert parse_when("2023-04-14") == day("2023-04-14")
    assert parse_when("2023-04-13/2023-04-14") == Period(
        start=day("2023-04-13"), end=day("2023-04-14")
    )
    assert parse_when("2017/..") == Period(start=day("2017"))


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ("2023-4", [("$", f"'2023-4' {SHAPE}")]),
        ("2023/2023-13", [("$.end.month", "13 is outside the range [1, 12]")]),
        ("../..", [("$", "a period needs a start or an end date")]),
        ("/", [("$", "a period needs a start or an end date")]),
        (2023, [("$", "expected a date as text, got int")]),
    ],
)
def test_parse_when_refuses_bad_text(text: Any, problems: list[tuple[str, str]]) -> None:
    with pytest.raises(ValidationError) as err:
        parse_when(text)
    assert err.value.problems == tuple(problems)


# --- properties ------------------------------------------------------------------------------


@given(partial_dates())
def test_earliest_is_never_after_latest(date: PartialDate) -> None:
    assert date.earliest <= date.latest


@given(partial_dates())
def test_str_then_parse_gives_the_same_date(date: PartialDate) -> None:
    text = str(date)
    assert re.fullmatch(PARTIAL_DATE_PATTERN, text)
    assert PartialDate.parse(text) == date


@given(partial_dates())
def test_a_date_could_be_its_own_earliest_and_latest_day(date: PartialDate) -> None:
    assert date.could_be(date.earliest)
    assert date.could_be(date.latest)


@given(partial_dates())
def test_a_date_could_not_be_the_days_around_it(date: PartialDate) -> None:
    if date.earliest > D.min:
        assert not date.could_be(date.earliest - datetime.timedelta(days=1))
    if date.latest < D.max:
        assert not date.could_be(date.latest + datetime.timedelta(days=1))


@given(partial_dates())
def test_precision_matches_the_span(date: PartialDate) -> None:
    span = (date.latest - date.earliest).days + 1
    expected = {"year": range(365, 367), "month": range(28, 32), "day": range(1, 2)}
    assert span in expected[date.precision]


@given(partial_dates(), partial_dates())
def test_exactly_one_of_less_equal_greater_holds(a: PartialDate, b: PartialDate) -> None:
    assert [a < b, a == b, a > b].count(True) == 1
    assert (a <= b) == (a < b or a == b)
    assert (a >= b) == (a > b or a == b)
    assert (a < b) == (b > a)


@given(partial_dates(), partial_dates(), partial_dates())
def test_order_is_transitive(a: PartialDate, b: PartialDate, c: PartialDate) -> None:
    if a <= b and b <= c:
        assert a <= c


@given(st.lists(partial_dates(), max_size=8), st.randoms(use_true_random=False))
def test_sorting_does_not_depend_on_the_input_order(dates: list[PartialDate], random: Any) -> None:
    shuffled = list(dates)
    random.shuffle(shuffled)
    assert sorted(dates) == sorted(shuffled)
    ordered = sorted(dates)
    assert all(x <= y for x, y in itertools.pairwise(ordered))


@given(partial_dates(), partial_dates())
def test_an_earlier_date_never_starts_later(a: PartialDate, b: PartialDate) -> None:
    if a < b:
        assert a.earliest <= b.earliest


@given(partial_dates(), partial_dates())
def test_equal_dates_hash_alike(a: PartialDate, b: PartialDate) -> None:
    if a == b:
        assert hash(a) == hash(b)


@given(periods())
def test_period_str_then_parse_gives_the_same_period(period: Period) -> None:
    text = str(period)
    assert re.fullmatch(PERIOD_PATTERN, text)
    assert Period.parse(text) == period
    assert parse_when(text) == period


@given(periods())
def test_a_period_could_include_its_ends(period: Period) -> None:
    if isinstance(period.start, PartialDate):
        assert period.could_include(period.start.earliest)
    if isinstance(period.end, PartialDate):
        assert period.could_include(period.end.latest)
    assert period.earliest <= period.latest


@given(periods(), periods())
def test_surely_overlaps_is_symmetric(a: Period, b: Period) -> None:
    assert a.surely_overlaps(b) == b.surely_overlaps(a)


@given(periods(), periods())
def test_periods_that_surely_overlap_share_a_possible_day(a: Period, b: Period) -> None:
    if a.surely_overlaps(b):
        assert max(a.earliest, b.earliest) <= min(a.latest, b.latest)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("In 2021, 3 MoUs were signed", "3 is not part of the date"),
        ("April 2023, 5 ministers met", "5 is not written beside the month"),
        ("Q2 2023", "'Q2' is not part of a date"),
        ("the 1990s", "'1990s' is not part of a date"),
        ("14 April 2023, 12 delegations", "12 is not part of the date"),
    ],
)
def test_read_date_refuses_numbers_that_are_not_part_of_the_date(text: str, reason: str) -> None:
    # dateutil would take the stray number as a month or a day: that would invent precision.
    with pytest.raises(ValidationError) as err:
        read_date(text)
    assert err.value.problems == (("$", f"cannot read {text!r} as a date: {reason}"),)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Friday, 14 April 2023 10:30 am", "2023-04-14T10:30:00"),
        ("2023-04-14T10:00:00Z", "2023-04-14T10:00:00Z"),
        ("the 4th of July, 1990", "1990-07-04"),
        ("April 14th, 2023", "2023-04-14"),
        ("14.04.2023", "2023-04-14"),
        ("0999", "0999"),
    ],
)
def test_read_date_reads_times_ordinals_and_numeric_forms(text: str, expected: str) -> None:
    assert str(read_date(text)) == expected


# -- read_period -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "edtf"),
    [
        ("5-17 September 1978", "1978-09-05/1978-09-17"),
        ("15\u201316 November 2021", "2021-11-15/2021-11-16"),
        ("September 5-17, 1978", "1978-09-05/1978-09-17"),
        ("5 to 17 September 1978", "1978-09-05/1978-09-17"),
        ("between 1 and 3 May 2022", "2022-05-01/2022-05-03"),
        ("June 2021 to July 2022", "2021-06/2022-07"),
        ("June to July 2022", "2022-06/2022-07"),
        ("from 2019 until 2021", "2019/2021"),
        ("2019 to May 2021", "2019/2021-05"),
        ("14 April 2023 \u2014 20 May 2023", "2023-04-14/2023-05-20"),
        ("2021-11-15 - 2021-11-16", "2021-11-15/2021-11-16"),
        ("2021-11-15/2021-11-16", "2021-11-15/2021-11-16"),
        ("around 2019 to 2021?", "2019~/2021?"),
        ("04/05/2023 to 06/05/2023", "2023-04-05/2023-06-05"),
        ("2021-2022", "2021/2022"),
        ("Sept. 5-17, 1978", "1978-09-05/1978-09-17"),
    ],
)
def test_read_period_reads_ranges_as_prose_writes_them(text: str, edtf: str) -> None:
    assert str(read_period(text)) == edtf


def test_read_period_reads_days_first_when_told() -> None:
    assert str(read_period("04/05/2023 to 06/05/2023", dayfirst=True)) == "2023-05-04/2023-05-06"


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        (
            "2023",
            [
                (
                    "$",
                    "cannot read '2023' as a period: it needs two dates with 'to', 'until' or a "
                    "dash between them, such as '5-17 September 1978'",
                )
            ],
        ),
        ("28 December to 3 January 2023", [("$.end", "2023-01-03 is before the start 2023-12-28")]),
        (
            "31-30 April 2023",
            [("$.start", "cannot read '31 April 2023' as a date: day is out of range for month")],
        ),
        (
            "2023-13 to 2023-14",
            [
                ("$.start", "cannot read '2023-13' as a date: bad month number 13; must be 1-12"),
                ("$.end", "cannot read '2023-14' as a date: bad month number 14; must be 1-12"),
            ],
        ),
        (
            "14 April to 15 May",
            [
                ("$.start", "cannot read '14 April' as a date: it gives no year"),
                ("$.end", "cannot read '15 May' as a date: it gives no year"),
            ],
        ),
    ],
)
def test_read_period_refuses_what_it_cannot_read(
    text: str, problems: list[tuple[str, str]]
) -> None:
    with pytest.raises(ValidationError) as err:
        read_period(text)
    assert err.value.problems == tuple(problems)


@pytest.mark.parametrize("text", ["1-3/5/2023", "5-17.09.1978", "Samarkand - 14 April 2023"])
def test_read_period_refuses_what_names_no_two_dates(text: str) -> None:
    with pytest.raises(ValidationError) as err:
        read_period(text)
    assert err.value.problems[0][1].startswith(f"cannot read {text!r} as a period: it needs two")


@pytest.mark.parametrize(
    "text",
    [
        "Samarkand \u2014 14 April 2023",
        "Samarkand - 14 April 2023 (TASS)",
        "April 14, 2023 \u2014 The ministers met",
        "Decision - 14 April 2023",
    ],
)
def test_read_date_takes_a_dateline_dash_for_no_range(text: str) -> None:
    assert str(read_date(text)) == "2023-04-14"


def test_read_period_refuses_what_is_not_text() -> None:
    with pytest.raises(ValidationError) as err:
        read_period(2023)  # type: ignore[arg-type]
    assert err.value.problems == (("$", "expected a period as text, got int"),)


@pytest.mark.parametrize(
    "text", ["5-17 September 1978", "June 2021 to July 2022", "15\u201316 May"]
)
def test_read_date_names_a_range_as_a_range(text: str) -> None:
    with pytest.raises(ValidationError) as err:
        read_date(text)
    assert err.value.problems == (
        ("$", f"cannot read {text!r} as a date: it is a range of dates; read it with read_period"),
    )


@pytest.mark.parametrize(
    ("date", "included"),
    [
        (PartialDate(year=2023, month=4), True),
        ("2023-04-12", False),
        ("2023", True),
        (datetime.date(2023, 4, 14), True),
    ],
)
def test_could_include_takes_a_partial_date_a_date_or_edtf_text(date: Any, included: bool) -> None:
    assert Period.parse("2023-04-13/2023-04-14").could_include(date) is included


def test_could_include_refuses_what_is_not_a_date() -> None:
    with pytest.raises(ValidationError) as err:
        Period.parse("2023/2024").could_include(2023)  # type: ignore[arg-type]
    assert err.value.problems == (
        ("$", "expected a PartialDate, a datetime.date or EDTF text, got int"),
    )


# --- cross-checked with the edtf package (the Library of Congress EDTF, ISO 8601-2) ----------
#
# The edtf package reads EDTF on its own; these tests check that every text diplomod writes
# is EDTF to it, that it reads the days diplomod reads from each, and that what it refuses
# diplomod refuses too. Where the package departs from the specification, the test says so.


def _day(value: Any) -> D:
    """A day from the edtf package's `time.struct_time`."""
    return D(value.tm_year, value.tm_mon, value.tm_mday)


def _edtf_refuses(text: str) -> bool:
    try:
        edtf.parse_edtf(text)
    except edtf.EDTFParseException:
        return True
    except TypeError:  # edtf 5 fails so on "/.." and "../", which the specification has not
        return True
    return False


def _edtf_text(date: PartialDate) -> str:
    """The EDTF part of a date's text: a time zone in brackets is RFC 9557's, not EDTF's."""
    return str(attrs.evolve(date, zone=None))


def _edtf_day_text(date: PartialDate) -> str:
    """The date of a period's end: EDTF's intervals join dates, not times of day."""
    return str(attrs.evolve(date, hour=None, minute=None, second=None, offset=None, zone=None))


@given(partial_dates())
def test_edtf_reads_a_date_as_the_days_diplomod_reads(date: PartialDate) -> None:
    parsed = edtf.parse_edtf(_edtf_text(date))
    assert _day(parsed.lower_strict()) == date.earliest
    assert _day(parsed.upper_strict()) == date.latest


@given(periods())
def test_edtf_reads_a_period_with_the_same_ends_as_diplomod(period: Period) -> None:
    parsed = edtf.parse_edtf(
        "/".join(
            _edtf_day_text(e) if isinstance(e, PartialDate) else str(e or "")
            for e in (period.start, period.end)
        )
    )
    assert isinstance(parsed, edtf.Interval)
    ends = [
        (parsed.lower, period.start, parsed.lower_strict, "earliest", -math.inf),
        (parsed.upper, period.end, parsed.upper_strict, "latest", math.inf),
    ]
    for section, end, strict, bound, unbounded in ends:
        if isinstance(end, PartialDate):
            assert not isinstance(section, UnspecifiedIntervalSection)
            assert _day(strict()) == getattr(end, bound)
            continue
        assert isinstance(section, UnspecifiedIntervalSection)
        assert section.is_open is (end is OPEN)
        assert section.is_unknown is (end is None)
        if end is OPEN:  # no bound: an infinity to edtf, the date limit to diplomod
            value: Any = strict()
            assert value == unbounded
            assert getattr(period, bound) in (D.min, D.max)
        # Not known: the specification gives no bound. edtf guesses one, ten years (a
        # setting of the package) from the other end, where diplomod takes the date limit
        # as for an open end; so only the kind of end is compared, not edtf's guess.


@pytest.mark.parametrize(
    "text",
    ["2017/..", "2017/", "/2010", "../2010", "2021/2022", "2021~/2022?", "/2023-04-14%"],
)
def test_edtf_reads_each_form_of_a_period(text: str) -> None:
    assert not _edtf_refuses(text)
    assert str(Period.parse(text)) == text


_PIECES = ["2021", "2023", "0000", "-", "04", "02", "13", "29", "31", "00", "/", "..", "."]
_PIECES += ["?", "~", "%", " ", "X", "T", "Y", "+", "21", "1", "10:00", "Z", "[", "]", ","]


@given(st.lists(st.sampled_from(_PIECES), max_size=7).map("".join))
def test_what_edtf_refuses_diplomod_refuses(text: str) -> None:
    if _edtf_refuses(text):
        with pytest.raises(ValidationError):
            parse_when(text)
        with pytest.raises(ValidationError):
            Period.parse(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "/",
        "/..",
        "../",
        "2021-13",
        "2021-04-31",
        "2021-4",
        "21",
        "2021?~",
        "2021/2022/2023",
        "20210414",
        "2021..",
        ".../2021",
    ],
)
def test_malformed_texts_edtf_refuses_diplomod_refuses(text: str) -> None:
    assert _edtf_refuses(text)
    with pytest.raises(ValidationError):
        parse_when(text)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("../..", "a period needs a date at one end at least"),
        ("2023-02-29", "2023 has no 29 February; edtf 5 takes any February 29"),
        ("2021/2020", "the end is before the start; edtf does not compare the ends"),
        ("0000", "diplomod's years start at 1"),
        ("2021-21", "a season, which diplomod does not read"),
        (" 2021", "edtf 5 drops white space around the text; the specification has none"),
        ("2021-04-14 ", "edtf 5 drops white space around the text; the specification has none"),
    ],
)
def test_what_diplomod_refuses_that_edtf_reads(text: str, why: str) -> None:
    """diplomod reads a part of EDTF, and checks what the package does not."""
    assert not _edtf_refuses(text), why
    with pytest.raises(ValidationError):
        parse_when(text)


# --- times of day, offsets and zones ---------------------------------------------------------


THIRTY_SECONDS = datetime.timedelta(seconds=30)


def moment(text: str) -> PartialDate:
    return PartialDate.parse(text)


@pytest.mark.parametrize(
    "text",
    [
        "2023-04-14T10:30:00",
        "2023-04-14T00:00:00Z",
        "2023-04-14T10:30:00+05:00",
        "2023-04-14T10:30:00-09:30",
        "2023-04-15[Asia/Shanghai]",
        "2023-04-15~[Asia/Shanghai]",
        "2023-04-15T08:00:00[Asia/Shanghai]",
        "2023-04-15T08:00:00+08:00[Asia/Shanghai]",
        "2023-10-29T02:30:00+01:00[Europe/Paris]",
        "2023-10-29T02:30:00+02:00[Europe/Paris]",
    ],
)
def test_times_offsets_and_zones_are_read_and_written_back(text: str) -> None:
    date = moment(text)
    assert str(date) == text
    assert re.fullmatch(PARTIAL_DATE_PATTERN, text)
    assert date.precision == "day"


def test_a_moment_has_its_parts_its_offset_and_its_instant() -> None:
    date = moment("2023-04-14T10:30:15+05:00")
    assert (date.hour, date.minute, date.second, date.offset) == (10, 30, 15, 300)
    assert date.time == datetime.time(
        10, 30, 15, tzinfo=datetime.timezone(datetime.timedelta(hours=5))
    )
    assert date.instant == datetime.datetime(2023, 4, 14, 5, 30, 15, tzinfo=datetime.UTC)
    zoned = moment("2023-04-15T08:00:00[Asia/Shanghai]")
    assert zoned.offset is None
    assert zoned.utc_offset == datetime.timedelta(hours=8)
    assert zoned.instant == datetime.datetime(2023, 4, 15, 0, 0, tzinfo=datetime.UTC)


def test_a_day_by_a_zone_spans_that_zone_s_day_in_utc() -> None:
    date = moment("2023-04-15[Asia/Shanghai]")
    assert date.instant is None
    assert date.utc_span() == (
        datetime.datetime(2023, 4, 14, 16, tzinfo=datetime.UTC),
        datetime.datetime(2023, 4, 15, 15, 59, 59, 999999, tzinfo=datetime.UTC),
    )


@pytest.mark.parametrize("text", ["2023-04-14", "2023-04-14T10:30:00", "2023"])
def test_a_date_by_no_stated_clock_is_not_anchored(text: str) -> None:
    date = moment(text)
    assert (date.utc_span(), date.instant, date.utc_offset) == (None, None, None)


@pytest.mark.parametrize(
    ("fields", "problems"),
    [
        (
            {"year": 2023, "month": 4, "day": 14, "hour": 10},
            [("$.minute", "a time of day needs an hour, a minute and a second")],
        ),
        (
            {"year": 2023, "month": 4, "day": 14, "minute": 30, "second": 0},
            [("$.hour", "a time of day needs an hour, a minute and a second")],
        ),
        (
            {"year": 2023, "month": 4, "hour": 10, "minute": 30, "second": 0},
            [("$.hour", "a time of day needs a day")],
        ),
        (
            {"year": 2023, "month": 4, "day": 14, "hour": 10, "minute": 0, "second": 0,
             "approximate": True},
            [("$.approximate", "a date with a time of day is not marked approximate: EDTF "
              "qualifies dates, not times; drop the time, or the mark")],
        ),
        (
            {"year": 2023, "month": 4, "day": 14, "hour": 10, "minute": 0, "second": 0,
             "uncertain": True},
            [("$.uncertain", "a date with a time of day is not marked uncertain: EDTF "
              "qualifies dates, not times; drop the time, or the mark")],
        ),
        (
            {"year": 2023, "month": 4, "day": 14, "offset": 300},
            [("$.offset", "a UTC offset needs a time of day")],
        ),
        (
            {"year": 2023, "month": 4, "zone": "Asia/Karachi"},
            [("$.zone", "a time zone needs a day")],
        ),
        (
            {"year": 2023, "month": 4, "day": 14, "zone": "Asia/Lahore"},
            [("$.zone", "'Asia/Lahore' is not a time zone the IANA database names, such as "
              "'Asia/Karachi' or 'America/New_York'")],
        ),
        (
            {"year": 2023, "month": 4, "day": 14, "zone": "../../etc/passwd"},
            [("$.zone", "'../../etc/passwd' is not a time zone the IANA database names, such as "
              "'Asia/Karachi' or 'America/New_York'")],
        ),
        (
            {"year": 2023, "month": 4, "day": 14, "hour": 24, "minute": 0, "second": 0},
            [("$.hour", "24 is outside the range [0, 23]")],
        ),
        (
            {"year": 2023, "month": 4, "day": 14, "hour": 1, "minute": 0, "second": 0,
             "offset": 1200},
            [("$.offset", "1200 is outside the range [-1080, 1080]")],
        ),
        (
            {"year": 2023, "month": 3, "day": 26, "hour": 2, "minute": 30, "second": 0,
             "zone": "Europe/Paris"},
            [("$.hour", "2023-03-26T02:30:00 does not exist in Europe/Paris: the clocks skip it")],
        ),
        (
            {"year": 2023, "month": 10, "day": 29, "hour": 2, "minute": 30, "second": 0,
             "zone": "Europe/Paris"},
            [("$.offset", "2023-10-29T02:30:00 comes twice in Europe/Paris, at +01:00 and "
              "+02:00: give its offset")],
        ),
        (
            {"year": 2023, "month": 4, "day": 14, "hour": 10, "minute": 30, "second": 0,
             "offset": 240, "zone": "Asia/Karachi"},
            [("$.offset", "+04:00 is not the offset of Asia/Karachi at 2023-04-14T10:30:00, "
              "which is +05:00")],
        ),
    ],
)  # fmt: skip
def test_times_offsets_and_zones_follow_their_rules(
    fields: dict[str, Any], problems: list[tuple[str, str]]
) -> None:
    with pytest.raises(ValidationError) as err:
        PartialDate(**fields)
    assert list(err.value.problems) == problems


def test_a_zone_before_standard_time_has_its_local_mean_time() -> None:
    date = moment("1890-01-01T10:00:00[Asia/Shanghai]")
    assert date.utc_offset == datetime.timedelta(hours=8, minutes=5, seconds=43)
    with pytest.raises(ValidationError) as err:
        moment("1890-01-01T10:00:00+08:00[Asia/Shanghai]")
    assert err.value.problems == (
        (
            "$.offset",
            "+08:00 is not the offset of Asia/Shanghai at 1890-01-01T10:00:00, which is +08:05:43",
        ),
    )


@pytest.mark.parametrize("text", ["0001-01-01T00:00:00+05:00", "9999-12-31[Pacific/Kiritimati]"])
def test_moments_at_the_calendar_s_ends_are_spanned_without_overflow(text: str) -> None:
    span = moment(text).utc_span()
    assert span is not None
    assert span[0] <= span[1]


def test_from_datetime_keeps_the_time_offset_and_zone() -> None:
    naive = datetime.datetime(2023, 4, 14, 10, 30)
    assert str(PartialDate.from_datetime(naive)) == "2023-04-14T10:30:00"
    fixed = naive.replace(tzinfo=datetime.timezone(datetime.timedelta(hours=-4)))
    assert str(PartialDate.from_datetime(fixed)) == "2023-04-14T10:30:00-04:00"
    zoned = naive.replace(tzinfo=zoneinfo.ZoneInfo("Asia/Karachi"))
    assert str(PartialDate.from_datetime(zoned)) == "2023-04-14T10:30:00+05:00[Asia/Karachi]"


@pytest.mark.parametrize(
    ("moment_", "problem"),
    [
        (
            datetime.datetime(2023, 4, 14, 10, 30, 0, 1),
            ("$.second", "the text form keeps whole seconds only"),
        ),
        (
            datetime.datetime(2023, 4, 14, tzinfo=datetime.timezone(THIRTY_SECONDS)),
            ("$.offset", "a UTC offset is kept to the minute"),
        ),
    ],
)  # fmt: skip
def test_from_datetime_refuses_what_the_text_form_cannot_keep(
    moment_: datetime.datetime, problem: tuple[str, str]
) -> None:
    with pytest.raises(ValidationError) as err:
        PartialDate.from_datetime(moment_)
    assert err.value.problems == (problem,)


def test_a_moment_is_the_same_moment_in_another_zone() -> None:
    call = moment("2023-04-15T08:00:00+08:00[Asia/Shanghai]")
    washington = call.in_zone("America/New_York")
    assert str(washington) == "2023-04-14T20:00:00-04:00[America/New_York]"
    assert washington.instant == call.instant
    assert str(moment("2023-04-14T10:30:00+05:00").in_zone("UTC")) == "2023-04-14T05:30:00Z[UTC]"


@pytest.mark.parametrize(
    ("text", "zone", "problem"),
    [
        ("2023-04-15[Asia/Shanghai]", "UTC", ("$", "2023-04-15[Asia/Shanghai] is not a moment: "
         "it needs a time of day and an offset or zone")),
        ("2023-04-15T08:00:00", "UTC", ("$", "2023-04-15T08:00:00 is not a moment: it needs a "
         "time of day and an offset or zone")),
        ("2023-04-15T08:00:00Z", "Asia/Beijing", ("$.zone", "'Asia/Beijing' is not a time zone "
         "the IANA database names, such as 'Asia/Karachi' or 'America/New_York'")),
        ("2023-04-15T08:00:00Z", 8, ("$.zone", "expected a time zone name as text, got int")),
    ],
)  # fmt: skip
def test_in_zone_needs_a_moment_and_a_known_zone(
    text: str, zone: Any, problem: tuple[str, str]
) -> None:
    with pytest.raises(ValidationError) as err:
        moment(text).in_zone(zone)
    assert err.value.problems == (problem,)


@pytest.mark.parametrize(
    ("first", "second", "before"),
    [
        # a Washington report the evening before, of a call dated by Beijing's calendar
        ("2023-04-14T20:00:00-04:00", "2023-04-15T08:00:00[Asia/Shanghai]", False),
        ("2023-04-14T19:59:59-04:00", "2023-04-15T08:00:00[Asia/Shanghai]", True),
        ("2023-04-14[America/New_York]", "2023-04-15[Asia/Shanghai]", False),
        ("2023-04-13[America/New_York]", "2023-04-15[Asia/Shanghai]", True),
        # by no stated clock: days as written, and times of one day by one clock
        ("2023-04-14", "2023-04-15", True),
        ("2023-04-14T20:00:00-04:00", "2023-04-15", True),
        ("2023-04-15T09:00:00", "2023-04-15T10:00:00", True),
        ("2023-04-15T10:00:00", "2023-04-15T09:00:00", False),
        ("2023-04-15T09:00:00", "2023-04-15", False),
        ("2023-04", "2023-04-30", False),
    ],
)
def test_surely_before_compares_anchored_dates_by_the_world_s_clock(
    first: str, second: str, before: bool
) -> None:
    assert surely_before(moment(first), moment(second)) is before


@given(partial_dates(), partial_dates())
def test_surely_before_is_never_true_both_ways(a: PartialDate, b: PartialDate) -> None:
    assert not (surely_before(a, b) and surely_before(b, a))
    assert not surely_before(a, a)


def test_dates_on_one_day_sort_by_their_time() -> None:
    texts = ["2023-04-14T10:00:00", "2023-04-14", "2023-04-14T09:00:00+05:00", "2023-04"]
    assert [str(d) for d in sorted(map(moment, texts))] == [
        "2023-04",
        "2023-04-14",
        "2023-04-14T09:00:00+05:00",
        "2023-04-14T10:00:00",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 April 2023, 10:30", "2023-04-14T10:30:00"),
        ("14 April 2023 10:30:15", "2023-04-14T10:30:15"),
        ("April 14, 2023 at 3 p.m.", "2023-04-14T15:00:00"),
        ("April 14, 2023 at 12am", "2023-04-14T00:00:00"),
        ("8 a.m. on 15 April 2023", "2023-04-15T08:00:00"),
        ("14 April 2023 10:30 UTC+5", "2023-04-14T10:30:00+05:00"),
        ("14 April 2023 10:30 GMT-4", "2023-04-14T10:30:00-04:00"),
        ("14 April 2023 10:30 UTC", "2023-04-14T10:30:00Z"),
        ("14 April 2023 10:30 GMT+5:30", "2023-04-14T10:30:00+05:30"),
        ("2023-04-14 10:30:00+0500", "2023-04-14T10:30:00+05:00"),
        ("2023-04-14T10:30:00Z", "2023-04-14T10:30:00Z"),
        ("14 April 2023 10:30 local time", "2023-04-14T10:30:00"),
    ],
)
def test_read_date_reads_a_time_of_day_and_its_offset(text: str, expected: str) -> None:
    assert str(read_date(text)) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("14 April 2023 10:30 EST", "'EST' may name more than one time zone: write the UTC "
         "offset (such as '+05:00') or pass the zone's IANA name as zone="),
        ("14 April 2023 at 10:30 (PKT)", "'PKT' may name more than one time zone"),
        ("15 April 2023 8:00 Beijing time", "'Beijing time' names a time zone: pass its IANA "
         "name as zone=, such as zone='Asia/Shanghai'"),
        ("14 April 2023 10:30 - 12:00", "it gives more than one time of day"),
        ("about 14 April 2023 10:00", "a time of day is not marked approximate or uncertain"),
        ("14 April 2023 10:00?", "a time of day is not marked approximate or uncertain"),
        ("April 2023 10:00", "a time of day needs a day"),
        ("14 April 2023 13:00 pm", "13 is not an hour of a 12-hour clock"),
        ("14 April 2023 25:00", "'25:00' is not a time of day"),
        ("14 April 2023 10:30:15.5", "a time is kept to the second; write no fraction"),
    ],
)  # fmt: skip
def test_read_date_refuses_a_time_it_cannot_read_whole(text: str, reason: str) -> None:
    with pytest.raises(ValidationError) as err:
        read_date(text)
    [(path, message)] = err.value.problems
    assert path == "$"
    assert message.startswith(f"cannot read {text!r} as a date: {reason}")


def test_read_date_dates_the_text_by_a_zone_it_is_given() -> None:
    assert str(read_date("15 April 2023", zone="Asia/Shanghai")) == "2023-04-15[Asia/Shanghai]"
    assert (
        str(read_date("15 April 2023, 8:00 local time", zone="Asia/Shanghai"))
        == "2023-04-15T08:00:00[Asia/Shanghai]"
    )
    assert str(read_date("April 2023", zone="Asia/Shanghai")) == "2023-04"
    both = read_date("14 April 2023 10:30 UTC+5", zone="Asia/Karachi")
    assert str(both) == "2023-04-14T10:30:00+05:00[Asia/Karachi]"


@pytest.mark.parametrize(
    ("text", "zone", "problem"),
    [
        ("14 April 2023", "Asia/Lahore", ("$.zone", "'Asia/Lahore' is not a time zone the "
         "IANA database names, such as 'Asia/Karachi' or 'America/New_York'")),
        ("14 April 2023", 5, ("$.zone", "expected a time zone name as text, got int")),
        ("26 March 2023 2:30", "Europe/Paris", ("$", "cannot read '26 March 2023 2:30' as a "
         "date: 2023-03-26T02:30:00 does not exist in Europe/Paris: the clocks skip it")),
        ("14 April 2023 10:30 UTC+4", "Asia/Karachi", ("$", "cannot read '14 April 2023 10:30 "
         "UTC+4' as a date: +04:00 is not the offset of Asia/Karachi at 2023-04-14T10:30:00, "
         "which is +05:00")),
    ],
)  # fmt: skip
def test_read_date_refuses_a_zone_that_does_not_fit(
    text: str, zone: Any, problem: tuple[str, str]
) -> None:
    with pytest.raises(ValidationError) as err:
        read_date(text, zone=zone)
    assert err.value.problems == (problem,)


def test_as_partial_date_keeps_a_datetime_s_time() -> None:
    assert str(as_partial_date(datetime.datetime(2023, 4, 14, 10, 30))) == "2023-04-14T10:30:00"


@given(partial_dates())
def test_repr_makes_the_same_date_and_shows_a_time_only_when_there_is_one(
    date: PartialDate,
) -> None:
    assert eval(repr(date), {"PartialDate": PartialDate}) == date
    assert ("hour=" in repr(date)) is (date.hour is not None)


@pytest.mark.parametrize("zone", ["America", "Etc", "localtime", "posixrules"])
def test_a_folder_of_zones_or_a_machine_s_own_zone_is_no_zone(zone: str) -> None:
    with pytest.raises(ValidationError) as err:
        PartialDate.parse(f"2023-04-14[{zone}]")
    assert err.value.problems == (
        (
            "$.zone",
            f"{zone!r} is not a time zone the IANA database names, such as 'Asia/Karachi' or "
            "'America/New_York'",
        ),
    )


@pytest.mark.parametrize(
    ("text", "zone", "expected"),
    [
        ("2023-04-14T10:30:00[Asia/Karachi]", None, "2023-04-14T10:30:00[Asia/Karachi]"),
        ("2023-04-14[Asia/Karachi]", None, "2023-04-14[Asia/Karachi]"),
        ("2023-04-14[Asia/Karachi]", "Asia/Karachi", "2023-04-14[Asia/Karachi]"),
        ("2023-04-14 10:30 Z", None, "2023-04-14T10:30:00Z"),
    ],
)
def test_read_date_keeps_a_zone_in_brackets_and_a_spaced_z(
    text: str, zone: str | None, expected: str
) -> None:
    assert str(read_date(text, zone=zone)) == expected


@pytest.mark.parametrize(
    ("text", "zone", "reason"),
    [
        (
            "2023-04-14T10:30:00[Asia/Karachi]",
            "America/New_York",
            "it is dated in Asia/Karachi, not in the zone given, America/New_York",
        ),
        ("2023-04-14[America]", None, "'America' is not a time zone the IANA database names"),
        ("14 April 2023 10:30p", None, "write a.m. or p.m. in full, such as '10:30 p.m.'"),
        ("14 April 2023 at noon", None, "write noon as a time such as 12:00"),
        ("midnight, 14 April 2023", None, "write midnight as a time such as 12:00"),
    ],
)
def test_read_date_refuses_a_zone_or_time_it_would_otherwise_drop(
    text: str, zone: str | None, reason: str
) -> None:
    with pytest.raises(ValidationError) as err:
        read_date(text, zone=zone)
    [(path, message)] = err.value.problems
    assert (path, message.startswith(f"cannot read {text!r} as a date: {reason}")) == ("$", True)


@pytest.mark.parametrize(
    "text",
    [
        "14 April 2023 10:00 to 15 April 2023 12:00",
        "14 April 2023 10:00 - 15 April 2023 12:00",
        "14-15 April 2023 [Asia/Karachi]",
    ],
)
def test_read_period_refuses_times_and_zones_it_cannot_place(text: str) -> None:
    with pytest.raises(ValidationError) as err:
        read_period(text)
    assert err.value.problems == (
        (
            "$",
            f"cannot read {text!r} as a period: it gives a time of day or a zone; write it as "
            "EDTF, such as '2023-04-14T10:00:00/2023-04-14T12:00:00'",
        ),
    )


def test_a_period_s_ends_are_split_outside_zone_brackets_however_long() -> None:
    text = "2023-04-14[" + "A/" * 50_000 + "]/.."
    with pytest.raises(ValidationError):
        Period.parse(text)  # refused for its zone, after one pass over the text
    assert Period.parse("2023-04-14[Asia/Karachi]/..").end is OPEN


@pytest.mark.parametrize(
    ("text", "zone", "problem"),
    [
        ("0001-01-01T00:00:00+05:00", "UTC", "lies too near the year 1 or 9999 to move"),
        ("9999-12-31T23:00:00-05:00", "Asia/Tokyo", "lies too near the year 1 or 9999 to move"),
        ("9999-12-31T20:00:00Z", "Asia/Tokyo", "in Asia/Tokyo lies past the year 9999"),
    ],
)
def test_in_zone_refuses_moments_past_the_years_a_date_holds(
    text: str, zone: str, problem: str
) -> None:
    with pytest.raises(ValidationError) as err:
        PartialDate.parse(text).in_zone(zone)
    assert err.value.problems == (("$", f"{text} {problem}"),)
    assert PartialDate.parse(text).instant is None or zone == "Asia/Tokyo"


def test_a_zone_s_local_mean_time_is_kept_by_the_zone_alone() -> None:
    kolkata = zoneinfo.ZoneInfo("Asia/Kolkata")
    date = PartialDate.from_datetime(datetime.datetime(1800, 1, 1, tzinfo=kolkata))
    assert (str(date), date.offset) == ("1800-01-01T00:00:00[Asia/Kolkata]", None)
    moved = PartialDate.parse("1800-01-01T00:00:00Z").in_zone("Asia/Kolkata")
    assert str(moved) == "1800-01-01T05:53:28[Asia/Kolkata]"
