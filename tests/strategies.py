"""Hypothesis strategies for diplomod's date types, shared by the test modules."""

from __future__ import annotations

import calendar
import datetime

from hypothesis import strategies as st

from diplomod import OPEN, Open, PartialDate, Period
from diplomod.dates import surely_before
from diplomod.testing import clocks


@st.composite
def partial_dates(draw: st.DrawFn, *, min_year: int = 1, max_year: int = 9999) -> PartialDate:
    """Any valid `PartialDate`: year, month or day precision, with or without qualifiers, or
    a day with a time of day, an offset or a zone."""
    year = draw(st.integers(min_value=min_year, max_value=max_year))
    precision = draw(st.sampled_from(["year", "month", "day", "moment"]))
    if precision == "moment":
        first = datetime.date(year, 1, 1)
        return draw(clocks(draw(st.dates(first, first.replace(month=12, day=31)))))
    month = day = None
    if precision != "year":
        month = draw(st.integers(min_value=1, max_value=12))
    if precision == "day":
        assert month is not None
        last = calendar.monthrange(year, month)[1]
        day = draw(st.integers(min_value=1, max_value=last))
    return PartialDate(
        year=year,
        month=month,
        day=day,
        approximate=draw(st.booleans()),
        uncertain=draw(st.booleans()),
    )


@st.composite
def periods(draw: st.DrawFn) -> Period:
    """Any valid `Period`: a start not after its end, and at most one end open (`OPEN`) or
    not known (``None``)."""
    first, second = draw(partial_dates()), draw(partial_dates())
    if surely_before(second, first):
        first, second = second, first
    start: PartialDate | Open | None = first
    end: PartialDate | Open | None = second
    other = draw(st.sampled_from([None, "start", "end"]))
    if other is not None:
        kind = draw(st.sampled_from([OPEN, None]))
        start, end = (kind, end) if other == "start" else (start, kind)
    return Period(start=start, end=end)
