"""The type checks every diplomod class runs on construction."""

from __future__ import annotations

import math
from typing import Any

import attrs
import pytest

from diplomod import (
    Coordinates,
    Name,
    Office,
    PartialDate,
    Period,
    Person,
    Place,
    State,
    Statement,
    ValidationError,
)


def place(**changes: Any) -> Place:
    fields: dict[str, Any] = {"name": "Samarkand", "country": "UZB"}
    return Place(**(fields | changes))


def statement(**changes: Any) -> Statement:
    fields: dict[str, Any] = {"by": ("PAK", "RUS"), "stance": "agreed", "substance": "Trade."}
    return Statement(**(fields | changes))


# --- strings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (42, "expected a string, got int 42"),
        (b"Samarkand", "expected a string, got bytes b'Samarkand'"),
        (["Samarkand"], "expected a string, got list ['Samarkand']"),
        (None, "expected a string, got NoneType None"),
    ],
)
def test_a_string_field_refuses_other_types(value: Any, message: str) -> None:
    with pytest.raises(ValidationError) as err:
        place(name=value)
    assert err.value.problems == (("$.name", message),)


def test_an_optional_string_field_names_null_as_allowed() -> None:
    with pytest.raises(ValidationError) as err:
        place(region=7)
    assert err.value.problems == (("$.region", "expected a string or null, got int 7"),)


def test_an_optional_field_accepts_none() -> None:
    assert place(region=None).region is None


# --- integers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "expected an integer, got bool True"),
        (False, "expected an integer, got bool False"),
        (2023.0, "expected an integer, got float 2023.0"),
        ("2023", "expected an integer, got str '2023'"),
        (None, "expected an integer, got NoneType None"),
    ],
)
def test_an_integer_field_refuses_bools_floats_and_strings(value: Any, message: str) -> None:
    with pytest.raises(ValidationError) as err:
        PartialDate(year=value)
    assert err.value.problems == (("$.year", message),)


@pytest.mark.parametrize("value", [True, 4.0, "4"])
def test_an_optional_integer_field_refuses_bools_and_other_types(value: Any) -> None:
    with pytest.raises(ValidationError) as err:
        PartialDate(year=2023, month=value)
    assert err.value.problems == (
        ("$.month", f"expected an integer or null, got {type(value).__name__} {value!r}"),
    )


def test_an_optional_integer_field_refuses_a_bool() -> None:
    with pytest.raises(ValidationError) as err:
        place(geonames_id=True)
    assert err.value.problems == (("$.geonames_id", "expected an integer or null, got bool True"),)


# --- numbers ---------------------------------------------------------------------------------


def test_a_float_field_accepts_an_int() -> None:
    point = Coordinates(latitude=41, longitude=-67)
    assert (point.latitude, point.longitude) == (41, -67)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "expected a number, got bool True"),
        ("41.3", "expected a number, got str '41.3'"),
        (None, "expected a number, got NoneType None"),
        (math.nan, "must be a finite number, not nan"),
        (math.inf, "must be a finite number, not inf"),
        (-math.inf, "must be a finite number, not -inf"),
    ],
)
def test_a_float_field_refuses_bools_strings_and_non_finite_numbers(
    value: Any, message: str
) -> None:
    with pytest.raises(ValidationError) as err:
        Coordinates(latitude=value, longitude=67.0)
    assert err.value.problems == (("$.latitude", message),)


# --- booleans --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (1, "expected a boolean, got int 1"),
        (0, "expected a boolean, got int 0"),
        ("yes", "expected a boolean, got str 'yes'"),
        (None, "expected a boolean, got NoneType None"),
    ],
)
def test_a_bool_field_refuses_ints_and_strings(value: Any, message: str) -> None:
    with pytest.raises(ValidationError) as err:
        PartialDate(year=2021, approximate=value)
    assert err.value.problems == (("$.approximate", message),)


# --- literals --------------------------------------------------------------------------------


def test_a_literal_field_lists_its_choices() -> None:
    with pytest.raises(ValidationError) as err:
        State(code="PAK", name="Pakistan", common_name="Pakistan", status="gone")  # type: ignore[arg-type]
    assert err.value.problems == (
        ("$.status", "expected one of 'assigned', 'withdrawn', 'user-assigned', got str 'gone'"),
    )


# --- nested objects --------------------------------------------------------------------------


def test_a_nested_object_field_refuses_a_plain_value() -> None:
    with pytest.raises(ValidationError) as err:
        place(coordinates=(39.65, 66.96))
    assert err.value.problems == (
        ("$.coordinates", "expected a Coordinates or null, got tuple (39.65, 66.96)"),
    )


