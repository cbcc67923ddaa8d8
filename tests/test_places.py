"""Places and coordinates."""

from __future__ import annotations

import math
from typing import Any

import pytest

from diplomod import Coordinates, Place, ValidationError


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [
        (-90, -180),
        (90, 180),
        (-90.0, 180.0),
        (90.0, -180.0),
        (0, 0),
        (39.6542, 66.9597),
        (-33.8688, 151.2093),
    ],
)
def test_coordinates_accept_the_whole_range_including_the_bounds(
    latitude: float, longitude: float
) -> None:
    point = Coordinates(latitude=latitude, longitude=longitude)
    assert (point.latitude, point.longitude) == (latitude, longitude)


@pytest.mark.parametrize(
    ("latitude", "message"),
    [
        (90.000001, "90.000001 is outside the range [-90, 90]"),
        (-90.000001, "-90.000001 is outside the range [-90, 90]"),
        (91, "91 is outside the range [-90, 90]"),
        (-91, "-91 is outside the range [-90, 90]"),
        (math.nan, "must be a finite number, not nan"),
        (math.inf, "must be a finite number, not inf"),
    ],
)
def test_latitude_beyond_the_poles_is_refused(latitude: float, message: str) -> None:
    with pytest.raises(ValidationError) as err:
        Coordinates(latitude=latitude, longitude=0)
    assert err.value.problems == (("$.latitude", message),)


@pytest.mark.parametrize(
    ("longitude", "message"),
    [
        (180.000001, "180.000001 is outside the range [-180, 180]"),
        (-180.000001, "-180.000001 is outside the range [-180, 180]"),
        (181, "181 is outside the range [-180, 180]"),
        (360, "360 is outside the range [-180, 180]"),
        (-math.inf, "must be a finite number, not -inf"),
    ],
)
def test_longitude_beyond_the_antimeridian_is_refused(longitude: float, message: str) -> None:
    with pytest.raises(ValidationError) as err:
        Coordinates(latitude=0, longitude=longitude)
    assert err.value.problems == (("$.longitude", message),)


def test_swapped_coordinates_are_caught_when_out_of_range() -> None:
    # Samarkand's longitude given as a latitude, and a longitude out of range too.
    with pytest.raises(ValidationError) as err:
        Coordinates(latitude=166.96, longitude=-200)
    assert err.value.problems == (
        ("$.latitude", "166.96 is outside the range [-90, 90]"),
        ("$.longitude", "-200 is outside the range [-180, 180]"),
    )


def test_coordinates_are_both_required() -> None:
    with pytest.raises(TypeError, match="longitude"):
        Coordinates(latitude=39.65)  # type: ignore[call-arg]


# --- Place -----------------------------------------------------------------------------------


def test_a_full_place() -> None:
    samarkand = Place(
        name="Samarkand",
        country="UZB",
        region="Samarqand Region",
        coordinates=Coordinates(latitude=39.6542, longitude=66.9597),
        geonames_id=1216265,
    )
    assert samarkand.country == "UZB"
    assert samarkand.coordinates == Coordinates(latitude=39.6542, longitude=66.9597)
    assert samarkand.geonames_id == 1216265


def test_a_place_needs_only_a_name_and_a_country() -> None:
    place = Place(name="Islamabad", country="PAK")
    assert (place.region, place.coordinates, place.geonames_id) == (None, None, None)


@pytest.mark.parametrize("name", ["Самарканд", "سمرقند", "撒马尔罕", "Pristina"])
def test_a_place_name_may_be_in_any_script(name: str) -> None:
    assert Place(name=name, country="XKX" if name == "Pristina" else "UZB").name == name


@pytest.mark.parametrize(
    ("country", "message"),
    [
        ("UZBK", "unknown state code 'UZBK'; did you mean 'UZB'?"),
        ("PAKI", "unknown state code 'PAKI'; did you mean 'PAK'?"),
        ("XYZ", "unknown state code 'XYZ'"),
    ],
)
def test_a_place_needs_a_known_country(country: str, message: str) -> None:
    with pytest.raises(ValidationError) as err:
        Place(name="Samarkand", country=country)
    assert err.value.problems == (("$.country", message),)


@pytest.mark.parametrize("geonames_id", [1, 1216265, 2**31 - 1])
def test_geonames_ids_within_range_are_accepted(geonames_id: int) -> None:
    assert Place(name="Samarkand", country="UZB", geonames_id=geonames_id).geonames_id == (
        geonames_id
    )


@pytest.mark.parametrize(
    ("geonames_id", "shown"), [(0, "0"), (-1216265, "-1216265"), (2**31, "2147483648")]
)
def test_geonames_ids_out_of_range_are_refused(geonames_id: int, shown: str) -> None:
    with pytest.raises(ValidationError) as err:
        Place(name="Samarkand", country="UZB", geonames_id=geonames_id)
    ((path, message),) = err.value.problems
    assert path == "$.geonames_id"
    assert message.startswith(f"{shown} is outside the range [1, ")


@pytest.mark.parametrize(
    ("geonames_id", "message"),
    [
        ("1216265", "expected an integer or null, got str '1216265'"),
        (1216265.0, "expected an integer or null, got float 1216265.0"),
        (True, "expected an integer or null, got bool True"),
    ],
)
def test_a_geonames_id_must_be_an_integer(geonames_id: Any, message: str) -> None:
    with pytest.raises(ValidationError) as err:
        Place(name="Samarkand", country="UZB", geonames_id=geonames_id)
    assert err.value.problems == (("$.geonames_id", message),)


@pytest.mark.parametrize(
    ("region", "message"),
    [("", "must not be empty"), ("Samarqand Region ", "must not start or end with white space")],
)
def test_a_region_must_be_clean_text(region: str, message: str) -> None:
    with pytest.raises(ValidationError) as err:
        Place(name="Samarkand", country="UZB", region=region)
    assert err.value.problems == (("$.region", message),)


def test_coordinates_must_be_a_coordinates_object() -> None:
    with pytest.raises(ValidationError) as err:
        Place(name="Samarkand", country="UZB", coordinates={"latitude": 39.65})  # type: ignore[arg-type]
    assert err.value.problems == (
        ("$.coordinates", "expected a Coordinates or null, got dict {'latitude': 39.65}"),
    )
