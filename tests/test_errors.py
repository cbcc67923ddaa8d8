"""ValidationError: how problems are reported, moved, pickled and refused."""

from __future__ import annotations

import copy
import pickle

import pytest

from diplomod import Place, ValidationError
from diplomod.errors import join


def test_one_problem_reads_as_a_single_line() -> None:
    error = ValidationError([("$.country", "unknown state code 'UZBK'")])
    assert str(error) == "$.country: unknown state code 'UZBK'"


def test_many_problems_are_counted_and_listed_one_per_line_in_order() -> None:
    error = ValidationError(
        [
            ("$.name", "must not be empty"),
            ("$.country", "unknown state code 'UZBK'"),
            ("$.coordinates.latitude", "91 is outside the range [-90, 90]"),
        ]
    )
    assert str(error) == (
        "3 problems:\n"
        "  $.name: must not be empty\n"
        "  $.country: unknown state code 'UZBK'\n"
        "  $.coordinates.latitude: 91 is outside the range [-90, 90]"
    )


def test_problems_are_kept_as_a_tuple_of_pairs_in_the_order_given() -> None:
    pairs = [("$.b", "second"), ("$.a", "first")]
    error = ValidationError(iter(pairs))  # any iterable will do, even a one-shot one
    assert error.problems == (("$.b", "second"), ("$.a", "first"))
    assert isinstance(error.problems, tuple)


def test_is_a_value_error_so_existing_handlers_catch_it() -> None:
    error = ValidationError([("$", "bad")])
    assert isinstance(error, ValueError)
    with pytest.raises(ValueError, match=r"^\$: bad$"):
        raise error


def test_refuses_an_empty_list_of_problems() -> None:
    with pytest.raises(ValueError, match="needs at least one problem") as caught:
        ValidationError([])
    assert not isinstance(caught.value, ValidationError)


def test_under_moves_every_path_beneath_the_prefix() -> None:
    error = ValidationError([("$", "whole value"), ("$.country", "unknown"), ("$[0].x", "bad")])
    moved = error.under("$.participants[2]")
    assert isinstance(moved, ValidationError)
    assert moved.problems == (
        ("$.participants[2]", "whole value"),
        ("$.participants[2].country", "unknown"),
        ("$.participants[2][0].x", "bad"),
    )


def test_under_leaves_the_original_error_alone() -> None:
    error = ValidationError([("$.country", "unknown")])
    error.under("$.where")
    assert error.problems == (("$.country", "unknown"),)


def test_under_can_be_applied_twice() -> None:
    error = ValidationError([("$.latitude", "out of range")])
    assert error.under("$.coordinates").under("$.where").problems == (
        ("$.where.coordinates.latitude", "out of range"),
    )


def test_join_appends_a_relative_path() -> None:
    assert join("$.where", "$.country") == "$.where.country"
    assert join("$.where", "$") == "$.where"
    assert join("$.by", "$[1]") == "$.by[1]"


def test_pickle_round_trip_keeps_problems_type_and_text() -> None:
    error = ValidationError([("$.name", "must not be empty"), ("$.country", "unknown")])
    copied = pickle.loads(pickle.dumps(error))
    assert type(copied) is ValidationError
    assert copied.problems == error.problems
    assert str(copied) == str(error)


def test_copy_keeps_the_problems() -> None:
    error = ValidationError([("$.name", "must not be empty")])
    assert copy.copy(error).problems == error.problems
    assert copy.deepcopy(error).problems == error.problems


def test_an_error_raised_by_a_class_survives_pickling() -> None:
    with pytest.raises(ValidationError) as caught:
        Place(name=" Samarkand", country="UZBK")
    copied = pickle.loads(pickle.dumps(caught.value))
    assert copied.problems == (
        ("$.name", "must not start or end with white space"),
        ("$.country", "unknown state code 'UZBK'; did you mean 'UZB'?"),
    )


# --- the line of a JSON Lines file -----------------------------------------------------------


def test_line_is_none_unless_given() -> None:
    assert ValidationError([("$", "bad")]).line is None


def test_line_is_keyword_only() -> None:
    with pytest.raises(TypeError):
        ValidationError([("$", "bad")], 3)  # type: ignore[call-arg]


def test_str_starts_with_the_line_when_known() -> None:
    one = ValidationError([("$.country", "unknown")], line=3)
    assert str(one) == "line 3: $.country: unknown"
    many = ValidationError([("$.name", "must not be empty"), ("$.country", "unknown")], line=12)
    assert str(many) == "line 12: 2 problems:\n  $.name: must not be empty\n  $.country: unknown"


def test_under_keeps_the_line() -> None:
    moved = ValidationError([("$.country", "unknown")], line=7).under("$.where")
    assert (moved.line, moved.problems) == (7, (("$.where.country", "unknown"),))


def test_pickle_round_trip_keeps_the_line() -> None:
    error = ValidationError([("$.country", "unknown")], line=42)
    copied = pickle.loads(pickle.dumps(error))
    assert (copied.line, copied.problems, str(copied)) == (42, error.problems, str(error))