def test_a_nested_object_field_refuses_an_object_of_another_class() -> None:
    with pytest.raises(ValidationError) as err:
        Period(start=Name(text="2021"))  # type: ignore[arg-type]
    assert err.value.problems == (
        (
            "$.start",
            "expected a PartialDate, OPEN or null, got Name Name(text='2021', language=None)",
        ),
    )


# --- tuples and frozensets -------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", [["PAK", "RUS"], ("PAK", "RUS"), iter(["PAK", "RUS"]), (p for p in ("PAK", "RUS"))]
)
def test_any_iterable_is_taken_where_a_tuple_is_needed(value: Any) -> None:
    assert statement(by=value).by == ("PAK", "RUS")


def test_a_list_of_objects_becomes_a_tuple() -> None:
    person = Person(id="p", name="Hina Rabbani Khar", other_names=[Name(text="Hina")])  # type: ignore[arg-type]
    assert person.other_names == (Name(text="Hina"),)


@pytest.mark.parametrize("value", ["PAK", b"PAK", {"PAK": 1}, 5])
def test_a_string_a_mapping_or_a_number_is_refused_where_a_tuple_is_needed(value: Any) -> None:
    with pytest.raises(ValidationError) as err:
        statement(by=value)
    ((path, message),) = err.value.problems
    assert path == "$.by"
    assert message == f"expected a tuple, got {type(value).__name__} {value!r}"


def test_the_items_of_an_iterable_are_checked_at_their_places() -> None:
    with pytest.raises(ValidationError) as err:
        statement(by=["PAK", "RUSS"])
    assert err.value.problems == (("$.by[1]", "unknown state code 'RUSS'; did you mean 'RUS'?"),)


def test_a_long_value_is_shortened_in_the_message() -> None:
    with pytest.raises(ValidationError) as err:
        statement(by="a" * 60)
    ((path, message),) = err.value.problems
    assert path == "$.by"
    assert message == "expected a tuple, got str " + repr("a" * 60)[:37] + "..."


def test_a_string_is_refused_where_a_frozenset_is_needed() -> None:
    with pytest.raises(ValidationError) as err:
        statement(areas="economy.trade")
    assert err.value.problems == (("$.areas", "expected a frozenset, got str 'economy.trade'"),)


@pytest.mark.parametrize(
    "value",
    [
        {"economy.trade"},
        ("economy.trade",),
        ["economy.trade", "economy.trade"],
        iter(["economy.trade"]),
    ],
)
def test_any_iterable_is_taken_where_a_frozenset_is_needed(value: Any) -> None:
    assert statement(areas=value).areas == frozenset({"economy.trade"})


def test_unhashable_items_are_refused_where_a_frozenset_is_needed() -> None:
    with pytest.raises(ValidationError) as err:
        statement(areas=[["economy.trade"]])
    assert err.value.problems == (
        ("$.areas", "expected a frozenset, got tuple (['economy.trade'],)"),
    )


def test_a_wrong_item_in_a_tuple_is_reported_at_its_index() -> None:
    with pytest.raises(ValidationError) as err:
        Person(id="p", name="Hina Rabbani Khar", other_names=(Name(text="Hina"), "Khar"))  # type: ignore[arg-type]
    assert err.value.problems == (("$.other_names[1]", "expected a Name, got str 'Khar'"),)


def test_every_wrong_item_in_a_tuple_is_reported() -> None:
    with pytest.raises(ValidationError) as err:
        statement(by=(7, "PAK", "UZBK"))
    assert err.value.problems == (
        ("$.by[0]", "expected a string, got int 7"),
        ("$.by[2]", "unknown state code 'UZBK'; did you mean 'UZB'?"),
    )


def test_frozenset_items_are_reported_at_their_sorted_position() -> None:
    with pytest.raises(ValidationError) as err:
        statement(areas=frozenset({"economy.trad", "culture", "energy"}))
    assert err.value.problems == (
        (
            "$.areas[1]",
            "unknown cooperation area 'economy.trad'; "
            "did you mean 'economy.trade', 'economy.tourism' or 'economy'?",
        ),
    )


def test_a_wrong_item_in_a_frozenset_is_reported() -> None:
    with pytest.raises(ValidationError) as err:
        statement(areas=frozenset({"culture", 5}))
    # Items that cannot be compared are written out in the order of their repr.
    assert err.value.problems == (("$.areas[1]", "expected a string, got int 5"),)


def test_class_names_starting_with_a_vowel_take_an() -> None:
    with pytest.raises(ValidationError) as err:
        Person(id="p", name="Sergey Lavrov", offices=("Minister",))  # type: ignore[arg-type]
    assert err.value.problems == (("$.offices[0]", "expected an Office, got str 'Minister'"),)


