"""Where things happen."""

from __future__ import annotations

from typing import Annotated

import attrs

from diplomod._checks import check
from diplomod._rules import Range
from diplomod._types import GeoNamesId, Label, StateCode


@attrs.frozen(kw_only=True)
class Coordinates:
    """A point on the Earth in WGS 84 degrees.

    Attributes:
        latitude: Degrees north, -90 to 90.
        longitude: Degrees east, -180 to 180.
    """

    latitude: Annotated[float, Range(-90, 90)]
    longitude: Annotated[float, Range(-180, 180)]

    def __attrs_post_init__(self) -> None:
        check(self)


@attrs.frozen(kw_only=True)
class Place:
    """A named place: a city, a venue, a region.

    >>> Place(name="Samarkand", country="UZB").country
    'UZB'

    Attributes:
        name: The place's name as the source gives it.
        country: The state the place is in.
        region: The region, province or similar within the state.
        coordinates: Where the place is.
        geonames_id: The place's GeoNames id.
    """

    name: Label
    country: StateCode
    region: Label | None = None
    coordinates: Coordinates | None = None
    geonames_id: GeoNamesId | None = None

    def __attrs_post_init__(self) -> None:
        check(self)