# --- all problems at once --------------------------------------------------------------------


def test_every_field_problem_is_reported_at_once_in_field_order() -> None:
    with pytest.raises(ValidationError) as err:
        Place(
            name=" Samarkand",
            country="UZBK",
            region="",
            coordinates="39.65,66.96",  # type: ignore[arg-type]
            geonames_id="1216265",  # type: ignore[arg-type]
        )
    assert err.value.problems == (
        ("$.name", "must not start or end with white space"),
        ("$.country", "unknown state code 'UZBK'; did you mean 'UZB'?"),
        ("$.region", "must not be empty"),
        ("$.coordinates", "expected a Coordinates or null, got str '39.65,66.96'"),
        ("$.geonames_id", "expected an integer or null, got str '1216265'"),
    )
    assert str(err.value).startswith("5 problems:\n  $.name: ")


def test_cross_field_rules_wait_until_every_field_is_well_typed() -> None:
    # A day without a month breaks a cross-field rule, but only the bad year is reported.
    with pytest.raises(ValidationError) as err:
        PartialDate(year=0, day=5)
    assert err.value.problems == (("$.year", "0 is outside the range [1, 9999]"),)


def test_cross_field_rules_run_once_the_fields_are_good() -> None:
    with pytest.raises(ValidationError) as err:
        PartialDate(year=2023, day=5)
    assert err.value.problems == (("$.day", "a day needs a month"),)


# --- attrs behaviour -------------------------------------------------------------------------


def test_evolve_runs_the_checks_again() -> None:
    original = place()
    with pytest.raises(ValidationError) as err:
        attrs.evolve(original, country="UZBK")
    assert err.value.problems == (("$.country", "unknown state code 'UZBK'; did you mean 'UZB'?"),)


def test_evolve_runs_cross_field_rules_again() -> None:
    with pytest.raises(ValidationError) as err:
        attrs.evolve(PartialDate(year=2024, month=2, day=29), year=2023)
    assert err.value.problems == (("$.day", "February 2023 has 28 days, not 29"),)


def test_evolve_with_good_values_gives_a_new_object_and_keeps_the_old() -> None:
    original = place()
    moved = attrs.evolve(original, name="Tashkent", geonames_id=1512569)
    assert (moved.name, moved.country, moved.geonames_id) == ("Tashkent", "UZB", 1512569)
    assert (original.name, original.geonames_id) == ("Samarkand", None)


@pytest.mark.parametrize(
    ("obj", "field"),
    [
        (Place(name="Samarkand", country="UZB"), "country"),
        (Coordinates(latitude=39.65, longitude=66.96), "latitude"),
        (PartialDate(year=2023), "month"),
        (Name(text="Hina"), "language"),
        (Office(title="Minister", represents="PAK"), "title"),
    ],
)
def test_objects_are_frozen(obj: Any, field: str) -> None:
    before = getattr(obj, field)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(obj, field, "changed")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        delattr(obj, field)
    assert getattr(obj, field) == before


def test_objects_are_equal_and_hash_alike_by_value() -> None:
    first = Place(name="Samarkand", country="UZB", coordinates=Coordinates(latitude=1, longitude=2))
    second = Place(
        name="Samarkand", country="UZB", coordinates=Coordinates(latitude=1, longitude=2)
    )
    assert first is not second
    assert first == second
    assert hash(first) == hash(second)
    assert len({first, second}) == 1


def test_objects_differing_in_one_field_are_not_equal() -> None:
    assert place() != place(region="Samarkand Region")
    assert PartialDate(year=2021) != PartialDate(year=2021, approximate=True)


def test_objects_with_tuple_fields_are_hashable() -> None:
    person = Person(id="p", name="Hina Rabbani Khar", other_names=(Name(text="Hina"),))
    assert {person: 1}[Person(id="p", name="Hina Rabbani Khar", other_names=(Name(text="Hina"),))]


@pytest.mark.parametrize(
    "make",
    [
        lambda: Place("Samarkand", "UZB"),  # type: ignore[call-arg]
        lambda: Coordinates(39.65, 66.96),  # type: ignore[call-arg]
        lambda: PartialDate(2023),  # type: ignore[call-arg]
        lambda: Period(PartialDate(year=2023)),  # type: ignore[call-arg]
        lambda: Name("Hina"),  # type: ignore[call-arg]
        lambda: Office("Minister", "PAK"),  # type: ignore[call-arg]
    ],
)
def test_fields_are_keyword_only(make: Any) -> None:
    with pytest.raises(TypeError, match="positional argument"):
        make()


def test_a_missing_required_field_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="country"):
        Place(name="Samarkand")  # type: ignore[call-arg]
